//go:build e2e

// Package e2e drives the gowx demo in headless Chromium: the real server
// binary in demo mode, the real wasm page, the fake jWeixin and the fake
// WeChat, all on loopback. Run with: go test -tags e2e ./e2e/
package e2e

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/internal/chromium"
)

var (
	workDir string          // holds the gowx binary and its web/ directory
	browser context.Context // a running headless Chromium
	// sdk is what answers the demo's calls in this run (GOWX_E2E_SDK):
	// "fake", the fake jWeixin whole, or "official", jweixin-1.6.0.js on
	// the fake WeChat client. make test-e2e runs the suite with each.
	sdk = cmp.Or(os.Getenv("GOWX_E2E_SDK"), "fake")
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "gowx-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	workDir = dir
	if sdk != "fake" && sdk != "official" {
		fmt.Fprintf(os.Stderr, "GOWX_E2E_SDK=%s: want fake or official\n", sdk)
		return 2
	}
	if _, err := os.Stat("../web/jweixin-1.6.0.js"); sdk == "official" && err != nil {
		fmt.Fprintln(os.Stderr, "GOWX_E2E_SDK=official needs web/jweixin-1.6.0.js: run make jweixin")
		return 2
	}
	if err := build(dir); err != nil {
		fmt.Fprintln(os.Stderr, "building the app:", err)
		return 2
	}
	b, stop, err := chromium.Start(filepath.Join(dir, "chromium-profile"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting chromium:", err)
		return 2
	}
	defer stop()
	browser = b
	return m.Run()
}

// build makes the server binary and the page's wasm, as make run does, in dir.
func build(dir string) error {
	web := filepath.Join(dir, "web")
	if err := os.MkdirAll(web, 0o755); err != nil {
		return err
	}
	for _, b := range []struct {
		out string
		env []string
	}{
		{filepath.Join(dir, "gowx"), nil},
		{filepath.Join(web, "app.wasm"), []string{"GOOS=js", "GOARCH=wasm"}},
	} {
		cmd := exec.Command("go", "build", "-o", b.out, "../app")
		cmd.Env = append(os.Environ(), b.env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%v: %s", err, out)
		}
	}
	// As make wasm does: the copies the server sends compressed.
	if out, err := exec.Command("go", "run", "../internal/cmd/precompress", filepath.Join(web, "app.wasm")).CombinedOutput(); err != nil {
		return fmt.Errorf("precompress: %v: %s", err, out)
	}
	entries, err := os.ReadDir("../web")
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), "app.wasm") {
			continue
		}
		data, err := os.ReadFile(filepath.Join("../web", e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(web, e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// gowx is a running server binary.
type gowx struct {
	URL  string // http://localhost:PORT/
	Port string
	// Stop stops the server with SIGTERM and checks it exits cleanly; the
	// test's cleanup does it too.
	Stop func()
}

var servingLine = regexp.MustCompile(`serving (http://localhost:(\d+)/)`)

// startServer runs the binary in demo mode on a free loopback port.
func startServer(t *testing.T, env ...string) *gowx {
	t.Helper()
	cmd := exec.Command(filepath.Join(workDir, "gowx"))
	cmd.Dir = workDir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "WX_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, append([]string{"WX_ADDR=localhost:0", "WX_DEMO_SDK=" + sdk}, env...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := sync.OnceFunc(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("gowx exited badly after SIGTERM: %v\n%s", err, logs.String())
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Errorf("gowx did not stop on SIGTERM")
		}
	})
	t.Cleanup(stop)
	found := make(chan *gowx, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- &gowx{URL: m[1], Port: m[2], Stop: stop}
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case g := <-found:
		return g
	case <-time.After(20 * time.Second):
		t.Fatalf("gowx did not start:\n%s", logs.String())
	}
	return nil
}

// lockedBuffer collects a process's output while tests read it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTab opens a tab in the browser for the test.
func newTab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// within runs a with a deadline on a tab that has already started.
func within[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%v", err)
	}
	return v
}

// do runs steps with a deadline.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%v", err)
	}
}

// waitText waits until the element with id exists and its text contains
// want, and returns its text.
func waitText(t *testing.T, ctx context.Context, id, want string) string {
	t.Helper()
	expr := fmt.Sprintf(`(() => { const e = document.getElementById(%q); return e && e.textContent.includes(%q) ? e.textContent : ""; })()`, id, want)
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Poll[string](expr, chromedp.WithPollingTimeout(40*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		got, _ := chromedp.Run(context.WithoutCancel(ctx), chromedp.Evaluate[string](fmt.Sprintf(`(document.getElementById(%q)||{}).outerHTML || "(absent)"`, id)))
		t.Fatalf("#%s never contained %q: %v; it is %s", id, want, err, got)
	}
	return v
}

// attr returns an attribute of the element with id.
func attr(t *testing.T, ctx context.Context, id, name string) string {
	t.Helper()
	return within(t, ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.getElementById(%q) || {getAttribute: () => ""}).getAttribute(%q) || ""`, id, name)))
}
