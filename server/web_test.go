package server_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/internal/servertest"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// The secret files a careless deployment keeps beside web/, and what they hold.
var besideWeb = map[string]string{
	"apiclient_key.pem": "-----BEGIN PRIVATE KEY-----merchant-key-never-served",
	"go.mod":            "module never-served",
	".git/config":       "[core] never-served",
	"state/token.json":  `{"value":"live-token-never-served"}`,
	"web/.env":          "WX_SECRET=dotfile-never-served",
}

// hostilePaths are request targets that reach outside web/ (or into its
// hidden files) if anything decodes them and then opens a file.
var hostilePaths = []string{
	"/web/%2e%2e/go.mod",
	"/web/%2e%2e/.git/config",
	"/web/%2E%2E/apiclient_key.pem",
	"/web/..%2fapiclient_key.pem",
	"/web/..%2Fgo.mod",
	"/web/%2e./go.mod",
	"/web/.%2e/go.mod",
	"/web/%2e%2e%2fgo.mod",
	"/web/x/%2e%2e/%2e%2e/",
	"/web/x/%2e%2e/%2e%2e/go.mod",
	"/web/%252e%252e/go.mod",
	"/web/%252e%252e%252fgo.mod",
	"/web/%25252e%25252e/go.mod",
	"/web/..%5capiclient_key.pem",
	"/web/..\\apiclient_key.pem",
	"/web/%2e%2e%5cgo.mod",
	"/web/../go.mod",
	"/web/./app.css",
	"/web/%2e/app.css",
	"/web/app.css%00.png",
	"/web/%00",
	"/web/.env",
	"/web/.git/config",
	"/%2e%2e/go.mod",
	"/wx/%2e%2e/go.mod",
	"/wx/config/%2e%2e/%2e%2e/go.mod",
	"/share/%2e%2e/%2e%2e/go.mod",
	"/app.wasm/%2e%2e/go.mod",
	"/web/",
	"/web/sub/",
	"/web/sub",
	"/web",
}

// TestWebConfined serves a site from a working directory that holds the
// merchant key, the state directory and a repository beside web/, with a
// go-app page that was given no Resources, and asks for them in every
// spelling: each answer is a 404 in JSON that holds none of them.
func TestWebConfined(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"web/app.css": "body { color: green }", "web/sub/a.txt": "a"}
	for name, body := range besideWeb {
		files[name] = body
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)

	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	real := server.Config{Addr: "127.0.0.1:0", AppID: appID, Secret: secret, Domains: []string{"example.com"},
		APIBase: fake.URL, StateDir: filepath.Join(t.TempDir(), "state"), WebDir: "web"}
	demo := server.Config{Addr: "127.0.0.1:0", WebDir: "web"}
	// A page as go-app makes it by default: its Resources would serve the
	// working directory.
	page := func(*server.Site) http.Handler { return &app.Handler{Name: "test"} }

	for _, mode := range []struct {
		name string
		cfg  server.Config
	}{{"real", real}, {"demo", demo}} {
		t.Run(mode.name, func(t *testing.T) {
			srv := run(t, mode.cfg, &servertest.Buffer{}, page)
			u, _ := url.Parse(srv.url)
			if status, _, body := rawGet(t, u.Host, "/web/app.css"); status != 200 || body != files["web/app.css"] {
				t.Fatalf("/web/app.css: %d %q", status, body)
			}
			for _, p := range hostilePaths {
				status, header, body := rawGet(t, u.Host, p)
				for name, secret := range besideWeb {
					if strings.Contains(body, secret) {
						t.Errorf("GET %s serves %s", p, name)
					}
				}
				var e server.ErrorResponse
				if status != 404 || !strings.HasPrefix(header.Get("Content-Type"), "application/json") ||
					json.Unmarshal([]byte(body), &e) != nil || e.Error != "not_found" || e.Message == "" {
					t.Errorf("GET %s: %d %q %q; want 404 not_found in JSON", p, status, header.Get("Content-Type"), body)
				}
			}
		})
	}
}

// rawGet sends target as it is written, unnormalised by any client.
func rawGet(t *testing.T, host, target string) (int, http.Header, string) {
	t.Helper()
	c, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

// TestWebPrecompressed serves app.wasm brotli or gzip as the client
// accepts, whole (a range of compressed bytes is useless), with the raw
// size for go-app's loader.
func TestWebPrecompressed(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"app.wasm": "raw wasm bytes", "app.wasm.br": "brotli!", "app.wasm.gz": "gzip bytes", "app.css": "body{}"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	web, err := server.OpenWeb(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer web.Close()
	if n := web.WasmContentLength(); n != "14" {
		t.Errorf("WasmContentLength %q, want the raw size 14", n)
	}
	tests := []struct {
		path, accept, rng    string
		status               int
		body, encoding, vary string
	}{
		{"/web/app.wasm", "gzip, deflate, br, zstd", "", 200, "brotli!", "br", "Accept-Encoding"},
		{"/web/app.wasm", "gzip", "", 200, "gzip bytes", "gzip", "Accept-Encoding"},
		{"/web/app.wasm", "br;q=0, gzip;q=0.8", "", 200, "gzip bytes", "gzip", "Accept-Encoding"},
		{"/web/app.wasm", "br; q=0.0, gzip;q=0", "", 200, "raw wasm bytes", "", "Accept-Encoding"},
		{"/web/app.wasm", "", "", 200, "raw wasm bytes", "", "Accept-Encoding"},
		{"/web/app.wasm", "identity", "", 200, "raw wasm bytes", "", "Accept-Encoding"},
		{"/web/app.wasm", "BR", "bytes=0-2", 200, "brotli!", "br", "Accept-Encoding"},
		{"/web/app.wasm", "", "bytes=0-2", 206, "raw", "", "Accept-Encoding"},
		{"/web/app.css", "br", "", 200, "body{}", "", ""},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, tt.path, nil)
		if tt.accept != "" {
			req.Header.Set("Accept-Encoding", tt.accept)
		}
		if tt.rng != "" {
			req.Header.Set("Range", tt.rng)
		}
		rec := httptest.NewRecorder()
		web.ServeHTTP(rec, req)
		res := rec.Result()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != tt.status || string(body) != tt.body || res.Header.Get("Content-Encoding") != tt.encoding || res.Header.Get("Vary") != tt.vary {
			t.Errorf("%s (Accept-Encoding %q, Range %q): %d %q encoded %q, Vary %q; want %d %q encoded %q, Vary %q",
				tt.path, tt.accept, tt.rng, res.StatusCode, body, res.Header.Get("Content-Encoding"), res.Header.Get("Vary"),
				tt.status, tt.body, tt.encoding, tt.vary)
		}
		if tt.encoding != "" && res.Header.Get("Accept-Ranges") != "" {
			t.Errorf("%s %s: Accept-Ranges on a compressed answer", tt.path, tt.encoding)
		}
		if want := map[string]string{".wasm": "application/wasm", ".css": "text/css; charset=utf-8"}[filepath.Ext(tt.path)]; res.Header.Get("Content-Type") != want {
			t.Errorf("%s: Content-Type %q, want %q", tt.path, res.Header.Get("Content-Type"), want)
		}
		// The validator answers a revalidation with 304.
		again := httptest.NewRequest(http.MethodGet, tt.path, nil)
		again.Header.Set("Accept-Encoding", tt.accept)
		again.Header.Set("If-None-Match", res.Header.Get("ETag"))
		rec = httptest.NewRecorder()
		web.ServeHTTP(rec, again)
		if res.Header.Get("ETag") == "" || rec.Code != http.StatusNotModified {
			t.Errorf("%s: ETag %q, revalidated %d", tt.path, res.Header.Get("ETag"), rec.Code)
		}
	}
	// Each representation has its own validator.
	etag := func(accept string) string {
		req := httptest.NewRequest(http.MethodGet, "/web/app.wasm", nil)
		req.Header.Set("Accept-Encoding", accept)
		rec := httptest.NewRecorder()
		web.ServeHTTP(rec, req)
		return rec.Header().Get("ETag")
	}
	if br, gz, raw := etag("br"), etag("gzip"), etag(""); br == gz || gz == raw || br == raw {
		t.Errorf("ETags br %s, gzip %s, raw %s: not one per representation", br, gz, raw)
	}
	rec := httptest.NewRecorder()
	web.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/web/app.css", nil))
	if rec.Code != 405 || !strings.Contains(rec.Body.String(), "method_not_allowed") {
		t.Errorf("POST: %d %s", rec.Code, rec.Body)
	}
}
