//go:build !js

// Command pagebench measures the demo in headless Chromium and prints:
// the size of app.wasm raw, gzip and brotli; the time from navigation to
// "config:ok" (median of 10 loads); and the round trip of one awaited wx
// call through the fake jWeixin against the same call from plain
// JavaScript, as a ratio. Run it from the repository root (make bench).
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/internal/chromium"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wx/wxfake"
)

func main() {
	loads := flag.Int("loads", 10, "page loads to time")
	calls := flag.Int("calls", 1000, "calls per side of the round trip comparison")
	flag.Parse()
	if err := run(*loads, *calls); err != nil {
		fmt.Fprintln(os.Stderr, "pagebench:", err)
		os.Exit(1)
	}
}

func run(loads, calls int) error {
	dir, err := os.MkdirTemp("", "pagebench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := build(dir); err != nil {
		return err
	}
	wasm, err := os.ReadFile(filepath.Join(dir, "web", "app.wasm"))
	if err != nil {
		return err
	}
	fmt.Printf("app.wasm: raw %d B, gzip %d B, brotli %d B\n", len(wasm), gzipSize(wasm), brotliSize(wasm))

	browser, cancel, err := chromium.Start(filepath.Join(dir, "profile"))
	if err != nil {
		return err
	}
	defer cancel()

	median, err := timeLoads(browser, dir, loads)
	if err != nil {
		return err
	}
	fmt.Printf("page load to config:ok: median %v of %d loads\n", median.Round(time.Millisecond), loads)

	goMs, jsMs, err := roundTrips(browser, dir, calls)
	if err != nil {
		return err
	}
	fmt.Printf("awaited wx call round trip: Go %.3f ms, plain JavaScript %.3f ms per call (%d calls each): ratio Go/JS %.2f\n",
		goMs/float64(calls), jsMs/float64(calls), calls, goMs/jsMs)
	return nil
}

// build makes the demo (server and app.wasm, as make run does) and the
// round trip program in dir.
func build(dir string) error {
	for _, b := range []struct {
		out, pkg string
		wasm     bool
	}{
		{filepath.Join(dir, "gowx"), "./app", false},
		{filepath.Join(dir, "web", "app.wasm"), "./app", true},
		{filepath.Join(dir, "roundtrip.wasm"), "./internal/cmd/pagebench/roundtrip", true},
	} {
		args := []string{"build", "-trimpath", "-o", b.out}
		if b.wasm {
			args = append(args, "-ldflags=-s -w")
		}
		cmd := exec.Command("go", append(args, b.pkg)...)
		cmd.Env = os.Environ()
		if b.wasm {
			cmd.Env = append(cmd.Env, "GOOS=js", "GOARCH=wasm")
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v: %s", b.pkg, err, out)
		}
	}
	entries, err := os.ReadDir("web")
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), "app.wasm") {
			continue
		}
		data, err := os.ReadFile(filepath.Join("web", e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "web", e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func brotliSize(b []byte) int {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

var servingLine = regexp.MustCompile(`serving (http://localhost:\d+/)`)

// timeLoads starts the demo and loads its page n times in fresh tabs,
// returning the median time from navigation to config:ok.
func timeLoads(browser context.Context, dir string, n int) (time.Duration, error) {
	cmd := exec.Command(filepath.Join(dir, "gowx"))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WX_ADDR=localhost:0", "WX_APPID=", "WX_SECRET=")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	found := make(chan string, 1)
	go func() {
		buf := make([]byte, 4096)
		var seen []byte
		for {
			k, err := out.Read(buf)
			seen = append(seen, buf[:k]...)
			if m := servingLine.FindSubmatch(seen); m != nil {
				found <- string(m[1])
				io.Copy(io.Discard, out)
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var url string
	select {
	case url = <-found:
	case <-time.After(20 * time.Second):
		return 0, fmt.Errorf("the demo did not start")
	}
	var times []time.Duration
	for range n {
		tab, cancel := chromedp.NewContext(browser)
		if err := chromedp.Do(tab); err != nil {
			cancel()
			return 0, err
		}
		ctx, stop := context.WithTimeout(tab, 60*time.Second)
		start := time.Now()
		err := chromedp.Do(ctx,
			chromedp.Navigate(url),
			chromedp.Poll[chromedp.Void](`(document.getElementById("wx-status")||{}).textContent === "config:ok"`, chromedp.WithPollingInterval(5*time.Millisecond)),
		)
		times = append(times, time.Since(start))
		stop()
		cancel()
		if err != nil {
			return 0, err
		}
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

const roundtripPage = `<!doctype html><html><head><meta charset="utf-8">
<script>window.roundtrip = {}; window.roundtripN = %d;
// The same calls from plain JavaScript, awaited one after the other.
window.jsRoundTrips = async function (n) {
  const call = () => new Promise((ok, fail) => wx.getNetworkType({ success: ok, fail: fail, cancel: fail }));
  for (let i = 0; i < 50; i++) await call();
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  return performance.now() - start;
};</script>
<script src="/wxfake.js?verify=/fake/jsapi/verify"></script>
<script src="/wasm_exec.js"></script>
<script>const go = new Go(); WebAssembly.instantiateStreaming(fetch("/roundtrip.wasm"), go.importObject).then(r => go.run(r.instance));</script>
</head><body></body></html>`

// roundTrips measures n awaited calls from Go (the roundtrip program) and
// from plain JavaScript, on one page with the fake jWeixin.
func roundTrips(browser context.Context, dir string, n int) (goMs, jsMs float64, err error) {
	fake, err := wechatfake.New(wechatfake.Config{AppID: "wxgowxbench", Secret: "bench-secret", Domains: []string{"localhost"}, AnyHost: true})
	if err != nil {
		return 0, 0, err
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return 0, 0, err
	}
	mux := http.NewServeMux()
	mux.Handle("/fake/", fake)
	mux.Handle("GET /wxfake.js", wxfake.Handler())
	mux.HandleFunc("GET /wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	})
	mux.HandleFunc("GET /roundtrip.wasm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/wasm")
		http.ServeFile(w, r, filepath.Join(dir, "roundtrip.wasm"))
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, roundtripPage, n)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		return 0, 0, err
	}
	ctx, stop := context.WithTimeout(tab, 5*time.Minute)
	defer stop()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		return 0, 0, err
	}
	res, err := chromedp.Run(ctx, chromedp.Poll[map[string]any](`window.roundtrip.goMillis !== undefined || window.roundtrip.error ? window.roundtrip : null`,
		chromedp.WithPollingTimeout(4*time.Minute), chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		return 0, 0, err
	}
	if e, ok := res["error"]; ok {
		return 0, 0, fmt.Errorf("in the page: %v", e)
	}
	goMs, _ = res["goMillis"].(float64)
	jsMs, err = chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf("jsRoundTrips(%d)", n), chromedp.EvalAwaitPromise))
	return goMs, jsMs, err
}
