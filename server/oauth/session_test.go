package oauth

import (
	"strings"
	"testing"
	"time"

	"github.com/gowx/gowx/server/wechat"
)

// TestSealFits: the largest profile the client keeps fits in a cookie a
// browser keeps, and a larger one loses its profile, not the session.
func TestSealFits(t *testing.T) {
	s := sealer{key: []byte(strings.Repeat("k", MinKeyLength))}
	now := time.Unix(1700000000, 0)
	place := strings.Repeat("𠜎", wechat.MaxPlaceLength)
	big := Session{OpenID: strings.Repeat("o", wechat.MaxIDLength), UnionID: strings.Repeat("u", wechat.MaxIDLength), Scope: wechat.ScopeUserInfo,
		Nickname: strings.Repeat("<😀", wechat.MaxNicknameLength/2), HeadImgURL: "https://a.example.com/" + strings.Repeat(`"`, wechat.MaxProfileField-22),
		Country: place, Province: place, City: place, Expires: now.Add(time.Hour)}
	v := s.seal(big)
	if len(SessionCookie)+1+len(v) > maxCookie {
		t.Fatalf("a cookie of %d bytes", len(v))
	}
	got, ok := s.open(v, now)
	if !ok || got.Nickname != big.Nickname || got.City != place || got.HeadImgURL != big.HeadImgURL || !got.Expires.Equal(big.Expires) {
		t.Fatalf("opened %+v, %v", got, ok)
	}
	huge := big
	huge.Nickname = strings.Repeat("😀", 2000)
	got, ok = s.open(s.seal(huge), now)
	if !ok || got.OpenID != big.OpenID || got.Nickname != "" {
		t.Fatalf("an oversized profile: %+v, %v", got, ok)
	}
	if _, ok := s.open(v, now.Add(time.Hour)); ok {
		t.Fatal("an expired session opened")
	}
	if _, ok := (sealer{key: []byte(strings.Repeat("x", MinKeyLength))}).open(v, now); ok {
		t.Fatal("another key's session opened")
	}
}

// FuzzOpen: whatever a cookie holds, opening it does not panic, and only
// a value this key signed opens.
func FuzzOpen(f *testing.F) {
	s := sealer{key: []byte(strings.Repeat("k", MinKeyLength))}
	now := time.Unix(1700000000, 0)
	good := s.seal(Session{OpenID: "oU1", Scope: wechat.ScopeBase, Expires: now.Add(time.Hour)})
	for _, seed := range []string{good, "", ".", "a.b", good + "x", strings.Replace(good, ".", "..", 1)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		u, ok := s.open(v, now)
		if !ok {
			return
		}
		payload, _, _ := strings.Cut(v, ".")
		if s.seal(u) == "" || payload == "" || u.OpenID == "" || !u.Scope.Valid() {
			t.Fatalf("opened %q as %+v", v, u)
		}
	})
}
