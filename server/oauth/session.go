package oauth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gowx/gowx/server/wechat"
)

// Session is a user signed in by web authorisation.
type Session struct {
	OpenID  string
	UnionID string // set when the account is bound to an Open Platform account
	Scope   wechat.Scope
	// Snapshot marks a visitor of the timeline's snapshot page: the openid
	// is a virtual one, and User reports no user.
	Snapshot bool
	// The profile, with the snsapi_userinfo scope only.
	Nickname   string
	HeadImgURL string
	Country    string
	Province   string
	City       string
	// Expires is when the session ends.
	Expires time.Time
}

// session is the JSON of a session cookie, short names to keep it small.
type sessionJSON struct {
	V        int    `json:"v"`
	OpenID   string `json:"o"`
	UnionID  string `json:"u,omitempty"`
	Scope    string `json:"s"`
	Snapshot bool   `json:"x,omitempty"`
	Nickname string `json:"n,omitempty"`
	HeadImg  string `json:"h,omitempty"`
	Country  string `json:"c,omitempty"`
	Province string `json:"p,omitempty"`
	City     string `json:"t,omitempty"`
	Expires  int64  `json:"e"`
}

// SessionCookie is the name of the session cookie.
const SessionCookie = "gowx_session"

// MinKeyLength is the shortest session key accepted, in bytes.
const MinKeyLength = 32

// maxCookie bounds a session cookie read; one made here is well under it.
const maxCookie = 4096

// sealer signs and verifies session cookies with HMAC-SHA256.
type sealer struct{ key []byte }

// mac is the signature of payload, under a label of its own so that the
// key signs nothing else the same way.
func (s sealer) mac(payload string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte("gowx session v1\x00"))
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// seal is the cookie value of u: payload.signature, both base64url. A
// profile that would make the cookie longer than a browser keeps is
// dropped: the openid is what matters.
func (s sealer) seal(u Session) string {
	v := s.sealJSON(sessionJSON{V: 1, OpenID: u.OpenID, UnionID: u.UnionID, Scope: string(u.Scope), Snapshot: u.Snapshot,
		Nickname: u.Nickname, HeadImg: u.HeadImgURL, Country: u.Country, Province: u.Province, City: u.City, Expires: u.Expires.Unix()})
	if len(SessionCookie)+1+len(v) > maxCookie {
		v = s.sealJSON(sessionJSON{V: 1, OpenID: u.OpenID, UnionID: u.UnionID, Scope: string(u.Scope), Snapshot: u.Snapshot, Expires: u.Expires.Unix()})
	}
	return v
}

func (s sealer) sealJSON(j sessionJSON) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // shorter: the cookie is no HTML
	enc.Encode(j)
	payload := base64.RawURLEncoding.EncodeToString([]byte(strings.TrimSuffix(b.String(), "\n")))
	return payload + "." + base64.RawURLEncoding.EncodeToString(s.mac(payload))
}

// open verifies a cookie value and returns its user, if signed by the key
// and not expired at now.
func (s sealer) open(value string, now time.Time) (Session, bool) {
	if len(value) > maxCookie {
		return Session{}, false
	}
	payload, sig, ok := strings.Cut(value, ".")
	if !ok {
		return Session{}, false
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac(payload)) {
		return Session{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(payload)
	var ss sessionJSON
	if err != nil || json.Unmarshal(b, &ss) != nil || ss.V != 1 || ss.OpenID == "" || !wechat.Scope(ss.Scope).Valid() {
		return Session{}, false
	}
	exp := time.Unix(ss.Expires, 0)
	if !now.Before(exp) {
		return Session{}, false
	}
	return Session{OpenID: ss.OpenID, UnionID: ss.UnionID, Scope: wechat.Scope(ss.Scope), Snapshot: ss.Snapshot, Nickname: ss.Nickname,
		HeadImgURL: ss.HeadImg, Country: ss.Country, Province: ss.Province, City: ss.City, Expires: exp}, true
}

type userKey struct{}

// User returns the user of r's session, as Flow.Wrap put it in r's
// context: false without a session, and false for a snapshot page's
// visitor (whose Session has Snapshot set), who is never a real user.
func User(r *http.Request) (Session, bool) { return UserFrom(r.Context()) }

// UserFrom is User for a context.
func UserFrom(ctx context.Context) (Session, bool) {
	u, ok := ctx.Value(userKey{}).(Session)
	return u, ok && !u.Snapshot
}

// KeyFileName is the session key's file in the state directory.
const KeyFileName = "session.key"

// LoadKey returns the session key: the content of file if set (at least
// MinKeyLength bytes), else the key in stateDir's KeyFileName, made (32
// random bytes, mode 0600) if there is none. Sessions outlive a restart,
// and every instance sharing the file or the directory reads the others'.
func LoadKey(file, stateDir string) ([]byte, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("session key (WX_SESSION_KEY_FILE): %w", err)
		}
		b = []byte(strings.TrimSpace(string(b)))
		if len(b) < MinKeyLength {
			return nil, fmt.Errorf("session key (WX_SESSION_KEY_FILE): %d bytes; want at least %d (openssl rand -hex 32)", len(b), MinKeyLength)
		}
		return b, nil
	}
	if stateDir == "" {
		return nil, errors.New("session key: no WX_SESSION_KEY_FILE and no state directory to keep one in")
	}
	path := filepath.Join(stateDir, KeyFileName)
	if b, err := os.ReadFile(path); err == nil {
		if len(b) < MinKeyLength {
			return nil, fmt.Errorf("session key %s: %d bytes; want at least %d", path, len(b), MinKeyLength)
		}
		return b, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("session key: %w", err)
	}
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return nil, fmt.Errorf("session key: %w", err)
	}
	key := make([]byte, MinKeyLength)
	rand.Read(key)
	// Written whole to a file of its own, then linked into place, which
	// fails if the name exists: of two instances making the key at once,
	// one wins, the other reads its key, and none reads half of one.
	tmp, err := os.CreateTemp(stateDir, KeyFileName+".*")
	if err != nil {
		return nil, fmt.Errorf("session key: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(key)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("session key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		return LoadKey("", stateDir)
	} else if err != nil {
		return nil, fmt.Errorf("session key: %w", err)
	}
	return key, nil
}
