//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The demo's web authorisation, in a browser, against the server binary's
// fake WeChat: the sign-in page signs in silently on entry, the profile
// through the fake's consent page, and pays for the signed-in user. Each
// test has a browser context of its own, so that no cookie of another test
// (on another port of localhost) is sent.

// privateTab opens a tab in a browser context of its own: its own cookies.
func privateTab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// setUser makes the fake WeChat's user the one described (JSON).
func setUser(t *testing.T, srv *gowx, user string) {
	t.Helper()
	resp, err := http.Post(srv.URL+"wx/wechatfake/fake/control/user", "application/json", strings.NewReader(user))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("setting the fake's user: HTTP %d", resp.StatusCode)
	}
}

// bodyText is the text of the tab's document, once it has some.
func bodyText(t *testing.T, ctx context.Context, want string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	for {
		v, err := chromedp.Run(ctx, chromedp.Poll[string](`document.body && document.body.innerText.includes(`+jsString(want)+`) ? document.body.innerText : ""`,
			chromedp.WithPollingInterval(50*time.Millisecond)))
		if err == nil {
			return v
		}
		if ctx.Err() != nil || !navigating(err) {
			t.Fatalf("the page never said %q: %v", want, err)
		}
	}
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }

// navigating reports whether err is a poll's that a navigation ended: the
// document (and its execution context) went away.
func navigating(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "navigated") || strings.Contains(msg, "cannot find context")
}

// waitNav is waitText across the navigations of a sign-in (the server,
// the fake's authorisation page, the callback, the page): a poll the
// navigation interrupts starts again on the new document.
func waitNav(t *testing.T, ctx context.Context, id, want string) string {
	t.Helper()
	expr := `(() => { const e = document.getElementById(` + jsString(id) + `); return e && e.textContent.includes(` + jsString(want) + `) ? e.textContent : ""; })()`
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	for {
		v, err := chromedp.Run(ctx, chromedp.Poll[string](expr, chromedp.WithPollingInterval(50*time.Millisecond)))
		switch {
		case err == nil:
			return v
		case ctx.Err() == nil && navigating(err):
			continue
		}
		got, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](`(document.getElementById(`+jsString(id)+`)||{}).outerHTML || "(absent)"`))
		t.Fatalf("#%s never contained %q: %v; it is %s", id, want, err, got)
	}
}

// sessionOf reads the tab's session from the server, as the page does.
func sessionOf(t *testing.T, ctx context.Context) map[string]any {
	t.Helper()
	raw := within(t, ctx, chromedp.Evaluate[string](`fetch("/wx/oauth/session").then(r => r.text())`, chromedp.EvalAwaitPromise))
	var s map[string]any
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatalf("session %q: %v", raw, err)
	}
	return s
}

// otherUser is the fake's user in the tests: not the demo's own, so that
// only the session can have told the shop this openid.
func otherUser(srv *gowx) string {
	return `{"openid":"oE2eUser0000000000000000000","unionid":"oE2eUnion","nickname":"测试 Tester","city":"上海","headimgurl":"` + srv.URL + `web/icon-192.png"}`
}

// TestSignInProfileAndPay: entry signs in silently, the profile button
// asks on the consent page, and the order paid is the signed-in user's
// (the fake client refuses anyone else's).
func TestSignInProfileAndPay(t *testing.T) {
	srv := startServer(t)
	setUser(t, srv, otherUser(srv))
	ctx := privateTab(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"signin"))
	waitNav(t, ctx, "signin-openid", "oE2eUser0000000000000000000")
	waitText(t, ctx, "signin-status", "signed in (snsapi_base)")
	// (The fragment, #wechat_redirect, stays through the redirects, as browsers keep it.)
	if loc := within(t, ctx, chromedp.Evaluate[string](`location.pathname + location.search`)); loc != "/signin?signed=1" {
		t.Errorf("the sign-in returned to %s", loc)
	}

	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("signin-userinfo").click()`))
	bodyText(t, ctx, "测试 Tester") // the consent page, with the user's nickname
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("allow").click()`))
	waitNav(t, ctx, "signin-nickname", "测试 Tester")
	within(t, ctx, chromedp.Poll[bool](`(document.getElementById("signin-avatar") || {}).naturalWidth > 0`)) // the avatar shows
	waitText(t, ctx, "signin-status", "signed in (snsapi_userinfo)")
	waitText(t, ctx, "wx-status", "config:ok")

	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("signin-pay").click()`))
	waitText(t, ctx, "signin-pay-result", "paid by oE2eUser0000000000000000000")

	// Someone else at the client: the fake WeChat refuses to pay the
	// signed-in user's order.
	setUser(t, srv, `{"openid":"oSomeoneElse000000000000000"}`)
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("signin-pay").click()`))
	waitText(t, ctx, "signin-pay-error", "chooseWXPay")
}

func TestSignInDenied(t *testing.T) {
	srv := startServer(t)
	ctx := privateTab(t)
	back := srv.URL + "signin?signed=1"
	do(t, ctx, chromedp.Navigate(srv.URL+"wx/oauth/start?scope=snsapi_userinfo&return="+url.QueryEscape(back)))
	bodyText(t, ctx, "拒绝")
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("deny").click()`))
	waitNav(t, ctx, "signin-status", "refused")
	if loc := within(t, ctx, chromedp.Location()); !strings.Contains(loc, "wx_oauth=denied") {
		t.Errorf("a refusal returned to %s", loc)
	}
	if s := sessionOf(t, ctx); s["signed_in"] != false || s["openid"] != nil {
		t.Fatalf("a refusal signed in: %v", s)
	}
}

// callbackURL runs a sign-in with a Go client of its own and returns the
// callback URL WeChat sent it back to, and the client (its cookies).
func callbackURL(t *testing.T, srv *gowx) (string, *http.Client) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	next := srv.URL + "wx/oauth/start?scope=snsapi_base&return=" + url.QueryEscape(srv.URL+"signin?signed=1")
	for range 2 { // start, then the fake's authorisation page
		resp, err := c.Get(next)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("GET %s: HTTP %d", next, resp.StatusCode)
		}
		loc, _ := resp.Request.URL.Parse(resp.Header.Get("Location"))
		next = loc.String()
	}
	return next, c
}

// TestReplayedCallback: a callback URL replayed in another browser signs
// nobody in there, while the browser that started it may load it twice.
func TestReplayedCallback(t *testing.T) {
	srv := startServer(t)
	cb, owner := callbackURL(t, srv)
	for i := range 2 {
		resp, err := owner.Get(cb)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("the owner's callback #%d: HTTP %d", i+1, resp.StatusCode)
		}
	}
	ctx := privateTab(t)
	do(t, ctx, chromedp.Navigate(cb))
	bodyText(t, ctx, `"oauth_state"`)
	if s := sessionOf(t, ctx); s["signed_in"] != false {
		t.Fatalf("the replay signed in: %v", s)
	}
}

// TestForgedState: a callback whose state is not the browser's is refused,
// and the browser's own sign-in still completes.
func TestForgedState(t *testing.T) {
	srv := startServer(t)
	cb, _ := callbackURL(t, srv)
	u, _ := url.Parse(cb)
	q := u.Query()
	q.Set("state", "forged-by-an-attacker")
	u.RawQuery = q.Encode()
	ctx := privateTab(t)
	do(t, ctx, chromedp.Navigate(u.String()))
	bodyText(t, ctx, `"oauth_state"`)
	if s := sessionOf(t, ctx); s["signed_in"] != false {
		t.Fatalf("a forged state signed in: %v", s)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"signin"))
	waitNav(t, ctx, "signin-status", "signed in (snsapi_base)")
}

// TestOpenRedirect: a sign-in asked to return off the JS safe domains does
// not start.
func TestOpenRedirect(t *testing.T) {
	srv := startServer(t)
	ctx := privateTab(t)
	for _, ret := range []string{"https://evil.example.net/", "http://localhost.evil.example.net:" + srv.Port + "/"} {
		do(t, ctx, chromedp.Navigate(srv.URL+"wx/oauth/start?return="+url.QueryEscape(ret)))
		bodyText(t, ctx, `"url_not_allowed"`)
		if loc := within(t, ctx, chromedp.Location()); !strings.HasPrefix(loc, srv.URL) {
			t.Fatalf("return %s: the browser went to %s", ret, loc)
		}
	}
	resp, err := http.Get(srv.URL + "wx/oauth/start?return=" + url.QueryEscape("https://evil.example.net/"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Set-Cookie") != "" {
		t.Fatalf("HTTP %d, Set-Cookie %q: %s", resp.StatusCode, resp.Header.Get("Set-Cookie"), body)
	}
}

// TestSnapshotUser: a snapshot page's visitor is flagged, not signed in,
// and cannot pay.
func TestSnapshotUser(t *testing.T) {
	srv := startServer(t)
	setUser(t, srv, `{"openid":"oSnapUser000000000000000000","snapshot":true}`)
	ctx := privateTab(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"signin"))
	waitNav(t, ctx, "signin-status", "snapshot")
	if s := sessionOf(t, ctx); s["signed_in"] != false || s["snapshot"] != true || s["openid"] == "oSnapUser000000000000000000" {
		t.Fatalf("a snapshot user's session: %v", s)
	}
	waitText(t, ctx, "wx-status", "config:ok")
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("signin-pay").click()`))
	waitText(t, ctx, "signin-pay-error", "forbidden")
}
