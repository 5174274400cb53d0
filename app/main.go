// Command app is the gowx demo: a go-app progressive web app that calls
// every jweixin interface through package wx, and the server that signs for
// it. The same main package is built twice: GOARCH=wasm gives web/app.wasm,
// the page's program; a native build gives the server, which serves the
// page, the wasm and the signing API (see serve in server.go).
//
// With no WX_APPID in the environment it runs in demo mode: a fake WeChat
// (wechatfake) and the fake jWeixin stand in for the real ones.
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

func main() {
	app.Route("/", func() app.Composer { return &page{} })
	app.Route("/"+allPath, func() app.Composer { return &page{Path: allPath} })
	app.Route("/"+openTagsPath, func() app.Composer { return &page{Path: openTagsPath} })
	app.Route("/"+signInPath, func() app.Composer { return &page{Path: signInPath} })
	for _, g := range groups() {
		app.Route("/"+g.path, func() app.Composer { return &page{Path: g.path} })
	}
	app.RunWhenOnBrowser()
	serve()
}
