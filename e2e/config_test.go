//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

// An API missing from the configuration's jsApiList fails in Go, at once;
// called straight from JavaScript, the client refuses it.
func TestNotInJSAPIList(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL+"image?apis=getNetworkType")
	_, errText, sentinel := runControl(t, ctx, "chooseImage")
	if sentinel != "ErrNotInJSAPIList" || !strings.Contains(errText, "jsApiList") {
		t.Fatalf("chooseImage outside jsApiList: %q (%s)", errText, sentinel)
	}
	if c := lastCall(within(t, ctx, wxfakecdp.Calls()), "chooseImage"); c.API != "" {
		t.Fatalf("the refused call reached the client: %+v", c)
	}
	got := within(t, ctx, chromedp.Evaluate[string](`new Promise(r => wx.chooseImage({complete: res => r(res.errMsg)}))`, chromedp.EvalAwaitPromise))
	if got != "chooseImage:permission denied" {
		t.Fatalf("the client answered %q", got)
	}
}

// Before wx.config the client answers "offline verifying"; the binding's
// calls wait for the configuration instead, and then succeed.
func TestCallsBeforeConfig(t *testing.T) {
	srv := startServer(t)
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"image?config=manual"))
	waitPresent(t, ctx, "wx-configure")
	got := within(t, ctx, chromedp.Evaluate[string](`new Promise(r => wx.getLocation({complete: res => r(res.errMsg)}))`, chromedp.EvalAwaitPromise))
	if got != "getLocation:the permission value is offline verifying" {
		t.Fatalf("the client answered %q before config", got)
	}
	click(t, ctx, "chooseImage-run")
	if n := runs(t, ctx, "chooseImage"); n != 0 {
		t.Fatalf("the call ended before configuration (%d runs)", n)
	}
	if c := lastCall(within(t, ctx, wxfakecdp.Calls()), "chooseImage"); c.API != "" {
		t.Fatalf("the call reached the client before configuration: %+v", c)
	}
	click(t, ctx, "wx-configure")
	waitText(t, ctx, "wx-status", "config:ok")
	waitText(t, ctx, "chooseImage-result", "LocalIDs")
}

// wechatPhone is a phone running WeChat, for chromedp.Emulate.
type wechatPhone string

func (ua wechatPhone) Device() device.Info {
	return device.Info{Name: "WeChat", UserAgent: string(ua), Width: 390, Height: 844, Scale: 3, Mobile: true, Touch: true}
}

const (
	iPhoneWeChat  wechatPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2f) NetType/WIFI Language/zh_CN"
	androidWeChat wechatPhone = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F37) NetType/WIFI Language/zh_CN"
)

// verifications returns the verifications (preVerifyJSAPI) in the fake's
// client log.
func verifications(t *testing.T, ctx context.Context) []wxfakecdp.Call {
	var v []wxfakecdp.Call
	for _, c := range within(t, ctx, wxfakecdp.Calls()) {
		if c.API == "config" {
			v = append(v, c)
		}
	}
	return v
}

// On a phone, in each flavour: the app navigates through its pages and
// calls succeed. Android verifies the current URL, so each page is signed
// again; iOS verifies the landing URL, so one configuration serves all.
// Each configuration is one verification, made by wx.config as jweixin
// makes it: the landing page's, then one per page on Android.
func TestPhones(t *testing.T) {
	srv := startServer(t)
	for _, phone := range []struct {
		name    string
		ua      wechatPhone
		localID string // how the flavour names images
		resigns bool
	}{
		{"android", androidWeChat, "weixin://resourceid/", true},
		{"ios", iPhoneWeChat, "wxLocalResource://", false},
	} {
		t.Run(phone.name, func(t *testing.T) {
			ctx := newTab(t)
			do(t, ctx, chromedp.Emulate(phone.ua), chromedp.Navigate(srv.URL))
			waitText(t, ctx, "wx-status", "config:ok")
			if f := within(t, ctx, chromedp.Evaluate[string](`wxfake.options.flavour`)); f != phone.name {
				t.Fatalf("the fake plays %s", f)
			}
			for _, g := range []string{"image", "location", "device"} {
				goTo(t, ctx, g)
				id := map[string]string{"image": "chooseImage", "location": "getLocation", "device": "getNetworkType"}[g]
				res, errText, _ := runControl(t, ctx, id)
				if errText != "" {
					t.Fatalf("%s on %s: %s", id, g, errText)
				}
				if g == "image" && !strings.Contains(res, phone.localID) {
					t.Fatalf("chooseImage on %s: %s, want ids like %s", phone.name, res, phone.localID)
				}
			}
			want := 1
			if phone.resigns {
				want += 3
			}
			v := verifications(t, ctx)
			if len(v) != want {
				var seen []string
				for _, c := range v {
					seen = append(seen, fmt.Sprintf("%s raw=%v of %v", c.ErrMsg, c.Raw, c.Result["realAuthUrl"]))
				}
				t.Fatalf("%d verifications after visiting 3 pages, want %d: %s", len(v), want, strings.Join(seen, "; "))
			}
			for _, c := range v {
				if c.Raw || c.ErrMsg != "config:ok" {
					t.Fatalf("a verification not made by wx.config, or failed: %+v", c)
				}
			}
		})
	}
}

// A person answers calls from the fake's panel.
func TestPanel(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL+"image")
	do(t, ctx, wxfakecdp.Panel(true), wxfakecdp.Interactive(true))
	unfoldPanel(t, ctx) // folded on a narrow screen
	click(t, ctx, "chooseImage-run")
	held := within(t, ctx, chromedp.Poll[[]wxfakecdp.HeldCall](`wxfake.held().length ? wxfake.held() : null`))
	if len(held) != 1 || held[0].API != "chooseImage" {
		t.Fatalf("held %+v", held)
	}
	// The panel's own "cancel" button.
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("wxfake-panel").shadowRoot.querySelector("[data-held] .cancel").click()`))
	waitText(t, ctx, "chooseImage-error", "cancel")
	if s := attr(t, ctx, "chooseImage-error", "data-sentinel"); s != "ErrCancel" {
		t.Fatalf("sentinel %q", s)
	}
	click(t, ctx, "chooseImage-run")
	within(t, ctx, chromedp.Poll[bool](`wxfake.held().length === 1`))
	if !within(t, ctx, wxfakecdp.AnswerHeld(0, wxfakecdp.Outcome{Result: wxfakecdp.OK})) {
		t.Fatal("nothing to answer")
	}
	// The page now asks for the chosen images' data: those calls wait too,
	// until "answer calls myself" is switched off, which answers them ok.
	within(t, ctx, chromedp.Poll[bool](`wxfake.held().some(c => c.api === "getLocalImgData")`))
	do(t, ctx, wxfakecdp.Interactive(false))
	waitText(t, ctx, "chooseImage-result", "LocalIDs")
	// Events of the listeners the page registered can be fired from the panel.
	goTo(t, ctx, "voice")
	listen(t, ctx, "onVoicePlayEnd")
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`[...document.getElementById("wxfake-panel").shadowRoot.querySelectorAll(".row")].find(r => r.textContent.includes("onVoicePlayEnd")).querySelector(".fire").click()`))
	waitText(t, ctx, "onVoicePlayEnd-events", "weixin://voice/")
}
