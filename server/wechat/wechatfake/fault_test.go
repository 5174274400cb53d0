package wechatfake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

func newFake(t *testing.T, cfg wechatfake.Config) (*wechatfake.Server, *wechat.Client) {
	t.Helper()
	cfg.AppID, cfg.Secret = "wxapp", "secret"
	if cfg.Domains == nil {
		cfg.Domains = []string{"example.com"}
	}
	f, err := wechatfake.NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	return f, &wechat.Client{BaseURL: f.URL, AppID: "wxapp", Secret: "secret", HTTP: &http.Client{Timeout: 2 * time.Second}}
}

func TestFaults(t *testing.T) {
	tests := []struct {
		name    string
		fault   wechatfake.Fault
		want    error
		outcome string
	}{
		{"busy", wechatfake.Fault{Errcode: -1}, wechat.ErrBusy, "-1"},
		{"invalid credential", wechatfake.Fault{Errcode: 40001}, wechat.ErrTokenRejected, "40001"},
		{"expired", wechatfake.Fault{Errcode: 42001}, wechat.ErrTokenRejected, "42001"},
		{"quota", wechatfake.Fault{Errcode: 45009}, wechat.ErrQuota, "45009"},
		{"ip whitelist", wechatfake.Fault{Errcode: 40164}, wechat.ErrConfig, "40164"},
		{"http 500", wechatfake.Fault{Status: 500}, wechat.ErrUnavailable, "http_500"},
		{"http 502", wechatfake.Fault{Status: 502}, wechat.ErrUnavailable, "http_502"},
		{"malformed", wechatfake.Fault{Malformed: true}, wechat.ErrUnavailable, "malformed"},
		{"closed connection", wechatfake.Fault{Close: true}, wechat.ErrUnavailable, "unreachable"},
		{"slow past the timeout", wechatfake.Fault{Delay: time.Minute}, context.DeadlineExceeded, "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, c := newFake(t, wechatfake.Config{})
			var outcomes []string
			c.Observe = func(endpoint string, err error) { outcomes = append(outcomes, endpoint+" "+wechat.Outcome(err)) }
			tt.fault.Times = 1
			f.Inject(wechat.PathToken, tt.fault)
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			if _, err := c.AccessToken(ctx); !errors.Is(err, tt.want) {
				t.Fatalf("with the fault: %v, want %v", err, tt.want)
			}
			// Times: 1 means the next call is normal again.
			if _, err := c.AccessToken(context.Background()); err != nil {
				t.Fatalf("after the fault: %v", err)
			}
			if got := f.Calls()[wechat.PathToken]; got != 2 {
				t.Fatalf("calls = %d, want 2: a faulted call counts", got)
			}
			if len(outcomes) != 2 || outcomes[0] != wechat.PathToken+" "+tt.outcome || outcomes[1] != wechat.PathToken+" ok" {
				t.Fatalf("observed %q, want %s then ok", outcomes, tt.outcome)
			}
		})
	}
}

func TestFaultQueueAndClear(t *testing.T) {
	f, c := newFake(t, wechatfake.Config{})
	ctx := context.Background()
	f.Inject(wechat.PathToken, wechatfake.Fault{Errcode: -1, Times: 2})
	f.Inject(wechat.PathToken, wechatfake.Fault{Errcode: 45009})
	for i, want := range []error{wechat.ErrBusy, wechat.ErrBusy, wechat.ErrQuota, wechat.ErrQuota} {
		if _, err := c.AccessToken(ctx); !errors.Is(err, want) {
			t.Fatalf("call %d: %v, want %v", i, err, want)
		}
	}
	f.ClearFaults()
	if _, err := c.AccessToken(ctx); err != nil {
		t.Fatal(err)
	}
	// Over HTTP, as a page or a shell would.
	post := func(req wechatfake.FaultRequest) int {
		body, _ := json.Marshal(req)
		resp, err := http.Post(f.URL+wechatfake.FaultPath, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post(wechatfake.FaultRequest{Path: wechat.PathTicket, Fault: wechatfake.Fault{Errcode: 40001}}); got != 200 {
		t.Fatalf("fault request: HTTP %d", got)
	}
	tok, _ := c.AccessToken(ctx)
	if _, err := c.Ticket(ctx, tok.Value, wechat.TicketJSAPI); !errors.Is(err, wechat.ErrTokenRejected) {
		t.Fatalf("injected over HTTP: %v", err)
	}
	if got := post(wechatfake.FaultRequest{Path: "/elsewhere"}); got != 400 {
		t.Fatalf("fault for an unknown path: HTTP %d", got)
	}
	post(wechatfake.FaultRequest{Clear: true})
	if _, err := c.Ticket(ctx, tok.Value, wechat.TicketJSAPI); err != nil {
		t.Fatalf("after clearing over HTTP: %v", err)
	}
}

func TestDailyQuota(t *testing.T) {
	// 23:00 in China.
	clk := wechatfake.NewClock(time.Date(2026, 1, 1, 23, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	f, c := newFake(t, wechatfake.Config{Now: clk.Now, DailyQuota: map[string]int{wechat.PathToken: 2}})
	ctx := context.Background()
	for i := range 2 {
		if _, err := c.AccessToken(ctx); err != nil {
			t.Fatalf("call %d within the quota: %v", i, err)
		}
	}
	if _, err := c.AccessToken(ctx); !errors.Is(err, wechat.ErrQuota) {
		t.Fatalf("past the quota: %v", err)
	}
	tok, _ := c.StableAccessToken(ctx, false)
	if _, err := c.Ticket(ctx, tok.Value, wechat.TicketJSAPI); err != nil {
		t.Fatalf("another endpoint is not limited: %v", err)
	}
	clk.Add(2 * time.Hour) // the next day in China
	if _, err := c.AccessToken(ctx); err != nil {
		t.Fatalf("the next day: %v", err)
	}
	if got := f.Calls()[wechat.PathToken]; got != 4 {
		t.Fatalf("calls = %d, want 4", got)
	}
}

func TestRefuse(t *testing.T) {
	f, c := newFake(t, wechatfake.Config{})
	ctx := context.Background()
	if err := f.Refuse(true); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AccessToken(ctx); !errors.Is(err, wechat.ErrUnavailable) {
		t.Fatalf("while refusing: %v", err)
	}
	if err := f.Refuse(false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AccessToken(ctx); err != nil {
		t.Fatalf("after resuming on the same port: %v", err)
	}
	if got := f.Calls()[wechat.PathToken]; got != 1 {
		t.Fatalf("calls = %d: a refused connection reaches no handler", got)
	}
}

// raw gets a WeChat endpoint of the fake and decodes its answer as it is.
func raw(t *testing.T, f *wechatfake.Server, pathAndQuery string) map[string]any {
	t.Helper()
	resp, err := http.Get(f.URL + pathAndQuery)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRewrittenAnswers(t *testing.T) {
	f, _ := newFake(t, wechatfake.Config{})
	tokenQuery := wechat.PathToken + "?grant_type=client_credential&appid=wxapp&secret=secret"
	for _, n := range []int64{100_000_000, 20_000_000_000, -5} {
		f.Inject(wechat.PathToken, wechatfake.Fault{ExpiresIn: n, Times: 1})
		got := raw(t, f, tokenQuery)
		if got["access_token"] == "" || got["expires_in"] != float64(n) {
			t.Fatalf("ExpiresIn %d: answered %v", n, got)
		}
	}
	if got := raw(t, f, tokenQuery); got["expires_in"] != float64(7200) {
		t.Fatalf("after the fault: %v", got)
	}
	f.Inject(wechat.PathToken, wechatfake.Fault{Errcode: 40164, Echo: true, Times: 1})
	got := raw(t, f, tokenQuery)
	if msg, _ := got["errmsg"].(string); got["errcode"] != float64(40164) || !strings.Contains(msg, "secret=secret") {
		t.Fatalf("Echo: answered %v, want the query in errmsg", got)
	}
}
