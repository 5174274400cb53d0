//go:build !js

package wxfakecdp_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx"
	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

// openTagsJS puts one of each open tag in the page, each with a template,
// and records the events each hears in window.tagEvents[tag] (and the
// document's WeixinOpenTagsError in window.tagEvents.document).
const openTagsJS = `(() => {
  window.tagEvents = {document: []};
  document.addEventListener("WeixinOpenTagsError", e => tagEvents.document.push({type: e.type, detail: e.detail}));
  const tags = {
    "wx-open-launch-weapp": {username: "gh_d43f693ca31f", path: "pages/home/index.html?from=test"},
    "wx-open-launch-app": {appid: "wxd930ea5d5a258f4f", extinfo: "{\"page\":\"orders\"}"},
    "wx-open-subscribe": {template: "tmpl-a,tmpl-b"},
    "wx-open-audio": {src: "https://example.com/a.mp3", title: "a"},
  };
  for (const [name, attrs] of Object.entries(tags)) {
    tagEvents[name] = [];
    const el = document.createElement(name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    for (const type of ["ready", "launch", "error", "success", "play", "pause", "ended"]) {
      el.addEventListener(type, e => tagEvents[name].push({type: e.type, detail: e.detail === undefined ? null : e.detail}));
    }
    document.body.appendChild(el);
    // The template comes after the element is in the document, as a
    // framework may add it.
    const tpl = document.createElement("script");
    tpl.type = "text/wxtag-template";
    tpl.textContent = "<style>button{width:160px;height:40px}</style><button>" + name + "</button>";
    el.appendChild(tpl);
  }
})()`

// tagEvent is an event an open tag dispatched.
type tagEvent struct {
	Type   string         `json:"type"`
	Detail map[string]any `json:"detail"`
}

func tagEvents(t *testing.T, ctx context.Context, tag wx.OpenTag) []tagEvent {
	t.Helper()
	return eval[[]tagEvent](t, ctx, "tagEvents["+js(string(tag))+"]")
}

// waitTagEvents waits until tag has dispatched n events, and returns them.
func waitTagEvents(t *testing.T, ctx context.Context, tag wx.OpenTag, n int) []tagEvent {
	t.Helper()
	run(t, ctx, chromedp.Poll[bool]("tagEvents["+js(string(tag))+"].length >= "+js(n)))
	return tagEvents(t, ctx, tag)
}

func clickTag(t *testing.T, ctx context.Context, tag wx.OpenTag) {
	t.Helper()
	do(t, ctx, chromedp.Click(chromedp.CSS(string(tag))))
}

// lastTagCall is the call log's last entry for tag.
func lastTagCall(t *testing.T, ctx context.Context, tag wx.OpenTag) wxfakecdp.Call {
	t.Helper()
	calls := run(t, ctx, wxfakecdp.Calls())
	for i := len(calls) - 1; i >= 0; i-- {
		if calls[i].API == string(tag) {
			return calls[i]
		}
	}
	t.Fatalf("no call of %s in the log", tag)
	return wxfakecdp.Call{}
}

// The client draws the tags its configuration declared, once verified,
// and answers clicks on them as scripted; the others stay empty and
// silent. The same under the official jweixin and the full fake.
func TestOpenTags(t *testing.T) {
	weapp, appTag, subscribe, audio := wx.OpenTagLaunchWeapp, wx.OpenTagLaunchApp, wx.OpenTagSubscribe, wx.OpenTagAudio
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		var seen []record
		ctx := open(t, sdk, flavour)
		eval[any](t, ctx, openTagsJS)
		drawn := func() []bool {
			var d []bool
			for _, tag := range run(t, ctx, wxfakecdp.OpenTags()) {
				d = append(d, tag.Drawn)
			}
			return d
		}
		if d := drawn(); !slices.Equal(d, []bool{false, false, false, false}) {
			t.Fatalf("drawn before any configuration: %v", d)
		}
		res := eval[map[string]any](t, ctx, `t.configure(["chooseImage"], {openTags: ["wx-open-launch-weapp", "wx-open-subscribe", "wx-open-audio"]})`)
		if res["error"] != nil {
			t.Fatalf("configuration: %v", res)
		}
		for _, tag := range []wx.OpenTag{weapp, subscribe, audio} {
			if ev := waitTagEvents(t, ctx, tag, 1); ev[0].Type != "ready" {
				t.Errorf("%s: first event %+v, want ready", tag, ev)
			}
		}
		if d := drawn(); !slices.Equal(d, []bool{true, false, true, true}) {
			t.Errorf("drawn after configuring three: %v", d)
		}
		// Its template is in a shadow root, styled apart from the page.
		if w := eval[float64](t, ctx, `document.querySelector("wx-open-launch-weapp").getBoundingClientRect().width`); w != 160 {
			t.Errorf("the drawn tag is %vpx wide, want its template's 160px", w)
		}

		// Launch: ok, failed WeChat's check, cancelled.
		clickTag(t, ctx, weapp)
		ev := waitTagEvents(t, ctx, weapp, 2)
		c := lastTagCall(t, ctx, weapp)
		if ev[1].Type != "launch" || !c.OpenTag || c.Event != "launch" || c.Args["username"] != "gh_d43f693ca31f" || c.Args["path"] != "pages/home/index.html?from=test" {
			t.Errorf("launch: events %+v, log %+v", ev, c)
		}
		do(t, ctx, wxfakecdp.RespondOpenTag(weapp, wxfakecdp.Outcome{Result: wxfakecdp.Fail, Message: "check fail", Once: true}))
		clickTag(t, ctx, weapp)
		ev = waitTagEvents(t, ctx, weapp, 3)
		if ev[2].Type != "error" || ev[2].Detail["errMsg"] != "launch:fail_check fail" {
			t.Errorf("a failed check: %+v", ev[2])
		}
		if e := wx.OpenTagErrorOf(weapp, []byte(js(ev[2].Detail))); !errors.Is(e, wx.ErrLaunchCheckFailed) {
			t.Errorf("the check's failure decodes as %v", e)
		}
		do(t, ctx, wxfakecdp.RespondOpenTag(weapp, wxfakecdp.Outcome{Result: wxfakecdp.Cancel, Once: true}))
		clickTag(t, ctx, weapp)
		run(t, ctx, chromedp.Poll[bool](`wxfake.calls().filter(c => c.api === "wx-open-launch-weapp").length === 3 && wxfake.calls().slice(-1)[0].errMsg === "launch:cancel"`))
		clickTag(t, ctx, weapp) // ok again: the cancel was once
		if ev = waitTagEvents(t, ctx, weapp, 4); len(ev) != 4 || ev[3].Type != "launch" {
			t.Errorf("after a cancel (no event) and a launch: %+v", ev)
		}
		seen = append(seen, record{"launch", ev})

		// Subscribe: every template accepted; as scripted; failed.
		clickTag(t, ctx, subscribe)
		ev = waitTagEvents(t, ctx, subscribe, 2)
		r, err := wx.SubscribeResultOf([]byte(js(ev[1].Detail)))
		if ev[1].Type != "success" || ev[1].Detail["errMsg"] != "subscribe:ok" || err != nil ||
			!reflect.DeepEqual(r.Templates, map[string]wx.SubscribeStatus{"tmpl-a": wx.SubscribeAccept, "tmpl-b": wx.SubscribeAccept}) {
			t.Errorf("subscribe: %+v → %+v, %v", ev[1], r, err)
		}
		do(t, ctx, wxfakecdp.RespondOpenTag(subscribe, wxfakecdp.Outcome{Result: wxfakecdp.OK, Once: true,
			Data: wx.SubscribeResult{Templates: map[string]wx.SubscribeStatus{"tmpl-a": wx.SubscribeReject, "tmpl-b": wx.SubscribeFilter}}}))
		clickTag(t, ctx, subscribe)
		ev = waitTagEvents(t, ctx, subscribe, 3)
		if r, err = wx.SubscribeResultOf([]byte(js(ev[2].Detail))); err != nil || r.Templates["tmpl-a"] != wx.SubscribeReject || r.Templates["tmpl-b"] != wx.SubscribeFilter {
			t.Errorf("a scripted subscription: %+v → %+v, %v", ev[2], r, err)
		}
		do(t, ctx, wxfakecdp.RespondOpenTag(subscribe, wxfakecdp.Outcome{Result: wxfakecdp.Fail, Data: map[string]any{"errCode": 49003}, Once: true}))
		clickTag(t, ctx, subscribe)
		ev = waitTagEvents(t, ctx, subscribe, 4)
		if ev[3].Type != "error" || ev[3].Detail["errCode"] != float64(49003) || ev[3].Detail["errMsg"] != "subscribe:fail" {
			t.Errorf("a failed subscription: %+v", ev[3])
		}
		if e := wx.OpenTagErrorOf(subscribe, []byte(js(ev[3].Detail))); !errors.Is(e, wx.ErrSubscribeFailed) || e.Hint() == "" {
			t.Errorf("the subscription's failure decodes as %v (hint %q)", e, e.Hint())
		}
		do(t, ctx, wxfakecdp.RespondOpenTag(subscribe, wxfakecdp.Outcome{Result: wxfakecdp.Cancel, Once: true}))
		clickTag(t, ctx, subscribe)
		ev = waitTagEvents(t, ctx, subscribe, 5)
		if r, err = wx.SubscribeResultOf([]byte(js(ev[4].Detail))); err != nil || r.Templates["tmpl-a"] != wx.SubscribeCancel {
			t.Errorf("a closed prompt: %+v", ev[4])
		}
		seen = append(seen, record{"subscribe", ev})

		// Audio: play, pause, play, ended.
		clickTag(t, ctx, audio)
		waitTagEvents(t, ctx, audio, 2)
		clickTag(t, ctx, audio)
		waitTagEvents(t, ctx, audio, 3)
		clickTag(t, ctx, audio)
		waitTagEvents(t, ctx, audio, 4)
		if n := run(t, ctx, wxfakecdp.EndAudio()); n != 1 {
			t.Errorf("EndAudio ended %d players, want 1", n)
		}
		ev = waitTagEvents(t, ctx, audio, 5)
		var types []string
		for _, e := range ev {
			types = append(types, e.Type)
		}
		if !slices.Equal(types, []string{"ready", "play", "pause", "play", "ended"}) {
			t.Errorf("audio events: %v", types)
		}
		if n := run(t, ctx, wxfakecdp.EndAudio()); n != 0 {
			t.Errorf("EndAudio ended %d players once none played", n)
		}
		seen = append(seen, record{"audio", types})

		// In interactive mode a person answers the click.
		do(t, ctx, wxfakecdp.Interactive(true))
		clickTag(t, ctx, weapp)
		run(t, ctx, chromedp.Poll[bool](`wxfake.held().length === 1`))
		if held := run(t, ctx, wxfakecdp.Held()); held[0].API != string(weapp) || held[0].Args["username"] != "gh_d43f693ca31f" {
			t.Errorf("held: %+v", held)
		}
		if !run(t, ctx, wxfakecdp.AnswerHeld(0, wxfakecdp.Outcome{Result: wxfakecdp.Fail})) {
			t.Fatal("no held click to answer")
		}
		if ev := waitTagEvents(t, ctx, weapp, 5); ev[4].Type != "error" || ev[4].Detail["errMsg"] != "launch:fail" {
			t.Errorf("a click a person failed: %+v", ev[4])
		}
		do(t, ctx, wxfakecdp.Interactive(false))

		// The undeclared tag: nothing drawn, a click heard by nobody.
		eval[any](t, ctx, `document.querySelector("wx-open-launch-app").click()`)
		eval[any](t, ctx, `new Promise(r => setTimeout(r, 50))`)
		if ev := tagEvents(t, ctx, appTag); len(ev) != 0 {
			t.Errorf("an undeclared tag dispatched %+v", ev)
		}
		for _, c := range run(t, ctx, wxfakecdp.Calls()) {
			if c.API == string(appTag) {
				t.Errorf("an undeclared tag's click was logged: %+v", c)
			}
		}
		return seen
	})
}

// A client that cannot show open tags tells the document, and draws none.
func TestOpenTagsError(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		eval[any](t, ctx, openTagsJS)
		do(t, ctx, wxfakecdp.OpenTagsError(""))
		res := eval[map[string]any](t, ctx, `t.configure(["chooseImage"], {openTags: ["wx-open-launch-weapp"]})`)
		if res["error"] != nil {
			t.Fatalf("configuration: %v", res)
		}
		run(t, ctx, chromedp.Poll[bool](`tagEvents.document.length >= 2`))
		got := eval[[]tagEvent](t, ctx, `tagEvents.document`)
		e := wx.OpenTagsErrorOf([]byte(js(got[1].Detail)))
		if got[0].Detail["errMsg"] == "" || !errors.Is(e, wx.ErrOpenTagsUnsupported) {
			t.Errorf("WeixinOpenTagsError: %+v → %v", got, e)
		}
		for _, tag := range run(t, ctx, wxfakecdp.OpenTags()) {
			if tag.Drawn {
				t.Errorf("%s drawn by a client that cannot", tag.Tag)
			}
		}
		if ev := tagEvents(t, ctx, wx.OpenTagLaunchWeapp); len(ev) != 0 {
			t.Errorf("events: %+v", ev)
		}
		// Reset plays a client that can: the declared tag is drawn.
		do(t, ctx, wxfakecdp.Reset())
		if ev := waitTagEvents(t, ctx, wx.OpenTagLaunchWeapp, 1); ev[0].Type != "ready" {
			t.Errorf("after Reset: %+v", ev)
		}
		return []record{{"document", len(got)}}
	})
}
