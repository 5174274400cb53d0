package wechat_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// code authorises the fake's user for scope, allowing on the consent
// page, and returns the code the callback would get.
func code(t *testing.T, f *wechatfake.Server, scope wechat.Scope) string {
	t.Helper()
	u := wechat.AuthorizeURL(f.URL, appID, "https://example.com/cb", scope, "st")
	resp, err := noRedirect.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		q, _ := url.Parse(u)
		form := q.Query()
		form.Set("decision", "allow")
		if resp, err = noRedirect.PostForm(f.URL+wechat.PathAuthorize, form); err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	back, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || back.Query().Get("code") == "" || back.Query().Get("state") != "st" {
		t.Fatalf("the authorisation page answered HTTP %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return back.Query().Get("code")
}

func TestAuthorizeURL(t *testing.T) {
	got := wechat.AuthorizeURL("", "wx1", "https://m.example.com/wx/oauth/callback?a=1&b=2", wechat.ScopeUserInfo, "s t")
	want := "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1&redirect_uri=https%3A%2F%2Fm.example.com%2Fwx%2Foauth%2Fcallback%3Fa%3D1%26b%3D2&response_type=code&scope=snsapi_userinfo&state=s+t#wechat_redirect"
	if got != want {
		t.Fatalf("AuthorizeURL:\n got %s\nwant %s", got, want)
	}
}

func TestOAuthFlow(t *testing.T) {
	clk := wechatfake.NewClock(time.Now())
	f := newFake(t, clk)
	f.SetUser(wechatfake.OAuthUser{OpenID: "oU1", UnionID: "oUn1", Nickname: "Ming", HeadImgURL: "https://thirdwx.qlogo.cn/a/132"})
	c := &wechat.Client{BaseURL: f.URL, AppID: appID, Secret: secret}
	ctx := context.Background()

	base, err := c.OAuthExchange(ctx, code(t, f, wechat.ScopeBase))
	if err != nil || base.OpenID != "oU1" || base.UnionID != "oUn1" || base.Scope != wechat.ScopeBase || base.Snapshot || base.ExpiresIn != 7200*time.Second {
		t.Fatalf("OAuthExchange(base) = %+v, %v", base, err)
	}
	if _, err := c.OAuthUserInfo(ctx, base.AccessToken, base.OpenID, ""); !errors.Is(err, wechat.ErrScope) {
		t.Fatalf("userinfo with a snsapi_base token: %v, want ErrScope", err)
	}

	tok, err := c.OAuthExchange(ctx, code(t, f, wechat.ScopeUserInfo))
	if err != nil || tok.Scope != wechat.ScopeUserInfo {
		t.Fatalf("OAuthExchange(userinfo) = %+v, %v", tok, err)
	}
	info, err := c.OAuthUserInfo(ctx, tok.AccessToken, tok.OpenID, "en")
	if err != nil || info.Nickname != "Ming" || info.HeadImgURL != "https://thirdwx.qlogo.cn/a/132" || info.UnionID != "oUn1" {
		t.Fatalf("OAuthUserInfo = %+v, %v", info, err)
	}
	if err := c.OAuthCheck(ctx, tok.AccessToken, tok.OpenID); err != nil {
		t.Fatalf("OAuthCheck: %v", err)
	}
	if err := c.OAuthCheck(ctx, tok.AccessToken, "oSomeoneElse"); err == nil {
		t.Fatal("OAuthCheck of another openid passed")
	}
	renewed, err := c.OAuthRefresh(ctx, tok.RefreshToken)
	if err != nil || renewed.AccessToken == tok.AccessToken || renewed.OpenID != "oU1" || renewed.RefreshToken != tok.RefreshToken {
		t.Fatalf("OAuthRefresh = %+v, %v", renewed, err)
	}
	clk.Add(2 * time.Hour)
	if err := c.OAuthCheck(ctx, tok.AccessToken, tok.OpenID); err == nil {
		t.Fatal("OAuthCheck of an expired token passed")
	}
	clk.Add(wechatfake.RefreshTTL)
	if _, err := c.OAuthRefresh(ctx, tok.RefreshToken); !errors.Is(err, wechat.ErrRefreshExpired) {
		t.Fatalf("refresh after 30 days: %v, want ErrRefreshExpired", err)
	}
}

func TestOAuthCodeErrors(t *testing.T) {
	clk := wechatfake.NewClock(time.Now())
	f := newFake(t, clk)
	c := &wechat.Client{BaseURL: f.URL, AppID: appID, Secret: secret}
	ctx := context.Background()
	used := code(t, f, wechat.ScopeBase)
	if _, err := c.OAuthExchange(ctx, used); err != nil {
		t.Fatal(err)
	}
	old := code(t, f, wechat.ScopeBase)
	clk.Add(wechatfake.CodeTTL)
	for _, tc := range []struct {
		code string
		want error
		errc int
	}{
		{used, wechat.ErrCodeUsed, 40163},
		{"never-issued", wechat.ErrCodeInvalid, 40029},
		{old, wechat.ErrCodeExpired, 42003},
	} {
		_, err := c.OAuthExchange(ctx, tc.code)
		var apiErr *wechat.APIError
		if !errors.Is(err, tc.want) || !errors.As(err, &apiErr) || apiErr.Code != tc.errc || apiErr.Hint() == "" {
			t.Errorf("code %s: %v, want errcode %d (%v) with a hint", tc.code, err, tc.errc, tc.want)
		}
	}
	if _, err := c.OAuthRefresh(ctx, "not-a-refresh-token"); !errors.Is(err, wechat.ErrRefreshExpired) {
		t.Errorf("an invalid refresh_token: %v", err)
	}
	bad := &wechat.Client{BaseURL: f.URL, AppID: appID, Secret: "wrong"}
	if _, err := bad.OAuthExchange(ctx, code(t, f, wechat.ScopeBase)); !errors.Is(err, wechat.ErrConfig) {
		t.Errorf("a wrong secret: %v, want ErrConfig", err)
	}
}

// TestOAuthSecretsRedacted: an errmsg echoing the request (secret, code)
// keeps neither.
func TestOAuthSecretsRedacted(t *testing.T) {
	f := newFake(t, nil)
	c := &wechat.Client{BaseURL: f.URL, AppID: appID, Secret: secret}
	f.Inject(wechat.PathOAuthToken, wechatfake.Fault{Errcode: -1, Echo: true, Times: 1})
	cd := code(t, f, wechat.ScopeBase)
	_, err := c.OAuthExchange(context.Background(), cd)
	if !errors.Is(err, wechat.ErrBusy) || strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), cd) {
		t.Fatalf("error %q holds the secret or the code", err)
	}
}

// TestOAuthHostileAnswers: what an upstream (or a proxy) says is checked
// and clamped before it is kept.
func TestOAuthHostileAnswers(t *testing.T) {
	answers := map[string]string{
		wechat.PathOAuthToken: `{"access_token":"t","expires_in":99999999999,"openid":"oU1","scope":"snsapi_userinfo,snsapi_base"}`,
		wechat.PathUserInfo: `{"openid":"oU1","nickname":"` + strings.Repeat("长", 100) + `\u0000\u001b","headimgurl":"javascript:alert(1)",` +
			`"city":"` + strings.Repeat("c", 1000) + `","privilege":["` + strings.Repeat("p\",\"", 50) + `"]}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(answers[r.URL.Path]))
	}))
	defer srv.Close()
	c := &wechat.Client{BaseURL: srv.URL, AppID: appID, Secret: secret}
	ctx := context.Background()
	tok, err := c.OAuthExchange(ctx, "c")
	if err != nil || tok.ExpiresIn != wechat.MaxLifetime || tok.Scope != wechat.ScopeUserInfo {
		t.Fatalf("OAuthExchange = %+v, %v", tok, err)
	}
	info, err := c.OAuthUserInfo(ctx, "t", "oU1", "")
	if err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(info.Nickname)); n != wechat.MaxNicknameLength || strings.ContainsAny(info.Nickname, "\x00\x1b") {
		t.Errorf("nickname of %d runes: %q", n, info.Nickname)
	}
	if info.HeadImgURL != "" || len([]rune(info.City)) > wechat.MaxPlaceLength || len(info.Privilege) > 16 {
		t.Errorf("profile kept %q, a city of %d bytes, %d privileges", info.HeadImgURL, len(info.City), len(info.Privilege))
	}
	if _, err := c.OAuthUserInfo(ctx, "t", "oSomeoneElse", ""); !errors.Is(err, wechat.ErrUnavailable) {
		t.Errorf("a profile of another openid: %v", err)
	}
	for name, body := range map[string]string{
		"no openid":  `{"access_token":"t","expires_in":7200,"scope":"snsapi_base"}`,
		"bad openid": `{"access_token":"t","expires_in":7200,"openid":"o<script>","scope":"snsapi_base"}`,
		"long id":    `{"access_token":"t","expires_in":7200,"openid":"` + strings.Repeat("o", 65) + `","scope":"snsapi_base"}`,
		"scope":      `{"access_token":"t","expires_in":7200,"openid":"oU1","scope":"snsapi_login"}`,
		"no token":   `{"expires_in":7200,"openid":"oU1","scope":"snsapi_base"}`,
	} {
		answers[wechat.PathOAuthToken] = body
		if _, err := c.OAuthExchange(ctx, "c"); !errors.Is(err, wechat.ErrUnavailable) {
			t.Errorf("%s: %v, want ErrUnavailable", name, err)
		}
	}
}

func TestHints(t *testing.T) {
	for _, code := range []int{40029, 40163, 42003, 40030, 42002, 48001, 10003, 10005} {
		if wechat.Hint(code) == "" {
			t.Errorf("no hint for %d", code)
		}
	}
	e := &wechat.AuthorizeError{Code: 10003, Msg: "redirect_uri domain mismatch"}
	if !strings.Contains(e.Error(), "10003") || e.Hint() == "" {
		t.Errorf("AuthorizeError: %v, hint %q", e, e.Hint())
	}
	if (&wechat.APIError{Code: 12345}).Hint() != "" {
		t.Error("a hint for an unknown errcode")
	}
}
