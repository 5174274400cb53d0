//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx"
)

// screens are the sizes every page is pictured and checked at: a phone's
// and a laptop's.
var screens = []struct {
	name          string
	width, height int64
}{{"414", 414, 896}, {"1280", 1280, 800}}

// firstRun is the control of each page run before its picture, so that
// the picture shows a result ("": none), for the pages shows does not
// name.
var firstRun = map[string]string{
	"": "", "all": "all-chooseImage",
	"share": "updateAppMessageShareData", "voice": "startRecord", "smart": "",
	"device": "getNetworkType", "location": "getLocation", "beacons": "startSearchBeacons", "menu": "hideOptionMenu",
	"scan": "scanQRCode", "card": "chooseCard", "pay": "chooseWXPay", "address": "openAddress", "miniprogram": "miniProgram-getEnv",
	"enterprise": "openEnterpriseChat",
}

// shows are the pages that take more than their menu item and a control
// to show something: how each is brought to the state it is pictured in.
var shows = map[string]func(t *testing.T, ctx context.Context){
	// A choice and its upload, which the server fetches back.
	"image": func(t *testing.T, ctx context.Context) {
		goTo(t, ctx, "image")
		runControl(t, ctx, "chooseImage")
		runControl(t, ctx, "uploadImage")
		waitText(t, ctx, "uploadImage-fetched", "from WeChat")
	},
	// Once the client has drawn every tag.
	"opentags": func(t *testing.T, ctx context.Context) {
		goTo(t, ctx, "opentags")
		for _, tag := range []wx.OpenTag{wx.OpenTagLaunchWeapp, wx.OpenTagLaunchApp, wx.OpenTagSubscribe, wx.OpenTagAudio} {
			waitText(t, ctx, tagEvents(tag), "ready")
		}
	},
	// Entering signs in, through the fake's authorisation page: pictured
	// once back, signed in.
	"signin": func(t *testing.T, ctx context.Context) {
		do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("nav-signin").click()`))
		waitNav(t, ctx, "signin-status", "signed in")
		waitNav(t, ctx, "wx-status", "config:ok")
	},
}

// TestScreenshots pictures every page, after a call, at each of screens,
// with the fake's panel as it starts there, in $GOWX_ARTIFACTS (default
// ../artifacts/screenshots) as <page>-<width>.png: artifacts to look at,
// not committed. Each picture is of the whole page: the viewport is made
// as tall as the page for it. Before each, the page's layout is checked
// at the screen's own size (checkLayout).
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("GOWX_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "artifacts", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t)
	pages := []string{"", "all"}
	for _, g := range groupCases {
		pages = append(pages, g.group)
	}
	pages = append(pages, "opentags", "signin")
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			ctx := newTab(t)
			do(t, ctx, chromedp.EmulateViewport(sc.width, sc.height), chromedp.Navigate(srv.URL))
			waitText(t, ctx, "wx-status", "config:ok")
			for _, p := range pages {
				name := p
				if p == "" {
					name = "home"
				}
				t.Run(name, func(t *testing.T) {
					if show, ok := shows[p]; ok {
						show(t, ctx)
					} else {
						goTo(t, ctx, name)
						if id := firstRun[p]; id != "" {
							runControl(t, ctx, id)
						}
					}
					l := measureLayout(t, ctx)
					t.Logf("the header and the menu take %.0f px; the panel is %s", l.Top, l.Panel)
					checkLayout(t, l, int(sc.width))
					shoot(t, ctx, filepath.Join(dir, fmt.Sprintf("%s-%s.png", name, sc.name)), sc.width, sc.height)
				})
			}
		})
	}
	t.Logf("screenshots in %s", dir)
}

// shoot saves a picture of the whole page, and gives the tab its size back.
func shoot(t *testing.T, ctx context.Context, file string, width, height int64) {
	t.Helper()
	// The page's full height: the document's, or, when the page scrolls in
	// the body above the panel's strip, the body's content and the strip.
	full := within(t, ctx, chromedp.Evaluate[int64](`(() => { const b = document.body, r = b.getBoundingClientRect();
		return Math.ceil(Math.max(document.documentElement.scrollHeight, b.scrollHeight + innerHeight - r.height)); })()`))
	do(t, ctx, chromedp.EmulateViewport(width, max(full, height)))
	// Once the panel's room follows the new size, the height is settled.
	within(t, ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise))
	png := within(t, ctx, chromedp.CaptureScreenshot())
	do(t, ctx, chromedp.EmulateViewport(width, height))
	if len(png) == 0 {
		t.Fatalf("empty screenshot %s", file)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
