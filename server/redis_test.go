package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/internal/redistest"
	"github.com/gowx/gowx/server/internal/servertest"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// topology is a way to run Redis for the tests: its URL, and how to take
// down (and bring back) the node that holds the account's keys.
type topology struct {
	url     string
	kill    func()
	restore func() // nil: it recovers by itself (a Sentinel fails over)
}

// topologies start each kind of Redis a deployment runs: a single server,
// a Cluster of three masters, a master and replica under a Sentinel.
var topologies = []struct {
	name  string
	start func(t *testing.T) topology
}{
	{"single", func(t *testing.T) topology {
		r := redistest.Start(t)
		return topology{r.URL, r.Kill, r.Restart}
	}},
	{"cluster", func(t *testing.T) topology {
		c := redistest.StartCluster(t, 3)
		node := c.NodeOf("{gowx:" + appID + "}")
		return topology{c.URL, node.Kill, func() { node.Restart(); c.WaitOK() }}
	}},
	{"sentinel", func(t *testing.T) topology {
		sn := redistest.StartSentinel(t)
		return topology{sn.URL, sn.Master.Kill, nil}
	}},
}

// TestStampede: four instances sharing one Redis, 1000 concurrent cold
// requests, on each kind of Redis. WeChat sees one token fetch and one
// ticket fetch, and every signature verifies.
func TestStampede(t *testing.T) {
	for _, top := range topologies {
		t.Run(top.name, func(t *testing.T) { stampede(t, top.start(t).url) })
	}
}

func stampede(t *testing.T, redisURL string) {
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	cfg := server.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}, APIBase: fake.URL, RedisURL: redisURL}
	var instances []*httptest.Server
	var sites []*server.Site
	for range 4 {
		site, err := server.NewSite(t.Context(), cfg, "", slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		defer site.Close()
		srv := httptest.NewServer(site)
		defer srv.Close()
		instances, sites = append(instances, srv), append(sites, site)
	}
	const requests = 1000
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: requests}}
	defer client.CloseIdleConnections()
	start := make(chan struct{})
	answers := make([]answer, requests)
	var wg sync.WaitGroup
	for i := range requests {
		wg.Go(func() {
			<-start
			answers[i] = do(t, client, "GET", configURL(instances[i%len(instances)].URL, fmt.Sprintf("https://example.com/item/%d", i)), "")
		})
	}
	close(start)
	wg.Wait()
	for i, a := range answers {
		if !verifies(fake, fmt.Sprintf("https://example.com/item/%d", i), a) {
			t.Fatalf("request %d: %d %v does not verify", i, a.status, a.body)
		}
	}
	calls := fake.Calls()
	t.Logf("%d cold requests on %d instances: upstream calls %v", requests, len(instances), calls)
	if calls[wechat.PathToken] != 1 || calls[wechat.PathTicket] != 1 {
		t.Fatalf("upstream calls = %v, want exactly 1 token and 1 ticket fetch", calls)
	}
	waits := 0
	for _, s := range sites {
		waits += metricValue(t, s.Metrics, `gowx_credential_lock_waits_total{credential="jsapi_ticket"}`)
	}
	t.Logf("lock waits across instances: %d", waits)
}

// TestRedisOutageUnderLoad: the Redis node that holds the account's keys
// is killed while two instances serve, and restarted (or, under a
// Sentinel, replaced by its replica). No request fails; the outage shows
// in logs and metrics, and so does the recovery.
func TestRedisOutageUnderLoad(t *testing.T) {
	for _, top := range topologies {
		t.Run(top.name, func(t *testing.T) { outage(t, top.start(t)) })
	}
}

func outage(t *testing.T, rds topology) {
	h := newHarness(t)
	h.Clock.Set(time.Now()) // Redis expires keys on its own clock
	st, err := store.NewRedis(rds.url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h.store = st
	metrics := server.NewMetrics()
	h.Options.Observer = metrics
	a, b := h.start(t, nil), h.start(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, in := range []*instance{a, b} {
		go in.acct.KeepFresh(ctx, 10*time.Millisecond)
	}
	page := "https://example.com/"
	if got := do(t, nil, "GET", configURL(a.URL, page), ""); !verifies(h.Fake, page, got) {
		t.Fatalf("warming up: %v", got.body)
	}

	var served, failed atomic.Int64
	var firstFailure atomic.Value
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		in := []*instance{a, b}[w%2]
		wg.Go(func() {
			for i := 0; i < 100_000; i++ { // bounded, whatever happens
				select {
				case <-stop:
					return
				default:
				}
				got := do(t, nil, "GET", configURL(in.URL, page), "")
				if verifies(h.Fake, page, got) {
					served.Add(1)
				} else if failed.Add(1) == 1 {
					firstFailure.Store(fmt.Sprintf("%d %v", got.status, got.body))
				}
			}
		})
	}
	// phase waits until n more requests have been served.
	phase := func(n int64) {
		t.Helper()
		t.Logf("phase at %s: %d served", time.Now().Format("15:04:05.000"), served.Load())
		target := served.Load() + n
		servertest.Eventually(t, "requests served", func() bool { return served.Load() >= target || failed.Load() > 0 })
	}
	phase(200)
	rds.kill()
	servertest.Eventually(t, "the outage in the metrics", func() bool { return metricValue(t, metrics, "gowx_store_up") == 0 })
	// While Redis is down, the ticket enters its renewal margin: it is
	// renewed without the shared store, and served all along.
	h.Clock.Add(7200*time.Second - 2*time.Minute)
	phase(200)
	if rds.restore != nil {
		rds.restore()
	}
	servertest.Eventually(t, "the recovery in the metrics", func() bool { return metricValue(t, metrics, "gowx_store_up") == 1 })
	phase(200)
	close(stop)
	wg.Wait()
	if failed.Load() > 0 {
		t.Fatalf("%d of %d requests failed; the first: %v", failed.Load(), failed.Load()+served.Load(), firstFailure.Load())
	}
	logs := h.Log.String()
	for _, want := range []string{"credential store unavailable", "credential store available again"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the logs never say %q", want)
		}
	}
	t.Logf("%d requests served through the outage, none failed", served.Load())
}

// metricValue reads one sample of the metrics' text exposition.
func metricValue(t *testing.T, m *server.Metrics, sample string) int {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for line := range strings.SplitSeq(string(body), "\n") {
		if rest, ok := strings.CutPrefix(line, sample+" "); ok {
			var v float64
			fmt.Sscan(rest, &v)
			return int(v)
		}
	}
	return 0
}

// TestBackoffReadsRedis: an instance whose renewals are held back (a
// quota error while it holds a valid ticket: the long pause) still takes
// another instance's new ticket from Redis, and signs with it once its own
// has expired. Every key in Redis carries the account's hash tag.
func TestBackoffReadsRedis(t *testing.T) {
	rds := redistest.Start(t)
	h := newHarness(t)
	st, err := store.NewRedis(rds.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h.store = st
	// Redis expires keys on its own clock: start the fake one from now.
	h.Clock.Set(time.Now())
	a := h.start(t, nil)
	page := "https://example.com/"
	if got := do(t, nil, "GET", configURL(a.URL, page), ""); !verifies(h.Fake, page, got) {
		t.Fatalf("warming up: %v", got.body)
	}
	old, _ := a.acct.JSAPITicket.Credential(context.Background())
	h.Clock.Add(7200*time.Second - 4*time.Minute) // inside the margin
	h.Fake.Inject(wechat.PathTicket, wechatfake.Fault{Errcode: 45009, Times: 1})
	do(t, nil, "GET", configURL(a.URL, page), "")
	servertest.Eventually(t, "a's renewal refused", func() bool { return strings.Contains(h.Log.String(), "errcode 45009") })

	b := h.start(t, nil)
	if got := do(t, nil, "GET", configURL(b.URL, page), ""); !verifies(h.Fake, page, got) {
		t.Fatalf("b: %v", got.body)
	}
	fresh, _ := b.acct.JSAPITicket.Credential(context.Background())
	if fresh.Value == old.Value {
		t.Fatal("b did not renew the ticket")
	}
	h.Clock.Add(time.Second)
	servertest.Eventually(t, "a serving b's ticket", func() bool {
		got, _ := a.acct.JSAPITicket.Credential(context.Background())
		return got.Value == fresh.Value
	})
	h.Clock.Add(4 * time.Minute) // a's old ticket has expired; its long pause has not ended
	if got := do(t, nil, "GET", configURL(a.URL, page), ""); !verifies(h.Fake, page, got) {
		t.Fatalf("a, its own ticket expired: %d %v", got.status, got.body)
	}
	if c := h.Fake.Calls(); c[wechat.PathTicket] != 3 {
		t.Fatalf("upstream calls %v; want 3 ticket calls (a, a refused, b)", c)
	}

	keys, err := redis.NewClient(&redis.Options{Addr: rds.Addr}).Keys(context.Background(), "*").Result()
	if err != nil || len(keys) != 2 {
		t.Fatalf("keys in Redis: %q, %v; want the token and the jsapi ticket", keys, err)
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, "{gowx:"+appID+"}:") {
			t.Errorf("key %q lacks the account's hash tag", k)
		}
	}
}
