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

// pageHandler is the go-app page for the site: it loads the site's jweixin (the
// fake one in demo mode) and knows whether it runs in demo mode. The site
// serves the page's static files itself (web/, confined to it): the page's
// Resources only name them.
func pageHandler(site *server.Site) http.Handler {
	env := map[string]string{}
	if site.Demo {
		env["GOWX_DEMO"] = "1"
		env["GOWX_SDK"] = site.SDK
	}
	page := &app.Handler{
		Name:        "gowx",
		ShortName:   "gowx",
		Title:       "gowx — WeChat JS-SDK in Go",
		Description: "Every jweixin interface, typed, from Go.",
		Icon:        app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", Maskable: "/web/icon-512.png", SVG: "/web/icon.svg"},
		Styles:      []string{"/web/app.css"},
		Scripts:     site.Scripts,
		Env:         env,
		Resources:   server.WebResources{},
	}
	if web := site.Web(); web != nil {
		// app.wasm travels compressed: the loader's progress counts raw bytes.
		page.WasmContentLength = web.WasmContentLength()
	}
	return page
}
