package credential_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
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

type env struct {
	*servertest.Upstream
	store credential.Store
}

func newEnv(t *testing.T) *env {
	return &env{Upstream: servertest.NewUpstream(t, wechatfake.Config{}), store: &store.Memory{}}
}

// account is one server instance on the environment's store.
func (e *env) account() *credential.Account {
	return credential.NewAccount(e.Client(), e.store, e.Options)
}

func (e *env) calls(t *testing.T, token, ticket int) {
	t.Helper()
	c := e.Fake.Calls()
	if c[wechat.PathToken] != token || c[wechat.PathTicket] != ticket {
		t.Fatalf("upstream calls: %d token, %d ticket; want %d, %d", c[wechat.PathToken], c[wechat.PathTicket], token, ticket)
	}
}

func ticket(t *testing.T, a *credential.Account) credential.Credential {
	t.Helper()
	c, err := a.Ticket(context.Background(), wechat.TicketJSAPI)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOneFetchForConcurrentCallers(t *testing.T) {
	e := newEnv(t)
	acct := e.account()
	const callers = 200
	var wg sync.WaitGroup
	got := make([]string, callers)
	errs := make([]error, callers)
	for i := range callers {
		wg.Go(func() {
			c, err := acct.Ticket(context.Background(), wechat.TicketJSAPI)
			got[i], errs[i] = c.Value, err
		})
	}
	wg.Wait()
	for i := range callers {
		if errs[i] != nil || got[i] == "" || got[i] != got[0] {
			t.Fatalf("caller %d: %q, %v (caller 0 got %q)", i, got[i], errs[i], got[0])
		}
	}
	e.calls(t, 1, 1)
}

func TestRefreshAheadInBackground(t *testing.T) {
	e := newEnv(t)
	acct := e.account()
	first := ticket(t, acct)
	e.Clock.Add(7200*time.Second - credential.DefaultMargin - time.Second)
	if got := ticket(t, acct); got != first {
		t.Fatalf("before the margin: %v; want the held ticket", got)
	}
	e.calls(t, 1, 1)
	e.Clock.Add(2 * time.Second)
	// Inside the margin the held ticket is served at once, and replaced behind the caller's back.
	if got := ticket(t, acct); got != first {
		t.Fatalf("inside the margin: %v; want the held ticket while the new one comes", got)
	}
	servertest.Eventually(t, "a background refresh", func() bool { return ticket(t, acct).Value != first.Value })
	// The ticket was renewed with the token held, still valid: renewing
	// the token ahead is KeepFresh's part.
	e.calls(t, 1, 2)
	if c, err := e.store.Load(context.Background(), acct.JSAPITicket.Key()); err != nil || c.Value == first.Value {
		t.Fatalf("the store holds %v, %v; want the new ticket", c, err)
	}
	acct.Tick(context.Background())
	e.calls(t, 2, 2)
}

func TestKeepFreshRefreshesOnlyWhatIsHeld(t *testing.T) {
	e := newEnv(t)
	acct := e.account()
	ctx := context.Background()
	for _, c := range []*credential.Cache{acct.Token, acct.JSAPITicket, acct.CardTicket} {
		if err := c.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	e.calls(t, 0, 0)
	first := ticket(t, acct)
	e.Clock.Add(7200*time.Second - time.Minute)
	for _, c := range []*credential.Cache{acct.Token, acct.JSAPITicket, acct.CardTicket} {
		if err := c.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	e.calls(t, 2, 2) // the card ticket was never asked for
	if ticket(t, acct) == first {
		t.Fatal("Refresh kept the old ticket")
	}
}

func TestWarmSurvivesFailingRefresh(t *testing.T) {
	faults := map[string]wechatfake.Fault{
		"busy":      {Errcode: -1},
		"http 500":  {Status: 500},
		"malformed": {Malformed: true},
		"quota":     {Errcode: 45009},
		"closed":    {Close: true},
	}
	for name, fault := range faults {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			e.Options.BusyRetries = -1
			e.Options.MaxBackoff = 30 * time.Second
			acct := e.account()
			first := ticket(t, acct)
			e.Fake.Inject(wechat.PathTicket, fault)
			e.Clock.Add(7200*time.Second - time.Minute) // inside the margin
			for range 50 {
				if got := ticket(t, acct); got != first {
					t.Fatalf("got %v; want the held ticket", got)
				}
			}
			servertest.Eventually(t, "the failed refresh logged", func() bool { return strings.Contains(e.Log.String(), "credential refresh failed") })
			tried := e.Fake.Calls()[wechat.PathTicket]
			for range 50 {
				ticket(t, acct)
			}
			// One refresh, then a pause: not one upstream call per request.
			if got := e.Fake.Calls()[wechat.PathTicket]; got != tried {
				t.Fatalf("%d ticket calls during the pause", got-tried)
			}
			e.Clock.Add(50 * time.Second) // past the pause, still before expiry
			servertest.Eventually(t, "a second try after the pause", func() bool { return ticket(t, acct) == first && e.Fake.Calls()[wechat.PathTicket] > tried })
			e.Fake.ClearFaults()
			e.Clock.Add(time.Minute) // expired now, and past the pause
			// A background refresh that asked upstream before the fault
			// cleared may still answer with it, and hold the next try back
			// for a moment of the clock: try on, the clock going on too.
			servertest.Eventually(t, "a new ticket once upstream answers again", func() bool {
				got, err := acct.Ticket(context.Background(), wechat.TicketJSAPI)
				if err == nil && got.Value == first.Value {
					t.Fatal("the expired ticket was served")
				}
				e.Clock.Add(time.Second)
				return err == nil
			})
		})
	}
}

func TestColdFailureIsBackedOff(t *testing.T) {
	tests := []struct {
		name  string
		fault wechatfake.Fault
		want  error
		pause time.Duration
	}{
		{"busy", wechatfake.Fault{Errcode: -1}, wechat.ErrBusy, credential.DefaultMinBackoff},
		{"http 500", wechatfake.Fault{Status: 500}, wechat.ErrUnavailable, credential.DefaultMinBackoff},
		// Nothing valid is held: no long pause (see TestQuotaAndConfigErrorsCold).
		{"quota", wechatfake.Fault{Errcode: 45009}, wechat.ErrQuota, credential.DefaultMinBackoff},
		{"ip whitelist", wechatfake.Fault{Errcode: 40164}, wechat.ErrConfig, credential.DefaultMinBackoff},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			acct := e.account()
			e.Fake.Inject(wechat.PathToken, tt.fault)
			for range 100 {
				if _, err := acct.Ticket(context.Background(), wechat.TicketJSAPI); !errors.Is(err, tt.want) {
					t.Fatalf("err = %v, want %v", err, tt.want)
				}
			}
			want := 1
			if tt.want == wechat.ErrBusy {
				want = 3 // retried twice at once
			}
			e.calls(t, want, 0)
			e.Clock.Add(tt.pause - time.Millisecond)
			acct.Ticket(context.Background(), wechat.TicketJSAPI)
			e.calls(t, want, 0)
			e.Fake.ClearFaults()
			e.Clock.Add(time.Millisecond)
			ticket(t, acct)
			e.calls(t, want+1, 1)
			if _, err := e.store.Load(context.Background(), acct.Token.Key()); err != nil {
				t.Fatalf("after recovery the store holds no token: %v", err)
			}
		})
	}
}

func TestBusyRetried(t *testing.T) {
	e := newEnv(t)
	e.Fake.Inject(wechat.PathToken, wechatfake.Fault{Errcode: -1, Times: 2})
	ticket(t, e.account())
	e.calls(t, 3, 1)
}

func TestRejectedTokenRenewedOnce(t *testing.T) {
	for _, code := range []int{40001, 42001, 40014} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			e := newEnv(t)
			acct := e.account()
			old := ticket(t, acct)
			e.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Errcode: code, Times: 1})
			if _, err := acct.JSAPITicket.Renew(context.Background(), old.Value); err != nil {
				t.Fatal(err)
			}
			// The store held the rejected token: one new token, and the ticket call retried once.
			e.calls(t, 2, 3)
			e.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Errcode: code})
			_, err := acct.JSAPITicket.Renew(context.Background(), ticket(t, acct).Value)
			if !errors.Is(err, wechat.ErrTokenRejected) {
				t.Fatalf("rejected twice: %v", err)
			}
			e.calls(t, 3, 5) // retried once, not forever
		})
	}
}

func TestRejectedTokenRotatedElsewhere(t *testing.T) {
	e := newEnv(t)
	a, b := e.account(), e.account()
	old := ticket(t, a)
	tokA, err := a.Token.Credential(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Instance b replaces the token (a rejected ticket, say); WeChat retires a's after the overlap.
	if _, err := b.Token.Renew(context.Background(), tokA.Value); err != nil {
		t.Fatal(err)
	}
	e.Clock.Add(6 * time.Minute)
	// a's ticket call fails with its retired token: a takes b's from the store, fetches no token.
	if _, err := a.JSAPITicket.Renew(context.Background(), old.Value); err != nil {
		t.Fatal(err)
	}
	e.calls(t, 2, 3)
}

func TestFailureNotCached(t *testing.T) {
	e := newEnv(t)
	bad := credential.NewAccount(&wechat.Client{BaseURL: e.Fake.URL, AppID: "wxapp", Secret: "wrong"}, e.store, e.Options)
	if _, err := bad.Ticket(context.Background(), wechat.TicketJSAPI); !errors.Is(err, wechat.ErrConfig) {
		t.Fatalf("err = %v, want ErrConfig", err)
	}
	if _, err := e.store.Load(context.Background(), bad.Token.Key()); !errors.Is(err, credential.ErrNotFound) {
		t.Fatalf("a failed fetch left something in the store: %v", err)
	}
	empty := credential.NewCache("k", func(context.Context) (credential.Credential, error) {
		return credential.Credential{Expiry: e.Clock.Now().Add(time.Hour)}, nil
	}, e.store, e.Options)
	if _, err := empty.Credential(context.Background()); !errors.Is(err, wechat.ErrUnavailable) {
		t.Fatalf("an empty credential: %v", err)
	}
	if _, err := e.store.Load(context.Background(), "k"); !errors.Is(err, credential.ErrNotFound) {
		t.Fatalf("an empty credential was stored: %v", err)
	}
}

func TestStartsFromStore(t *testing.T) {
	e := newEnv(t)
	first := ticket(t, e.account())
	// A restarted process on the same store fetches nothing.
	if got := ticket(t, e.account()); got.Value != first.Value {
		t.Fatalf("after a restart: %v, want %v", got, first)
	}
	e.calls(t, 1, 1)
}

func TestCallerCancelDoesNotFailOthers(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	var fetches int
	var mu sync.Mutex
	c := credential.NewCache("k", func(ctx context.Context) (credential.Credential, error) {
		mu.Lock()
		fetches++
		mu.Unlock()
		close(started)
		<-release
		return credential.Credential{Value: "v", Expiry: time.Now().Add(time.Hour)}, ctx.Err()
	}, &store.Memory{}, credential.Options{Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := c.Credential(ctx); done <- err }()
	<-started
	other := make(chan error)
	go func() { _, err := c.Credential(context.Background()); other <- err }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled caller: %v", err)
	}
	close(release)
	if err := <-other; err != nil {
		t.Fatalf("the other caller failed with the first one's cancellation: %v", err)
	}
	if fetches != 1 {
		t.Fatalf("fetches = %d", fetches)
	}
}

// flaky is a Store that fails while down is set.
type flaky struct {
	credential.Store
	mu   sync.Mutex
	down bool
}

func (f *flaky) set(down bool) { f.mu.Lock(); f.down = down; f.mu.Unlock() }
func (f *flaky) err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return errors.New("store unreachable")
	}
	return nil
}
func (f *flaky) Load(ctx context.Context, key string) (credential.Credential, error) {
	if err := f.err(); err != nil {
		return credential.Credential{}, err
	}
	return f.Store.Load(ctx, key)
}
func (f *flaky) Save(ctx context.Context, key string, c credential.Credential) error {
	if err := f.err(); err != nil {
		return err
	}
	return f.Store.Save(ctx, key, c)
}

func TestStoreOutage(t *testing.T) {
	e := newEnv(t)
	st := &flaky{Store: &store.Memory{}, down: true}
	e.store = st
	acct := e.account()
	// Cold, with the store down: fetched, kept in memory, said so.
	first := ticket(t, acct)
	if got := ticket(t, acct); got != first {
		t.Fatalf("not served from memory: %v", got)
	}
	if !strings.Contains(e.Log.String(), "credential store unavailable") {
		t.Fatalf("the outage is not logged: %s", e.Log)
	}
	e.calls(t, 1, 1)
	st.set(false)
	e.Clock.Add(7200*time.Second - time.Minute)
	if err := acct.JSAPITicket.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Log.String(), "credential store available again") {
		t.Fatalf("the recovery is not logged: %s", e.Log)
	}
	if c, err := st.Load(context.Background(), acct.JSAPITicket.Key()); err != nil || c.Value == first.Value {
		t.Fatalf("after recovery the store holds %v, %v", c, err)
	}
}

var farFuture = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
