package wechatfake_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// authorize loads the fake's authorisation page with query and returns
// the answer's status, Location and body.
func authorize(t *testing.T, f *wechatfake.Server, q url.Values) (int, string, string) {
	t.Helper()
	resp, err := noRedirect.Get(f.URL + wechat.PathAuthorize + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

func authorizeQuery(scope string) url.Values {
	return url.Values{"appid": {"wxapp"}, "redirect_uri": {"https://example.com/cb?x=1"}, "response_type": {"code"}, "scope": {scope}, "state": {"s1"}}
}

// TestAuthorizeErrors: a bad authorisation request shows WeChat's error
// page with the errcode, and redirects nowhere.
func TestAuthorizeErrors(t *testing.T) {
	f, _ := newFake(t, wechatfake.Config{})
	for _, tc := range []struct {
		key, value string
		errcode    string
	}{
		{"appid", "", "10012"},
		{"appid", "wxother", "40013"},
		{"redirect_uri", "", "10011"},
		{"redirect_uri", "https://evil.example.net/cb", "10003"},
		{"redirect_uri", "https://example.com.evil.net/cb", "10003"},
		{"scope", "", "10010"},
		{"scope", "snsapi_login", "10005"},
		{"response_type", "token", "40097"},
		{"state", strings.Repeat("s", 129), "10013"},
	} {
		q := authorizeQuery("snsapi_base")
		q.Set(tc.key, tc.value)
		status, loc, body := authorize(t, f, q)
		if status != http.StatusOK || loc != "" || !strings.Contains(body, `data-errcode="`+tc.errcode+`"`) {
			t.Errorf("%s=%q: HTTP %d, Location %q, want the error page of %s", tc.key, tc.value, status, loc, tc.errcode)
		}
	}
}

func TestAuthorizeConsent(t *testing.T) {
	f, _ := newFake(t, wechatfake.Config{User: wechatfake.OAuthUser{OpenID: "oU1", Nickname: "<b>Ming</b>"}})
	// snsapi_base returns at once, keeping the callback's own query.
	_, loc, _ := authorize(t, f, authorizeQuery("snsapi_base"))
	back, _ := url.Parse(loc)
	if back.Host != "example.com" || back.Query().Get("x") != "1" || back.Query().Get("code") == "" || back.Query().Get("state") != "s1" {
		t.Fatalf("snsapi_base returned to %s", loc)
	}
	// snsapi_userinfo asks: a page with both buttons, the profile escaped.
	status, loc, body := authorize(t, f, authorizeQuery("snsapi_userinfo"))
	if status != http.StatusOK || loc != "" || !strings.Contains(body, `id="allow"`) || !strings.Contains(body, `id="deny"`) ||
		strings.Contains(body, "<b>Ming") || !strings.Contains(body, "&lt;b&gt;Ming") {
		t.Fatalf("consent page: HTTP %d %q\n%s", status, loc, body)
	}
	for decision, wantCode := range map[string]bool{"allow": true, "deny": false} {
		form := authorizeQuery("snsapi_userinfo")
		form.Set("decision", decision)
		resp, err := noRedirect.PostForm(f.URL+wechat.PathAuthorize, form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		back, _ := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusFound || (back.Query().Get("code") != "") != wantCode || back.Query().Get("state") != "s1" {
			t.Errorf("%s: HTTP %d to %s", decision, resp.StatusCode, back)
		}
	}
	// The choice is checked as the page is: no code for another domain.
	form := authorizeQuery("snsapi_userinfo")
	form.Set("redirect_uri", "https://evil.example.net/")
	form.Set("decision", "allow")
	resp, err := noRedirect.PostForm(f.URL+wechat.PathAuthorize, form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusFound {
		t.Fatalf("an allow for another domain redirected to %s", resp.Header.Get("Location"))
	}
}

// TestAuthorizeFaultsAndQuota: the authorisation page plays injected
// errcodes as its error page, and the sns endpoints have quotas.
func TestAuthorizeFaultsAndQuota(t *testing.T) {
	f, c := newFake(t, wechatfake.Config{DailyQuota: map[string]int{wechat.PathOAuthToken: 1}})
	f.Inject(wechat.PathAuthorize, wechatfake.Fault{Errcode: 10009, Times: 1})
	if _, loc, body := authorize(t, f, authorizeQuery("snsapi_base")); loc != "" || !strings.Contains(body, `data-errcode="10009"`) {
		t.Fatalf("an injected 10009: Location %q\n%s", loc, body)
	}
	code := func() string {
		_, loc, _ := authorize(t, f, authorizeQuery("snsapi_base"))
		u, _ := url.Parse(loc)
		return u.Query().Get("code")
	}
	if _, err := c.OAuthExchange(t.Context(), code()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.OAuthExchange(t.Context(), code()); err == nil || !strings.Contains(err.Error(), "45009") {
		t.Fatalf("past the quota: %v", err)
	}
	// Faults are scriptable over HTTP too.
	body, _ := json.Marshal(wechatfake.FaultRequest{Path: wechat.PathUserInfo, Fault: wechatfake.Fault{Errcode: -1}})
	resp, err := http.Post(f.URL+wechatfake.FaultPath, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("a fault of /sns/userinfo: HTTP %d", resp.StatusCode)
	}
}

func TestUserControl(t *testing.T) {
	f, _ := newFake(t, wechatfake.Config{})
	if f.User().OpenID != wechatfake.DefaultOpenID {
		t.Fatalf("default user %+v", f.User())
	}
	resp, err := http.Post(f.URL+wechatfake.UserPath, "application/json", strings.NewReader(`{"openid":"oB","snapshot":true}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if u := f.User(); u.OpenID != "oB" || !u.Snapshot {
		t.Fatalf("user after POST %+v", u)
	}
}

// TestCheckPayPayer: an order the fake created is paid by its payer only,
// never by a snapshot page's visitor.
func TestCheckPayPayer(t *testing.T) {
	f, _ := newFake(t, wechatfake.Config{Merchant: &wechatfake.Merchant{V2: "merchant-v2-key"}, User: wechatfake.OAuthUser{OpenID: "oPayer"}})
	order := func(openid string) string {
		body := `{"appid":"wxapp","mchid":"1","description":"d","out_trade_no":"` + openid + `","notify_url":"https://example.com/n","amount":{"total":1},"payer":{"openid":"` + openid + `"}}`
		resp, err := http.Post(f.URL+wechatfake.PathJSAPIOrder, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var a struct {
			PrepayID string `json:"prepay_id"`
		}
		json.NewDecoder(resp.Body).Decode(&a)
		return a.PrepayID
	}
	pay := func(prepayID string) string {
		p, err := sign.PayV2("merchant-v2-key", sign.PayV2MD5, "wxapp", 1700000000, "nonce", prepayID)
		if err != nil {
			t.Fatal(err)
		}
		args, _ := json.Marshal(p)
		return f.Check(wechatfake.CheckRequest{Name: "getBrandWCPayRequest", Args: args}).ErrMsg
	}
	mine, theirs := order("oPayer"), order("oSomeoneElse")
	if msg := pay(mine); msg != "" {
		t.Fatalf("the payer's order: %q", msg)
	}
	if msg := pay(theirs); msg != "getBrandWCPayRequest:fail" {
		t.Fatalf("another user's order: %q", msg)
	}
	f.SetUser(wechatfake.OAuthUser{OpenID: "oPayer", Snapshot: true})
	if msg := pay(mine); msg == "" {
		t.Fatal("a snapshot user paid")
	}
}
