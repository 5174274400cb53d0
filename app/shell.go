package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// group is a page of the demo: the controls of one group of interfaces.
type group struct {
	path  string // the page is at /<path>
	title string
	zh    string // the title in Chinese
	about string
	specs []spec
}

// allPath is the "all interfaces" page's.
const allPath = "all"

// groups are the demo's pages of interfaces, in menu order: the JS-SDK
// document's, then what it leaves out.
func groups() []group {
	return []group{sharePage(), imagePage(), voicePage(), smartPage(), devicePage(), locationPage(), beaconsPage(),
		menuPage(), scanPage(), cardPage(), payPage(), addressPage(), miniProgramPage(), enterprisePage()}
}

// page is the app's shell: the header (the demo badge, the configuration
// status), the menu, and one page: the home page, all interfaces, or a
// group's controls.
type page struct {
	app.Compo

	Path string // "" (home), allPath, openTagsPath, signInPath, or a group's path

	session jweixin
	status  configStatus
}

func (p *page) OnMount(ctx app.Context) {
	if app.IsServer {
		return
	}
	p.session = sessionOf(ctx)
	ctx.ObserveState(configState, &p.status)
}

// OnNav brings the current page's menu item into view: on a narrow
// screen the menu is one line that scrolls.
func (p *page) OnNav(ctx app.Context) {
	ctx.Defer(func(app.Context) {
		if item := app.Window().GetElementByID("nav-" + p.navID()); item.Truthy() {
			item.Call("scrollIntoView", map[string]any{"block": "nearest", "inline": "center"})
		}
	})
}

func (p *page) navID() string {
	if p.Path == "" {
		return "home"
	}
	return p.Path
}

func (p *page) Render() app.UI {
	gs := groups()
	return app.Div().Class("app").Body(
		app.Header().Class("top").Body(
			app.A().ID("nav-home").Href("/").Class("brand").Text("gowx"),
			p.renderBanner(),
			p.renderStatus(),
		),
		app.Nav().Class("menu").Body(
			p.navLink(allPath, "All"),
			app.Range(gs).Slice(func(i int) app.UI { return p.navLink(gs[i].path, gs[i].title) }),
			p.navLink(openTagsPath, "Open tags"),
			p.navLink(signInPath, "Sign-in"),
		),
		app.Main().Class("page").Body(p.renderPage(gs)),
	)
}

func (p *page) navLink(path, title string) app.UI {
	link := app.A().ID("nav-" + path).Href("/" + path).Text(title)
	if path == p.Path {
		link = link.Class("current").Aria("current", "page")
	}
	return link
}

func (p *page) renderPage(gs []group) app.UI {
	switch p.Path {
	case allPath:
		return renderAll(gs)
	case openTagsPath:
		return &openTagsPage{}
	case signInPath:
		return &signInPage{}
	}
	for _, g := range gs {
		if g.path == p.Path {
			words := labels()
			return app.Section().ID("group-"+g.path).Body(
				app.H1().Body(app.Text(g.title), app.Span().Class("zh").Text(g.zh)),
				app.P().Class("about").Text(g.about),
				app.Range(g.specs).Slice(func(i int) app.UI { return &control{Spec: g.specs[i], Label: words[g.specs[i].api]} }),
			)
		}
	}
	return renderHome(gs)
}

// renderBanner says, in demo mode, what answers: a line that opens on
// what demo mode is and how to leave it.
func (p *page) renderBanner() app.UI {
	if app.Getenv("GOWX_DEMO") != "1" {
		return nil
	}
	sdk, about := "fake jWeixin", "the fake jWeixin answers"
	if app.Getenv("GOWX_SDK") == "official" {
		sdk, about = "official jweixin", "the official jweixin-1.6.0.js runs on a fake WeChat client"
	}
	return app.Details().ID("demo-banner").Class("banner").DataSet("sdk", app.Getenv("GOWX_SDK")).Body(
		app.Summary().Text("Demo mode · "+sdk),
		app.P().Text("A fake WeChat signs and verifies, and "+about+". "+
			"Set WX_APPID, WX_SECRET and WX_DOMAINS to use a real official account."),
	)
}

func (p *page) renderStatus() app.UI {
	switch s := p.status; {
	case !s.out.done && s.manual && !s.started:
		return app.Div().ID("wx-status").Class("status pending").Body(
			app.Text("not configured "),
			app.Button().ID("wx-configure").Text("Configure").OnClick(func(app.Context, app.Event) { p.session.configure() }),
		)
	case !s.out.done:
		return app.Div().ID("wx-status").Class("status pending").Text("configuring…")
	case s.out.err == "":
		return app.Div().ID("wx-status").Class("status ok").Text(s.out.text)
	}
	return p.status.out.errorView("wx-status", "status error")
}
