package server_test

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/oauth"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wire"
)

// demoSite is a demo Handler at /wx/ on a loopback port reached as
// localhost, as the binary runs it.
func demoSite(t *testing.T) (base string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	base = "http://localhost:" + port
	h, err := server.NewHandler(t.Context(), server.Config{}, server.HandlerOptions{PublicURL: base + "/", Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
	srv.Start()
	t.Cleanup(srv.Close)
	return base
}

func newBrowser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// follow gets u and returns where it redirects.
func follow(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: HTTP %d %s", u, resp.StatusCode, body)
	}
	loc, _ := url.Parse(resp.Header.Get("Location"))
	return resp.Request.URL.ResolveReference(loc).String()
}

// signInDemo signs a browser in through the demo's fake consent page.
func signInDemo(t *testing.T, c *http.Client, base, scope, page string) {
	t.Helper()
	authorize := follow(t, c, base+"/wx/oauth/start?"+url.Values{"scope": {scope}, "return": {page}}.Encode())
	if !strings.HasPrefix(authorize, base+"/wx/wechatfake"+wechat.PathAuthorize+"?appid="+server.DemoAppID) {
		t.Fatalf("the demo authorises at %s", authorize)
	}
	var cb string
	if scope == string(wechat.ScopeBase) {
		cb = follow(t, c, authorize)
	} else {
		u, _ := url.Parse(authorize)
		form := u.Query()
		form.Set("decision", "allow")
		resp, err := c.PostForm(base+"/wx/wechatfake"+wechat.PathAuthorize, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cb = resp.Header.Get("Location")
	}
	if got := follow(t, c, cb); got != page {
		t.Fatalf("the callback returns to %s, want %s", got, page)
	}
}

// TestDemoSignInAndPay: the demo signs in at its fake WeChat, and the
// shop's order is the signed-in user's, which the fake client checks.
func TestDemoSignInAndPay(t *testing.T) {
	base := demoSite(t)
	c := newBrowser()
	other := `{"openid":"oOtherUser000000000000000000","nickname":"Hong"}`
	if a := do(t, c, "POST", base+"/wx/wechatfake"+wechatfake.UserPath, other); a.status != 200 {
		t.Fatalf("the fake's user: %d %v", a.status, a.body)
	}
	signInDemo(t, c, base, "snsapi_userinfo", base+"/pay")
	s := do(t, c, "GET", base+wire.SessionPath, "")
	if s.body["signed_in"] != true || s.body["openid"] != "oOtherUser000000000000000000" || s.body["nickname"] != "Hong" {
		t.Fatalf("session %v", s.body)
	}
	order := do(t, c, "POST", base+wire.ShopOrderPath, `{"item":"coffee"}`)
	if order.status != 200 {
		t.Fatalf("order: %d %v", order.status, order.body)
	}
	check := func() string {
		args, _ := json.Marshal(order.body["pay"])
		req, _ := json.Marshal(wechatfake.CheckRequest{Name: "getBrandWCPayRequest", Args: args})
		msg, _ := do(t, nil, "POST", base+"/wx/wechatfake"+wechatfake.CheckPath, string(req)).body["err_msg"].(string)
		return msg
	}
	if msg := check(); msg != "" {
		t.Fatalf("the fake client refuses the signed-in user's payment: %q", msg)
	}
	// Someone else at the client cannot pay that user's order.
	do(t, nil, "POST", base+"/wx/wechatfake"+wechatfake.UserPath, `{"openid":"`+server.DemoOpenID+`"}`)
	if msg := check(); msg == "" {
		t.Fatal("another user paid the signed-in user's order")
	}
}

// TestDemoSnapshotUserCannotPay: a snapshot page's visitor is flagged,
// not signed in, and the shop makes no order for them.
func TestDemoSnapshotUserCannotPay(t *testing.T) {
	base := demoSite(t)
	c := newBrowser()
	do(t, nil, "POST", base+"/wx/wechatfake"+wechatfake.UserPath, `{"openid":"oSnap0000000000000000000000","snapshot":true}`)
	signInDemo(t, c, base, "snsapi_base", base+"/pay")
	s := do(t, c, "GET", base+wire.SessionPath, "")
	if s.body["signed_in"] != false || s.body["snapshot"] != true {
		t.Fatalf("session %v", s.body)
	}
	if a := do(t, c, "POST", base+wire.ShopOrderPath, `{"item":"coffee"}`); a.status != 403 || a.code() != wire.CodeForbidden {
		t.Fatalf("a snapshot user's order: %d %v", a.status, a.body)
	}
}

// TestDemoSignInRefusals: the handler's sign-in answers hostile requests
// with its JSON errors.
func TestDemoSignInRefusals(t *testing.T) {
	base := demoSite(t)
	c := newBrowser()
	if a := do(t, c, "GET", base+wire.OAuthStartPath+"?return="+url.QueryEscape("https://evil.example.net/"), ""); a.status != 400 || a.code() != wire.CodeURLNotAllowed {
		t.Errorf("an open redirect: %d %v", a.status, a.body)
	}
	if a := do(t, c, "GET", base+wire.OAuthCallbackPath+"?code=c&state=forged", ""); a.status != 403 || a.code() != wire.CodeOAuthState {
		t.Errorf("a forged state: %d %v", a.status, a.body)
	}
	if a := do(t, c, "POST", base+wire.OAuthStartPath, ""); a.status != 405 {
		t.Errorf("POST start: %d %v", a.status, a.body)
	}
	if a := do(t, c, "GET", base+"/wx/oauth/nothing", ""); a.status != 404 {
		t.Errorf("an unknown path: %d %v", a.status, a.body)
	}
}

// TestRealModeSignIn: a deployment serves the sign-in only with
// WX_OAUTH_CALLBACK, and keeps its session key in the state directory.
func TestRealModeSignIn(t *testing.T) {
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	dir := t.TempDir()
	cfg := server.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}, APIBase: fake.URL, StateDir: dir}
	h, err := server.NewHandler(t.Context(), cfg, server.HandlerOptions{Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	if a := do(t, nil, "GET", srv.URL+wire.OAuthStartPath+"?return=https://example.com/", ""); a.status != 404 || h.OAuth != nil {
		t.Errorf("without a callback: %d %v", a.status, a.body)
	}
	srv.Close()
	h.Close()

	cfg.OAuthCallback, cfg.OAuthBase = "https://example.com/wx/oauth/callback", "https://open.example.com"
	h, err = server.NewHandler(t.Context(), cfg, server.HandlerOptions{Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	srv = httptest.NewServer(h)
	defer srv.Close()
	resp, err := newBrowser().Get(srv.URL + wire.OAuthStartPath + "?return=https://example.com/page")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if !strings.HasPrefix(loc, "https://open.example.com"+wechat.PathAuthorize+"?appid="+appID+"&redirect_uri="+url.QueryEscape(cfg.OAuthCallback)) {
		t.Errorf("authorises at %s", loc)
	}
	if c := resp.Header.Get("Set-Cookie"); !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "Secure") || !strings.Contains(c, "SameSite=Lax") {
		t.Errorf("state cookie %q", c)
	}
	fi, err := os.Stat(filepath.Join(dir, oauth.KeyFileName))
	if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() < oauth.MinKeyLength {
		t.Fatalf("the session key file: %v %v", fi, err)
	}
}

// TestAuthorizerReadsSession: a deployment's pay authoriser reads the
// signed-in user with oauth.User, and refuses a request without one.
func TestAuthorizerReadsSession(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	host := "localhost:" + port
	base := "http://" + host
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: appID, Secret: secret, Domains: []string{host},
		User: wechatfake.OAuthUser{OpenID: "oPayingUser00000000000000000"}})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	seen := make(chan string, 1)
	authorize := server.Authorizers{Pay: func(r *http.Request, req server.PayRequest) (server.PayRequest, error) {
		u, ok := oauth.User(r)
		if !ok {
			return req, server.ErrUnauthorized
		}
		seen <- u.OpenID
		return req, nil
	}}
	cfg := server.Config{AppID: appID, Secret: secret, Domains: []string{host}, APIBase: fake.URL, StateDir: t.TempDir(),
		OAuthCallback: base + "/wx/oauth/callback", OAuthBase: fake.URL, Pay: &server.PayKeys{V2: "merchant-v2-key"}}
	h, err := server.NewHandler(t.Context(), cfg, server.HandlerOptions{Authorize: authorize, Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
	srv.Start()
	defer srv.Close()

	c := newBrowser()
	if a := do(t, c, "POST", base+wire.PayPath, `{"prepay_id":"wx1"}`); a.status != 401 {
		t.Fatalf("pay without a session: %d %v", a.status, a.body)
	}
	authorizeURL := follow(t, c, base+wire.OAuthStartPath+"?return="+url.QueryEscape(base+"/shop"))
	if got := follow(t, c, follow(t, c, authorizeURL)); got != base+"/shop" {
		t.Fatalf("the sign-in returned to %s", got)
	}
	if a := do(t, c, "POST", base+wire.PayPath, `{"prepay_id":"wx1"}`); a.status != 200 {
		t.Fatalf("pay with a session: %d %v", a.status, a.body)
	}
	if got := <-seen; got != "oPayingUser00000000000000000" {
		t.Fatalf("the authoriser saw %q", got)
	}
}
