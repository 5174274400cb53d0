package server_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/internal/servertest"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// TestHandlerInAForeignMux mounts a demo Handler under a prefix of a
// team's own mux, for a page behind a dev proxy on another port: every
// path it needs is under the prefix, the proxy's host is signed for, and
// the fake WeChat accepts what it signs.
func TestHandlerInAForeignMux(t *testing.T) {
	h, err := server.NewHandler(t.Context(), server.Config{}, server.HandlerOptions{
		Prefix: "/api/wechat/", PublicURL: "http://localhost:3000/app/", Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	mux := http.NewServeMux()
	mux.Handle("/api/wechat/", h)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("the team's page")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	if h.ConfigPath() != "/api/wechat/config" || len(h.Scripts) != 1 || !strings.HasPrefix(h.Scripts[0], "/api/wechat/wxfake.js?verify=") || h.SDK != server.SDKFake {
		t.Fatalf("ConfigPath %q, Script %q", h.ConfigPath(), h.Scripts)
	}
	page := "http://localhost:3000/app/cart?id=1"
	a := do(t, nil, "GET", srv.URL+"/api/wechat/config?url="+strings.ReplaceAll(page, "?", "%3F"), "")
	if a.status != 200 || a.body["appId"] != server.DemoAppID {
		t.Fatalf("config: %d %v", a.status, a.body)
	}
	// What the fake jWeixin posts from the page, to the fake under the prefix.
	req, _ := json.Marshal(wechatfake.VerifyRequest{AppID: server.DemoAppID, Timestamp: json.RawMessage(jsonNumber(a.body["timestamp"])),
		NonceStr: a.body["nonceStr"].(string), Signature: a.body["signature"].(string), URL: page})
	if v := do(t, nil, "POST", srv.URL+"/api/wechat/wechatfake"+wechatfake.VerifyPath, string(req)); v.body["err_msg"] != "config:ok" {
		t.Fatalf("the fake refuses the handler's signature: %v", v.body)
	}
	if o := do(t, nil, "POST", srv.URL+"/api/wechat/demo/shop/order", `{"item":"book"}`); o.status != 200 {
		t.Fatalf("shop: %d %v", o.status, o.body)
	}
	for _, p := range []string{"/api/wechat/healthz", "/api/wechat/readyz", "/api/wechat/metrics", "/api/wechat/wxfake.js"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
		}
	}
	if a := do(t, nil, "GET", srv.URL+"/api/wechat/config?url=http://localhost:8000/", ""); a.status != 403 {
		t.Errorf("a page on another port: %d %v", a.status, a.body)
	}
}

func TestNewHandlerRefuses(t *testing.T) {
	for name, tt := range map[string]struct {
		cfg server.Config
		o   server.HandlerOptions
	}{
		"demo without a public URL": {server.Config{}, server.HandlerOptions{}},
		"demo on an IP":             {server.Config{}, server.HandlerOptions{PublicURL: "http://127.0.0.1:8000/"}},
		"appid without secret":      {server.Config{AppID: appID, Domains: []string{"example.com"}}, server.HandlerOptions{}},
		"bad prefix":                {server.Config{}, server.HandlerOptions{PublicURL: "http://localhost/", Prefix: "wx"}},
		"token and authorisers": {server.Config{SignerToken: "0123456789abcdef0123"},
			server.HandlerOptions{PublicURL: "http://localhost/", Authorize: allowAll}},
	} {
		if h, err := server.NewHandler(t.Context(), tt.cfg, tt.o); err == nil {
			h.Close()
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestHandlerStops: the renewal and the demo's fake WeChat end with the
// context given to NewHandler or with Close, whichever comes first: no
// goroutine is left behind.
func TestHandlerStops(t *testing.T) {
	http.DefaultClient.CloseIdleConnections()
	before := runtime.NumGoroutine()
	for _, byContext := range []bool{true, false} {
		ctx, cancel := context.WithCancel(context.Background())
		h, err := server.NewHandler(ctx, server.Config{}, server.HandlerOptions{PublicURL: "http://localhost/", Logger: discardLogger()})
		if err != nil {
			t.Fatal(err)
		}
		if byContext {
			cancel()
			servertest.Eventually(t, "the renewal ends with its context", func() bool { return runtime.NumGoroutine() <= before+2 })
		}
		if err := h.Close(); err != nil {
			t.Fatal(err)
		}
		if err := h.Close(); err != nil {
			t.Fatalf("a second Close: %v", err)
		}
		cancel()
	}
	servertest.Eventually(t, "no goroutine left", func() bool { return runtime.NumGoroutine() <= before })
}

// TestUnusableStateDir: a state directory that cannot be made (a file in
// the way) stops a server that was told to use it, and is only a logged
// outage for one that took the default: the store is a cache.
func TestUnusableStateDir(t *testing.T) {
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	blocker := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(blocker, nil, 0o600)
	cfg := server.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}, APIBase: fake.URL}

	explicit := cfg
	explicit.StateDir = filepath.Join(blocker, "state")
	if h, err := server.NewHandler(t.Context(), explicit, server.HandlerOptions{Logger: discardLogger()}); err == nil {
		h.Close()
		t.Fatalf("NewHandler starts on an unusable WX_STATE_DIR")
	}

	t.Setenv("XDG_CACHE_HOME", blocker) // the default directory lies under a file
	log := &servertest.Buffer{}
	metrics := server.NewMetrics()
	h, err := server.NewHandler(t.Context(), cfg, server.HandlerOptions{Logger: slog.New(slog.NewJSONHandler(log, nil)), Metrics: metrics})
	if err != nil {
		t.Fatalf("the default state directory stops the server: %v", err)
	}
	defer h.Close()
	srv := httptest.NewServer(h)
	defer srv.Close()
	if a := do(t, nil, "GET", configURL(srv.URL, "https://example.com/"), ""); !verifies(fake, "https://example.com/", a) {
		t.Fatalf("no signature from memory: %d %v", a.status, a.body)
	}
	if n := strings.Count(log.String(), `"level":"ERROR"`); n != 1 || !strings.Contains(log.String(), blocker) {
		t.Errorf("%d error lines, want one naming the directory:\n%s", n, log)
	}
	if got := metricValue(t, metrics, "gowx_store_up"); got != 0 {
		t.Errorf("gowx_store_up %d", got)
	}
}
