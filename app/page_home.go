package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderHome is the home page: what the demo is, and its pages.
func renderHome(gs []group) app.UI {
	return app.Section().ID("group-home").Body(
		app.H1().Text("Every jweixin interface, from Go"),
		app.P().Text("This page is a Go program (WebAssembly). It configured WeChat's JS-SDK with a signature from its "+
			"server, and calls each interface through package wx: typed options, typed results, typed errors."),
		app.P().Body(
			app.A().Href("/"+allPath).Text("All interfaces"),
			app.Text(": one button per interface, with the demo's options, as WeChat's demo page has them. "+
				"Or a group's page, each interface with its options:"),
		),
		app.Ul().Class("groups").Body(app.Range(gs).Slice(func(i int) app.UI {
			return app.Li().Body(
				app.A().Href("/"+gs[i].path).Text(gs[i].title),
				app.Span().Class("zh").Text(gs[i].zh),
				app.Span().Class("about").Text(gs[i].about),
			)
		})),
	)
}
