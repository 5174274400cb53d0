package credential_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/internal/servertest"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// Tests of what the Caches do whatever upstream answers: short
// lifetimes, busy days, quotas, lifetimes of years, another upstream's
// records. Each drives a steady load on the fake clock and counts the
// upstream calls.

func newEnvWith(t *testing.T, cfg wechatfake.Config) *env {
	return &env{Upstream: servertest.NewUpstream(t, cfg), store: &store.Memory{}}
}

// run is what a steady load saw: the upstream calls it caused and each
// request's error (nil if it got a ticket), in order.
type run struct {
	calls map[string]int
	errs  []error
}

// step is the time between two requests of a steady load: 20 a second.
const step = 50 * time.Millisecond

// steady asks acct for the jsapi ticket every step of e's clock for d,
// each background refresh settled before the clock moves on, and does what
// KeepFresh does once a minute, from the start.
func (e *env) steady(acct *credential.Account, d time.Duration) run {
	before := e.Fake.Calls()
	var r run
	for i := range d / step {
		if i%(time.Minute/step) == 0 {
			acct.Tick(context.Background())
		}
		_, err := acct.Ticket(context.Background(), wechat.TicketJSAPI)
		r.errs = append(r.errs, err)
		acct.Settle()
		e.Clock.Add(step)
	}
	r.calls = e.Fake.Calls()
	for k, v := range before {
		r.calls[k] -= v
	}
	return r
}

func (r run) tokens() int  { return r.calls[wechat.PathToken] + r.calls[wechat.PathStableToken] }
func (r run) tickets() int { return r.calls[wechat.PathTicket] }

func (r run) failed() int {
	n := 0
	for _, err := range r.errs {
		if err != nil {
			n++
		}
	}
	return n
}

// firstOK is how long into the run the first request succeeded, or -1.
func (r run) firstOK() time.Duration {
	for i, err := range r.errs {
		if err == nil {
			return time.Duration(i) * step
		}
	}
	return -1
}

func (r run) String() string {
	return fmt.Sprintf("%d token and %d ticket calls, %d of %d requests failed", r.tokens(), r.tickets(), r.failed(), len(r.errs))
}

// A lifetime under the renewal margin is renewed at half of it, and never
// twice within MinRenewInterval of a success; a token upstream hands back
// unchanged is kept until shortly before it expires.
func TestShortLifetimes(t *testing.T) {
	tests := []struct {
		name           string
		cfg            wechatfake.Config
		stable         bool
		d              time.Duration
		tokens, ticket int
	}{
		// Token and tickets live 200 s; stable_token answers the same token
		// with what remains of it. Tickets: at half their life, 100 s apart.
		// The token: at 0 s; due at 100 s, renewed at the 120 s tick, the
		// same one back (kept until shortly before it expires), again at
		// 180 s, then expired at 200 s: 0, 120, 180, 200, 300, 400, 540 s.
		{"stable_token answering the remaining 200 s", wechatfake.Config{TTL: 200 * time.Second}, true, 10 * time.Minute, 7, 6},
		// Tickets of 8 s cannot be renewed ahead at most every 30 s: each is
		// fetched once it has expired.
		{"8-second tickets", wechatfake.Config{TicketTTL: 8 * time.Second}, false, time.Minute, 1, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnvWith(t, tt.cfg)
			e.Options.StableToken = tt.stable
			r := e.steady(e.account(), tt.d)
			t.Logf("%v under 20 requests a second: %v", tt.d, r)
			if r.tokens() != tt.tokens || r.tickets() != tt.ticket || r.failed() != 0 {
				t.Fatalf("%v; want %d token and %d ticket calls, none failed", r, tt.tokens, tt.ticket)
			}
		})
	}
}

// A busy WeChat (errcode -1 on every endpoint) costs calls on one 1 s
// doubling schedule for the whole account: token and ticket failures count
// together, and a warm server does not retry at once.
func TestBusyBacksOffAcrossCredentials(t *testing.T) {
	e := newEnv(t)
	acct := e.account()
	ticket(t, acct)
	e.Clock.Add(7200*time.Second - 4*time.Minute) // token and ticket inside the margin
	e.Fake.Inject(wechat.PathToken, wechatfake.Fault{Errcode: -1})
	e.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Errcode: -1})
	r := e.steady(acct, time.Minute)
	t.Logf("warm, a minute of errcode -1: %v", r)
	// Tries at 0 s (the token, at the minute's tick), then 1, 3, 7, 15 and
	// 31 s (the ticket, asked for; the token is not due again before 60 s).
	if r.tokens() != 1 || r.tickets() != 5 || r.failed() != 0 {
		t.Fatalf("%v; want 1 token and 5 ticket calls, none failed", r)
	}
}

// A ticket that fails because its token cannot be had costs no more than
// the token's own schedule: busy answers are retried at once while nothing
// is held (twice), then the account backs off.
func TestBusyTokenHoldsTicketsBack(t *testing.T) {
	e := newEnv(t)
	e.Fake.Inject(wechat.PathToken, wechatfake.Fault{Errcode: -1})
	r := e.steady(e.account(), time.Minute)
	t.Logf("cold, a minute of errcode -1 on the token: %v", r)
	if r.tokens() != 6*3 || r.tickets() != 0 || r.failed() != len(r.errs) {
		t.Fatalf("%v; want 18 token calls (6 rounds of 3), no ticket call", r)
	}
}

// After a quota or configuration error, a server that holds nothing valid
// tries again within a minute, so that signing resumes soon after the
// fault clears; one that holds a valid ticket waits the long pause.
func TestQuotaAndConfigErrorsCold(t *testing.T) {
	for _, code := range []int{45009, 40164} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			e := newEnv(t)
			acct := e.account()
			e.Fake.Inject(wechat.PathToken, wechatfake.Fault{Errcode: code})
			during := e.steady(acct, 3*time.Minute)
			e.Fake.ClearFaults()
			after := e.steady(acct, time.Minute)
			t.Logf("cold, 3 minutes of errcode %d: %v; then cleared: signing after %v", code, during, after.firstOK())
			// Tries at 0, 1, 3, 7, 15, 31, 63 and 123 s, then every 60 s: 183 s.
			if during.tokens() != 8 || during.failed() != len(during.errs) {
				t.Fatalf("during the fault: %v; want 8 token calls", during)
			}
			if got := after.firstOK(); got != 3*time.Second {
				t.Fatalf("signing resumed %v after the fault cleared; want 3 s", got)
			}
		})
	}
}

func TestQuotaWarmWaitsWhileValid(t *testing.T) {
	e := newEnv(t)
	acct := e.account()
	ticket(t, acct)
	e.Clock.Add(7200*time.Second - 4*time.Minute - 30*time.Second) // inside the margin
	e.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Errcode: 45009})
	during := e.steady(acct, 4*time.Minute)
	if during.tickets() != 1 || during.failed() != 0 {
		t.Fatalf("warm, 4 minutes of quota: %v; want 1 ticket call, none failed", during)
	}
	// Once the held ticket expires (30 s from here) nothing valid is held:
	// the next try does not wait for the rest of the long pause.
	e.Fake.ClearFaults()
	after := e.steady(acct, time.Minute)
	t.Logf("warm, 4 minutes of quota: %v; then cleared: %v", during, after)
	if after.failed() != 0 || after.tickets() != 1 {
		t.Fatalf("after the held ticket expired: %v; want 1 ticket call, none failed", after)
	}
}

// An instance whose refreshes are held back still reads the store: another
// instance's fresh ticket there is served at once.
func TestBackoffStillReadsTheStore(t *testing.T) {
	e := newEnv(t)
	a := e.account()
	old := ticket(t, a)
	e.Clock.Add(7200*time.Second - 4*time.Minute)
	e.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Errcode: 45009, Times: 1})
	if got := ticket(t, a); got != old {
		t.Fatalf("inside the margin: %v, want the held ticket", got)
	}
	a.Settle() // a's renewal met the quota: a holds off for the long pause
	b := e.account()
	fresh := ticket(t, b) // b renews, into the shared store
	if fresh.Value == old.Value {
		t.Fatal("b served the old ticket")
	}
	e.Clock.Add(credential.DefaultMinBackoff)
	ticket(t, a)
	a.Settle()
	if got := ticket(t, a); got.Value != fresh.Value {
		t.Fatalf("a in back-off serves %v; want b's ticket from the store", got)
	}
	e.Clock.Add(4 * time.Minute) // a's old ticket has expired, its pause has not ended
	if got := ticket(t, a); got.Value != fresh.Value {
		t.Fatalf("after the old ticket expired: %v", got)
	}
	e.calls(t, 2, 3) // a: 1 token, 2 tickets (one refused); b: 1 token, 1 ticket; all from the store since
}

// A lifetime of years is taken as WeChat's longest, 7200 s.
func TestLifetimeOfYearsBounded(t *testing.T) {
	for _, n := range []int64{100_000_000, 20_000_000_000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			e := newEnv(t)
			acct := e.account()
			e.Fake.Inject(wechat.PathTicket, wechatfake.Fault{ExpiresIn: n, Times: 1})
			first := ticket(t, acct)
			if max := e.Clock.Now().Add(wechat.MaxLifetime); first.Expiry.After(max) {
				t.Fatalf("expires_in %d kept until %v", n, first.Expiry)
			}
			e.Clock.Add(wechat.MaxLifetime)
			if got := ticket(t, acct); got.Value == first.Value {
				t.Fatalf("expires_in %d: the ticket outlived 7200 s", n)
			}
		})
	}
}

// A stored record that claims to last longer than WeChat grants is not
// trusted; one within a minute of it (clocks differ) is.
func TestStoredRecordOfYearsIgnored(t *testing.T) {
	for _, tt := range []struct {
		ahead time.Duration
		used  bool
	}{
		{wechat.MaxLifetime + 30*time.Second, true},
		{wechat.MaxLifetime + 2*time.Minute, false},
		{10 * 365 * 24 * time.Hour, false},
	} {
		t.Run(tt.ahead.String(), func(t *testing.T) {
			e := newEnv(t)
			acct := e.account()
			planted := credential.Credential{Value: "planted", Expiry: e.Clock.Now().Add(tt.ahead)}
			if err := e.store.Save(context.Background(), acct.JSAPITicket.Key(), planted); err != nil {
				t.Fatal(err)
			}
			if got := ticket(t, acct).Value == "planted"; got != tt.used {
				t.Fatalf("a record %v ahead: used %v, want %v", tt.ahead, got, tt.used)
			}
		})
	}
}

// Records are kept per upstream: the same state directory used against
// another API base (a fake, then WeChat) does not sign with the first
// one's ticket, and each upstream finds its own records again.
func TestRecordsBelongToTheirUpstream(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	open := func() credential.Store {
		s, err := store.NewFile(dir)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first, second := newEnv(t), newEnv(t)
	a := credential.NewAccount(first.Client(), open(), first.Options)
	fromFirst := ticket(t, a)
	b := credential.NewAccount(second.Client(), open(), second.Options)
	fromSecond := ticket(t, b)
	if fromSecond.Value == fromFirst.Value {
		t.Fatal("the second upstream's account signs with the first upstream's ticket")
	}
	second.calls(t, 1, 1)
	again := credential.NewAccount(first.Client(), open(), first.Options)
	if got := ticket(t, again); got.Value != fromFirst.Value {
		t.Fatalf("back on the first upstream: %v, want its own ticket", got)
	}
	first.calls(t, 1, 1)
	// Every key of the account shares one Redis Cluster hash tag.
	for _, c := range []*credential.Cache{a.Token, a.JSAPITicket, a.CardTicket, b.Token} {
		if !strings.HasPrefix(c.Key(), "{gowx:"+servertest.AppID+"}:") {
			t.Errorf("key %q lacks the account's hash tag", c.Key())
		}
	}
	if a.Token.Key() == b.Token.Key() {
		t.Errorf("both upstreams use the key %q", a.Token.Key())
	}
}

// A store that cannot be used leaves the credentials in memory, said once.
func TestUnusableStore(t *testing.T) {
	e := newEnv(t)
	e.store = store.Unusable{Err: errors.New("store: state directory /nowhere: read-only file system")}
	var obs storeObserver
	e.Options.Observer = &obs
	acct := e.account()
	acct.CheckStore(context.Background())
	first := ticket(t, acct)
	if got := ticket(t, acct); got != first {
		t.Fatalf("not served from memory: %v", got)
	}
	if _, err := acct.Ticket(context.Background(), wechat.TicketCard); err != nil {
		t.Fatal(err)
	}
	e.calls(t, 1, 2)
	if n := strings.Count(e.Log.String(), `"level":"ERROR"`); n != 1 || !strings.Contains(e.Log.String(), "read-only file system") {
		t.Fatalf("%d error lines, want 1 naming the cause:\n%s", n, e.Log)
	}
	if obs.ok() != 0 || obs.failed() == 0 {
		t.Fatalf("store operations observed: %d ok, %d failed; want every one failed", obs.ok(), obs.failed())
	}
}

// storeObserver counts the store outcomes a Cache reports.
type storeObserver struct {
	mu             sync.Mutex
	okOps, failOps int
}

func (o *storeObserver) Hit(string)              {}
func (o *storeObserver) Refreshed(string, error) {}
func (o *storeObserver) LockWait(string)         {}
func (o *storeObserver) Store(_ string, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err != nil {
		o.failOps++
	} else {
		o.okOps++
	}
}
func (o *storeObserver) ok() int     { o.mu.Lock(); defer o.mu.Unlock(); return o.okOps }
func (o *storeObserver) failed() int { o.mu.Lock(); defer o.mu.Unlock(); return o.failOps }
