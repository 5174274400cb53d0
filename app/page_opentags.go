package main

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
	"github.com/gowx/gowx/wx/opentag"
)

// openTagsPath is the open tags page's.
const openTagsPath = "opentags"

// openTagEvents is the state key of what the open tags said, by tag.
func openTagEvents(tag wx.OpenTag) string { return "gowx.opentag." + string(tag) }

// openTagsPage shows one of each of WeChat's open tags, and the events
// each dispatched. Mounting them declares them: the page's configuration
// is made again with them in openTagList.
type openTagsPage struct {
	app.Compo

	events map[wx.OpenTag][]string
}

// openTags are the tags the page shows, in order.
var openTags = []wx.OpenTag{wx.OpenTagLaunchWeapp, wx.OpenTagLaunchApp, wx.OpenTagSubscribe, wx.OpenTagAudio}

func (p *openTagsPage) OnMount(ctx app.Context) {
	p.events = map[wx.OpenTag][]string{}
	for _, tag := range openTags {
		ctx.ObserveState(openTagEvents(tag), new([]string)).OnChange(func() {
			var got []string
			ctx.GetState(openTagEvents(tag), &got)
			p.events[tag] = got
		})
	}
}

// log records what a tag said, in the app's state.
func logOpenTag(ctx app.Context, tag wx.OpenTag, line string) {
	var got []string
	ctx.GetState(openTagEvents(tag), &got)
	ctx.SetState(openTagEvents(tag), append(got, line))
}

// handlers are the events every tag has, logged.
func openTagHandlers(tag wx.OpenTag) opentag.Handlers {
	return opentag.Handlers{
		OnReady: func(ctx app.Context) { logOpenTag(ctx, tag, "ready") },
		OnError: func(ctx app.Context, err *wx.Error) { logOpenTag(ctx, tag, "error: "+describeError(err)) },
	}
}

// describeError is an open tag's error as the log shows it: the error,
// the sentinel it matches.
func describeError(err *wx.Error) string {
	for _, s := range []struct {
		err  error
		name string
	}{{wx.ErrLaunchCheckFailed, "ErrLaunchCheckFailed"}, {wx.ErrLaunchFailed, "ErrLaunchFailed"},
		{wx.ErrSubscribeFailed, "ErrSubscribeFailed"}, {wx.ErrOpenTagsUnsupported, "ErrOpenTagsUnsupported"}} {
		if errors.Is(err, s.err) {
			return err.Error() + " (" + s.name + ")"
		}
	}
	return err.Error()
}

// button is a tag's content: a button in the tag's own style (the client
// draws it apart from the page's styles).
func button(zh, en string) opentag.Content {
	return opentag.Content{
		Template: app.Button().Class("tag").Body(app.Span().Text(zh), app.Text(" "+en)),
		Style:    ".tag { font: 15px/1.4 sans-serif; padding: 10px 16px; border: 0; border-radius: 6px; background: #07c160; color: #fff }",
		Fallback: app.P().Class("hint").Text("This WeChat cannot show open tags."),
	}
}

func (p *openTagsPage) Render() app.UI {
	weapp, appTag, subscribe, audio := wx.OpenTagLaunchWeapp, wx.OpenTagLaunchApp, wx.OpenTagSubscribe, wx.OpenTagAudio
	return app.Section().ID("group-"+openTagsPath).Body(
		app.H1().Body(app.Text("Open tags"), app.Span().Class("zh").Text("开放标签")),
		app.P().Class("about").Text("WeChat's open tags, drawn by the client itself: go-app components of package wx/opentag, "+
			"declared in the configuration as they mount. In demo mode the fake client draws them; its panel scripts their outcomes."),
		p.tag(weapp, "Open a mini program", &opentag.LaunchWeapp{
			Username: "gh_d43f693ca31f", Path: "pages/home/index?from=gowx", ExtraData: map[string]string{"from": "gowx"},
			Content: button("打开小程序", "Open the mini program"), Handlers: openTagHandlers(weapp),
			OnLaunch: func(ctx app.Context, d wx.LaunchDetail) { logOpenTag(ctx, weapp, "launch") },
		}),
		p.tag(appTag, "Open an app", &opentag.LaunchApp{
			AppID: "wxd930ea5d5a258f4f", ExtInfo: map[string]string{"page": "orders"},
			Content: button("打开 App", "Open the app"), Handlers: openTagHandlers(appTag),
			OnLaunch: func(ctx app.Context, d wx.LaunchDetail) { logOpenTag(ctx, appTag, "launch") },
		}),
		p.tag(subscribe, "Subscribe to messages", &opentag.Subscribe{
			Templates: []string{"gowx-order-shipped", "gowx-news"},
			Content:   button("订阅通知", "Subscribe"), Handlers: openTagHandlers(subscribe),
			OnSubscribe: func(ctx app.Context, r wx.SubscribeResult) {
				logOpenTag(ctx, subscribe, subscribeLine(r))
			},
		}),
		p.tag(audio, "Play audio", &opentag.Audio{
			Src: "https://example.com/gowx.mp3", Title: "gowx", Episode: "1", Singer: "gowx", Cover: "/web/icon-192.png",
			Content: button("播放", "Play"), Handlers: openTagHandlers(audio),
			OnPlay:  func(ctx app.Context) { logOpenTag(ctx, audio, "play") },
			OnPause: func(ctx app.Context) { logOpenTag(ctx, audio, "pause") },
			OnEnded: func(ctx app.Context) { logOpenTag(ctx, audio, "ended") },
		}),
	)
}

// subscribeLine is a subscription's answer, each template's status.
func subscribeLine(r wx.SubscribeResult) string {
	var parts []string
	for _, id := range sortedKeys(r.Templates) {
		parts = append(parts, fmt.Sprintf("%s %s", id, r.Templates[id]))
	}
	return "subscribe: " + strings.Join(parts, ", ")
}

func sortedKeys(m map[string]wx.SubscribeStatus) []string {
	return slices.Sorted(maps.Keys(m))
}

// tag is one tag's card: its name, the tag, and what it said.
func (p *openTagsPage) tag(tag wx.OpenTag, title string, c app.UI) app.UI {
	events := p.events[tag]
	return app.Div().ID("opentag-"+string(tag)).Class("control").Body(
		app.H3().Body(app.Text(title), app.Span().Class("api").Text(" <"+string(tag)+">")),
		app.Div().Class("opentag").Body(c),
		app.Ol().ID("opentag-"+string(tag)+"-events").Class("events").Body(app.Range(events).Slice(func(i int) app.UI {
			return app.Li().Text(events[i])
		})),
	)
}
