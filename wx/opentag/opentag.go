// Package opentag has WeChat's open tags as go-app components: a button
// that opens a mini program (LaunchWeapp) or an app (LaunchApp), a
// subscription prompt (Subscribe), an audio player (Audio). Each writes
// the tag's attributes as WeChat wants them, its template (the content the
// client draws in the tag, with styles of its own), and turns the tag's
// DOM events into typed handlers. Mounting one declares its tag for the
// page's configuration (wx.SDK.UseOpenTags): SignedConfig includes it in
// openTagList, and a configuration made without it is made again.
//
// A component is keyed by its attributes: the client ignores attribute
// changes, so a change mounts a new element. When the client cannot show
// open tags (the document's WeixinOpenTagsError, or a page outside
// WeChat), the component shows its Fallback instead.
//
//	&opentag.LaunchWeapp{
//		Username: "gh_d43f693ca31f",
//		Path:     "pages/home/index?from=h5",
//		Template: app.Button().Text("Open the mini program"),
//		Style:    "button { padding: 12px 20px }",
//		OnLaunch: func(ctx app.Context, _ wx.LaunchDetail) { … },
//		OnError:  func(ctx app.Context, err *wx.Error) { … },
//	}
package opentag

import (
	"errors"
	"hash/fnv"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// Content is a tag's template: what the client draws inside it.
type Content struct {
	// Template is the content as go-app UI, rendered to HTML once; it must
	// be static (the client shows it, go-app does not run it).
	Template app.UI
	// HTML is the content as raw HTML, used when Template is nil.
	HTML string
	// Style is CSS for the content alone: the client draws it apart from
	// the page's styles.
	Style string
	// Fallback is shown in place of the tag where the client cannot show
	// open tags.
	Fallback app.UI
}

// html is the template's HTML, its style first.
func (c Content) html() string {
	h := c.HTML
	if c.Template != nil {
		h = app.HTMLString(c.Template)
	}
	if c.Style != "" {
		h = "<style>" + c.Style + "</style>" + h
	}
	return h
}

// Handlers are the events every tag has.
type Handlers struct {
	// OnReady runs once the client has drawn the tag.
	OnReady func(ctx app.Context)
	// OnError runs when the tag fails, or when the client cannot show
	// open tags (errors.Is(err, wx.ErrOpenTagsUnsupported)).
	OnError func(ctx app.Context, err *wx.Error)
}

// tag is the machinery of the components: the element, its events, the
// fallback.
type tag struct {
	name        wx.OpenTag
	attrs       [][2]string // in order; empty values are left out
	content     Content
	handlers    Handlers
	events      map[string]func(ctx app.Context, detail []byte)
	unsupported bool
	release     func()
}

// id is what keys the component: the tag and its attributes.
func (t *tag) id() string {
	h := fnv.New64a()
	h.Write([]byte(t.name))
	for _, a := range t.attrs {
		h.Write([]byte{0})
		h.Write([]byte(a[0] + "=" + a[1]))
	}
	h.Write([]byte{0})
	h.Write([]byte(t.content.html()))
	return string(t.name) + "-" + strconv.FormatUint(h.Sum64(), 36)
}

// render draws the element, or the fallback where tags cannot be shown.
// The server renders a placeholder: a tag means something only to the
// client, and go-app's prerendering would escape the template.
func (t *tag) render() app.UI {
	if app.IsServer {
		return app.Span().Class("wx-open-tag").DataSet("tag", string(t.name))
	}
	if t.unsupported {
		if t.content.Fallback == nil {
			return app.Span().Class("wx-open-tag-unsupported")
		}
		return t.content.Fallback
	}
	e := app.Elem(string(t.name))
	for _, a := range t.attrs {
		if a[1] != "" {
			e = e.Attr(a[0], a[1])
		}
	}
	e = e.On("ready", func(ctx app.Context, _ app.Event) {
		if t.handlers.OnReady != nil {
			t.handlers.OnReady(ctx)
		}
	}).On("error", func(ctx app.Context, ev app.Event) {
		if t.handlers.OnError != nil {
			t.handlers.OnError(ctx, wx.OpenTagErrorOf(t.name, detailOf(ev)))
		}
	})
	for name, h := range t.events {
		e = e.On(name, func(ctx app.Context, ev app.Event) { h(ctx, detailOf(ev)) })
	}
	return e.Body(app.Script().Type("text/wxtag-template").Text(t.content.html()))
}

// detailOf is an event's detail as JSON.
func detailOf(ev app.Event) []byte {
	d := ev.Get("detail")
	if !d.Truthy() {
		return nil
	}
	return []byte(app.Window().Get("JSON").Call("stringify", d).String())
}

// mount declares the tag for the page's configuration and watches for a
// client that cannot show open tags.
func (t *tag) mount(ctx app.Context) {
	if app.IsServer {
		return
	}
	fail := func(err *wx.Error) {
		ctx.Dispatch(func(ctx app.Context) {
			if errors.Is(err, wx.ErrOpenTagsUnsupported) || errors.Is(err, wx.ErrNotInWeChat) {
				t.unsupported = true
			}
			if t.handlers.OnError != nil {
				t.handlers.OnError(ctx, err)
			}
		})
	}
	doc := app.Window().Get("document")
	onUnsupported := app.FuncOf(func(_ app.Value, args []app.Value) any {
		var detail []byte
		if len(args) > 0 {
			detail = detailOf(app.Event{Value: args[0]})
		}
		fail(wx.OpenTagsErrorOf(detail))
		return nil
	})
	doc.Call("addEventListener", "WeixinOpenTagsError", onUnsupported)
	t.release = func() {
		doc.Call("removeEventListener", "WeixinOpenTagsError", onUnsupported)
		onUnsupported.Release()
	}
	ctx.Async(func() {
		sdk, err := wx.Load(ctx)
		if err == nil {
			err = sdk.UseOpenTags(ctx, t.name)
		}
		var we *wx.Error
		if err != nil && errors.As(err, &we) {
			fail(we)
		} else if err != nil && ctx.Err() == nil {
			fail(&wx.Error{API: wx.API(t.name), Status: err.Error()})
		}
	})
}

func (t *tag) dismount() {
	if t.release != nil {
		t.release()
		t.release = nil
	}
}

// LaunchDetail handlers receive what a launch event says.
type LaunchHandler func(ctx app.Context, detail wx.LaunchDetail)

// launchEvents is the launch event of the launch tags.
func launchEvents(h LaunchHandler) map[string]func(app.Context, []byte) {
	return map[string]func(app.Context, []byte){"launch": func(ctx app.Context, detail []byte) {
		if h == nil {
			return
		}
		d, _ := wx.LaunchDetailOf(detail)
		h(ctx, d)
	}}
}

// LaunchWeapp is wx-open-launch-weapp: a button that opens a mini program.
type LaunchWeapp struct {
	app.Compo
	// Username is the mini program's original ID (gh_…).
	Username string
	// AppID is the mini program's AppID, for a page of a third-party
	// platform; optional.
	AppID string
	// Path is the page to open, such as "pages/home/index?a=1": the
	// component adds the .html WeChat wants (wx.WeappPath).
	Path string
	// EnvVersion is the version to open (release unless set).
	EnvVersion wx.EnvVersion
	// ExtraData reaches the mini program: a string as it is, anything
	// else as JSON.
	ExtraData any
	Content
	Handlers
	// OnLaunch runs once the mini program opens.
	OnLaunch LaunchHandler

	t tag
}

func (c *LaunchWeapp) tag() *tag {
	extra, _ := wx.DataAttr(c.ExtraData)
	c.t.name, c.t.content, c.t.handlers = wx.OpenTagLaunchWeapp, c.Content, c.Handlers
	c.t.attrs = [][2]string{{"username", c.Username}, {"appid", c.AppID}, {"path", wx.WeappPath(c.Path)},
		{"env-version", string(c.EnvVersion)}, {"extra-data", extra}}
	c.t.events = launchEvents(c.OnLaunch)
	return &c.t
}

// CompoID keys the component by its attributes.
func (c *LaunchWeapp) CompoID() string { return c.tag().id() }

// Render draws the tag.
func (c *LaunchWeapp) Render() app.UI { return c.tag().render() }

// OnMount declares the tag.
func (c *LaunchWeapp) OnMount(ctx app.Context) { c.tag().mount(ctx) }

// OnDismount stops watching the document.
func (c *LaunchWeapp) OnDismount() { c.t.dismount() }

// LaunchApp is wx-open-launch-app: a button that opens an app of the same
// open platform account (it must be installed).
type LaunchApp struct {
	app.Compo
	// AppID is the mobile app's AppID on WeChat's open platform.
	AppID string
	// ExtInfo reaches the app: a string as it is, anything else as JSON.
	ExtInfo any
	Content
	Handlers
	// OnLaunch runs once the app opens.
	OnLaunch LaunchHandler

	t tag
}

func (c *LaunchApp) tag() *tag {
	ext, _ := wx.DataAttr(c.ExtInfo)
	c.t.name, c.t.content, c.t.handlers = wx.OpenTagLaunchApp, c.Content, c.Handlers
	c.t.attrs = [][2]string{{"appid", c.AppID}, {"extinfo", ext}}
	c.t.events = launchEvents(c.OnLaunch)
	return &c.t
}

// CompoID keys the component by its attributes.
func (c *LaunchApp) CompoID() string { return c.tag().id() }

// Render draws the tag.
func (c *LaunchApp) Render() app.UI { return c.tag().render() }

// OnMount declares the tag.
func (c *LaunchApp) OnMount(ctx app.Context) { c.tag().mount(ctx) }

// OnDismount stops watching the document.
func (c *LaunchApp) OnDismount() { c.t.dismount() }

// Subscribe is wx-open-subscribe: a prompt to subscribe to the official
// account's message templates.
type Subscribe struct {
	app.Compo
	// Templates are the template IDs offered.
	Templates []string
	Content
	Handlers
	// OnSubscribe runs with the user's answer for each template.
	OnSubscribe func(ctx app.Context, r wx.SubscribeResult)

	t tag
}

func (c *Subscribe) tag() *tag {
	list := ""
	for i, id := range c.Templates {
		if i > 0 {
			list += ","
		}
		list += id
	}
	c.t.name, c.t.content, c.t.handlers = wx.OpenTagSubscribe, c.Content, c.Handlers
	c.t.attrs = [][2]string{{"template", list}}
	c.t.events = map[string]func(app.Context, []byte){"success": func(ctx app.Context, detail []byte) {
		r, err := wx.SubscribeResultOf(detail)
		switch {
		case err != nil && c.Handlers.OnError != nil:
			c.Handlers.OnError(ctx, &wx.Error{API: wx.API(wx.OpenTagSubscribe), Status: err.Error()})
		case err == nil && c.OnSubscribe != nil:
			c.OnSubscribe(ctx, r)
		}
	}}
	return &c.t
}

// CompoID keys the component by its attributes.
func (c *Subscribe) CompoID() string { return c.tag().id() }

// Render draws the tag.
func (c *Subscribe) Render() app.UI { return c.tag().render() }

// OnMount declares the tag.
func (c *Subscribe) OnMount(ctx app.Context) { c.tag().mount(ctx) }

// OnDismount stops watching the document.
func (c *Subscribe) OnDismount() { c.t.dismount() }

// Audio is wx-open-audio: an audio player WeChat keeps playing while the
// user reads on.
type Audio struct {
	app.Compo
	// Src is the audio's URL; Title, Episode, Singer and Cover (an image
	// URL) describe it in WeChat's player.
	Src, Title, Episode, Singer, Cover string
	Content
	Handlers
	// OnPlay, OnPause and OnEnded follow the player.
	OnPlay, OnPause, OnEnded func(ctx app.Context)

	t tag
}

func (c *Audio) tag() *tag {
	c.t.name, c.t.content, c.t.handlers = wx.OpenTagAudio, c.Content, c.Handlers
	c.t.attrs = [][2]string{{"src", c.Src}, {"title", c.Title}, {"episode", c.Episode}, {"singer", c.Singer}, {"cover", c.Cover}}
	on := func(h func(app.Context)) func(app.Context, []byte) {
		return func(ctx app.Context, _ []byte) {
			if h != nil {
				h(ctx)
			}
		}
	}
	c.t.events = map[string]func(app.Context, []byte){"play": on(c.OnPlay), "pause": on(c.OnPause), "ended": on(c.OnEnded)}
	return &c.t
}

// CompoID keys the component by its attributes.
func (c *Audio) CompoID() string { return c.tag().id() }

// Render draws the tag.
func (c *Audio) Render() app.UI { return c.tag().render() }

// OnMount declares the tag.
func (c *Audio) OnMount(ctx app.Context) { c.tag().mount(ctx) }

// OnDismount stops watching the document.
func (c *Audio) OnDismount() { c.t.dismount() }
