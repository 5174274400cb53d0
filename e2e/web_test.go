//go:build e2e

package e2e

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBinaryServesOnlyWeb attacks the binary as deployed: a merchant key
// beside web/ in its working directory, asked for in escaped spellings
// that an unconfined file server would decode and clean into it.
func TestBinaryServesOnlyWeb(t *testing.T) {
	const key = "-----BEGIN PRIVATE KEY----- e2e key never served"
	if err := os.WriteFile(filepath.Join(workDir, "apiclient_key.pem"), []byte(key), 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filepath.Join(workDir, "apiclient_key.pem"))
	srv := startServer(t)
	host := strings.TrimSuffix(strings.TrimPrefix(srv.URL, "http://"), "/")
	for _, target := range []string{
		"/web/%2e%2e/apiclient_key.pem", "/web/%2E%2E/apiclient_key.pem", "/web/..%2fapiclient_key.pem",
		"/web/%252e%252e/apiclient_key.pem", "/web/x/%2e%2e/%2e%2e/apiclient_key.pem", "/web/", "/web/..%5capiclient_key.pem",
		"/app.wasm/%2e%2e/%2e%2e/apiclient_key.pem", "/web/%2e%2e/gowx",
	} {
		status, ctype, body := rawRequest(t, host, target)
		if status != 404 || !strings.HasPrefix(ctype, "application/json") || !strings.Contains(body, `"not_found"`) || strings.Contains(body, key) {
			t.Errorf("GET %s: %d %s %.80q; want 404 not_found in JSON", target, status, ctype, body)
		}
	}
	resp, err := http.Get(srv.URL + "web/app.css")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/web/app.css: %d", resp.StatusCode)
	}
}

// rawRequest sends a GET of target exactly as written.
func rawRequest(t *testing.T, host, target string) (int, string, string) {
	t.Helper()
	c, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
}

// TestPageTableIsChromiums checks the browser columns of the JS safe
// domain check's table of page URLs (server/sign/testdata/pages.json)
// against this Chromium's URL parser: the table says what a browser makes
// of each URL, and the domain check is tested against it.
func TestPageTableIsChromiums(t *testing.T) {
	raw, err := os.ReadFile("../server/sign/testdata/pages.json")
	if err != nil {
		t.Fatal(err)
	}
	var tab struct {
		Pages []struct {
			URL     string
			Browser *map[string]string
		}
	}
	if err := json.Unmarshal(raw, &tab); err != nil {
		t.Fatal(err)
	}
	urls := make([]string, len(tab.Pages))
	for i, p := range tab.Pages {
		urls[i] = p.URL
	}
	list, _ := json.Marshal(urls)
	ctx := newTab(t)
	got := within(t, ctx, chromedp.Evaluate[[]*map[string]string](`(`+string(list)+`).map(u => {
		try { const x = new URL(u); return {protocol: x.protocol, hostname: x.hostname, port: x.port, username: x.username, href: x.href}; }
		catch (e) { return null; } })`))
	if len(got) != len(tab.Pages) {
		t.Fatalf("%d answers for %d URLs", len(got), len(tab.Pages))
	}
	for i, p := range tab.Pages {
		w, _ := json.Marshal(p.Browser)
		g, _ := json.Marshal(got[i])
		if string(w) != string(g) {
			t.Errorf("%q: the table says the browser makes %s of it; Chromium makes %s", p.URL, w, g)
		}
	}
}
