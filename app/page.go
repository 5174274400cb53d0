package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// group is a page of the demo: the controls of one group of interfaces.
type group struct {
	path  string // the page is at /<path>
	title string
	about string
	specs func() []spec
}

// groups are the demo's pages, in menu order.
var groups = []group{
	{path: "share", title: "Share", about: "What the menu's share items share, and the outcome of each share (fire the menu events from the fake's panel).", specs: shareSpecs},
	{path: "image", title: "Image", about: "Choose, preview, upload and download images; chosen images are shown through getLocalImgData.", specs: imageSpecs},
	{path: "voice", title: "Voice", about: "Record, play, upload and download voices; the recorder's state is shown.", specs: voiceSpecs},
	{path: "smart", title: "Smart", about: "Speech recognition of a recorded voice.", specs: smartSpecs},
	{path: "device", title: "Device", about: "The network the device is on, and which interfaces this WeChat has.", specs: deviceSpecs},
	{path: "location", title: "Location", about: "Where the device is, and WeChat's map.", specs: locationSpecs},
	{path: "beacons", title: "Beacons", about: "iBeacons around the device (WeChat Shake).", specs: beaconSpecs},
	{path: "menu", title: "Menu", about: "The items of WeChat's menu for this page, and closing the page.", specs: menuSpecs},
	{path: "card", title: "Card", about: "WeChat cards, with the signatures the server makes (card ticket).", specs: cardSpecs},
	{path: "pay", title: "Pay", about: "WeChat Pay, with the parameters the server signs (demo merchant keys in demo mode), and WeChat business pages.", specs: paySpecs},
	{path: "scan", title: "Scan", about: "WeChat's QR code and barcode scanner.", specs: scanSpecs},
	{path: "address", title: "Address", about: "The user's shipping addresses.", specs: addressSpecs},
	{path: "miniprogram", title: "Mini program", about: "A web-view talking to its mini program, and launching a mini program.", specs: miniProgramSpecs},
	{path: "enterprise", title: "Enterprise", about: "WeCom chats.", specs: enterpriseSpecs},
}

func groupOf(path string) (group, bool) {
	for _, g := range groups {
		if g.path == path {
			return g, true
		}
	}
	return group{}, false
}

// page is the app's shell: the demo banner, the configuration status, the
// menu, and the controls of one group (none on the home page).
type page struct {
	app.Compo

	Group string

	status outcome
	manual bool // the configuration waits for the Configure button
}

func (p *page) OnMount(ctx app.Context) {
	if app.IsServer {
		return
	}
	ctx.Async(func() {
		theSession.get(ctx)
		ctx.Dispatch(func(app.Context) { p.manual = theSession.manual })
		err := theSession.status(ctx)
		ctx.Dispatch(func(app.Context) { p.status = outcomeOf(nil, err) })
	})
}

func (p *page) Render() app.UI {
	g, ok := groupOf(p.Group)
	return app.Div().Class("app").Body(
		app.If(app.Getenv("GOWX_DEMO") == "1", func() app.UI {
			sdk := "the fake jWeixin answers"
			if app.Getenv("GOWX_SDK") == "official" {
				sdk = "the official jweixin-1.6.0.js runs on a fake WeChat client"
			}
			return app.Div().ID("demo-banner").Class("banner").DataSet("sdk", app.Getenv("GOWX_SDK")).Text(
				"Demo mode: a fake WeChat signs and verifies, and " + sdk + ". " +
					"Set WX_APPID, WX_SECRET and WX_DOMAINS to use a real official account.")
		}),
		app.Header().Class("top").Body(
			app.A().Href("/").Class("brand").Text("gowx"),
			p.renderStatus(),
		),
		app.Nav().Class("menu").Body(app.Range(groups).Slice(func(i int) app.UI {
			link := app.A().ID("nav-" + groups[i].path).Href("/" + groups[i].path).Text(groups[i].title)
			if groups[i].path == p.Group {
				link = link.Class("current")
			}
			return link
		})),
		app.Main().Class("page").Body(
			app.If(!ok, func() app.UI { return p.renderHome() }).Else(func() app.UI {
				specs := g.specs()
				return app.Section().ID("group-"+g.path).Body(
					app.H1().Text(g.title),
					app.P().Class("about").Text(g.about),
					app.Range(specs).Slice(func(i int) app.UI { return &control{Spec: specs[i]} }),
				)
			}),
		),
	)
}

func (p *page) renderHome() app.UI {
	return app.Section().ID("home").Body(
		app.H1().Text("Every jweixin interface, from Go"),
		app.P().Text("This page is a Go program (WebAssembly). It configured WeChat's JS-SDK with a signature from its "+
			"server, and calls each interface through package wx: typed options, typed results, typed errors. "+
			"Pick a group in the menu."),
		app.Ul().Body(app.Range(groups).Slice(func(i int) app.UI {
			return app.Li().Body(app.A().Href("/"+groups[i].path).Text(groups[i].title), app.Text(": "+groups[i].about))
		})),
	)
}

func (p *page) renderStatus() app.UI {
	switch {
	case !p.status.done && p.manual:
		return app.Div().ID("wx-status").Class("status pending").Body(
			app.Text("not configured "),
			app.Button().ID("wx-configure").Text("Configure").OnClick(func(app.Context, app.Event) { theSession.configure() }),
		)
	case !p.status.done:
		return app.Div().ID("wx-status").Class("status pending").Text("configuring…")
	case p.status.err == "":
		return app.Div().ID("wx-status").Class("status ok").Text("config:ok")
	}
	return p.status.errorView("wx-status", "status error")
}
