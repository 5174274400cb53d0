package credential_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func setup(t *testing.T) (*wechatfake.Server, *credential.Account, *clock) {
	t.Helper()
	clk := &clock{t: time.Unix(1_700_000_000, 0)}
	f, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "secret", Domains: []string{"example.com"}, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	c := &wechat.Client{BaseURL: f.URL, AppID: "wxapp", Secret: "secret"}
	return f, credential.NewAccount(c, &store.Memory{}, credential.Options{Now: clk.Now}), clk
}

func TestOneFetchForConcurrentCallers(t *testing.T) {
	f, acct, _ := setup(t)
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
	calls := f.Calls()
	if calls[wechat.PathToken] != 1 || calls[wechat.PathTicket] != 1 {
		t.Fatalf("upstream calls = %v, want 1 token and 1 ticket fetch", calls)
	}
}

func TestRenewsBeforeExpiry(t *testing.T) {
	f, acct, clk := setup(t)
	ctx := context.Background()
	first, err := acct.Ticket(ctx, wechat.TicketJSAPI)
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(7200*time.Second - credential.DefaultMargin - time.Second)
	same, err := acct.Ticket(ctx, wechat.TicketJSAPI)
	if err != nil || same != first {
		t.Fatalf("before the margin: %v, %v; want the cached ticket", same, err)
	}
	clk.Add(2 * time.Second)
	renewed, err := acct.Ticket(ctx, wechat.TicketJSAPI)
	if err != nil || renewed.Value == first.Value {
		t.Fatalf("inside the margin: %v, %v; want a new ticket", renewed, err)
	}
	if calls := f.Calls(); calls[wechat.PathTicket] != 2 || calls[wechat.PathToken] != 2 {
		t.Fatalf("calls = %v", calls)
	}
}

func TestFailureNotCached(t *testing.T) {
	f, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "secret", Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st := &store.Memory{}
	bad := credential.NewAccount(&wechat.Client{BaseURL: f.URL, AppID: "wxapp", Secret: "wrong"}, st, credential.Options{})
	if _, err := bad.Ticket(context.Background(), wechat.TicketJSAPI); !errors.Is(err, wechat.ErrConfig) {
		t.Fatalf("err = %v, want ErrConfig", err)
	}
	if _, err := st.Load(context.Background(), "gowx:wxapp:access_token"); !errors.Is(err, credential.ErrNotFound) {
		t.Fatalf("a failed fetch left something in the store: %v", err)
	}
}

func TestCallerCancelDoesNotFailOthers(t *testing.T) {
	release := make(chan struct{})
	var fetches int
	var mu sync.Mutex
	c := credential.NewCache("k", func(ctx context.Context) (credential.Credential, error) {
		mu.Lock()
		fetches++
		mu.Unlock()
		<-release
		return credential.Credential{Value: "v", Expiry: time.Now().Add(time.Hour)}, ctx.Err()
	}, &store.Memory{}, credential.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := c.Credential(ctx); done <- err }()
	other := make(chan error)
	go func() { _, err := c.Credential(context.Background()); other <- err }()
	time.Sleep(20 * time.Millisecond)
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
