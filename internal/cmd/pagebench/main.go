//go:build !js

// Command pagebench measures the demo in headless Chromium and prints:
// the size of app.wasm raw, gzip and brotli; the time from navigation to
// "config:ok" (median of 10 loads); and the round trip of one awaited wx
// call through the fake jWeixin against the same call from plain
// JavaScript on the same page, in alternating slices, as a ratio. With
// -profile it also samples the Go side's calls with Chromium's profiler and
// prints where their time goes. Run it from the repository root (make
// bench).
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
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/internal/chromium"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wx/wxfake"
)

func main() {
	loads := flag.Int("loads", 10, "page loads to time (0: none)")
	calls := flag.Int("calls", 2000, "calls per side of the round trip comparison")
	profile := flag.Bool("profile", false, "profile the Go side's calls and print where their time goes")
	flag.Parse()
	if err := run(*loads, *calls, *profile); err != nil {
		fmt.Fprintln(os.Stderr, "pagebench:", err)
		os.Exit(1)
	}
}

func run(loads, calls int, profile bool) error {
	dir, err := os.MkdirTemp("", "pagebench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := build(dir, profile); err != nil {
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

	if loads > 0 {
		median, err := timeLoads(browser, dir, loads)
		if err != nil {
			return err
		}
		fmt.Printf("page load to config:ok: median %v of %d loads\n", median.Round(time.Millisecond), loads)
	}

	return roundTrips(browser, dir, calls, profile)
}

// build makes the demo (server and app.wasm, as make run does) and the
// round trip program in dir; to profile, the program keeps its function names.
func build(dir string, profile bool) error {
	for _, b := range []struct {
		out, pkg string
		wasm     bool
	}{
		{filepath.Join(dir, "gowx"), "./app", false},
		{filepath.Join(dir, "web", "app.wasm"), "./app", true},
		{filepath.Join(dir, "roundtrip.wasm"), "./internal/cmd/pagebench/roundtrip", true},
	} {
		args := []string{"build", "-trimpath", "-o", b.out}
		if b.wasm && !(profile && strings.Contains(b.pkg, "roundtrip")) {
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
<script>window.roundtrip = {};
// The same calls from plain JavaScript, awaited one after the other.
window.jsRoundTrips = async function (n) {
  const call = () => new Promise((ok, fail) => wx.getNetworkType({ success: ok, fail: fail, cancel: fail }));
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  return performance.now() - start;
};</script>
<script src="/wxfake.js?verify=/fake/jsapi/verify"></script>
<script src="/wasm_exec.js"></script>
<script>const go = new Go(); WebAssembly.instantiateStreaming(fetch("/roundtrip.wasm"), go.importObject).then(r => go.run(r.instance));</script>
</head><body></body></html>`

// rounds is how many alternating slices each side's calls are made in, so
// that both sides see the same machine.
const rounds = 20

// roundTrips measures n awaited calls from Go (the roundtrip program), from
// plain JavaScript, and from the program's bare syscall/js call, on one page
// with the fake jWeixin, in alternating slices after a warm-up of each, and
// prints them; to profile, it then samples n more calls from Go.
func roundTrips(browser context.Context, dir string, n int, profile bool) error {
	fake, err := wechatfake.New(wechatfake.Config{AppID: "wxgowxbench", Secret: "bench-secret", Domains: []string{"localhost"}, AnyHost: true})
	if err != nil {
		return err
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return err
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
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, roundtripPage) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		return err
	}
	ctx, stop := context.WithTimeout(tab, 5*time.Minute)
	defer stop()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		return err
	}
	res, err := chromedp.Run(ctx, chromedp.Poll[map[string]any](`window.roundtrip.ready || window.roundtrip.error ? window.roundtrip : null`,
		chromedp.WithPollingTimeout(time.Minute), chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		return err
	}
	if e, ok := res["error"]; ok {
		return fmt.Errorf("in the page: %v", e)
	}
	side := func(fn string, calls int) (float64, error) {
		return chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf("%s(%d)", fn, calls), chromedp.EvalAwaitPromise))
	}
	// Warm every side up: the browser compiles hot code again, optimised.
	sides := []string{"goRoundTrips", "jsRoundTrips", "floorRoundTrips", "safeFloorRoundTrips"}
	for _, fn := range sides {
		if _, err := side(fn, n); err != nil {
			return err
		}
	}
	per := max(n/rounds, 1)
	totals := make([]float64, len(sides))
	var ratios, floors []float64 // Go/JS and floor/JS, per round
	for range rounds {
		ms := make([]float64, len(sides))
		for i, fn := range sides {
			if ms[i], err = side(fn, per); err != nil {
				return err
			}
			totals[i] += ms[i]
		}
		ratios, floors = append(ratios, ms[0]/ms[1]), append(floors, ms[2]/ms[1])
	}
	calls := per * rounds
	us := func(ms float64) float64 { return 1000 * ms / float64(calls) }
	fmt.Printf("awaited wx call round trip: Go %.1f µs, plain JavaScript %.1f µs per call (%d calls each, %d alternating slices): ratio Go/JS %.2f (median of the slices %.2f)\n",
		us(totals[0]), us(totals[1]), calls, rounds, totals[0]/totals[1], median(ratios))
	fmt.Printf("  the floor, the same call with the fewest crossings syscall/js allows: %.1f µs, ratio floor/JS %.2f (median %.2f)\n",
		us(totals[2]), totals[2]/totals[1], median(floors))
	fmt.Printf("  the same floor through safejs, which the binding is built on: %.1f µs, ratio %.2f\n",
		us(totals[3]), totals[3]/totals[1])
	if !profile {
		return nil
	}
	return profileGo(ctx, side, calls)
}

// profileGo samples n calls from Go with Chromium's profiler and prints the
// share of each part of the page in their time, and the functions that
// take the most of it themselves.
func profileGo(ctx context.Context, side func(string, int) (float64, error), n int) error {
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 50}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{}); err != nil {
		return err
	}
	if _, err := side("goRoundTrips", n); err != nil {
		return err
	}
	res, err := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
	if err != nil {
		return err
	}
	nodes := make(map[int64]*profiler.ProfileNode)
	parent := make(map[int64]int64)
	for _, nd := range res.Profile.Nodes {
		nodes[nd.ID] = nd
		for _, c := range nd.Children {
			parent[c] = nd.ID
		}
	}
	within := map[string]int{} // samples under each Go function of the binding
	for _, id := range res.Profile.Samples {
		seen := map[string]bool{}
		for n := id; n != 0; n = parent[n] {
			nd := nodes[n]
			if nd == nil {
				break
			}
			if fn := nd.CallFrame.FunctionName; strings.Contains(fn, "gowx") && !seen[fn] {
				seen[fn] = true
				within[fn]++
			}
		}
	}
	total, idle := 0, 0
	parts := map[string]int{}
	funcs := map[string]int{}
	for _, id := range res.Profile.Samples {
		nd := nodes[id]
		if nd == nil {
			continue
		}
		if nd.CallFrame.FunctionName == "(idle)" {
			idle++
			continue
		}
		total++
		parts[part(nd.CallFrame.URL, nd.CallFrame.FunctionName)]++
		funcs[nd.CallFrame.FunctionName+" "+path.Base(nd.CallFrame.URL)]++
	}
	fmt.Printf("profile of %d Go calls: %d busy samples, %d idle (the page waiting for its event loop)\n", n, total, idle)
	for _, kv := range sorted(parts) {
		fmt.Printf("  %5.1f%%  %s\n", 100*float64(kv.v)/float64(total), kv.k)
	}
	fmt.Println("  the binding's functions, with what they call:")
	for i, kv := range sorted(within) {
		if i == 20 {
			break
		}
		fmt.Printf("  %5.1f%%  %s\n", 100*float64(kv.v)/float64(total), kv.k)
	}
	fmt.Println("  the functions taking the most time themselves:")
	for i, kv := range sorted(funcs) {
		if i == 200 {
			break
		}
		fmt.Printf("  %5.1f%%  %s\n", 100*float64(kv.v)/float64(total), kv.k)
	}
	return nil
}

// part names the part of the page a sampled function belongs to.
func part(url, fn string) string {
	switch {
	case strings.HasSuffix(url, ".wasm") || strings.HasPrefix(url, "wasm://"):
		if strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "runtime_") || strings.HasPrefix(fn, "internal/") || strings.HasPrefix(fn, "sync.") {
			return "Go runtime (scheduler, memory, GC)"
		}
		if strings.HasPrefix(fn, "encoding/json") || strings.HasPrefix(fn, "reflect") || strings.HasPrefix(fn, "strconv") {
			return "Go encoding/json and reflect"
		}
		if strings.HasPrefix(fn, "syscall/js") || strings.Contains(fn, "safejs") {
			return "Go syscall/js and safejs"
		}
		return "Go, the rest (wx, jsx, the program)"
	case strings.Contains(url, "wasm_exec.js"):
		return "wasm_exec.js: values crossing between Go and JavaScript"
	case strings.Contains(url, "wxfake.js"):
		return "the fake jWeixin (JavaScript)"
	case url == "":
		return "the browser: " + fn
	}
	return "other JavaScript: " + path.Base(url)
}

func median(v []float64) float64 {
	v = slices.Clone(v)
	slices.Sort(v)
	return v[len(v)/2]
}

type count struct {
	k string
	v int
}

func sorted(m map[string]int) []count {
	var out []count
	for k, v := range m {
		out = append(out, count{k, v})
	}
	slices.SortFunc(out, func(a, b count) int { return b.v - a.v })
	return out
}
