// Package servertest holds what the server's tests share: a fake WeChat on
// a settable clock, a log buffer that servers write while tests read, and
// a wait for background work.
package servertest

import (
	"bytes"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// Buffer collects what servers write (their logs) while a test reads it.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns everything written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Eventually polls cond every 10 ms, for up to 20 s, for what happens in
// the background, and fails t if cond never holds.
func Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for range 2000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("never happened: %s", what)
}

// The account an Upstream's fake plays.
const (
	AppID  = "wxapp"
	Secret = "app-secret-never-shown"
)

// Upstream is a fake WeChat on a settable clock, and credential options
// that share the clock and log JSON into Log.
type Upstream struct {
	Fake    *wechatfake.Server
	Clock   *wechatfake.Clock
	Log     *Buffer
	Options credential.Options
}

// NewUpstream runs a fake of cfg, completed with the account, the JS safe
// domain example.com and a clock at a fixed time, until t ends.
func NewUpstream(t testing.TB, cfg wechatfake.Config) *Upstream {
	t.Helper()
	clk := wechatfake.NewClock(time.Unix(1_700_000_000, 0))
	cfg.AppID, cfg.Secret, cfg.Domains, cfg.Now = AppID, Secret, []string{"example.com"}, clk.Now
	fake, err := wechatfake.NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	log := &Buffer{}
	return &Upstream{Fake: fake, Clock: clk, Log: log,
		Options: credential.Options{Now: clk.Now, Logger: slog.New(slog.NewJSONHandler(log, nil))}}
}

// Client is a client of the fake for its account.
func (u *Upstream) Client() *wechat.Client {
	return &wechat.Client{BaseURL: u.Fake.URL, AppID: AppID, Secret: Secret}
}
