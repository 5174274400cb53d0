//go:build !js

package wxfakecdp_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx"
	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

// bothSDKs runs f for each flavour on both SDKs, and checks that the
// records it returns are the same on both.
func bothSDKs(t *testing.T, f func(t *testing.T, sdk, flavour string) []record) {
	t.Helper()
	for _, flavour := range flavours {
		t.Run(flavour, func(t *testing.T) {
			seen := map[string][]record{}
			for _, sdk := range []string{official, full} {
				t.Run(sdk, func(t *testing.T) { seen[sdk] = f(t, sdk, flavour) })
			}
			sameRecords(t, "outcomes", seen[official], seen[full])
		})
	}
}

func allAPIs() []string {
	var apis []string
	for _, a := range wx.APIs() {
		apis = append(apis, string(a))
	}
	return apis
}

// A configuration WeChat refuses: the error handler runs, then ready (as
// jweixin has it), Configured reports it, and calls are refused.
func TestInvalidSignature(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		res := eval[map[string]any](t, ctx, "t.configure("+js(allAPIs())+", {tamper: true})")
		errRes, _ := res["error"].(map[string]any)
		if res["ready"] != true || errRes["errMsg"] != "config:invalid signature" || !strings.HasPrefix(fmt.Sprint(errRes["realAuthUrl"]), site.URL+"page?") {
			t.Fatalf("configuration: %v", res)
		}
		var ce *wxfakecdp.ConfigError
		if _, err := chromedp.Run(ctx, wxfakecdp.Configured()); !errors.As(err, &ce) || ce.ErrMsg != "config:invalid signature" {
			t.Fatalf("Configured: %v", err)
		}
		if v := run(t, ctx, wxfakecdp.Verified()); v != nil {
			t.Errorf("verified %v", v)
		}
		after := call(t, ctx, wx.APIChooseImage, `{}`)
		if after.errMsg() != "chooseImage:the permission value is offline verifying" {
			t.Errorf("a call after the failure: %+v", after)
		}
		return []record{{"error", errRes["errMsg"]}, {"after", after}}
	})
}

// A page on no JS safe domain of the account (an IP address).
func TestInvalidURLDomain(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := openAt(t, site.IPURL, sdk, flavour)
		res := eval[map[string]any](t, ctx, "t.configure("+js(allAPIs())+")")
		errRes, _ := res["error"].(map[string]any)
		if errRes["errMsg"] != "config:invalid url domain" {
			t.Fatalf("configuration: %v", res)
		}
		return []record{{"error", errRes}}
	})
}

// After a single-page app's navigation, iOS verifies the landing URL and
// Android the current one. (jweixin's ready fires once per page, so each
// configuration is the first of its page.)
func TestLandingURL(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		var seen []record
		for _, signLanding := range []bool{false, true} {
			ctx := open(t, sdk, flavour)
			landing := eval[string](t, ctx, `location.href`)
			eval[any](t, ctx, `history.pushState(null, "", "/page/detail?id=7")`)
			o := `{}`
			if signLanding {
				o = `{signURL: ` + js(landing) + `}`
			}
			res := eval[map[string]any](t, ctx, "t.configure("+js(allAPIs())+", "+o+")")
			errRes, _ := res["error"].(map[string]any)
			if ok := errRes == nil; ok != (signLanding == (flavour == "ios")) {
				t.Errorf("%s, signed for the landing URL %v: %v", flavour, signLanding, res)
			}
			if errRes != nil && errRes["errMsg"] != "config:invalid signature" {
				t.Errorf("%v", errRes)
			}
			if flavour == "ios" && errRes != nil && errRes["realAuthUrl"] != landing {
				t.Errorf("iOS verified %v, not the landing URL", errRes["realAuthUrl"])
			}
			seen = append(seen, record{fmt.Sprint("landing ", signLanding), errRes == nil})
		}
		return seen
	})
}

// WeChat refuses what the configuration did not list, a menu share too.
func TestJSAPIListRefusal(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		if res := eval[map[string]any](t, ctx, `t.configure(["chooseImage", "onMenuShareQQ"])`); res["error"] != nil {
			t.Fatal(res)
		}
		listed := call(t, ctx, wx.APIChooseImage, `{}`)
		refused := call(t, ctx, wx.APIGetLocation, `{}`)
		if listed.errMsg() != "chooseImage:ok" || refused.errMsg() != "getLocation:permission denied" || refused.Callbacks[0] != "fail" {
			t.Errorf("listed %+v; not listed %+v", listed, refused)
		}
		if v := run(t, ctx, wxfakecdp.Verified()); !slices.Equal(v, []string{"chooseImage", "onMenuShareQQ"}) {
			t.Errorf("Verified = %v, want public names", v)
		}
		eval[any](t, ctx, `t.listen("onMenuShareTimeline", {})`)
		run(t, ctx, wxfakecdp.Fire(wx.APIOnMenuShareTimeline, map[string]any{}))
		ev := run(t, ctx, chromedp.Poll[[]map[string]any](`t.events.onMenuShareTimeline.length >= 3 ? t.events.onMenuShareTimeline : null`))
		res, _ := ev[1]["res"].(map[string]any)
		if ev[1]["callback"] != "fail" || res["errMsg"] != "shareTimeline:permission denied" {
			t.Errorf("an unlisted menu share: %v", ev)
		}
		return []record{{"listed", listed}, {"refused", refused}, {"share", ev}}
	})
}

// jweixin's statistics after wx.config stay on the machine: the client
// answers the inner getNetworkType without spending a script, and keeps
// the report instead of letting the image load it.
func TestStatisticsStayOnTheMachine(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		var mu sync.Mutex
		var outside []string
		chromedp.Listen(ctx, func(ev any) {
			if e, ok := ev.(*network.EventRequestWillBeSent); ok {
				if u, err := url.Parse(e.Request.URL); err == nil && u.Hostname() != "localhost" && u.Scheme != "data" {
					mu.Lock()
					outside = append(outside, e.Request.URL)
					mu.Unlock()
				}
			}
		})
		do(t, ctx, wxfakecdp.Respond(wx.APIGetNetworkType, wxfakecdp.Outcome{Result: wxfakecdp.Fail, Message: "scripted", Once: true}))
		configure(t, ctx)
		inner := run(t, ctx, chromedp.Poll[wxfakecdp.Call](`wxfake.calls().find(c => c.inner && c.report) || null`))
		if inner.API != "getNetworkType" || inner.ErrMsg != "getNetworkType:ok" || !strings.HasPrefix(inner.Report, "https://open.weixin.qq.com/sdk/report?v=1&o=0&") {
			t.Errorf("the statistics call: %+v", inner)
		}
		if got := call(t, ctx, wx.APIGetNetworkType, `{}`); got.errMsg() != "getNetworkType:fail" {
			t.Errorf("the page's own call did not get the scripted failure: %+v", got)
		}
		// Loopback requests still in flight are seen before this one.
		eval[any](t, ctx, `fetch("/harness.js").then(r => r.text())`)
		mu.Lock()
		defer mu.Unlock()
		if len(outside) > 0 {
			t.Errorf("requests left the machine: %v", outside)
		}
		return []record{{"inner", inner.Native}}
	})
}

// With debug, jweixin alerts every result the page gets, and makes no
// statistics.
func TestDebugAlerts(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		if res := eval[map[string]any](t, ctx, `t.configure(["getLocation"], {debug: true})`); res["error"] != nil {
			t.Fatal(res)
		}
		call(t, ctx, wx.APIGetLocation, `{}`)
		alerts := eval[[]string](t, ctx, `window.alerts`)
		if len(alerts) != 2 || !strings.Contains(alerts[0], `"errMsg":"config:ok"`) || !strings.Contains(alerts[1], `"errMsg":"getLocation:ok"`) {
			t.Errorf("alerts %q", alerts)
		}
		for _, c := range run(t, ctx, wxfakecdp.Calls()) {
			if c.Inner {
				t.Errorf("statistics while debugging: %+v", c)
			}
		}
		return []record{{"alerts", len(alerts)}}
	})
}

// Off Android jweixin fills a media element whose local resource fails to
// load with getLocalImgData's data.
func TestLocalImageFallback(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		configure(t, ctx)
		if c := call(t, ctx, wx.APIChooseImage, `{count: 1}`); c.errMsg() != "chooseImage:ok" {
			t.Fatal(c)
		}
		eval[any](t, ctx, `(() => { const img = document.createElement("img"); img.id = "photo"; img.src = t.got.chooseImage.localIds[0]; document.body.appendChild(img); })()`)
		if flavour == "ios" {
			w := run(t, ctx, chromedp.Poll[int](`document.getElementById("photo").naturalWidth || null`))
			if w != 96 {
				t.Errorf("the image is %d px wide", w)
			}
		}
		// Both ways, the element has had its chance to fail and be filled.
		run(t, ctx, chromedp.Poll[bool](`document.getElementById("photo").complete`))
		calls := run(t, ctx, wxfakecdp.Calls())
		fetched := lastCall(calls, "getLocalImgData")
		if (flavour == "ios") != (fetched.API != "") {
			t.Errorf("%s: getLocalImgData %+v", flavour, fetched)
		}
		return []record{{"fetched", fetched.Args}}
	})
}

// Calls without options, or with null: the same ones throw as in jweixin.
func TestCallsWithoutOptions(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		configure(t, ctx)
		var seen []record
		for _, a := range append(wx.APIs(), wx.APIMiniProgramNavigateTo, wx.APIMiniProgramNavigateBack, wx.APIMiniProgramPostMessage) {
			if a == wx.APIGetLocalImgData {
				continue // throws and leaves jweixin's queue stuck: the last, below
			}
			seen = append(seen, record{string(a), eval[string](t, ctx, "t.bare("+js(string(a))+")")})
			seen = append(seen, record{string(a) + "(null)", eval[string](t, ctx, "t.bare("+js(string(a))+", true)")})
		}
		seen = append(seen, record{"getLocalImgData", eval[string](t, ctx, `t.bare("getLocalImgData")`)})
		return seen
	})
}

// A callback that reads the log finds its own call answered there.
func TestLogDuringCallbacks(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		configure(t, ctx)
		got := eval[map[string]any](t, ctx, `new Promise(resolve => wx.chooseWXPay({timestamp: 1, nonceStr: "n", package: "prepay_id=1", signType: "RSA", paySign: "x",
			complete: () => { const c = wxfake.calls().pop(); resolve({errMsg: c.errMsg, bridge: c.bridge, native: c.native}); }}))`)
		// The test merchant signs nothing with "x": the client refuses it first.
		if got["errMsg"] != "chooseWXPay:invalid signature" || got["bridge"] != "getBrandWCPayRequest" || fmt.Sprint(got["native"]) != "map[err_msg:getBrandWCPayRequest:fail_invalid signature]" {
			t.Errorf("the log inside complete: %v", got)
		}
		return []record{{"log", got}}
	})
}

// The fake WeChat checks payment and card signatures; a bad one fails
// before the user could answer, whatever was scripted.
func TestSignaturesChecked(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		configure(t, ctx)
		var seen []record
		for _, c := range []struct {
			api  wx.API
			opts string
		}{
			{wx.APIChooseWXPay, `{timestamp: 1700000000, nonceStr: "n", package: "prepay_id=wx1", signType: "RSA", paySign: "c2lnbmVk"}`},
			{wx.APIOpenEnterpriseRedPacket, `{timestamp: 1700000000, nonceStr: "n", package: "prepay_id=wx1", signType: "MD5", paySign: "0123"}`},
			{wx.APIAddCard, `{cardList: [{cardId: "p1", cardExt: JSON.stringify({timestamp: "1700000000", nonce_str: "n", signature: "forged"})}]}`},
			{wx.APIChooseCard, chooseCardJS("1234", "GROUPON")[:len(chooseCardJS("1234", "GROUPON"))-2] + `0"}`},
		} {
			do(t, ctx, wxfakecdp.Respond(c.api, wxfakecdp.Outcome{Result: wxfakecdp.Cancel, Once: true}))
			got := call(t, ctx, c.api, c.opts)
			if got.Callbacks[0] != "fail" || got.errMsg() != string(c.api)+":invalid signature" {
				t.Errorf("%s with a bad signature: %+v", c.api, got)
			}
			seen = append(seen, record{string(c.api), got})
		}
		return seen
	})
}

// Scripting speaks public names, refuses the others, takes typed results,
// and puts a failure's message as the client does.
func TestScripting(t *testing.T) {
	ctx := open(t, official, "android")
	configure(t, ctx)
	for api, want := range map[wx.API]string{
		"scanQrCode":                `no interface "scanQrCode" (did you mean "scanQRCode"?)`,
		wx.APIConfig:                "verified by the fake WeChat",
		wx.APIOnVoicePlayEnd:        "is a listener",
		"shareTimeline":             "script onMenuShareTimeline",
		wx.APIMiniProgramGetEnv:     "never reaches the client",
		wx.APIChooseImage + "-typo": "no interface",
	} {
		_, err := chromedp.Run(ctx, wxfakecdp.Respond(api, wxfakecdp.Outcome{Result: wxfakecdp.OK}))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Respond(%s): %v, want %q", api, err, want)
		}
	}
	if _, err := chromedp.Run(ctx, wxfakecdp.Respond(wx.APIChooseImage, wxfakecdp.Outcome{Data: wx.Config{}})); err == nil {
		t.Error("Respond took a wx.Config as data")
	}

	addCard := fmt.Sprintf(`{cardList: [{cardId: "c1", cardExt: %s}]}`, js(cardExt("c1")))
	for _, c := range []struct {
		api  wx.API
		opts string
		data any
		want string // part of what the page receives
	}{
		{wx.APIChooseImage, `{}`, wx.ChooseImageResult{LocalIDs: []string{"weixin://resourceid/typed"}, SourceType: "camera"}, `"localIds":["weixin://resourceid/typed"],"sourceType":"camera"`},
		{wx.APIGetLocation, `{}`, wx.GetLocationResult{Latitude: 1.5, Longitude: 2.5, Speed: -1, Accuracy: 65}, `"accuracy":"65","errMsg":"getLocation:ok","latitude":"1.5","longitude":"2.5","speed":"-1"`},
		{wx.APIChooseCard, chooseCardJS("", ""), wx.ChooseCardResult{CardList: []wx.ChosenCard{{CardID: "c1", EncryptCode: "e1"}}}, `"cardList":"[{\"card_id\":\"c1\",\"encrypt_code\":\"e1\"}]"`},
		{wx.APIAddCard, addCard, wx.AddCardResult{CardList: []wx.AddedCard{{CardID: "c1", CardExt: "{}", IsSuccess: true, Code: "x"}}}, `"cardList":[{"cardExt":"{}","cardId":"c1","code":"x","isSuccess":true}]`},
		{wx.APIScanQRCode, `{}`, wx.ScanQRCodeResult{ResultStr: "EAN_13,123"}, `"resultStr":"EAN_13,123"`},
		{wx.APICheckJSAPI, `{jsApiList: ["chooseWXPay"]}`, map[wx.API]bool{wx.APIChooseWXPay: false}, `"checkResult":{"chooseWXPay":false}`},
	} {
		do(t, ctx, wxfakecdp.Respond(c.api, wxfakecdp.Outcome{Result: wxfakecdp.OK, Data: c.data, Once: true}))
		if got := js(call(t, ctx, c.api, c.opts).Res); !strings.Contains(got, c.want) {
			t.Errorf("%s with %T: the page received %s, want %s", c.api, c.data, got, c.want)
		}
	}

	for _, m := range []string{"auth deny", "fail auth deny", "getLocation:fail_auth deny", "geoLocation:fail auth_deny", "Auth_Deny", "failed_auth deny"} {
		do(t, ctx, wxfakecdp.Respond(wx.APIGetLocation, wxfakecdp.Outcome{Result: wxfakecdp.Fail, Message: m, Once: true}))
		if got := call(t, ctx, wx.APIGetLocation, `{}`); got.errMsg() != "getLocation:auth deny" {
			t.Errorf("Message %q: errMsg %q", m, got.errMsg())
		}
	}
	do(t, ctx, wxfakecdp.Respond(wx.APIGetLocation, wxfakecdp.Outcome{Result: wxfakecdp.Fail, Once: true}))
	if got := call(t, ctx, wx.APIGetLocation, `{}`); got.errMsg() != "getLocation:fail" {
		t.Errorf("no Message: errMsg %q", got.errMsg())
	}

	// Under the official jweixin the flavour is the one it loaded with.
	if _, err := chromedp.Run(ctx, wxfakecdp.SetFlavour(wxfakecdp.IOS)); err == nil || !strings.Contains(err.Error(), "fixed when the page loads") {
		t.Errorf("SetFlavour under the official jweixin: %v", err)
	}
	do(t, ctx, wxfakecdp.SetFlavour(wxfakecdp.Android))
}

// AnswerHeld gives the answer as Respond would, its delay included: a call
// answered with an hour's delay is still waiting after a later one settles.
func TestAnswerHeldDelay(t *testing.T) {
	ctx := open(t, official, "android")
	configure(t, ctx)
	do(t, ctx, wxfakecdp.Interactive(true))
	eval[any](t, ctx, `void t.call("chooseImage", {}).then(r => { window.chosen = r; })`)
	run(t, ctx, chromedp.Poll[bool](`wxfake.held().length === 1`))
	if !run(t, ctx, wxfakecdp.AnswerHeld(0, wxfakecdp.Outcome{Result: wxfakecdp.OK, Delay: time.Hour})) {
		t.Fatal("nothing held")
	}
	do(t, ctx, wxfakecdp.Respond(wx.APIGetLocation, wxfakecdp.Outcome{Result: wxfakecdp.OK, Once: true}))
	if got := call(t, ctx, wx.APIGetLocation, `{}`); got.errMsg() != "getLocation:ok" {
		t.Fatal(got)
	}
	if eval[bool](t, ctx, `window.chosen !== undefined`) {
		t.Error("the call answered with an hour's delay settled at once")
	}
	if c := lastCall(run(t, ctx, wxfakecdp.Calls()), "chooseImage"); c.Scripted != "ok" || c.ErrMsg != "" {
		t.Errorf("the delayed call: %+v", c)
	}
}

// Configured waits for a configuration still on its way.
func TestConfiguredWaits(t *testing.T) {
	ctx := open(t, official, "ios")
	eval[any](t, ctx, `void t.configure(["chooseImage"])`)
	do(t, ctx, wxfakecdp.Configured())
	if c := lastCall(run(t, ctx, wxfakecdp.Calls()), "config"); c.ErrMsg != "config:ok" || c.Bridge != "preVerifyJSAPI" || c.Native["err_msg"] != "config:ok" {
		t.Errorf("config: %+v", c)
	}
}

// The client appears when the page has loaded on Android, at once on iOS,
// and says so once either way.
func TestBridgeTiming(t *testing.T) {
	for _, sdk := range []string{official, full} {
		for flavour, want := range map[string]string{"android": "undefined", "ios": "object"} {
			ctx := open(t, sdk, flavour)
			run(t, ctx, chromedp.Poll[bool](`document.readyState === "complete" && window.bridgeReadyEvents > 0`))
			if got := eval[string](t, ctx, `window.bridgeAtDOMContentLoaded`); got != want {
				t.Errorf("%s %s: WeixinJSBridge at DOMContentLoaded is %s, want %s", sdk, flavour, got, want)
			}
			if n := eval[int](t, ctx, `window.bridgeReadyEvents`); n != 1 {
				t.Errorf("%s %s: WeixinJSBridgeReady %d times", sdk, flavour, n)
			}
		}
	}
}

// The panel shows calls as they settle, folds into a tab that stays
// folded across reloads, and shows what fired events carried.
func TestPanel(t *testing.T) {
	for _, sdk := range []string{official, full} {
		t.Run(sdk, func(t *testing.T) {
			ctx := open(t, sdk, "android", "panel=1")
			shadow := func(js string) string {
				return `(() => { const r = document.getElementById("wxfake-panel").shadowRoot; return ` + js + `; })()`
			}
			configure(t, ctx)
			run(t, ctx, chromedp.Poll[bool](shadow(`r.querySelector('[data-call="config"] [data-status]').textContent === "config:ok"`)))
			eval[any](t, ctx, `t.listen("onVoiceRecordEnd", {}); t.listen("onMenuShareTimeline", {})`)
			run(t, ctx, wxfakecdp.Fire(wx.APIOnVoiceRecordEnd, map[string]any{"localId": "weixin://voice/fired-9"}))
			run(t, ctx, wxfakecdp.Fire(wx.APIOnMenuShareTimeline, map[string]any{}))
			run(t, ctx, chromedp.Poll[bool](shadow(`r.querySelector('[data-event="onMenuShareTimeline"] pre').textContent === "no payload\n→ shareTimeline:ok"`)))
			if got := eval[string](t, ctx, shadow(`r.querySelector('[data-event="onVoiceRecordEnd"] pre').textContent`)); got != "localId: weixin://voice/fired-9" {
				t.Errorf("the event's payload shows as %q", got)
			}
			eval[any](t, ctx, shadow(`r.querySelector(".fold").click()`))
			if tab := eval[string](t, ctx, shadow(`(r.querySelector(".tab") || {}).textContent + (r.querySelector(".p") ? " and the panel" : "")`)); !strings.HasPrefix(tab, "wx · ") || strings.Contains(tab, "panel") {
				t.Fatalf("folded: %q", tab)
			}
			do(t, ctx, chromedp.Reload())
			run(t, ctx, chromedp.Poll[bool](shadow(`r.querySelector(".tab") !== null && r.querySelector(".p") === null`)))
			eval[any](t, ctx, shadow(`r.querySelector(".tab").click()`))
			run(t, ctx, chromedp.Poll[bool](shadow(`r.querySelector(".p") !== null`)))
			eval[any](t, ctx, `localStorage.removeItem("wxfake.panel.collapsed")`)

			// Another flavour: live under the full fake; under the official
			// jweixin, which read the user agent at load, by reloading.
			eval[any](t, ctx, `window.beforeSwitch = true`)
			eval[any](t, ctx, shadow(`(() => { const s = r.querySelector("select"); s.value = "ios"; s.dispatchEvent(new Event("change")); })()`))
			switched := `window.wxfake && wxfake.options.flavour === "ios"`
			if sdk == official {
				acrossReload(t, ctx, `!window.beforeSwitch && `+switched)
			} else {
				run(t, ctx, chromedp.Poll[bool](switched))
			}
			if sdk == official {
				if ua := eval[string](t, ctx, `navigator.userAgent`); !strings.Contains(ua, "iPhone") {
					t.Errorf("after choosing iOS the user agent is %q", ua)
				}
				eval[any](t, ctx, `sessionStorage.clear()`)
			}
		})
	}
}

// acrossReload waits until expr holds on the page, which is reloading:
// evaluations that meet the old page going away are tried again.
func acrossReload(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(c, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never held: %v", expr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A share listener registered without options is registered, and the
// share fails when the menu item is chosen: nothing is shared.
func TestShareListenerWithoutOptions(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		configure(t, ctx)
		var seen []record
		for _, api := range []wx.API{wx.APIOnMenuShareTimeline, wx.APIOnMenuShareAppMessage, wx.APIOnMenuShareQQ} {
			registered := eval[string](t, ctx, "t.bare("+js(string(api))+")")
			fired := eval[string](t, ctx, `(() => { try { return wxfake.fire(`+js(string(api))+`, {}) ? "fired" : "no handler"; } catch (e) { return "threw " + e.name; } })()`)
			shares := 0
			for _, c := range run(t, ctx, wxfakecdp.Calls()) {
				if c.ListenerOf == string(api) {
					shares++
				}
			}
			seen = append(seen, record{string(api), []any{registered, fired, shares}})
		}
		return seen
	})
}

// checkJsApi's result keeps jweixin's key order: the client's, each name
// jweixin renames moved to the end, in the client's order.
func TestCheckJSAPIKeyOrder(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		configure(t, ctx)
		// The client's own order, which is not the order of jweixin's name map.
		result := `{"getBrandWCPayRequest":true,"chooseImage":true,"menu:share:timeline":false}`
		raw := map[string]any{"err_msg": "checkJsApi:ok", "checkResult": json.RawMessage(result)}
		if flavour == "android" {
			raw["checkResult"] = result // Android sends it as a JSON string
		}
		do(t, ctx, wxfakecdp.Respond(wx.APICheckJSAPI, wxfakecdp.Outcome{Result: wxfakecdp.Raw, Raw: raw, Once: true}))
		call(t, ctx, wx.APICheckJSAPI, `{jsApiList: ["chooseWXPay", "chooseImage", "onMenuShareTimeline"]}`)
		keys := eval[[]string](t, ctx, `Object.keys(t.got.checkJsApi.checkResult)`)
		if want := []string{"chooseImage", "chooseWXPay", "onMenuShareTimeline"}; !slices.Equal(keys, want) {
			t.Errorf("checkResult's keys: %v, want %v", keys, want)
		}
		return []record{{"keys", keys}}
	})
}
