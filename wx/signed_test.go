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
