//go:build !wasm

package main

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/server"
)

// serve runs the server, as the environment configures it (see
// server.ConfigFromEnv), until SIGINT or SIGTERM.
func serve() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := server.ConfigFromEnv(os.Getenv)
	if err == nil {
		err = server.Run(ctx, cfg, server.RunOptions{Page: pageHandler, Stdout: os.Stdout, Logger: log})
	}
	if err != nil {
		log.Error("gowx stopped", "error", err.Error())
		os.Exit(1)
	}
}

// panelRoomScript keeps the page clear of the fake's panel (web/panel-room.js).
const panelRoomScript = server.WebPrefix + "panel-room.js"

// pageHandler is the go-app page for the site: it loads the site's jweixin (the
// fake one in demo mode) and knows whether it runs in demo mode. The site
// serves the page's static files itself (web/, confined to it): the page's
// Resources only name them.
func pageHandler(site *server.Site) http.Handler {
	env, scripts := map[string]string{}, site.Scripts
	if site.Demo {
		env["GOWX_DEMO"] = "1"
		env["GOWX_SDK"] = site.SDK
		// Before the fake's: it makes room for the fake's panel, which it
		// has start folded on a narrow screen.
		scripts = append([]string{panelRoomScript}, scripts...)
	}
	page := &app.Handler{
		Name:        "gowx",
		ShortName:   "gowx",
		Title:       "gowx — WeChat JS-SDK in Go",
		Description: "Every jweixin interface, typed, from Go.",
		Icon:        app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", Maskable: "/web/icon-512.png", SVG: "/web/icon.svg"},
		Styles:      []string{"/web/app.css"},
		Scripts:     scripts,
		Env:         env,
		Resources:   server.WebResources{},
	}
	if web := site.Web(); web != nil {
		// app.wasm travels compressed: the loader's progress counts raw bytes.
		page.WasmContentLength = web.WasmContentLength()
	}
	return page
}
