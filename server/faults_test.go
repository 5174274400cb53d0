package server_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// attempts counts the server's calls to WeChat, refused connections included.
type attempts struct {
	mu sync.Mutex
	n  map[string]int
}

func (a *attempts) observe(endpoint string, _ error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.n == nil {
		a.n = make(map[string]int)
	}
	a.n[endpoint]++
}

func (a *attempts) get() (token, ticket int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.n[wechat.PathToken], a.n[wechat.PathTicket]
}

// A fault scenario: what goes wrong upstream, and what a client is told
// when nothing is held (cold).
type scenario struct {
	name string
	// fail starts the fault; other is a second instance on the same store.
	fail func(h *harness, other *instance)
	// coldReason is a phrase of the 503 message when cold; empty means a
	// cold request succeeds (the fault is recoverable).
	coldReason string
}

var scenarios = []scenario{
	{"errcode -1", func(h *harness, _ *instance) { h.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Errcode: -1}) }, "WeChat is busy (errcode -1)"},
	{"40001 after another instance rotated the token", func(h *harness, other *instance) {
		tok, err := other.acct.Token.Credential(context.Background())
		if err == nil {
			_, err = other.acct.Token.Renew(context.Background(), tok.Value)
		}
		if err != nil {
			panic(err)
		}
		h.Clock.Add(6 * time.Minute) // past the overlap: the old token is dead
	}, ""},
	{"errcode 42001", func(h *harness, _ *instance) { h.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Errcode: 42001}) }, "rejects the access_token (errcode 42001)"},
	{"errcode 45009", func(h *harness, _ *instance) {
		h.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Errcode: 45009})
		h.Fake.Inject(wechat.PathToken, wechatfake.Fault{Errcode: 45009})
	}, "daily quota is used up (errcode 45009)"},
	{"HTTP 500", func(h *harness, _ *instance) { h.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Status: 500}) }, "no usable answer"},
	{"slow upstream past the timeout", func(h *harness, _ *instance) {
		h.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Delay: time.Minute})
	}, "did not answer in time"},
	{"malformed JSON", func(h *harness, _ *instance) { h.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Malformed: true}) }, "no usable answer"},
	{"connection refused", func(h *harness, _ *instance) { h.Fake.Refuse(true) }, "cannot be reached"},
}

const (
	faultRequests    = 200
	faultConcurrency = 20
	maxFaultCalls    = 8 // upstream calls a fault may cost, however many requests
)

// TestFaults runs every scenario warm (credentials held, inside the
// renewal margin) and cold (nothing held), and logs a table of outcomes.
func TestFaults(t *testing.T) {
	var table []string
	for _, sc := range scenarios {
		for _, warm := range []bool{true, false} {
			name := sc.name + map[bool]string{true: "/warm", false: "/cold"}[warm]
			t.Run(name, func(t *testing.T) {
				row := runFault(t, sc, warm)
				table = append(table, fmt.Sprintf("%-48s %s", name, row))
			})
		}
	}
	t.Logf("fault outcomes:\n%s", strings.Join(table, "\n"))
}

func runFault(t *testing.T, sc scenario, warm bool) string {
	// Tickets live 1000 s and tokens 7200 s, so that a ticket is renewed
	// with a token that is itself far from expiry.
	h := newHarnessWith(t, wechatfake.Config{TicketTTL: 1000 * time.Second})
	h.Options.FetchTimeout = 300 * time.Millisecond
	var calls attempts
	a := h.start(t, func(o *server.Options, c *wechat.Client) {
		c.Observe, o.Authorize.CardSign = calls.observe, allowAll.CardSign
	})
	other := h.start(t, nil)
	page := "https://example.com/p?q=1"
	path := configURL(a.URL, page)
	if warm {
		if got := do(t, nil, "GET", path, ""); !verifies(h.Fake, page, got) {
			t.Fatalf("before the fault: %d %v", got.status, got.body)
		}
		h.Clock.Add(60 * time.Second)
	} else if sc.coldReason == "" {
		// Cold for a ticket, with a token held: ask for the card ticket.
		if _, err := a.acct.Token.Credential(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	token0, ticket0 := calls.get()
	sc.fail(h, other)
	if warm {
		h.Clock.Set(time.Unix(1_700_000_000, 0).Add(1000*time.Second - 2*time.Minute)) // inside the ticket's margin
	}

	var mu sync.Mutex
	ok, failed := 0, map[string]int{}
	var wg sync.WaitGroup
	next := make(chan int)
	for range faultConcurrency {
		wg.Go(func() {
			for range next {
				var got answer
				if !warm && sc.coldReason == "" {
					got = do(t, nil, "POST", a.URL+server.CardSignPath, `{"card_type":"GROUPON"}`)
				} else {
					got = do(t, nil, "GET", path, "")
				}
				mu.Lock()
				switch {
				case got.status == 200 && (!warm && sc.coldReason == "" || verifies(h.Fake, page, got)):
					ok++
				default:
					failed[fmt.Sprintf("%d %s: %s", got.status, got.code(), got.body["message"])]++
				}
				mu.Unlock()
			}
		})
	}
	for i := range faultRequests {
		next <- i
	}
	close(next)
	wg.Wait()
	// Let a background refresh that is still waiting on the slow fake finish.
	waitIdle(h)
	token, ticket := calls.get()
	token, ticket = token-token0, ticket-ticket0
	if token+ticket > maxFaultCalls {
		t.Errorf("%d token and %d ticket calls for %d requests; want at most %d", token, ticket, faultRequests, maxFaultCalls)
	}
	switch {
	case warm || sc.coldReason == "":
		if ok != faultRequests {
			t.Errorf("%d of %d requests got a valid signature; failures: %v", ok, faultRequests, failed)
		}
		return fmt.Sprintf("%d/%d valid signatures   upstream calls: %d token, %d ticket", ok, faultRequests, token, ticket)
	default:
		if ok != 0 || len(failed) != 1 {
			t.Errorf("cold: %d succeeded; failures %v", ok, failed)
		}
		for f, n := range failed {
			if !strings.HasPrefix(f, "503 upstream_unavailable: ") || !strings.Contains(f, sc.coldReason) {
				t.Errorf("cold answer %q, want 503 upstream_unavailable saying %q", f, sc.coldReason)
			}
			return fmt.Sprintf("%d× %s   upstream calls: %d token, %d ticket", n, f, token, ticket)
		}
	}
	return ""
}

// waitIdle waits until the fake has answered or dropped every call in progress.
func waitIdle(h *harness) {
	h.Fake.ClearFaults()
	time.Sleep(400 * time.Millisecond) // one fetch timeout: a slow call has been abandoned by then
}

// TestEchoingUpstreamLeaksNothing: an upstream that echoes each request
// (the AppSecret, the access_token) in its errmsg, on every endpoint, warm
// and cold. No log line and no answer shows a secret, and errmsg is cut.
func TestEchoingUpstreamLeaksNothing(t *testing.T) {
	for _, code := range []int{40164, -1, 45009} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			h := newHarness(t)
			a := h.start(t, func(o *server.Options, _ *wechat.Client) { o.Authorize.CardSign = allowAll.CardSign })
			page := "https://example.com/"
			// Warm: a token is held, so the ticket's request carries it.
			if got := do(t, nil, "GET", configURL(a.URL, page), ""); !verifies(h.Fake, page, got) {
				t.Fatalf("before the fault: %v", got.body)
			}
			for _, p := range []string{wechat.PathToken, wechat.PathTicket} {
				h.Fake.Inject(p, wechatfake.Fault{Errcode: code, Echo: true})
			}
			var answers []string
			for range 3 {
				h.Clock.Add(7200*time.Second - 4*time.Minute) // warm in the margin, then expired: cold
				got := do(t, nil, "POST", a.URL+server.CardSignPath, `{"card_type":"GROUPON"}`)
				answers = append(answers, got.raw)
				a.acct.Token.Refresh(context.Background()) // as KeepFresh does
			}
			logs := h.Log.String()
			for _, p := range []string{wechat.PathToken, wechat.PathTicket} {
				if !strings.Contains(logs, "wechat "+p+": errcode") || !strings.Contains(logs, "request: ") {
					t.Fatalf("no echoed answer of %s reached the logs, so the test shows nothing:\n%s", p, logs)
				}
			}
			secrets := append([]string{secret}, h.Fake.Tokens()...)
			for i, line := range append(strings.Split(logs, "\n"), answers...) {
				for _, s := range secrets {
					if strings.Contains(line, s) {
						t.Errorf("line %d shows a secret %.6s...: %s", i, s, line)
					}
				}
				if len(line) > 2*wechat.MaxErrmsg+400 {
					t.Errorf("line %d is %d bytes long", i, len(line))
				}
			}
		})
	}
}

// TestUnusableStoreServes: the store cannot be used (a read-only state
// directory): signing goes on from memory, one error line says why, and
// gowx_store_up stays 0.
func TestUnusableStoreServes(t *testing.T) {
	h := newHarness(t)
	h.store = store.Unusable{Err: errors.New("store: state directory /var/lib/gowx: read-only file system")}
	metrics := server.NewMetrics()
	h.Options.Observer = metrics
	a := h.start(t, nil)
	a.acct.CheckStore(context.Background())
	if got := metricValue(t, metrics, "gowx_store_up"); got != 0 {
		t.Fatalf("gowx_store_up %d at start", got)
	}
	page := "https://example.com/"
	for range 20 {
		if got := do(t, nil, "GET", configURL(a.URL, page), ""); !verifies(h.Fake, page, got) {
			t.Fatalf("%d %v", got.status, got.body)
		}
	}
	h.Clock.Add(7200*time.Second - time.Minute)
	if err := a.acct.JSAPITicket.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := do(t, nil, "GET", configURL(a.URL, page), ""); !verifies(h.Fake, page, got) {
		t.Fatalf("after a renewal: %d %v", got.status, got.body)
	}
	if c := h.Fake.Calls(); c[wechat.PathToken] != 1 || c[wechat.PathTicket] != 2 {
		t.Fatalf("upstream calls %v: memory did not keep the credentials", c)
	}
	if got := metricValue(t, metrics, "gowx_store_up"); got != 0 {
		t.Fatalf("gowx_store_up %d while the store is unusable", got)
	}
	logs := h.Log.String()
	if n := strings.Count(logs, `"level":"ERROR"`); n != 1 || !strings.Contains(logs, "read-only file system") {
		t.Fatalf("%d error lines, want 1 naming the cause:\n%s", n, logs)
	}
}
