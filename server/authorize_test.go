package server_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/internal/servertest"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// TestSigningNeedsAnAuthorizer: with merchant keys and a card ticket at
// hand but no authoriser, nobody gets a card or pay signature.
func TestSigningNeedsAnAuthorizer(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t)
	srv := h.start(t, func(o *server.Options, _ *wechat.Client) { o.Pay = &server.PayKeys{V3: key, V2: "k"} })
	for path, body := range map[string]string{
		server.CardExtPath:  `{"card_id":"pjZ8Yt1XGILfi-FUsewpnnolGgZk","code":"1434008071","openid":"victim"}`,
		server.CardSignPath: `{"shop_id":"1234"}`,
		server.PayPath:      `{"prepay_id":"wx201410272009395522657a690389285100"}`,
	} {
		if a := do(t, nil, "POST", srv.URL+path, body); a.status != 404 || a.code() != "not_found" {
			t.Errorf("POST %s without an authoriser: %d %v", path, a.status, a.body)
		}
	}
	if calls := h.Fake.Calls(); calls[wechat.PathTicket] != 0 {
		t.Errorf("a refused request fetched a ticket: %v", calls)
	}
	if _, err := server.New(server.Options{AppID: appID, Domains: mustDomains(t, "example.com"), Tickets: fixedTickets{},
		Authorize: allowAll}); err == nil {
		t.Errorf("New accepts a pay authoriser without a merchant key")
	}
}

// TestAuthorizersDecide: what is signed is what the authoriser returns
// for the caller's session, never what the caller asked for; a refusal
// is 403, an unknown caller 401, and neither signs anything.
func TestAuthorizersDecide(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	// The back end's sessions: a user, and the order it created for them.
	sessions := map[string]struct{ openid, prepay string }{"s1": {"oUser1", "wxOrderOfUser1"}}
	session := func(r *http.Request) (struct{ openid, prepay string }, error) {
		s, ok := sessions[r.Header.Get("X-Session")]
		if !ok {
			return s, server.ErrUnauthorized
		}
		return s, nil
	}
	h := newHarness(t)
	srv := h.start(t, func(o *server.Options, _ *wechat.Client) {
		o.Pay = &server.PayKeys{V3: key}
		o.Authorize = server.Authorizers{
			CardExt: func(r *http.Request, req server.CardExtRequest) (server.CardExtRequest, error) {
				s, err := session(r)
				// The back end picks the code and binds the card to the caller.
				return server.CardExtRequest{CardID: req.CardID, Code: "code-for-" + s.openid, OpenID: s.openid}, err
			},
			CardSign: func(r *http.Request, req server.CardSignRequest) (server.CardSignRequest, error) {
				if _, err := session(r); err != nil {
					return req, err
				}
				if req.ShopID != "" {
					return req, errors.New("this shop offers no store filter")
				}
				return req, nil
			},
			Pay: func(r *http.Request, req server.PayRequest) (server.PayRequest, error) {
				s, err := session(r)
				if err == nil && req.PrepayID != s.prepay {
					err = errors.New("no such order of yours")
				}
				return req, err
			},
		}
	})

	a := do(t, nil, "POST", srv.URL+server.CardExtPath, `{"card_id":"pjZ8Yt1XGILfi-FUsewpnnolGgZk","code":"stolen","openid":"oVictim"}`, "X-Session", "s1")
	var ext map[string]any
	if a.status != 200 || json.Unmarshal([]byte(a.body["cardExt"].(string)), &ext) != nil {
		t.Fatalf("card ext: %d %v", a.status, a.body)
	}
	ticket, err := h.store.Load(t.Context(), srv.acct.CardTicket.Key())
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := strconv.ParseInt(ext["timestamp"].(string), 10, 64)
	want := sign.CardExt(sign.CardExtParams{APITicket: ticket.Value, CardID: "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
		Code: "code-for-oUser1", OpenID: "oUser1", Timestamp: ts, NonceStr: ext["nonce_str"].(string)})
	if ext["code"] != "code-for-oUser1" || ext["openid"] != "oUser1" || ext["signature"] != want {
		t.Fatalf("cardExt %v: not what the authoriser decided (signature %s)", ext, want)
	}

	if a := do(t, nil, "POST", srv.URL+server.PayPath, `{"prepay_id":"wxOrderOfUser1"}`, "X-Session", "s1"); a.status != 200 || a.body["package"] != "prepay_id=wxOrderOfUser1" {
		t.Fatalf("the user's own order: %d %v", a.status, a.body)
	}
	refused := []struct {
		path, body, session string
		status              int
		code                string
	}{
		{server.PayPath, `{"prepay_id":"wxSomeoneElsesOrder"}`, "s1", 403, "forbidden"},
		{server.PayPath, `{"prepay_id":"wxOrderOfUser1"}`, "", 401, "unauthorized"},
		{server.PayPath, `{"prepay_id":"wxOrderOfUser1"}`, "forged", 401, "unauthorized"},
		{server.CardExtPath, `{"card_id":"pjZ8Yt1XGILfi-FUsewpnnolGgZk"}`, "", 401, "unauthorized"},
		{server.CardSignPath, `{"shop_id":"1234"}`, "s1", 403, "forbidden"},
		{server.CardSignPath, `{}`, "", 401, "unauthorized"},
	}
	for _, tt := range refused {
		a := do(t, nil, "POST", srv.URL+tt.path, tt.body, "X-Session", tt.session)
		if a.status != tt.status || a.code() != tt.code || a.body["paySign"] != nil || a.body["cardSign"] != nil {
			t.Errorf("POST %s %s as %q: %d %v, want %d %s", tt.path, tt.body, tt.session, a.status, a.body, tt.status, tt.code)
		}
	}
	if a := do(t, nil, "POST", srv.URL+server.PayPath, `{"prepay_id":"wxSomeoneElsesOrder"}`, "X-Session", "s1"); !strings.Contains(a.raw, "no such order of yours") {
		t.Errorf("the refusal does not say why: %s", a.raw)
	}
}

// TestBodiesAreJSON: a signing endpoint takes application/json only, so
// that no page of another origin posts to it without a preflight.
func TestBodiesAreJSON(t *testing.T) {
	srv := signer(t, newHarness(t), &server.PayKeys{V2: "k"})
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
		"application/json; charset=latin1", "application/jsonp", "application/json;;", " "} {
		for _, path := range []string{server.CardExtPath, server.CardSignPath, server.PayPath} {
			a := do(t, nil, "POST", srv.URL+path, `{"card_id":"c","prepay_id":"p"}`, "Content-Type", ct)
			if a.status != 415 || a.code() != "unsupported_media_type" {
				t.Errorf("POST %s as %q: %d %v, want 415", path, ct, a.status, a.body)
			}
		}
	}
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "Application/JSON; charset=UTF-8"} {
		if a := do(t, nil, "POST", srv.URL+server.PayPath, `{"prepay_id":"p"}`, "Content-Type", ct); a.status != 200 {
			t.Errorf("POST as %q: %d %v", ct, a.status, a.body)
		}
	}
}

// TestSignerToken: the binary opens the signing endpoints to its
// operator's token only, compared whole.
func TestSignerToken(t *testing.T) {
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	const token = "0123456789abcdef0123456789abcdef"
	tokenFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tokenFile, []byte(token+"\n"), 0o600)
	env := map[string]string{"WX_APPID": appID, "WX_SECRET": secret, "WX_DOMAINS": "example.com", "WX_API_BASE": fake.URL,
		"WX_ADDR": "127.0.0.1:0", "WX_STATE_DIR": t.TempDir(), "WX_PAY_API_KEY": "pay-api-key", "WX_WEB_DIR": t.TempDir()}
	config := func(extra map[string]string) (server.Config, error) {
		return server.ConfigFromEnv(func(k string) string {
			if v, ok := extra[k]; ok {
				return v
			}
			return env[k]
		})
	}
	bodies := map[string]string{server.CardExtPath: `{"card_id":"c1"}`, server.CardSignPath: `{}`, server.PayPath: `{"prepay_id":"p1"}`}

	// No token: not served.
	cfg, err := config(nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := run(t, cfg, &servertest.Buffer{}, nil)
	for path, body := range bodies {
		if a := do(t, nil, "POST", strings.TrimSuffix(srv.url, "/")+path, body, "Authorization", "Bearer "+token); a.status != 404 {
			t.Errorf("POST %s without WX_SIGNER_TOKEN: %d %v", path, a.status, a.body)
		}
	}
	srv.stop()

	cfg, err = config(map[string]string{"WX_SIGNER_TOKEN_FILE": tokenFile})
	if err != nil || cfg.SignerToken != token {
		t.Fatalf("WX_SIGNER_TOKEN_FILE: %v", err)
	}
	srv = run(t, cfg, &servertest.Buffer{}, nil)
	base := strings.TrimSuffix(srv.url, "/")
	for path, body := range bodies {
		if a := do(t, nil, "POST", base+path, body, "Authorization", "Bearer "+token); a.status != 200 {
			t.Errorf("POST %s with the token: %d %v", path, a.status, a.body)
		}
		for _, auth := range []string{"", "Bearer", "Bearer ", "Bearer " + token[:31], "Bearer " + token + "x", "Basic " + token, token, "bearer" + token} {
			if a := do(t, nil, "POST", base+path, body, "Authorization", auth); a.status != 401 || a.code() != "unauthorized" {
				t.Errorf("POST %s with Authorization %q: %d %v", path, auth, a.status, a.body)
			}
		}
	}
	for _, bad := range []map[string]string{{"WX_SIGNER_TOKEN": "short"}, {"WX_SIGNER_TOKEN": token, "WX_SIGNER_TOKEN_FILE": tokenFile}} {
		if _, err := config(bad); err == nil {
			t.Errorf("ConfigFromEnv accepts %v", bad)
		}
	}
}
