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
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
)

// signer is a signing server for the tests: it signs every URL, and fails
// as many requests as failNext says with 503.
type signer struct {
	url string

	mu    sync.Mutex
	urls  []string
	fails int
}

func newSigner(t *testing.T) *signer {
	sv := &signer{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sv.mu.Lock()
		fail := sv.fails > 0
		if fail {
			sv.fails--
		}
		sv.urls = append(sv.urls, r.URL.Query().Get("url"))
		sv.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if fail {
			w.WriteHeader(503)
			w.Write([]byte(`{"error":"upstream_unavailable","message":"try later"}`))
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"appId": "wxapp", "timestamp": 1700000000, "nonceStr": "n", "signature": "s"})
	}))
	t.Cleanup(srv.Close)
	sv.url = srv.URL + "/wx/config"
	return sv
}

// signed lists the URLs the server was asked to sign.
func (sv *signer) signed() []string {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	return append([]string(nil), sv.urls...)
}

func (sv *signer) failNext(n int) {
	sv.mu.Lock()
	sv.fails = n
	sv.mu.Unlock()
}

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

// After an abandoned SignedConfig took its late answer, a change of URL
// signs the page again.
func TestAbandonedSignedConfigResignsWhenTheURLChanges(t *testing.T) {
	sv := newSigner(t)
	b := newFakeBridge()
	b.holdConfigs = true
	answerAll(b)
	s := newSDK(b)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.SignedConfig(ctx, sv.url, APIGetNetworkType) }()
	eventually(t, "wx.config ran", func() bool { return b.pendingConfigs() == 1 })
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("abandoned SignedConfig = %v", err)
	}
	b.answerConfig(0, `{"errMsg":"config:ok"}`)
	if _, err := settleWithin(t, s.GetNetworkType(context.Background())); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	b.pg.href = "https://example.com/app/orders"
	b.mu.Unlock()
	f := s.GetNetworkType(context.Background())
	eventually(t, "the page was configured again", func() bool { return b.pendingConfigs() == 2 })
	b.answerConfig(1, `{"errMsg":"config:ok"}`)
	if _, err := settleWithin(t, f); err != nil {
		t.Fatal(err)
	}
	if got := sv.signed(); !reflect.DeepEqual(got, []string{"https://example.com/app?x=1", "https://example.com/app/orders"}) {
		t.Fatalf("signed %v", got)
	}
}

// A re-sign that fails fails the calls waiting for it; the next call signs
// again.
func TestFailedResignIsRetried(t *testing.T) {
	sv := newSigner(t)
	b := newFakeBridge()
	answerAll(b)
	s := newSDK(b)
	ctx := context.Background()
	if err := s.SignedConfig(ctx, sv.url, APIGetNetworkType); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	b.pg.href = "https://example.com/app/orders"
	b.mu.Unlock()
	sv.failNext(1)
	if _, err := settleWithin(t, s.GetNetworkType(ctx)); !errors.Is(err, ErrSigner) {
		t.Fatalf("the call waiting for a failed re-sign: %v, want ErrSigner", err)
	}
	if _, err := settleWithin(t, s.GetNetworkType(ctx)); err != nil {
		t.Fatalf("the next call did not sign again: %v", err)
	}
	if got := sv.signed(); len(got) != 3 || got[2] != "https://example.com/app/orders" {
		t.Fatalf("signed %v", got)
	}
	if len(b.configs) != 2 {
		t.Fatalf("%d configurations, want 2", len(b.configs))
	}
}

// SignedConfigWith takes Config's options, and re-signing keeps them.
func TestSignedConfigWithOptions(t *testing.T) {
	sv := newSigner(t)
	b := newFakeBridge()
	answerAll(b)
	s := newSDK(b)
	ctx := context.Background()
	o := SignedConfigOptions{Debug: true, JSAPIList: []API{APIGetNetworkType}, OpenTagList: []OpenTag{OpenTagLaunchWeapp}}
	if err := s.SignedConfigWith(ctx, sv.url, o); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	b.pg.href = "https://example.com/app/orders"
	b.mu.Unlock()
	if _, err := settleWithin(t, s.GetNetworkType(ctx)); err != nil {
		t.Fatal(err)
	}
	if len(b.configs) != 2 {
		t.Fatalf("%d configurations", len(b.configs))
	}
	for i, c := range b.configs {
		if c["debug"] != true || !reflect.DeepEqual(c["openTagList"], []any{"wx-open-launch-weapp"}) || !reflect.DeepEqual(c["jsApiList"], []any{"getNetworkType"}) {
			t.Fatalf("configuration %d: %v", i, c)
		}
	}
}

// The lifecycle passes through its states as the diagram of state says.
func TestLifecycleStates(t *testing.T) {
	hold := make(chan struct{}, 1)
	var fail atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-hold
		if fail.Load() {
			w.WriteHeader(503)
			w.Write([]byte(`{"error":"upstream_unavailable","message":"try later"}`))
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"appId": "wxapp", "timestamp": 1700000000, "nonceStr": "n", "signature": "s"})
	}))
	defer srv.Close()
	b := newFakeBridge()
	b.holdConfigs = true
	answerAll(b)
	s := newSDK(b)
	ctx := context.Background()
	is := func(want state) {
		t.Helper()
		eventually(t, "state "+want.String(), func() bool { st, _ := s.life.now(); return st == want })
	}
	is(unconfigured)
	errc := make(chan error, 1)
	go func() { errc <- s.SignedConfig(ctx, srv.URL, APIGetNetworkType) }()
	is(verifying) // signing
	hold <- struct{}{}
	eventually(t, "wx.config ran", func() bool { return b.pendingConfigs() == 1 })
	is(verifying) // the client verifies
	b.answerConfig(0, `{"errMsg":"config:ok"}`)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	is(ready)

	b.mu.Lock()
	b.pg.href = "https://example.com/app/orders"
	b.mu.Unlock()
	fail.Store(true)
	f := s.GetNetworkType(ctx)
	is(resigning)
	hold <- struct{}{}
	if _, err := settleWithin(t, f); !errors.Is(err, ErrSigner) {
		t.Fatalf("the call waiting for the failed re-sign: %v", err)
	}
	is(failed)

	fail.Store(false)
	f = s.GetNetworkType(ctx)
	is(resigning)
	hold <- struct{}{}
	eventually(t, "wx.config ran again", func() bool { return b.pendingConfigs() == 2 })
	is(verifying)
	b.answerConfig(1, `{"errMsg":"config:invalid signature"}`)
	if _, err := settleWithin(t, f); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("the call waiting for the re-sign: %v", err)
	}
	is(failed)
}
