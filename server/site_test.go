package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/internal/servertest"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// running is a server started by Run.
type running struct {
	url  string
	stop func() error
}

// urlWriter takes the serving line Run prints.
type urlWriter chan string

var servingLine = regexp.MustCompile(`^gowx \((demo|real) mode\) serving (http://\S+/)\n$`)

func (w urlWriter) Write(p []byte) (int, error) {
	if m := servingLine.FindStringSubmatch(string(p)); m != nil {
		w <- m[2]
	}
	return len(p), nil
}

func run(t *testing.T, cfg server.Config, log *servertest.Buffer, page func(*server.Site) http.Handler) running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	lines := make(urlWriter, 1)
	done := make(chan error, 1)
	go func() {
		done <- server.Run(ctx, cfg, server.RunOptions{Page: page, Stdout: lines, Logger: slog.New(slog.NewJSONHandler(log, nil))})
	}()
	select {
	case u := <-lines:
		stopped := false
		stop := func() error {
			if stopped {
				return nil
			}
			stopped = true
			cancel()
			return <-done
		}
		t.Cleanup(func() { stop() })
		return running{url: u, stop: stop}
	case err := <-done:
		cancel()
		t.Fatalf("Run: %v\n%s", err, log)
	}
	return running{}
}

func TestDemoSite(t *testing.T) {
	log := &servertest.Buffer{}
	srv := run(t, server.Config{Addr: "127.0.0.1:0"}, log, nil)
	if !strings.HasPrefix(srv.url, "http://localhost:") {
		t.Fatalf("demo URL %s; want localhost, the demo's JS safe domain", srv.url)
	}
	base := strings.TrimSuffix(srv.url, "/")
	page := srv.url + "shop?x=1#/cart"
	a := do(t, nil, "GET", configURL(base, page), "")
	if a.status != 200 || a.body["appId"] != server.DemoAppID {
		t.Fatalf("demo config: %d %v", a.status, a.body)
	}
	// The fake jWeixin would post this to the fake WeChat mounted beside the API.
	req, _ := json.Marshal(wechatfake.VerifyRequest{AppID: server.DemoAppID, Timestamp: json.RawMessage(jsonNumber(a.body["timestamp"])),
		NonceStr: a.body["nonceStr"].(string), Signature: a.body["signature"].(string), URL: page})
	v := do(t, nil, "POST", base+server.FakeWeChatPath+wechatfake.VerifyPath, string(req))
	if v.body["err_msg"] != "config:ok" {
		t.Fatalf("the demo's fake WeChat refuses its own server's signature: %v", v.body)
	}
	// The demo's shop creates the order and signs its payment; the page
	// names neither the prepay_id nor a code, and the signer's own
	// endpoints are closed (no authoriser, no token).
	o := do(t, nil, "POST", base+server.ShopOrderPath, `{"item":"coffee"}`)
	pay, _ := o.body["pay"].(map[string]any)
	if o.status != 200 || pay["signType"] != "RSA" || !strings.HasPrefix(pay["package"].(string), "prepay_id=wx") || o.body["total"] != 1500.0 {
		t.Fatalf("demo order: %d %v", o.status, o.body)
	}
	if c := do(t, nil, "POST", base+server.ShopCardPath, `{}`); c.status != 200 || c.body["cardId"] != server.DemoCardID || !strings.Contains(c.body["cardExt"].(string), `"code":"`) {
		t.Fatalf("demo card: %d %v", c.status, c.body)
	}
	if c := do(t, nil, "POST", base+server.ShopCardFilterPath, `{"card_type":"CASH"}`); c.status != 200 || c.body["cardType"] != "CASH" || c.body["cardSign"] == "" {
		t.Fatalf("demo card filter: %d %v", c.status, c.body)
	}
	for path, body := range map[string]string{server.ShopOrderPath: `{"item":"car"}`, server.ShopCardFilterPath: `{"shop_id":"1","card_type":"CASH"}`} {
		if a := do(t, nil, "POST", base+path, body); a.status != 400 {
			t.Errorf("POST %s %s: %d %v", path, body, a.status, a.body)
		}
	}
	for _, path := range []string{server.PayPath, server.CardExtPath, server.CardSignPath} {
		if a := do(t, nil, "POST", base+path, `{"prepay_id":"demo","card_id":"c"}`); a.status != 404 {
			t.Errorf("demo mode serves %s to anyone: %d %v", path, a.status, a.body)
		}
	}
	resp, err := http.Get(base + server.FakeScriptPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") {
		t.Fatalf("fake jWeixin: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	// A page on another address than the demo's gets a hint for demo mode.
	if a := do(t, nil, "GET", configURL(base, "http://127.0.0.1:8000/"), ""); a.code() != "url_not_allowed" || !strings.Contains(a.body["hint"].(string), "Demo mode signs pages on localhost:") {
		t.Errorf("a page on 127.0.0.1 in demo mode: %d %v", a.status, a.body)
	}
	if err := srv.stop(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if !strings.Contains(log.String(), `"mode":"demo"`) {
		t.Errorf("logs: %s", log)
	}
}

func jsonNumber(v any) string { b, _ := json.Marshal(v); return string(b) }

// TestRealSite runs a real-mode deployment against a fake WeChat through
// success, faults and errors, restarts it, and checks that nothing of the
// fakes is served and that neither the AppSecret nor an access_token ever
// shows in a response or a log line.
func TestRealSite(t *testing.T) {
	const signerToken = "signer-token-never-shown-0123456789"
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	secretFile := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secretFile, []byte(secret+"\n"), 0o600)
	stateDir := filepath.Join(t.TempDir(), "state")
	cfg, err := server.ConfigFromEnv(func(k string) string {
		return map[string]string{"WX_APPID": appID, "WX_SECRET_FILE": secretFile, "WX_DOMAINS": "example.com",
			"WX_API_BASE": fake.URL, "WX_ADDR": "127.0.0.1:0", "WX_STATE_DIR": stateDir, "WX_FETCH_TIMEOUT": "2s",
			"WX_ORIGINS": "https://m.example.com", "WX_PAY_API_KEY": "pay-api-key", "WX_SIGNER_TOKEN": signerToken}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg.WebDir = "" // the page's files are not this test's
	log := &servertest.Buffer{}
	var bodies strings.Builder
	call := func(base, method, path, body string, want int) answer {
		t.Helper()
		a := do(t, nil, method, base+path, body, "Authorization", "Bearer "+signerToken)
		bodies.WriteString(a.raw)
		if a.status != want {
			t.Errorf("%s %s: %d %s, want %d", method, path, a.status, a.raw, want)
		}
		return a
	}
	page := "https://example.com/p?id=1"
	cfgPath := configURL("", page)

	// Success, then every kind of refused request.
	srv := run(t, cfg, log, nil)
	base := strings.TrimSuffix(srv.url, "/")
	if a := call(base, "GET", cfgPath, "", 200); !verifies(fake, page, a) {
		t.Fatalf("real mode signature does not verify: %v", a.body)
	}
	call(base, "POST", server.CardExtPath, `{"card_id":"c1","openid":"o1"}`, 200)
	call(base, "POST", server.CardSignPath, `{}`, 200)
	call(base, "POST", server.PayPath, `{"prepay_id":"p1"}`, 200)
	call(base, "GET", server.ReadyPath, "", 200)
	call(base, "GET", server.HealthPath, "", 200)
	call(base, "GET", configURL("", "https://evil.org/"), "", 403)
	call(base, "POST", server.CardExtPath, `{"card_id":`, 400)
	call(base, "DELETE", server.ConfigPath, "", 405)
	// Nothing of the fakes in real mode.
	for _, p := range []string{server.FakeScriptPath, server.FakeWeChatPath + wechatfake.VerifyPath, server.FakeWeChatPath + wechat.PathToken,
		"/wxfake.js", "/wechatfake" + wechatfake.VerifyPath, server.ShopOrderPath} {
		resp, err := http.Post(base+p, "application/json", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 404 {
			t.Errorf("real mode serves %s: %d", p, resp.StatusCode)
		}
	}
	resp, err := http.Get(base + server.MetricsPath)
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(metrics), "gowx_upstream_calls_total") {
		t.Errorf("/metrics: %.200s", metrics)
	}
	bodies.Write(metrics)
	if err := srv.stop(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}

	// A restart reads the state directory: no new fetch, the quota is spared.
	before := fake.Calls()
	srv = run(t, cfg, log, nil)
	base = strings.TrimSuffix(srv.url, "/")
	call(base, "GET", cfgPath, "", 200)
	call(base, "POST", server.CardSignPath, `{}`, 200)
	if after := fake.Calls(); after[wechat.PathToken] != before[wechat.PathToken] || after[wechat.PathTicket] != before[wechat.PathTicket] {
		t.Errorf("a restart fetched again: %v, then %v", before, after)
	}
	srv.stop()

	// Faults, each on a fresh state: the server reports them, never the credentials.
	for i, fault := range []wechatfake.Fault{{Errcode: 40125}, {Errcode: 40164}, {Errcode: 45009}, {Errcode: -1}, {Status: 500}, {Malformed: true}, {Delay: 5 * time.Second}, {Close: true}} {
		cfg.StateDir = filepath.Join(t.TempDir(), "state", string(rune('a'+i)))
		fake.Inject(wechat.PathTicket, fault)
		srv := run(t, cfg, log, nil)
		base := strings.TrimSuffix(srv.url, "/")
		call(base, "GET", cfgPath, "", 503)
		call(base, "GET", server.ReadyPath, "", 503)
		fake.ClearFaults()
		srv.stop()
	}
	fake.Inject(wechat.PathTicket, wechatfake.Fault{Errcode: 40001, Times: 1})
	cfg.StateDir = filepath.Join(t.TempDir(), "state", "rejected")
	srv = run(t, cfg, log, nil)
	call(strings.TrimSuffix(srv.url, "/"), "GET", cfgPath, "", 200)
	srv.stop()

	output := log.String() + bodies.String()
	for _, want := range []string{"40125", "40164", "45009", "errcode -1", "http_500", "credential refresh failed", "request failed"} {
		if want == "http_500" {
			want = "HTTP 500"
		}
		if !strings.Contains(output, want) {
			t.Errorf("the output never mentions %q", want)
		}
	}
	if strings.Contains(output, secret) {
		t.Fatalf("the AppSecret shows in the output")
	}
	tokens := fake.Tokens()
	if len(tokens) < 3 {
		t.Fatalf("only %d tokens issued: the run did not exercise enough", len(tokens))
	}
	for _, tok := range tokens {
		if strings.Contains(output, tok) {
			t.Fatalf("an access_token shows in the output")
		}
	}
	if strings.Contains(output, signerToken) {
		t.Fatalf("the signer token shows in the output")
	}
	if strings.Contains(output, "pay-api-key") {
		t.Fatalf("the merchant API key shows in the output")
	}
	// The state directory is private.
	entries, _ := os.ReadDir(filepath.Join(stateDir))
	for _, e := range entries {
		if info, _ := e.Info(); info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v", e.Name(), info.Mode().Perm())
		}
	}
	if _, err := os.Stat(stateDir); errors.Is(err, os.ErrNotExist) {
		t.Errorf("no state directory")
	}
}
