package server_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/internal/servertest"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// TestHostileRequestsLogQuietly: a client's bad requests are logged at
// info, a few a second, whatever their number; the line after a pause
// says how many were held back. The server's own failures are warnings.
func TestHostileRequestsLogQuietly(t *testing.T) {
	h := newHarness(t)
	srv := h.start(t, nil)
	lines := func() []map[string]any {
		var out []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(h.Log.String()), "\n") {
			var m map[string]any
			if json.Unmarshal([]byte(l), &m) == nil && m["msg"] == "request failed" {
				out = append(out, m)
			}
		}
		return out
	}
	long := "/wx/config?url=" + url.QueryEscape("https://evil.org/"+strings.Repeat("x", 2000))
	for range 300 {
		if a := do(t, nil, "GET", srv.URL+long, ""); a.status != 403 {
			t.Fatalf("%d %v", a.status, a.body)
		}
	}
	got := lines()
	if len(got) != 20 {
		t.Fatalf("300 refused requests wrote %d lines, want the burst of 20", len(got))
	}
	for _, l := range got {
		req, _ := l["request"].(map[string]any)
		if l["level"] != "INFO" || len(req["path"].(string)) > 300 {
			t.Fatalf("line %v: want level INFO and a bounded path", l)
		}
	}
	h.Clock.Add(time.Second)
	do(t, nil, "GET", srv.URL+long, "")
	got = lines()
	if req, _ := got[len(got)-1]["request"].(map[string]any); len(got) != 21 || req["similar_lines_dropped"] != 280.0 {
		t.Fatalf("after a second: %d lines, the last %v; want 21, saying 280 were dropped", len(got), got[len(got)-1])
	}

	h.Fake.Inject(wechat.PathToken, wechatfake.Fault{Errcode: 40125})
	if a := do(t, nil, "GET", configURL(srv.URL, "https://example.com/"), ""); a.status != 503 {
		t.Fatalf("%d %v", a.status, a.body)
	}
	if got = lines(); got[len(got)-1]["level"] != "WARN" {
		t.Fatalf("an upstream failure logged as %v", got[len(got)-1])
	}
}

// TestLongRequestLine: a page URL of 70,000 bytes gets the API's JSON
// refusal, not net/http's plain text.
func TestLongRequestLine(t *testing.T) {
	srv := run(t, server.Config{Addr: "127.0.0.1:0"}, &servertest.Buffer{}, nil)
	u, _ := url.Parse(srv.url)
	for _, target := range []string{
		"/wx/config?url=" + url.QueryEscape("http://"+u.Host+"/"+strings.Repeat("a", 70_000)),
		"/wx/config?url=http://" + u.Host + "/&pad=" + strings.Repeat("b", 200_000),
		"/" + strings.Repeat("c", 70_000),
	} {
		status, header, body := rawGet(t, u.Host, target)
		var e server.ErrorResponse
		if !strings.HasPrefix(header.Get("Content-Type"), "application/json") || json.Unmarshal([]byte(body), &e) != nil || e.Error == "" {
			t.Errorf("GET of %d bytes: %d %q %.100q; want a JSON error", len(target), status, header.Get("Content-Type"), body)
		}
		if strings.HasPrefix(target, "/wx/") && (status != 414 || e.Error != "request_too_large") {
			t.Errorf("GET of %d bytes: %d %s; want 414 request_too_large", len(target), status, e.Error)
		}
	}
}
