//go:build e2e

package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx"
	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

// tagEvents is the id of the list of what a tag said on the Open tags page.
func tagEvents(tag wx.OpenTag) string { return "opentag-" + string(tag) + "-events" }

// The Open tags page, written with wx/opentag's components: mounting them
// declares them (the page configures again with openTagList), the fake
// client draws each, and a click on each reaches the component's typed
// handlers, as the call log records.
func TestOpenTagsPage(t *testing.T) {
	weapp, appTag, subscribe, audio := wx.OpenTagLaunchWeapp, wx.OpenTagLaunchApp, wx.OpenTagSubscribe, wx.OpenTagAudio
	srv := startServer(t)
	ctx := open(t, srv.URL)
	goTo(t, ctx, "opentags")
	for _, tag := range []wx.OpenTag{weapp, appTag, subscribe, audio} {
		waitText(t, ctx, tagEvents(tag), "ready")
	}
	// The configuration in force declares the four tags.
	lastConfig := within(t, ctx, chromedp.Evaluate[[]string](
		`wxfake.calls().filter(c => c.api === "config" && c.errMsg === "config:ok").slice(-1)[0].args.verifyOpenTagList`))
	slices.Sort(lastConfig)
	if strings.Join(lastConfig, ",") != "wx-open-audio,wx-open-launch-app,wx-open-launch-weapp,wx-open-subscribe" {
		t.Errorf("the configuration's openTagList is %v", lastConfig)
	}
	for _, tag := range within(t, ctx, wxfakecdp.OpenTags()) {
		if !tag.Drawn {
			t.Errorf("%s is not drawn", tag.Tag)
		}
	}
	clickTag := func(tag wx.OpenTag) {
		t.Helper()
		do(t, ctx, chromedp.Click(chromedp.CSS(string(tag))))
	}

	clickTag(weapp)
	waitText(t, ctx, tagEvents(weapp), "launch")
	c := lastCall(within(t, ctx, wxfakecdp.Calls()), string(weapp))
	// The component's attribute rules: .html before the query, extra-data as JSON.
	if c.Event != "launch" || c.Args["path"] != "pages/home/index.html?from=gowx" || c.Args["extra-data"] != `{"from":"gowx"}` || c.Args["username"] != "gh_d43f693ca31f" {
		t.Errorf("the launch in the call log: %+v", c)
	}
	do(t, ctx, wxfakecdp.RespondOpenTag(weapp, wxfakecdp.Outcome{Result: wxfakecdp.Fail, Message: "check fail", Once: true}))
	clickTag(weapp)
	waitText(t, ctx, tagEvents(weapp), "fail_check fail (ErrLaunchCheckFailed)")

	do(t, ctx, wxfakecdp.RespondOpenTag(appTag, wxfakecdp.Outcome{Result: wxfakecdp.Fail, Once: true}))
	clickTag(appTag)
	waitText(t, ctx, tagEvents(appTag), "(ErrLaunchFailed)")
	if c := lastCall(within(t, ctx, wxfakecdp.Calls()), string(appTag)); c.Args["extinfo"] != `{"page":"orders"}` || c.Args["appid"] != "wxd930ea5d5a258f4f" || c.ErrMsg != "launch:fail" {
		t.Errorf("the app's launch in the call log: %+v", c)
	}

	clickTag(subscribe)
	waitText(t, ctx, tagEvents(subscribe), "subscribe: gowx-news accept, gowx-order-shipped accept")
	if c := lastCall(within(t, ctx, wxfakecdp.Calls()), string(subscribe)); c.Args["template"] != "gowx-order-shipped,gowx-news" || c.Event != "success" {
		t.Errorf("the subscription in the call log: %+v", c)
	}
	do(t, ctx, wxfakecdp.RespondOpenTag(subscribe, wxfakecdp.Outcome{Result: wxfakecdp.OK, Once: true,
		Data: wx.SubscribeResult{Templates: map[string]wx.SubscribeStatus{"gowx-news": wx.SubscribeReject, "gowx-order-shipped": wx.SubscribeAccept}}}))
	clickTag(subscribe)
	waitText(t, ctx, tagEvents(subscribe), "subscribe: gowx-news reject, gowx-order-shipped accept")
	do(t, ctx, wxfakecdp.RespondOpenTag(subscribe, wxfakecdp.Outcome{Result: wxfakecdp.Fail, Data: map[string]any{"errCode": 49003}, Once: true}))
	clickTag(subscribe)
	waitText(t, ctx, tagEvents(subscribe), "(ErrSubscribeFailed)")

	clickTag(audio)
	waitText(t, ctx, tagEvents(audio), "play")
	clickTag(audio)
	waitText(t, ctx, tagEvents(audio), "pause")
	clickTag(audio)
	if n := within(t, ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelectorAll("#%s li").length === 4`, tagEvents(audio)))); !n {
		t.Fatal("the third click did not play")
	}
	if n := within(t, ctx, wxfakecdp.EndAudio()); n != 1 {
		t.Errorf("EndAudio ended %d players", n)
	}
	got := waitText(t, ctx, tagEvents(audio), "ended")
	if want := "readyplaypauseplayended"; got != want {
		t.Errorf("the audio's events read %q, want %q", got, want)
	}
}

// A WeChat that cannot show open tags: each component shows its fallback
// and reports ErrOpenTagsUnsupported.
func TestOpenTagsFallback(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL)
	do(t, ctx, wxfakecdp.OpenTagsError("the client is too old for open tags"))
	goTo(t, ctx, "opentags")
	for _, tag := range []wx.OpenTag{wx.OpenTagLaunchWeapp, wx.OpenTagLaunchApp, wx.OpenTagSubscribe, wx.OpenTagAudio} {
		waitText(t, ctx, tagEvents(tag), "(ErrOpenTagsUnsupported)")
		waitText(t, ctx, "opentag-"+string(tag), "This WeChat cannot show open tags.")
	}
	if tags := within(t, ctx, wxfakecdp.OpenTags()); len(tags) != 0 {
		t.Errorf("the fallback left open tags in the page: %+v", tags)
	}
}
