//go:build e2e

package e2e

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx"
	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

// open loads the page and waits for the configuration to succeed.
func open(t *testing.T, url string) context.Context {
	t.Helper()
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(url))
	waitText(t, ctx, "wx-status", "config:ok")
	return ctx
}

func TestConfigOK(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL)
	if got := within(t, ctx, chromedp.Text(chromedp.ID("wx-status"))); got != "config:ok" {
		t.Fatalf("#wx-status = %q", got)
	}
	banner := within(t, ctx, chromedp.Text(chromedp.ID("demo-banner")))
	if !strings.Contains(banner, "Demo mode") || attr(t, ctx, "demo-banner", "data-sdk") != sdk {
		t.Errorf("#demo-banner = %q (SDK %q), want the %s SDK named", banner, attr(t, ctx, "demo-banner", "data-sdk"), sdk)
	}
	if sdk == "official" {
		// The official script runs: jweixin's own globals, over the fake's client layer.
		if layer := within(t, ctx, chromedp.Evaluate[string](`wxfake.options.layer + "/" + typeof wx.config`)); layer != "bridge/function" {
			t.Errorf("layer/wx.config: %s", layer)
		}
	}
	calls := within(t, ctx, wxfakecdp.Calls())
	var config *wxfakecdp.Call
	for i := range calls {
		if calls[i].API == "config" {
			config = &calls[i]
		}
	}
	if config == nil || config.ErrMsg != "config:ok" {
		t.Fatalf("the fake recorded no accepted config: %+v", calls)
	}
	// The demo lists every API (jweixin hands WeChat the client's names; the fake speaks public ones).
	verified := within(t, ctx, wxfakecdp.Verified())
	if len(verified) != len(wx.APIs()) || !slices.Contains(verified, "onMenuShareTimeline") || !slices.Contains(verified, "getLocation") {
		t.Errorf("verified jsApiList = %v", verified)
	}
}

func TestChooseImage(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL)
	// Through the menu: the app navigates without reloading (history.pushState).
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("nav-image").click()`))
	waitText(t, ctx, "chooseImage", "chooseImage")
	click := chromedp.Evaluate[chromedp.Void](`document.getElementById("chooseImage-run").click()`)

	ids := []any{"weixin://resourceid/e2e-1", "weixin://resourceid/e2e-2"}
	do(t, ctx,
		wxfakecdp.Respond(wx.APIChooseImage, wxfakecdp.Outcome{Result: wxfakecdp.OK, Once: true, Data: map[string]any{"localIds": ids, "sourceType": "album"}}),
		click)
	got := waitText(t, ctx, "chooseImage-result", "weixin://resourceid/e2e-2")
	if !strings.Contains(got, "weixin://resourceid/e2e-1") {
		t.Fatalf("#chooseImage-result = %q", got)
	}
	calls := within(t, ctx, wxfakecdp.Calls())
	last := lastCall(calls, "chooseImage")
	if last.ErrMsg != "chooseImage:ok" || last.Args["count"] != 9.0 || last.Args["scene"] != "1|2" ||
		len(last.Args["sizeType"].([]any)) != 2 || len(last.Args["sourceType"].([]any)) != 2 {
		t.Fatalf("the SDK got %+v; want jweixin's defaults", last)
	}

	// Unscripted, the fake hands out images of its own, which the page shows
	// through getLocalImgData.
	do(t, ctx, click)
	n := within(t, ctx, chromedp.Poll[int](`document.querySelectorAll("#chooseImage-images img[src^='data:image/']").length`,
		chromedp.WithPollingTimeout(20*time.Second)))
	if n == 0 {
		t.Fatal("no chosen image shown")
	}

	do(t, ctx, wxfakecdp.Respond(wx.APIChooseImage, wxfakecdp.Outcome{Result: wxfakecdp.Cancel, Once: true}), click)
	waitText(t, ctx, "chooseImage-error", "cancel")
	if s := attr(t, ctx, "chooseImage-error", "data-sentinel"); s != "ErrCancel" {
		t.Fatalf("cancel: data-sentinel = %q, want ErrCancel (errors.Is in Go)", s)
	}

	do(t, ctx, wxfakecdp.Respond(wx.APIChooseImage, wxfakecdp.Outcome{Result: wxfakecdp.Fail, Message: "no camera", Once: true}), click)
	waitText(t, ctx, "chooseImage-error", "no camera")
	if s := attr(t, ctx, "chooseImage-error", "data-sentinel"); s != "ErrFailed" {
		t.Fatalf("fail: data-sentinel = %q", s)
	}
}

func TestInvalidSignature(t *testing.T) {
	srv := startServer(t)
	open(t, srv.URL) // the server now holds a jsapi_ticket
	resp, err := http.Post(srv.URL+"wx/wechatfake/fake/control/revoke-tickets", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// The server signs with its cached ticket, which WeChat no longer accepts.
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(srv.URL))
	waitText(t, ctx, "wx-status", "invalid signature")
	if s := attr(t, ctx, "wx-status", "data-sentinel"); s != "ErrInvalidSignature" {
		t.Fatalf("data-sentinel = %q", s)
	}
	hint := within(t, ctx, chromedp.Text(chromedp.CSS(`#wx-status .hint`)))
	if !strings.Contains(hint, "fragment") {
		t.Fatalf("hint = %q", hint)
	}
}

func TestURLNotAllowed(t *testing.T) {
	srv := startServer(t)
	ctx := newTab(t)
	// 127.0.0.1 is not the JS safe domain (localhost) and no IP ever is.
	do(t, ctx, chromedp.Navigate("http://127.0.0.1:"+srv.Port+"/"))
	waitText(t, ctx, "wx-status", "invalid url domain")
	if s := attr(t, ctx, "wx-status", "data-sentinel"); s != "ErrInvalidURLDomain" {
		t.Fatalf("data-sentinel = %q", s)
	}
	hint := within(t, ctx, chromedp.Text(chromedp.CSS(`#wx-status .hint`)))
	// Demo mode's own hint: where the demo signs, no AppID advice.
	if !strings.Contains(hint, "Demo mode signs pages on localhost:"+srv.Port) || strings.Contains(hint, "AppID") {
		t.Fatalf("hint = %q", hint)
	}
	calls := within(t, ctx, wxfakecdp.Calls())
	for _, c := range calls {
		if c.API == "config" {
			t.Fatalf("a refused page reached wx.config: %+v", c)
		}
	}
}

// lastCall returns the last call of api in the log.
func lastCall(calls []wxfakecdp.Call, api string) wxfakecdp.Call {
	for i := len(calls) - 1; i >= 0; i-- {
		if calls[i].API == api {
			return calls[i]
		}
	}
	return wxfakecdp.Call{}
}

// app.wasm reaches the browser brotli-compressed, and go-app's loader
// counts its progress against the raw size.
func TestWasmCompressed(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL)
	raw, err := os.Stat(filepath.Join(workDir, "web", "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	br, err := os.Stat(filepath.Join(workDir, "web", "app.wasm.br"))
	if err != nil {
		t.Fatal(err)
	}
	sizes := within(t, ctx, chromedp.Evaluate[map[string]int](`(() => {
		const e = performance.getEntriesByType("resource").find(e => e.name.endsWith("/web/app.wasm"));
		return e ? {encoded: e.encodedBodySize, decoded: e.decodedBodySize} : null; })()`))
	if sizes["decoded"] != int(raw.Size()) || sizes["encoded"] != int(br.Size()) {
		t.Fatalf("app.wasm arrived as %v; want %d bytes of brotli for %d raw", sizes, br.Size(), raw.Size())
	}
	declared := within(t, ctx, chromedp.Evaluate[string](`goappWasmContentLength`))
	if declared != strconv.FormatInt(raw.Size(), 10) {
		t.Fatalf("the loader expects %s bytes, the raw file has %d", declared, raw.Size())
	}
}

// The app installs (a manifest with local icons, a service worker), and
// once loaded it starts without its server: the page and the wasm come from
// the service worker's cache, and the configuration says why it failed.
func TestInstallableOffline(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL)
	icons := within(t, ctx, chromedp.Evaluate[[]string](`fetch("/manifest.webmanifest").then(r => r.json()).then(m => m.icons.map(i => i.src))`, chromedp.EvalAwaitPromise))
	if len(icons) == 0 {
		t.Fatal("the manifest has no icons")
	}
	for _, src := range icons {
		if !strings.HasPrefix(src, "/web/") {
			t.Errorf("icon %s is not served by the app", src)
		}
	}
	within(t, ctx, chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(r => r.active !== null)`, chromedp.EvalAwaitPromise))
	srv.Stop()
	do(t, ctx, chromedp.Reload())
	waitText(t, ctx, "wx-status", "signing server")
	if s := attr(t, ctx, "wx-status", "data-sentinel"); s != "ErrSigner" {
		t.Fatalf("offline, the status reads sentinel %q", s)
	}
}
