//go:build !js

// Package chromium starts the headless Chromium of the project's browser
// tests and benchmarks, with the flags this kind of machine needs: no
// sandbox (root), no GPU, and nothing that reaches for the network beyond
// loopback.
package chromium

import (
	"context"
	"os"

	"github.com/chromedp/chromedp"
)

// Flags are the command-line flags of every start.
var Flags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
	"--disable-component-update", "--disable-sync", "--no-first-run",
}

// Path is Debian's Chromium, or "chromium" for a PATH lookup.
func Path() string {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "chromium"
}

// Start starts a browser with a fresh profile in profileDir and returns a
// chromedp context on it; cancel stops the browser.
func Start(profileDir string) (ctx context.Context, cancel context.CancelFunc, err error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Path()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profileDir),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		return nil, nil, err
	}
	return ctx, func() { cancelCtx(); cancelAlloc() }, nil
}
