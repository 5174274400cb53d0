package wechat_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

const (
	appID  = "wx1234567890abcdef"
	secret = "s3cr3t-0123456789abcdef0123456789"
)

func newFake(t *testing.T, clk *wechatfake.Clock) *wechatfake.Server {
	t.Helper()
	cfg := wechatfake.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}}
	if clk != nil {
		cfg.Now = clk.Now
	}
	f, err := wechatfake.NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	return f
}

func TestTokenAndTicket(t *testing.T) {
	f := newFake(t, nil)
	c := &wechat.Client{BaseURL: f.URL, AppID: appID, Secret: secret}
	ctx := context.Background()
	tok, err := c.AccessToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Value == "" || tok.ExpiresIn != 7200*time.Second {
		t.Fatalf("AccessToken = %+v", tok)
	}
	for _, typ := range []wechat.TicketType{wechat.TicketJSAPI, wechat.TicketCard} {
		tk, err := c.Ticket(ctx, tok.Value, typ)
		if err != nil {
			t.Fatalf("Ticket(%s): %v", typ, err)
		}
		if tk.Value == "" || tk.ExpiresIn != 7200*time.Second {
			t.Fatalf("Ticket(%s) = %+v", typ, tk)
		}
	}
	st, err := c.StableAccessToken(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	st2, err := c.StableAccessToken(ctx, false)
	if err != nil || st2.Value != st.Value {
		t.Fatalf("stable_token twice: %q then %q (%v); want the same token", st.Value, st2.Value, err)
	}
	calls := f.Calls()
	if calls[wechat.PathToken] != 1 || calls[wechat.PathTicket] != 2 || calls[wechat.PathStableToken] != 2 {
		t.Fatalf("calls = %v", calls)
	}
}

func TestErrcodes(t *testing.T) {
	clk := wechatfake.NewClock(time.Unix(1_700_000_000, 0))
	f := newFake(t, clk)
	ctx := context.Background()

	_, err := (&wechat.Client{BaseURL: f.URL, AppID: appID, Secret: "wrong"}).AccessToken(ctx)
	var apiErr *wechat.APIError
	if !errors.Is(err, wechat.ErrConfig) || !errors.As(err, &apiErr) || apiErr.Code != 40125 {
		t.Fatalf("wrong secret: %v", err)
	}
	_, err = (&wechat.Client{BaseURL: f.URL, AppID: "wxother", Secret: secret}).AccessToken(ctx)
	if !errors.Is(err, wechat.ErrConfig) {
		t.Fatalf("wrong appid: %v", err)
	}

	c := &wechat.Client{BaseURL: f.URL, AppID: appID, Secret: secret}
	if _, err := c.Ticket(ctx, "not-a-token", wechat.TicketJSAPI); !errors.Is(err, wechat.ErrTokenRejected) {
		t.Fatalf("unknown token: %v", err)
	}
	old, err := c.AccessToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AccessToken(ctx); err != nil {
		t.Fatal(err)
	}
	// The replaced token still works during the overlap, then expires.
	if _, err := c.Ticket(ctx, old.Value, wechat.TicketJSAPI); err != nil {
		t.Fatalf("replaced token within the overlap: %v", err)
	}
	clk.Add(6 * time.Minute)
	_, err = c.Ticket(ctx, old.Value, wechat.TicketJSAPI)
	if !errors.Is(err, wechat.ErrTokenRejected) || !errors.As(err, &apiErr) || apiErr.Code != 42001 {
		t.Fatalf("replaced token after the overlap: %v", err)
	}
	if _, err := c.Ticket(ctx, old.Value, "bogus"); err == nil {
		t.Fatal("bogus ticket type accepted")
	}
}

func TestUnavailable(t *testing.T) {
	bodies := map[string]struct {
		status int
		body   string
	}{
		"malformed":  {200, "{not json"},
		"empty":      {200, "{}"},
		"no expiry":  {200, `{"access_token":"x"}`},
		"http 500":   {500, `{"errcode":0}`},
		"html error": {502, "<html>bad gateway</html>"},
	}
	for name, b := range bodies {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(b.status)
				w.Write([]byte(b.body))
			}))
			defer srv.Close()
			_, err := (&wechat.Client{BaseURL: srv.URL, AppID: appID, Secret: secret}).AccessToken(context.Background())
			if !errors.Is(err, wechat.ErrUnavailable) {
				t.Fatalf("err = %v, want ErrUnavailable", err)
			}
		})
	}
}

func TestErrorsHideSecrets(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connection refused
	c := &wechat.Client{BaseURL: "http://" + addr, AppID: appID, Secret: secret}
	_, err = c.AccessToken(context.Background())
	if !errors.Is(err, wechat.ErrUnavailable) {
		t.Fatalf("refused: %v, want ErrUnavailable", err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Fatalf("error leaks the secret: %v", err)
	}
	_, err = c.Ticket(context.Background(), "TOKEN-VALUE-123", wechat.TicketJSAPI)
	if err == nil || strings.Contains(err.Error(), "TOKEN-VALUE-123") {
		t.Fatalf("error leaks the token: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer slow.Close()
	_, err = (&wechat.Client{BaseURL: slow.URL, AppID: appID, Secret: secret}).AccessToken(ctx)
	if err == nil || strings.Contains(err.Error(), secret) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("timeout: %v", err)
	}
}

func TestExpiresInBounded(t *testing.T) {
	f := newFake(t, nil)
	c := &wechat.Client{BaseURL: f.URL, AppID: appID, Secret: secret}
	ctx := context.Background()
	for _, tt := range []struct {
		expiresIn int64
		want      time.Duration // zero: refused as malformed
	}{
		{100_000_000, 7200 * time.Second},    // years: WeChat never grants more than 2 hours
		{20_000_000_000, 7200 * time.Second}, // overflows a Duration in nanoseconds
		{7200, 7200 * time.Second},
		{7201, 7200 * time.Second},
		{8, 8 * time.Second},
		{1, time.Second},
		// 0, absent, is refused too: see TestUnavailable.
		{-1, 0},
		{-20_000_000_000, 0},
	} {
		f.Inject(wechat.PathToken, wechatfake.Fault{ExpiresIn: tt.expiresIn, Times: 1})
		got, err := c.AccessToken(ctx)
		if tt.want == 0 {
			if !errors.Is(err, wechat.ErrUnavailable) || wechat.Outcome(err) != "malformed" {
				t.Errorf("expires_in %d: %+v, %v; want it refused as malformed", tt.expiresIn, got, err)
			}
			continue
		}
		if err != nil || got.ExpiresIn != tt.want {
			t.Errorf("expires_in %d: %+v, %v; want a lifetime of %v", tt.expiresIn, got, err, tt.want)
		}
	}
}

func TestErrmsgRedactedAndBounded(t *testing.T) {
	f := newFake(t, nil)
	c := &wechat.Client{BaseURL: f.URL, AppID: appID, Secret: secret}
	ctx := context.Background()
	tok, err := c.AccessToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string]func() error{
		wechat.PathToken:       func() error { _, err := c.AccessToken(ctx); return err },
		wechat.PathStableToken: func() error { _, err := c.StableAccessToken(ctx, true); return err },
		wechat.PathTicket:      func() error { _, err := c.Ticket(ctx, tok.Value, wechat.TicketJSAPI); return err },
	}
	for path, call := range calls {
		f.Inject(path, wechatfake.Fault{Errcode: 40164, Echo: true, Times: 1})
		err := call()
		var apiErr *wechat.APIError
		if !errors.As(err, &apiErr) || apiErr.Code != 40164 || !errors.Is(err, wechat.ErrConfig) {
			t.Fatalf("%s: %v, want errcode 40164", path, err)
		}
		for _, s := range []string{err.Error(), apiErr.Msg} {
			if strings.Contains(s, secret) || strings.Contains(s, tok.Value) {
				t.Errorf("%s: the error shows a secret: %s", path, s)
			}
		}
		if !strings.HasPrefix(apiErr.Msg, "invalid ip, not in whitelist") {
			t.Errorf("%s: errmsg %q lost WeChat's words", path, apiErr.Msg)
		}
	}
	// A long errmsg is cut, on a character boundary.
	long := strings.Repeat("错", 1000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"errcode":-1,"errmsg":"` + long + `"}`))
	}))
	defer srv.Close()
	_, err = (&wechat.Client{BaseURL: srv.URL, AppID: appID, Secret: secret}).AccessToken(ctx)
	var apiErr *wechat.APIError
	if !errors.As(err, &apiErr) || len(apiErr.Msg) > wechat.MaxErrmsg || !utf8.ValidString(apiErr.Msg) || !strings.HasPrefix(apiErr.Msg, "错错") {
		t.Fatalf("a %d-byte errmsg became %d bytes: %q", len(long), len(apiErr.Msg), apiErr.Msg)
	}
}
