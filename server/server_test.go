package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

const secret = "app-secret-never-shown"

func newAPI(t *testing.T, clientSecret string, log io.Writer) (*httptest.Server, *wechatfake.Server) {
	t.Helper()
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: secret, Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	domains, err := sign.ParseDomains([]string{"example.com"})
	if err != nil {
		t.Fatal(err)
	}
	acct := credential.NewAccount(&wechat.Client{BaseURL: fake.URL, AppID: "wxapp", Secret: clientSecret}, &store.Memory{}, credential.Options{})
	if log == nil {
		log = io.Discard
	}
	api, err := server.New(server.Options{AppID: "wxapp", Domains: domains, Tickets: acct, Logger: slog.New(slog.NewJSONHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return srv, fake
}

func get(t *testing.T, u string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: Content-Type %q", u, ct)
	}
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return resp.StatusCode, body
}

func TestConfigSigns(t *testing.T) {
	srv, fake := newAPI(t, secret, nil)
	page := "https://m.example.com/shop?id=7&from=timeline#/cart"
	status, body := get(t, srv.URL+server.ConfigPath+"?url="+url.QueryEscape(page))
	if status != 200 {
		t.Fatalf("status %d: %v", status, body)
	}
	ts, isNumber := body["timestamp"].(float64)
	if !isNumber || ts != float64(int64(ts)) {
		t.Fatalf("timestamp %v is not an integer", body["timestamp"])
	}
	if body["appId"] != "wxapp" || body["nonceStr"] == "" || len(body) != 4 {
		t.Fatalf("body = %v", body)
	}
	// The signature is one the WeChat client accepts for that page.
	got := fake.Verify(wechatfake.VerifyRequest{
		AppID: "wxapp", Timestamp: json.RawMessage(strconv.FormatInt(int64(ts), 10)),
		NonceStr: body["nonceStr"].(string), Signature: body["signature"].(string), URL: page,
	})
	if !got.OK() {
		t.Fatalf("the fake WeChat refuses the signature: %+v", got)
	}
}

func TestConfigErrors(t *testing.T) {
	srv, _ := newAPI(t, secret, nil)
	tests := []struct {
		query  string
		status int
		code   string
	}{
		{"", 400, "bad_request"},
		{"?url=", 400, "bad_request"},
		{"?url=a&url=b", 400, "bad_request"},
		{"?url=" + url.QueryEscape("/relative"), 400, "bad_request"},
		{"?url=" + url.QueryEscape("ftp://example.com/"), 400, "bad_request"},
		{"?url=" + url.QueryEscape("https://example.com/"+strings.Repeat("a", server.MaxURLLength)), 400, "bad_request"},
		{"?url=" + url.QueryEscape("https://evil.org/"), 403, "url_not_allowed"},
		{"?url=" + url.QueryEscape("https://example.com.evil.org/"), 403, "url_not_allowed"},
		{"?url=" + url.QueryEscape("http://127.0.0.1/"), 403, "url_not_allowed"},
	}
	for _, tt := range tests {
		status, body := get(t, srv.URL+server.ConfigPath+tt.query)
		if status != tt.status || body["error"] != tt.code || body["message"] == "" {
			t.Errorf("GET %s = %d %v, want %d %s", tt.query, status, body, tt.status, tt.code)
		}
	}
	status, body := get(t, srv.URL+"/nope")
	if status != 404 || body["error"] != "not_found" {
		t.Errorf("unknown path: %d %v", status, body)
	}
	resp, err := http.Post(srv.URL+server.ConfigPath, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Errorf("POST: %d", resp.StatusCode)
	}
}

func TestUpstreamUnavailable(t *testing.T) {
	var log strings.Builder
	srv, _ := newAPI(t, "wrong-secret-xyz", &log)
	status, body := get(t, srv.URL+server.ConfigPath+"?url="+url.QueryEscape("https://example.com/"))
	if status != 503 || body["error"] != "upstream_unavailable" {
		t.Fatalf("got %d %v", status, body)
	}
	if !strings.Contains(log.String(), "40125") {
		t.Errorf("the log does not say why: %s", log.String())
	}
	if strings.Contains(log.String(), "wrong-secret-xyz") {
		t.Errorf("the log shows the secret: %s", log.String())
	}
}
