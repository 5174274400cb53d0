//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx"
	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

// apiCase drives one interface's control on its demo page through every
// outcome the SDK can give, checking the page and the fake's call log.
type apiCase struct {
	api    wx.API
	fields map[string]string // entered before running, by field name
	// args must be among the arguments that reached the client (after
	// jweixin's defaults) on the ok run.
	args map[string]any
	// signed are arguments that must reach the client non-empty: the
	// signatures the page got from the server.
	signed []string
	// result must appear in #<api>-result after the ok run.
	result string
	// okOnly: the call never reaches the client (miniProgram.getEnv), so
	// nothing can be scripted.
	okOnly bool
	// networkOnly: jweixin turns every answer of getNetworkType that names
	// no network into a plain "fail": no cancel, and no reason.
	networkOnly bool
	// event, for a listener, is the client event fired while it listens;
	// seen must then appear among the events shown.
	event any
	seen  string
	// share marks a share menu listener: firing the menu event makes the
	// share call, whose outcome (ok, then cancel) is the event.
	share bool
}

// elementID is the control's id prefix (miniProgram.x → miniProgram-x).
func (c apiCase) elementID() string { return strings.ReplaceAll(string(c.api), ".", "-") }

// goTo opens a group's page through the menu, as a user navigates.
func goTo(t *testing.T, ctx context.Context, group string) {
	t.Helper()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.getElementById("nav-%s").click()`, group)))
	waitPresent(t, ctx, "group-"+group)
}

// waitPresent waits until an element with id is in the page.
func waitPresent(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById(%q) !== null`, id), chromedp.WithPollingInterval(10*time.Millisecond))); err != nil {
		t.Fatalf("#%s never appeared: %v", id, err)
	}
}

// setField enters v in a control's field and tells go-app it changed.
func setField(t *testing.T, ctx context.Context, id, v string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.getElementById(%q); if (!e) return false;
		if (e.type === "checkbox") e.checked = %q === "true"; else e.value = %q;
		e.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`, id, v, v)
	if !within(t, ctx, chromedp.Evaluate[bool](js)) {
		t.Fatalf("no field #%s", id)
	}
}

func click(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.getElementById(%q); if (!e || e.disabled) return false; e.click(); return true; })()`, id)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(10*time.Millisecond))); err != nil {
		t.Fatalf("cannot click #%s: %v", id, err)
	}
}

// runs is how many runs the control with id has completed.
func runs(t *testing.T, ctx context.Context, id string) int {
	t.Helper()
	return within(t, ctx, chromedp.Evaluate[int](fmt.Sprintf(`Number(document.getElementById(%q).dataset.runs || 0)`, id)))
}

// runControl clicks the control's run button and returns the outcome of that run:
// the result's text, or the error's text and sentinel.
func runControl(t *testing.T, ctx context.Context, id string) (result, errText, sentinel string) {
	t.Helper()
	before := runs(t, ctx, id)
	click(t, ctx, id+"-run")
	js := fmt.Sprintf(`(() => { if (Number(document.getElementById(%q).dataset.runs) <= %d) return null;
		const r = document.getElementById(%q), e = document.getElementById(%q);
		if (e) return {error: e.textContent, sentinel: e.dataset.sentinel || ""};
		if (r) return {result: r.textContent};
		return null; })()`, id, before, id+"-result", id+"-error")
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Poll[map[string]string](js, chromedp.WithPollingInterval(10*time.Millisecond)))
	if err != nil {
		t.Fatalf("#%s: no outcome: %v", id, err)
	}
	return v["result"], v["error"], v["sentinel"]
}

// runCase runs c ok, cancel and fail (or, for a listener, listens, fires,
// stops and fires again).
func runCase(t *testing.T, ctx context.Context, c apiCase) {
	id := c.elementID()
	for name, v := range c.fields {
		setField(t, ctx, id+"-"+name, v)
	}
	if c.event != nil || c.share {
		runListener(t, ctx, c)
		return
	}
	res, errText, _ := runControl(t, ctx, id)
	if errText != "" || !strings.Contains(res, c.result) {
		t.Fatalf("%s ok: result %q, error %q; want a result with %q", c.api, res, errText, c.result)
	}
	call := lastCall(within(t, ctx, wxfakecdp.Calls()), string(c.api))
	if call.API == "" && !c.okOnly { // okOnly calls never reach the client
		t.Fatalf("%s: the fake saw no call", c.api)
	}
	for k, want := range c.args {
		got, _ := json.Marshal(call.Args[k])
		w, _ := json.Marshal(want)
		if string(got) != string(w) {
			t.Errorf("%s: argument %s reached the client as %s, want %s (all: %v)", c.api, k, got, w, call.Args)
		}
	}
	for _, k := range c.signed {
		if v, _ := call.Args[k].(string); len(v) < 16 {
			t.Errorf("%s: %s reached the client as %q, want a signature from the server", c.api, k, v)
		}
	}
	outcomes := []wxfakecdp.Result{wxfakecdp.Cancel, wxfakecdp.Fail}
	if c.okOnly {
		outcomes = nil
	}
	if c.networkOnly {
		outcomes = outcomes[1:]
	}
	for _, o := range outcomes {
		do(t, ctx, wxfakecdp.Respond(c.api, wxfakecdp.Outcome{Result: o, Message: "scripted failure", Once: true}))
		_, errText, sentinel := runControl(t, ctx, id)
		want, wantText := "ErrFailed", "scripted failure"
		if c.networkOnly {
			wantText = ": fail"
		}
		if o == wxfakecdp.Cancel {
			want, wantText = "ErrCancel", "cancel"
		}
		if sentinel != want || !strings.Contains(errText, wantText) {
			t.Errorf("%s %s: error %q with sentinel %q; want %s", c.api, o, errText, sentinel, want)
		}
	}
}

// listen presses a listener's Listen button and waits until the client has
// its handler (after the configuration the page may be waiting for).
func listen(t *testing.T, ctx context.Context, api string) {
	t.Helper()
	listenAt(t, ctx, strings.ReplaceAll(api, ".", "-"), api)
}

// listenAt is listen for the control #id.
func listenAt(t *testing.T, ctx context.Context, id, api string) {
	t.Helper()
	count := fmt.Sprintf(`wxfake.calls().filter(c => c.api === %q && c.listener).length`, api)
	before := within(t, ctx, chromedp.Evaluate[int](count))
	click(t, ctx, id+"-run")
	within(t, ctx, chromedp.Poll[bool](fmt.Sprintf("%s > %d", count, before), chromedp.WithPollingInterval(10*time.Millisecond)))
}

// shareItems are the menu items of the share listeners, which their events name.
var shareItems = map[wx.API]wx.ShareItem{
	wx.APIOnMenuShareTimeline: wx.ShareItemTimeline, wx.APIOnMenuShareAppMessage: wx.ShareItemAppMessage,
	wx.APIOnMenuShareQQ: wx.ShareItemQQ, wx.APIOnMenuShareWeibo: wx.ShareItemWeibo, wx.APIOnMenuShareQZone: wx.ShareItemQZone,
}

func runListener(t *testing.T, ctx context.Context, c apiCase) {
	id := c.elementID()
	listen(t, ctx, string(c.api))
	events := func() int {
		return within(t, ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll("#%s-events li").length`, id)))
	}
	fire := func(payload any) {
		if !within(t, ctx, wxfakecdp.Fire(c.api, payload)) {
			t.Fatalf("%s: no handler registered", c.api)
		}
	}
	if c.share {
		fire(map[string]any{})
		waitText(t, ctx, id+"-events", fmt.Sprintf(`{"Item":%q}`, shareItems[c.api]))
		do(t, ctx, wxfakecdp.Respond(c.api, wxfakecdp.Outcome{Result: wxfakecdp.Cancel, Once: true}))
		fire(map[string]any{})
		waitText(t, ctx, id+"-events", "ErrCancel")
	} else {
		fire(c.event)
		waitText(t, ctx, id+"-events", c.seen)
	}
	before := events()
	click(t, ctx, id+"-stop")
	waitText(t, ctx, id+"-error", "stopped")
	fire(c.event) // a no-op handler stays registered
	time.Sleep(100 * time.Millisecond)
	if after := events(); after != before {
		t.Fatalf("%s: a stopped subscription received an event (%d → %d)", c.api, before, after)
	}
}

// groupCases are the cases of each demo page, in the order they run: later
// cases use what earlier ones made (the voice recorded, the image chosen).
var groupCases = []struct {
	group string
	cases []apiCase
}{
	{"share", []apiCase{
		{api: wx.APIUpdateAppMessageShareData, args: map[string]any{"title": "gowx: WeChat JS-SDK from Go"}, result: "{}"},
		{api: wx.APIUpdateTimelineShareData, fields: map[string]string{"link": "https://example.com/x"}, args: map[string]any{"link": "https://example.com/x"}, result: "{}"},
		{api: wx.APIOnMenuShareTimeline, share: true},
		{api: wx.APIOnMenuShareAppMessage, share: true},
		{api: wx.APIOnMenuShareQQ, share: true},
		{api: wx.APIOnMenuShareWeibo, share: true},
		{api: wx.APIOnMenuShareQZone, share: true},
	}},
	{"image", []apiCase{
		{api: wx.APIChooseImage, fields: map[string]string{"count": "2"}, args: map[string]any{"count": 2, "scene": "1|2", "sizeType": []string{"original", "compressed"}}, result: "LocalIDs"},
		{api: wx.APIPreviewImage, args: map[string]any{"current": "https://res.wx.qq.com/a/wx_fed/assets/res/NTI4MWU5.ico"}, result: "{}"},
		{api: wx.APIUploadImage, args: map[string]any{"isShowProgressTips": 1}, result: "ServerID"},
		{api: wx.APIDownloadImage, fields: map[string]string{"hideProgressTips": "true"}, args: map[string]any{"isShowProgressTips": 0}, result: "LocalID"},
		{api: wx.APIGetLocalImgData, result: "characters of base64"},
	}},
	{"voice", []apiCase{
		{api: wx.APIOnVoiceRecordEnd, event: map[string]any{"localId": "weixin://voice/fired-1"}, seen: "weixin://voice/fired-1"},
		{api: wx.APIStartRecord, result: "{}"},
		{api: wx.APIStopRecord, result: "LocalID"},
		{api: wx.APIPlayVoice, result: "{}"},
		{api: wx.APIPauseVoice, result: "{}"},
		{api: wx.APIStopVoice, result: "{}"},
		{api: wx.APIOnVoicePlayEnd, event: map[string]any{"localId": "weixin://voice/fired-2"}, seen: "weixin://voice/fired-2"},
		{api: wx.APIUploadVoice, result: "ServerID"},
		{api: wx.APIDownloadVoice, result: "LocalID"},
	}},
	{"smart", []apiCase{
		{api: wx.APITranslateVoice, result: "TranslateResult"},
	}},
	{"device", []apiCase{
		{api: wx.APIGetNetworkType, result: "wifi", networkOnly: true},
		{api: wx.APICheckJSAPI, args: map[string]any{"jsApiList": []string{"chooseImage", "editAddress", "getBrandWCPayRequest"}}, result: `"chooseWXPay": true`},
	}},
	{"location", []apiCase{
		{api: wx.APIGetLocation, fields: map[string]string{"type": "gcj02"}, args: map[string]any{"type": "gcj02"}, result: "Latitude"},
		{api: wx.APIOpenLocation, args: map[string]any{"scale": 28, "name": "Tiananmen"}, result: "{}"},
	}},
	{"beacons", []apiCase{
		{api: wx.APIStartSearchBeacons, fields: map[string]string{"ticket": "t-1"}, args: map[string]any{"ticket": "t-1"}, result: "{}"},
		{api: wx.APIOnSearchBeacons, event: map[string]any{"beacons": []map[string]any{{"major": 1, "minor": 2, "uuid": "FDA50693-A4E2-4FB1-AFCF-C6EB07647825"}}}, seen: "FDA50693"},
		{api: wx.APIStopSearchBeacons, result: "{}"},
	}},
	{"menu", []apiCase{
		{api: wx.APIHideOptionMenu, result: "{}"},
		{api: wx.APIShowOptionMenu, result: "{}"},
		{api: wx.APIHideMenuItems, args: map[string]any{"menuList": []string{"menuItem:share:qq", "menuItem:share:weiboApp"}}, result: "{}"},
		{api: wx.APIShowMenuItems, fields: map[string]string{"menuList": "menuItem:copyUrl"}, args: map[string]any{"menuList": []string{"menuItem:copyUrl"}}, result: "{}"},
		{api: wx.APIHideAllNonBaseMenuItem, result: "{}"},
		{api: wx.APIShowAllNonBaseMenuItem, result: "{}"},
		{api: wx.APICloseWindow, result: "{}"},
	}},
	{"card", []apiCase{
		{api: wx.APIAddCard, result: "CardList"},
		{api: wx.APIChooseCard, fields: map[string]string{"cardType": "CASH"}, args: map[string]any{"app_id": "wxgowxdemo", "card_type": "CASH", "sign_type": "SHA1", "location_id": ""}, signed: []string{"card_sign", "nonce_str"}, result: "CardList"},
		{api: wx.APIOpenCard, args: map[string]any{"card_list": []map[string]any{{"card_id": "pjZ8Yt1XGILfi-FUsewpnnolGgZk", "code": "1434008071"}}}, result: "{}"},
		{api: wx.APIConsumeAndShareCard, args: map[string]any{"consumedCardId": "pjZ8Yt1XGILfi-FUsewpnnolGgZk", "consumedCode": "1434008071"}, result: "{}"},
		{api: wx.APIOpenProductSpecificView, args: map[string]any{"pid": "pDF3iY_m2M7EQ5EKKKWd95kAxfNw"}, result: "{}"},
	}},
	{"pay", []apiCase{
		{api: wx.APIChooseWXPay, args: map[string]any{"signType": "RSA"}, signed: []string{"paySign", "nonceStr", "package"}, result: "{}"},
		{api: wx.APIOpenEnterpriseRedPacket, fields: map[string]string{"signType": "HMAC-SHA256"}, args: map[string]any{"signType": "HMAC-SHA256"}, signed: []string{"paySign"}, result: "{}"},
		{api: wx.APIOpenBusinessView, args: map[string]any{"businessType": "wxpayScoreUse"}, result: "ErrCode"},
	}},
	{"scan", []apiCase{
		{api: wx.APIScanQRCode, fields: map[string]string{"scanType": "qrCode"}, args: map[string]any{"needResult": 1, "scanType": []string{"qrCode"}}, result: "ResultStr"},
	}},
	{"address", []apiCase{
		{api: wx.APIOpenAddress, result: "510630"},
	}},
	{"miniprogram", []apiCase{
		{api: wx.APIMiniProgramGetEnv, result: `"MiniProgram": false`, okOnly: true},
		{api: wx.APIMiniProgramNavigateTo, args: map[string]any{"name": "navigateTo", "arg": map[string]any{"url": "/pages/detail/detail?id=1"}}, result: "{}"},
		{api: wx.APIMiniProgramNavigateBack, args: map[string]any{"name": "navigateBack", "arg": map[string]any{"delta": 1}}, result: "{}"},
		{api: wx.APIMiniProgramRedirectTo, result: "{}"},
		{api: wx.APIMiniProgramSwitchTab, result: "{}"},
		{api: wx.APIMiniProgramReLaunch, result: "{}"},
		{api: wx.APIMiniProgramPostMessage, args: map[string]any{"name": "postMessage", "arg": map[string]any{"from": "gowx"}}, result: "{}"},
		{api: wx.APILaunchMiniProgram, args: map[string]any{"targetAppId": "wx0123456789abcdef", "path": "pages/index/index.html?from=gowx"}, result: "{}"},
	}},
	{"enterprise", []apiCase{
		{api: wx.APIOpenEnterpriseChat, args: map[string]any{"chatname": "gowx"}, result: "ErrCode"},
	}},
}

// TestEveryInterface drives every interface of the demo pages, in one tab:
// the pages change by the menu, so each page's first call signs the new URL.
func TestEveryInterface(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL)
	for _, g := range groupCases {
		t.Run(g.group, func(t *testing.T) {
			goTo(t, ctx, g.group)
			for _, c := range g.cases {
				t.Run(string(c.api), func(t *testing.T) { runCase(t, ctx, c) })
			}
		})
	}
}
