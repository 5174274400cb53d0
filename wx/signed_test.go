//go:build !(js && wasm)

// httptest cannot serve inside a browser: these tests run natively.

package wx

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestSignedConfig(t *testing.T) {
	var gotURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotURL = r.URL.Query().Get("url")
		w.Header().Set("Content-Type", "application/json")
		switch u, _ := url.Parse(gotURL); u.Host {
		case "example.com":
			json.NewEncoder(w).Encode(map[string]any{"appId": "wxapp", "timestamp": 1700000000, "nonceStr": "abc", "signature": "sig"})
		case "evil.org":
			w.WriteHeader(403)
			w.Write([]byte(`{"error":"url_not_allowed","message":"evil.org is not under example.com"}`))
		default:
			w.WriteHeader(503)
			w.Write([]byte(`{"error":"upstream_unavailable","message":"try later"}`))
		}
	}))
	defer srv.Close()
	ctx := context.Background()

	b := newFakeBridge()
	b.pg.href = "https://example.com/app/cart?x=1#/step2"
	b.pg.landing = "https://example.com/app/?x=1#/"
	s := newSDK(b)
	if err := s.SignedConfig(ctx, srv.URL+"/wx/config", APIChooseImage); err != nil {
		t.Fatal(err)
	}
	if gotURL != "https://example.com/app/cart?x=1" {
		t.Fatalf("Android signs the current URL without fragment; server got %q", gotURL)
	}
	if c := b.configs[0]; c["signature"] != "sig" || c["nonceStr"] != "abc" || c["appId"] != "wxapp" || c["timestamp"] != 1700000000.0 {
		t.Fatalf("config = %v", c)
	}

	b.pg.userAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) MicroMessenger/8.0.47"
	if err := s.SignedConfig(ctx, srv.URL+"/wx/config", APIChooseImage); err != nil {
		t.Fatal(err)
	}
	if gotURL != "https://example.com/app/?x=1" {
		t.Fatalf("iOS signs the landing URL; server got %q", gotURL)
	}

	b.pg.href, b.pg.userAgent = "https://evil.org/", "MicroMessenger/8.0.47"
	err := s.SignedConfig(ctx, srv.URL+"/wx/config", APIChooseImage)
	var we *Error
	if !errors.Is(err, ErrInvalidURLDomain) || !errors.As(err, &we) || we.Hint() == "" || we.RealAuthURL() != "https://evil.org/" {
		t.Fatalf("refused domain: %v", err)
	}
	b.pg.href = "https://other.net/"
	if err := s.SignedConfig(ctx, srv.URL+"/wx/config", APIChooseImage); !errors.Is(err, ErrSigner) {
		t.Fatalf("server failure: %v", err)
	}
	if len(b.configs) != 2 {
		t.Fatalf("failed signings reached wx.config: %d configs", len(b.configs))
	}
}

func TestResignWhenURLChanges(t *testing.T) {
	var signed []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		signed = append(signed, r.URL.Query().Get("url"))
		json.NewEncoder(w).Encode(map[string]any{"appId": "wxapp", "timestamp": 1700000000, "nonceStr": "n", "signature": "s"})
	}))
	defer srv.Close()
	ctx := context.Background()
	b := newFakeBridge()
	b.answer = func(m string, _ map[string]any) (string, bool) { return `{"errMsg":"` + m + `:ok"}`, true }
	s := newSDK(b)
	if err := s.SignedConfig(ctx, srv.URL, APIGetNetworkType); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetNetworkType(ctx).Await(ctx); err != nil {
		t.Fatal(err)
	}
	if len(signed) != 1 || len(b.configs) != 1 {
		t.Fatalf("signed %v, %d configs", signed, len(b.configs))
	}
	// The app navigates (history.pushState): the next call signs the new URL first.
	b.mu.Lock()
	b.pg.href = "https://example.com/app/orders?id=3#top"
	b.mu.Unlock()
	if _, err := s.GetNetworkType(ctx).Await(ctx); err != nil {
		t.Fatal(err)
	}
	if len(signed) != 2 || signed[1] != "https://example.com/app/orders?id=3" || len(b.configs) != 2 {
		t.Fatalf("after navigation: signed %v, %d configs", signed, len(b.configs))
	}
	// iOS verifies the landing URL, which navigation does not change: no re-signing.
	b.mu.Lock()
	b.pg.userAgent = "Mozilla/5.0 (iPhone) MicroMessenger/8.0.47"
	b.mu.Unlock()
	if err := s.SignedConfig(ctx, srv.URL, APIGetNetworkType); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	b.pg.href = "https://example.com/app/elsewhere"
	b.mu.Unlock()
	if _, err := s.GetNetworkType(ctx).Await(ctx); err != nil {
		t.Fatal(err)
	}
	if len(signed) != 3 || signed[2] != "https://example.com/app?x=1" {
		t.Fatalf("iOS: signed %v", signed)
	}
}
