// Command signbench measures the signing server on loopback, as make bench
// runs it: GET /wx/config of a real-mode site (signing, metrics, CORS and
// all) against a fake WeChat, beside a bare net/http handler that answers a
// fixed JSON body of the same size, the ceiling on this machine. Client and
// servers share the machine, and the same client drives both.
//
//	go run ./server/internal/cmd/signbench [-duration 4s] [-workers 32]
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/internal/redistest"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

func main() {
	duration := flag.Duration("duration", 4*time.Second, "how long each target is measured, in slices alternating with the other's")
	workers := flag.Int("workers", 32, "concurrent keep-alive connections")
	flag.Parse()
	if err := bench(*duration, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "signbench:", err)
		os.Exit(1)
	}
	if err := stampede(4, 1000); err != nil {
		fmt.Fprintln(os.Stderr, "signbench:", err)
		os.Exit(1)
	}
}

// stampede sends requests cold /wx/config requests at once, spread over
// instances real-mode sites sharing one redis-server, and reports how
// often WeChat was asked: once for the token, once for the ticket.
func stampede(instances, requests int) error {
	run := &runner{}
	defer run.close()
	// Start fails as a test does, ending its goroutine: not main's.
	var rds *redistest.Server
	started := make(chan struct{})
	go func() { defer close(started); rds = redistest.Start(run) }()
	<-started
	if run.err != nil {
		return run.err
	}
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxbench", Secret: "bench-secret", Domains: []string{"example.com"}})
	if err != nil {
		return err
	}
	defer fake.Close()
	cfg := server.Config{AppID: "wxbench", Secret: "bench-secret", Domains: []string{"example.com"}, APIBase: fake.URL, RedisURL: rds.URL}
	var urls []string
	for range instances {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		site, err := server.NewSite(context.Background(), cfg, "", slog.New(slog.DiscardHandler))
		if err != nil {
			return err
		}
		defer site.Close()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go site.Serve(ctx, ln)
		urls = append(urls, "http://"+ln.Addr().String()+server.ConfigPath+"?url="+url.QueryEscape("https://example.com/"))
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: requests}}
	start := make(chan struct{})
	errs := make(chan error, requests)
	var wg sync.WaitGroup
	for i := range requests {
		wg.Go(func() {
			<-start
			resp, err := client.Get(urls[i%len(urls)])
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					err = fmt.Errorf("HTTP %d", resp.StatusCode)
				}
			}
			errs <- err
		})
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	elapsed := time.Since(t0)
	close(errs)
	failed := 0
	for err := range errs {
		if err != nil {
			failed++
		}
	}
	calls := fake.Calls()
	fmt.Printf("  cold stampede                    %d requests over %d instances on one Redis in %v: %d failed, %d token and %d ticket fetches\n",
		requests, instances, elapsed.Round(time.Millisecond), failed, calls[wechat.PathToken], calls[wechat.PathTicket])
	return nil
}

// runner is redistest's T for a program: a failure is kept, not fatal to
// the process, and cleanups run at close.
type runner struct {
	err      error
	cleanups []func()
	dirs     []string
}

func (r *runner) Helper()                      {}
func (r *runner) Fatal(args ...any)            { r.fail(fmt.Sprint(args...)) }
func (r *runner) Fatalf(f string, args ...any) { r.fail(fmt.Sprintf(f, args...)) }
func (r *runner) Cleanup(f func())             { r.cleanups = append(r.cleanups, f) }

// fail keeps the first failure and ends the goroutine, as testing does.
func (r *runner) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg)
	}
	runtime.Goexit()
}

func (r *runner) TempDir() string {
	dir, err := os.MkdirTemp("", "signbench")
	if err != nil {
		r.Fatal(err)
	}
	r.dirs = append(r.dirs, dir)
	return dir
}

func (r *runner) close() {
	for _, f := range slices.Backward(r.cleanups) {
		f()
	}
	for _, d := range r.dirs {
		os.RemoveAll(d)
	}
}

func bench(duration time.Duration, workers int) error {
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxbench", Secret: "bench-secret", Domains: []string{"example.com"}})
	if err != nil {
		return err
	}
	defer fake.Close()
	state, err := os.MkdirTemp("", "signbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(state)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	cfg := server.Config{AppID: "wxbench", Secret: "bench-secret", Domains: []string{"example.com"},
		APIBase: fake.URL, StateDir: filepath.Join(state, "state"), FetchTimeout: 5 * time.Second}
	site, err := server.NewSite(context.Background(), cfg, "http://"+ln.Addr().String()+"/", slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer site.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go site.Serve(ctx, ln)

	// The ceiling: a handler that answers what /wx/config answers, precomputed.
	body, _ := json.Marshal(server.ConfigResponse{AppID: "wxbench", Timestamp: time.Now().Unix(), NonceStr: "0123456789abcdef", Signature: "0f9de62fce790f9a083d5c99e95740ceb90c27ed"})
	body = append(body, '\n')
	bareLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	bare := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(body)
	})}
	go bare.Serve(bareLn)
	defer bare.Close()

	page := url.QueryEscape("https://m.example.com/shop?id=7&from=timeline")
	signURL := "http://" + ln.Addr().String() + server.ConfigPath + "?url=" + page
	bareURL := "http://" + bareLn.Addr().String() + server.ConfigPath + "?url=" + page
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers, MaxIdleConns: 2 * workers}}

	// Warm both (the first /wx/config fetches the token and ticket), then
	// alternate short slices so that drift on a shared machine hits both alike.
	for _, u := range []string{signURL, bareURL} {
		if _, err := load(client, u, workers, duration/8); err != nil {
			return err
		}
	}
	const slices = 8
	var signed, ceiling result
	for range slices {
		for _, t := range []struct {
			u   string
			res *result
		}{{bareURL, &ceiling}, {signURL, &signed}} {
			r, err := load(client, t.u, workers, duration/slices)
			if err != nil {
				return err
			}
			t.res.add(r)
		}
	}
	calls := fake.Calls()
	fmt.Printf("signbench: %d keep-alive connections on loopback, %v per target, GOMAXPROCS %d\n", workers, duration, runtime.GOMAXPROCS(0))
	fmt.Printf("  GET /wx/config (real-mode site)  %9.0f req/s   p50 %-8v p99 %v\n", signed.rate(), signed.pct(50), signed.pct(99))
	fmt.Printf("  bare net/http, fixed JSON        %9.0f req/s   p50 %-8v p99 %v\n", ceiling.rate(), ceiling.pct(50), ceiling.pct(99))
	fmt.Printf("  ratio                            %9.3f   (target >= 0.9)\n", signed.rate()/ceiling.rate())
	fmt.Printf("  upstream calls                   %d token, %d ticket for %d signatures\n", calls[wechat.PathToken], calls[wechat.PathTicket], len(signed.lat))
	return nil
}

// result is what a load run measured.
type result struct {
	lat     []time.Duration
	elapsed time.Duration
}

func (r *result) add(o result) { r.lat = append(r.lat, o.lat...); r.elapsed += o.elapsed }

func (r *result) rate() float64 { return float64(len(r.lat)) / r.elapsed.Seconds() }

func (r *result) pct(p int) time.Duration {
	slices.Sort(r.lat)
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[(len(r.lat)-1)*p/100].Round(time.Microsecond)
}

// load sends GET u from workers goroutines for d and times every answer.
func load(client *http.Client, u string, workers int, d time.Duration) (result, error) {
	deadline := time.Now().Add(d)
	start := time.Now()
	lats := make([][]time.Duration, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				t0 := time.Now()
				resp, err := client.Get(u)
				if err != nil {
					errs[w] = err
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs[w] = fmt.Errorf("GET %s: HTTP %d", u, resp.StatusCode)
					return
				}
				lats[w] = append(lats[w], time.Since(t0))
			}
		})
	}
	wg.Wait()
	r := result{elapsed: time.Since(start)}
	for w := range workers {
		if errs[w] != nil {
			return result{}, errs[w]
		}
		r.lat = append(r.lat, lats[w]...)
	}
	return r, nil
}
