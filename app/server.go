//go:build !wasm

package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wx/wxfake"
)

// The official jweixin script.
const jweixinURL = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js"

// Where demo mode mounts its fakes.
const (
	fakeWeChatPrefix = "/wechatfake"
	fakeScriptPath   = "/wxfake.js"
	demoAppID        = "wxgowxdemo"
)

// serve runs the server until SIGINT or SIGTERM.
func serve() {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if err := run(log); err != nil {
		log.Error("gowx stopped", "error", err.Error())
		os.Exit(1)
	}
}

func run(log *slog.Logger) error {
	cfg, err := server.ConfigFromEnv(os.Getenv)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	site, err := newSite(cfg, ln.Addr().(*net.TCPAddr), log)
	if err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{Handler: site.handler, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	mode := "real"
	if cfg.Demo() {
		mode = "demo"
	}
	log.Info("gowx serving", "url", site.url, "mode", mode, "domains", site.domains.String())
	fmt.Printf("gowx (%s mode) serving %s\n", mode, site.url)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// site is everything the binary serves.
type site struct {
	handler http.Handler
	url     string // where a browser finds the page
	domains sign.Domains
}

// newSite assembles the page, the signing API and, in demo mode, the fakes,
// for a server listening on addr.
func newSite(cfg server.Config, addr *net.TCPAddr, log *slog.Logger) (*site, error) {
	mux := http.NewServeMux()
	page := &app.Handler{
		Name:        "gowx",
		ShortName:   "gowx",
		Title:       "gowx — WeChat JS-SDK in Go",
		Description: "Every jweixin interface, typed, from Go.",
		Icon:        app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", Maskable: "/web/icon-512.png", SVG: "/web/icon.svg"},
		Styles:      []string{"/web/app.css"},
		Env:         map[string]string{},
	}
	client := &wechat.Client{BaseURL: cfg.APIBase, AppID: cfg.AppID, Secret: cfg.Secret}
	domains := cfg.Domains
	s := &site{url: fmt.Sprintf("http://%s/", addr)}

	if cfg.Demo() {
		// WeChat accepts no IP host: the demo's JS safe domain is localhost, with the port.
		host := "localhost"
		if addr.Port != 80 {
			host = fmt.Sprintf("localhost:%d", addr.Port)
		}
		domains = []string{host}
		s.url = "http://" + host + "/"
		secret := make([]byte, 16)
		rand.Read(secret)
		fake, err := wechatfake.New(wechatfake.Config{AppID: demoAppID, Secret: hex.EncodeToString(secret), Domains: domains})
		if err != nil {
			return nil, err
		}
		mux.Handle(fakeWeChatPrefix+"/", http.StripPrefix(fakeWeChatPrefix, fake))
		mux.Handle("GET "+fakeScriptPath, wxfake.Handler())
		// The server reaches the fake WeChat over real HTTP, on loopback.
		loop := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: addr.Port}
		if addr.IP.To4() == nil && !addr.IP.IsUnspecified() {
			loop = &net.TCPAddr{IP: net.IPv6loopback, Port: addr.Port}
		}
		client = &wechat.Client{BaseURL: "http://" + loop.String() + fakeWeChatPrefix, AppID: demoAppID, Secret: hex.EncodeToString(secret)}
		page.Scripts = []string{fakeScriptPath + "?verify=" + fakeWeChatPrefix + wechatfake.VerifyPath}
		page.Env["GOWX_DEMO"] = "1"
	} else {
		page.Scripts = []string{jweixinURL}
	}

	d, err := sign.ParseDomains(domains)
	if err != nil {
		return nil, err
	}
	s.domains = d
	acct := credential.NewAccount(client, &store.Memory{}, credential.Options{})
	api, err := server.New(server.Options{AppID: client.AppID, Domains: d, Tickets: acct, Logger: log})
	if err != nil {
		return nil, err
	}
	mux.Handle("/wx/", api)
	mux.Handle("/", page)
	s.handler = mux
	return s, nil
}
