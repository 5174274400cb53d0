//go:build !js

package wxfakecdp_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/wx"
	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

var flavours = []string{"android", "ios"}

// outcome is what a call's callbacks received, or that it threw.
type outcome struct {
	Threw     string         `json:"threw,omitempty"`
	Callbacks []string       `json:"callbacks"`
	Res       map[string]any `json:"res"`
}

func (o outcome) errMsg() string { s, _ := o.Res["errMsg"].(string); return s }

// step is one interface of the matrix: options as JavaScript (t.got holds
// the last success of each interface), the field its success must carry,
// and the name errMsg is given under when it is not the interface's.
type step struct {
	api     wx.API
	opts    string
	want    string
	errName string
	// networkOnly: jweixin turns every getNetworkType answer that names no
	// network into a plain fail, a cancel too.
	networkOnly bool
}

// steps are in the order they run: later ones use what earlier ones made.
func steps() []step {
	pay, err := sign.PayV3(site.payKey, appID, 1700000000, "paynonce", "wx201410272009395522657a690389285100")
	if err != nil {
		panic(err)
	}
	red, err := sign.PayV2(site.payV2, sign.PayV2HMACSHA256, appID, 1700000001, "rednonce", "wx201410272009395522657a690389285101")
	if err != nil {
		panic(err)
	}
	payJS := func(p sign.PayParams) string {
		return fmt.Sprintf(`{timestamp: %s, nonceStr: %q, package: %q, signType: %q, paySign: %q}`, p.TimeStamp, p.NonceStr, p.Package, p.SignType, p.PaySign)
	}
	return []step{
		{api: wx.APIUpdateAppMessageShareData, opts: `{title: "gowx", desc: "d", link: location.href, imgUrl: ""}`},
		{api: wx.APIUpdateTimelineShareData, opts: `{title: "gowx", link: "https://example.com/x"}`},
		{api: wx.APIChooseImage, opts: `{count: 2}`, want: "localIds"},
		{api: wx.APIPreviewImage, opts: `{current: "https://example.com/a.png", urls: ["https://example.com/a.png"]}`},
		{api: wx.APIUploadImage, opts: `{localId: t.got.chooseImage.localIds[0]}`, want: "serverId"},
		{api: wx.APIDownloadImage, opts: `{serverId: t.got.uploadImage.serverId, isShowProgressTips: 0}`, want: "localId"},
		{api: wx.APIGetLocalImgData, opts: `{localId: t.got.chooseImage.localIds[0]}`, want: "localData"},
		{api: wx.APIStartRecord, opts: `{}`},
		{api: wx.APIStopRecord, opts: `{}`, want: "localId"},
		{api: wx.APIPlayVoice, opts: `{localId: t.got.stopRecord.localId}`},
		{api: wx.APIPauseVoice, opts: `{localId: t.got.stopRecord.localId}`},
		{api: wx.APIStopVoice, opts: `{localId: t.got.stopRecord.localId}`},
		{api: wx.APIUploadVoice, opts: `{localId: t.got.stopRecord.localId}`, want: "serverId"},
		{api: wx.APIDownloadVoice, opts: `{serverId: t.got.uploadVoice.serverId}`, want: "localId"},
		{api: wx.APITranslateVoice, opts: `{localId: t.got.stopRecord.localId, isShowProgressTips: "0"}`, want: "translateResult"},
		{api: wx.APIGetNetworkType, opts: `{}`, want: "networkType", networkOnly: true},
		{api: wx.APICheckJSAPI, opts: `{jsApiList: ["chooseImage", "chooseWXPay", "onMenuShareTimeline", "noSuchAPI"]}`, want: "checkResult"},
		{api: wx.APIGetLocation, opts: `{type: "gcj02"}`, want: "latitude"},
		{api: wx.APIOpenLocation, opts: `{latitude: 39.9, longitude: 116.39, name: "Tiananmen", address: "Beijing", scale: 14}`},
		{api: wx.APIStartSearchBeacons, opts: `{ticket: "t-1"}`},
		{api: wx.APIStopSearchBeacons, opts: `{}`},
		{api: wx.APIHideOptionMenu, opts: `{}`},
		{api: wx.APIShowOptionMenu, opts: `{}`},
		{api: wx.APIHideMenuItems, opts: `{menuList: ["menuItem:share:qq"]}`},
		{api: wx.APIShowMenuItems, opts: `{menuList: ["menuItem:share:qq"]}`},
		{api: wx.APIHideAllNonBaseMenuItem, opts: `{}`},
		{api: wx.APIShowAllNonBaseMenuItem, opts: `{}`},
		{api: wx.APICloseWindow, opts: `{}`},
		{api: wx.APIScanQRCode, opts: `{needResult: 1, scanType: ["qrCode"]}`, want: "resultStr"},
		{api: wx.APIOpenProductSpecificView, opts: `{productId: "pDF3iY_m2M7EQ5EKKKWd95kAxfNw", viewType: "0"}`},
		{api: wx.APIAddCard, opts: fmt.Sprintf(`{cardList: [{cardId: "pDF3iY9tv9zCGCj4jTXFOo1DxHdo", cardExt: %s}]}`, js(cardExt("pDF3iY9tv9zCGCj4jTXFOo1DxHdo"))), want: "cardList"},
		{api: wx.APIChooseCard, opts: chooseCardJS("1234", "GROUPON"), want: "cardList"},
		{api: wx.APIOpenCard, opts: `{cardList: [{cardId: "pDF3iY9tv9zCGCj4jTXFOo1DxHdo", code: "1434008071"}]}`},
		{api: wx.APIConsumeAndShareCard, opts: `{cardId: "pDF3iY9tv9zCGCj4jTXFOo1DxHdo", code: "1434008071"}`},
		{api: wx.APIChooseWXPay, opts: payJS(pay)},
		{api: wx.APIOpenEnterpriseRedPacket, opts: payJS(red)},
		{api: wx.APIOpenEnterpriseChat, opts: `{userIds: "zhangsan;lisi", groupName: "gowx"}`, want: "errCode"},
		{api: wx.APILaunchMiniProgram, opts: `{targetAppId: "wx0123456789abcdef", path: "pages/index/index?from=gowx"}`},
		{api: wx.APIOpenBusinessView, opts: `{businessType: "wxpayScoreUse", queryString: "a=1"}`, want: "errCode"},
		{api: wx.APIOpenAddress, opts: `{}`, want: "postalCode"},
		{api: wx.APIMiniProgramNavigateTo, opts: `{url: "/pages/detail/detail?id=1"}`, errName: "invokeMiniProgramAPI"},
		{api: wx.APIMiniProgramNavigateBack, opts: `{}`, errName: "invokeMiniProgramAPI"},
		{api: wx.APIMiniProgramRedirectTo, opts: `{url: "/pages/a/a"}`, errName: "invokeMiniProgramAPI"},
		{api: wx.APIMiniProgramSwitchTab, opts: `{url: "/pages/b/b"}`, errName: "invokeMiniProgramAPI"},
		{api: wx.APIMiniProgramReLaunch, opts: `{url: "/pages/c/c"}`, errName: "invokeMiniProgramAPI"},
		{api: wx.APIMiniProgramPostMessage, opts: `{data: {from: "gowx"}}`, errName: "invokeMiniProgramAPI"},
	}
}

// cardExt is a cardExt the fake WeChat accepts for cardID.
func cardExt(cardID string) string {
	b, _ := json.Marshal(map[string]string{"timestamp": "1700000000", "nonce_str": "cardnonce",
		"signature": sign.CardExt(sign.CardExtParams{APITicket: site.cardToken, CardID: cardID, Timestamp: 1700000000, NonceStr: "cardnonce"})})
	return string(b)
}

// chooseCardJS are chooseCard options the fake WeChat accepts.
func chooseCardJS(shop, cardType string) string {
	s := sign.CardSign(sign.CardSignParams{APITicket: site.cardToken, AppID: appID, LocationID: shop, CardType: cardType, Timestamp: 1700000000, NonceStr: "choosenonce"})
	return fmt.Sprintf(`{shopId: %q, cardType: %q, timestamp: 1700000000, nonceStr: "choosenonce", signType: "SHA1", cardSign: %q}`, shop, cardType, s)
}

// configure configures the page with every interface and checks it is ready.
func configure(t *testing.T, ctx context.Context) {
	t.Helper()
	apis := []string{}
	for _, a := range wx.APIs() {
		apis = append(apis, string(a))
	}
	res := eval[map[string]any](t, ctx, "t.configure("+js(apis)+")")
	if res["ready"] != true || res["error"] != nil {
		t.Fatalf("configuration: %v", res)
	}
	do(t, ctx, wxfakecdp.Configured())
}

func call(t *testing.T, ctx context.Context, api wx.API, opts string) outcome {
	t.Helper()
	return eval[outcome](t, ctx, "t.call("+js(string(api))+","+opts+")")
}

// record is one observation of a scenario, compared across the two SDKs.
type record struct {
	name string
	v    any
}

// matrix runs every interface ok, cancelled and failed on a configured
// page, checking each outcome, and returns what it saw.
func matrix(t *testing.T, ctx context.Context) []record {
	var seen []record
	for _, s := range steps() {
		name := string(s.api)
		if s.errName != "" {
			name = s.errName
		}
		ok := call(t, ctx, s.api, s.opts)
		if !reflect.DeepEqual(ok.Callbacks, []string{"success", "complete"}) || ok.errMsg() != name+":ok" || s.want != "" && ok.Res[s.want] == nil {
			t.Errorf("%s ok: %+v", s.api, ok)
		}
		do(t, ctx, wxfakecdp.Respond(s.api, wxfakecdp.Outcome{Result: wxfakecdp.Cancel, Once: true}))
		cancel := call(t, ctx, s.api, s.opts)
		wantCancel, wantMsg := []string{"cancel", "complete"}, name+":cancel"
		if s.networkOnly {
			wantCancel, wantMsg = []string{"fail", "complete"}, name+":fail"
		}
		if !reflect.DeepEqual(cancel.Callbacks, wantCancel) || cancel.errMsg() != wantMsg {
			t.Errorf("%s cancel: %+v", s.api, cancel)
		}
		do(t, ctx, wxfakecdp.Respond(s.api, wxfakecdp.Outcome{Result: wxfakecdp.Fail, Message: "scripted_failure", Once: true}))
		fail := call(t, ctx, s.api, s.opts)
		wantMsg = name + ":scripted failure"
		if s.networkOnly {
			wantMsg = name + ":fail"
		}
		if !reflect.DeepEqual(fail.Callbacks, []string{"fail", "complete"}) || fail.errMsg() != wantMsg {
			t.Errorf("%s fail: %+v", s.api, fail)
		}
		seen = append(seen, record{name + " ok", ok}, record{name + " cancel", cancel}, record{name + " fail", fail})
	}
	return seen
}

// listeners fires the events of every listener and checks what reached the
// page: a menu share's trigger and its share call's outcome, the others'
// events with errMsg.
func listeners(t *testing.T, ctx context.Context) []record {
	var seen []record
	events := func(api wx.API, n int) []map[string]any {
		t.Helper()
		return run(t, ctx, chromedp.Poll[[]map[string]any](fmt.Sprintf(`t.events[%q].length >= %d ? t.events[%q] : null`, api, n, api)))
	}
	shares := map[wx.API]string{
		wx.APIOnMenuShareTimeline: "shareTimeline", wx.APIOnMenuShareAppMessage: "sendAppMessage",
		wx.APIOnMenuShareQQ: "shareQQ", wx.APIOnMenuShareWeibo: "shareWeiboApp", wx.APIOnMenuShareQZone: "shareQZone",
	}
	for _, api := range []wx.API{wx.APIOnMenuShareTimeline, wx.APIOnMenuShareAppMessage, wx.APIOnMenuShareQQ, wx.APIOnMenuShareWeibo, wx.APIOnMenuShareQZone} {
		share := shares[api]
		eval[any](t, ctx, fmt.Sprintf(`t.listen(%q, {title: "gowx", desc: "about gowx", link: "https://example.com/s", imgUrl: "https://example.com/i.png"})`, api))
		for i, o := range []wxfakecdp.Result{wxfakecdp.OK, wxfakecdp.Cancel, wxfakecdp.Fail} {
			if o != wxfakecdp.OK {
				do(t, ctx, wxfakecdp.Respond(api, wxfakecdp.Outcome{Result: o, Message: "no_network", Once: true}))
			}
			if !run(t, ctx, wxfakecdp.Fire(api, map[string]any{"scene": "timeline"})) {
				t.Fatalf("%s: no handler", api)
			}
			ev := events(api, 3*(i+1))[3*i:]
			cb := map[wxfakecdp.Result]string{wxfakecdp.OK: "success", wxfakecdp.Cancel: "cancel", wxfakecdp.Fail: "fail"}[o]
			msg := map[wxfakecdp.Result]string{wxfakecdp.OK: share + ":ok", wxfakecdp.Cancel: share + ":cancel", wxfakecdp.Fail: share + ":no network"}[o]
			res, _ := ev[1]["res"].(map[string]any)
			if ev[0]["callback"] != "trigger" || !reflect.DeepEqual(ev[0]["res"], map[string]any{"scene": "timeline"}) || ev[1]["callback"] != cb || ev[2]["callback"] != "complete" || res["errMsg"] != msg {
				t.Errorf("%s %s: %v", api, o, ev)
			}
			seen = append(seen, record{string(api) + " " + string(o), ev})
		}
		last := lastCall(run(t, ctx, wxfakecdp.Calls()), share)
		if last.ListenerOf != string(api) || last.Args["link"] != "https://example.com/s" || last.Args["title"] != "gowx" {
			t.Errorf("%s: the share call reached the client as %+v", api, last)
		}
	}
	// Adding to Favorites: the share is made, without the page's callbacks.
	before := len(run(t, ctx, wxfakecdp.Calls()))
	run(t, ctx, wxfakecdp.Fire(wx.APIOnMenuShareAppMessage, map[string]any{"scene": "favorite"}))
	run(t, ctx, chromedp.Poll[bool](fmt.Sprintf(`wxfake.calls().slice(%d).some(c => c.api === "sendAppMessage" && c.errMsg)`, before)))
	if ev := eval[[]map[string]any](t, ctx, `t.events.onMenuShareAppMessage`); len(ev) != 10 || ev[9]["callback"] != "trigger" {
		t.Errorf("favorite: the page's callbacks ran: %v", ev)
	}

	for _, l := range []struct {
		api     wx.API
		payload map[string]any
	}{
		{wx.APIOnVoiceRecordEnd, map[string]any{"localId": "weixin://voice/fired-1"}},
		{wx.APIOnVoicePlayEnd, map[string]any{"localId": "weixin://voice/fired-2"}},
		{wx.APIOnSearchBeacons, map[string]any{"beacons": []any{map[string]any{"major": 10001, "minor": 12, "uuid": "FDA50693-A4E2-4FB1-AFCF-C6EB07647825", "accuracy": "0.94", "proximity": "1"}}}},
	} {
		eval[any](t, ctx, fmt.Sprintf(`t.listen(%q, {})`, l.api))
		if !run(t, ctx, wxfakecdp.Fire(l.api, l.payload)) {
			t.Fatalf("%s: no handler", l.api)
		}
		ev := events(l.api, 2)
		res, _ := ev[0]["res"].(map[string]any)
		if ev[0]["callback"] != "success" || ev[1]["callback"] != "complete" || res["errMsg"] != string(l.api)+":ok" {
			t.Errorf("%s: %v", l.api, ev)
		}
		for k, v := range l.payload {
			if g, w := js(res[k]), js(v); g != w {
				t.Errorf("%s: %s reached the page as %s, want %s", l.api, k, g, w)
			}
		}
		seen = append(seen, record{string(l.api), ev})
	}
	return seen
}

func lastCall(calls []wxfakecdp.Call, api string) wxfakecdp.Call {
	for i := len(calls) - 1; i >= 0; i-- {
		if calls[i].API == api {
			return calls[i]
		}
	}
	return wxfakecdp.Call{}
}

// incidental matches what differs by nature between the two runs: the
// page's address (which names the SDK), the statistics' timings, and the
// media_ids the fake WeChat gives uploads (random, as WeChat's).
var incidental = regexp.MustCompile(`sdk(=|%3D)(official|full)|\\u0026([ip])=\d+|("serverId":")[A-Za-z0-9_-]{64}`)

// sameRecords checks that the official jweixin and the full fake saw the
// same things, in the same order.
func sameRecords(t *testing.T, what string, a, b []record) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d observations on the official jweixin, %d on the full fake", what, len(a), len(b))
	}
	for i := range min(len(a), len(b)) {
		ja, jb := incidental.ReplaceAllString(js(a[i].v), "$1$3$4"), incidental.ReplaceAllString(js(b[i].v), "$1$3$4")
		if ja != jb || a[i].name != b[i].name {
			t.Errorf("%s: %s differs:\n  official jweixin: %s\n  full fake:        %s", what, a[i].name, ja, jb)
		}
	}
}

// Every interface, ok, cancelled and failed, and every listener, on both
// flavours: what reaches the page's callbacks through the official
// jweixin over the fake client, and the same on the full fake.
func TestEveryInterfaceOnBothSDKs(t *testing.T) {
	for _, flavour := range flavours {
		t.Run(flavour, func(t *testing.T) {
			seen := map[string][]record{}
			logs := map[string][]wxfakecdp.Call{}
			for _, sdk := range []string{official, full} {
				ctx := open(t, sdk, flavour)
				configure(t, ctx)
				seen[sdk] = append(matrix(t, ctx), listeners(t, ctx)...)
				logs[sdk] = run(t, ctx, wxfakecdp.Calls())
			}
			sameRecords(t, "callbacks", seen[official], seen[full])
			var a, b []record
			for _, c := range logs[official] {
				a = append(a, record{c.API, c})
			}
			for _, c := range logs[full] {
				b = append(b, record{c.API, c})
			}
			sameRecords(t, "call log", a, b)
		})
	}
}

// The official jweixin runs at all: the bridge layer presents the flavour's
// WeChat user agent and platform before it loads, installs the bridge with
// its members, and tells the page once.
func TestBridgeLayerPresentsWeChat(t *testing.T) {
	for _, flavour := range flavours {
		t.Run(flavour, func(t *testing.T) {
			ctx := open(t, official, flavour)
			configure(t, ctx)
			ua := eval[string](t, ctx, `navigator.userAgent`)
			phone := map[string]string{"android": "Android", "ios": "iPhone"}[flavour]
			if !strings.Contains(ua, "MicroMessenger/8.0.47") || !strings.Contains(ua, phone) {
				t.Errorf("user agent %q", ua)
			}
			if p := eval[string](t, ctx, `navigator.platform`); strings.Contains(strings.ToLower(p), "win") || strings.Contains(strings.ToLower(p), "mac") {
				t.Errorf("platform %q: jweixin takes it for a desktop client", p)
			}
			members := eval[string](t, ctx, `["invoke", "call", "on", "log"].map(k => typeof WeixinJSBridge[k]).join()`)
			if members != "function,function,function,function" {
				t.Errorf("WeixinJSBridge members: %s", members)
			}
			if n := eval[int](t, ctx, `window.bridgeReadyEvents`); n != 1 {
				t.Errorf("WeixinJSBridgeReady dispatched %d times", n)
			}
			if sdk := eval[bool](t, ctx, `typeof wx.invoke === "function" && window.jWeixin === window.wx && !("layer" in wx)`); !sdk {
				t.Error("the page does not run the official jweixin")
			}
		})
	}
}
