package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

func ExampleNew() {
	// A fake WeChat stands in for api.weixin.qq.com.
	fake, _ := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "secret", Domains: []string{"example.com"}})
	defer fake.Close()

	client := &wechat.Client{BaseURL: fake.URL, AppID: "wxapp", Secret: "secret"}
	domains, _ := sign.ParseDomains([]string{"example.com"})
	api, err := server.New(server.Options{
		AppID:   "wxapp",
		Domains: domains,
		Tickets: credential.NewAccount(client, &store.Memory{}, credential.Options{}),
	})
	if err != nil {
		panic(err)
	}
	srv := httptest.NewServer(api)
	defer srv.Close()

	resp, err := http.Get(srv.URL + server.ConfigPath + "?url=" + url.QueryEscape("https://m.example.com/shop#/cart"))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var cfg server.ConfigResponse
	json.NewDecoder(resp.Body).Decode(&cfg)
	fmt.Println(resp.StatusCode, cfg.AppID, len(cfg.Signature))
	// Output: 200 wxapp 40
}

func ExampleNewHandler() {
	ctx := context.Background()
	// No AppID: demo mode, with a fake WeChat. A real deployment reads its
	// Config from the environment (ConfigFromEnv) or fills in AppID, Secret
	// and Domains.
	h, err := server.NewHandler(ctx, server.Config{}, server.HandlerOptions{
		Prefix:    "/api/wx/",
		PublicURL: "http://localhost:3000/", // the page, behind a dev proxy
		Authorize: server.Authorizers{
			// Pay only the caller's own orders; the session is the team's.
			Pay: func(r *http.Request, req server.PayRequest) (server.PayRequest, error) {
				if r.Header.Get("X-Order-Owner") == "" {
					return req, server.ErrUnauthorized
				}
				return req, nil
			},
		},
	})
	if err != nil {
		panic(err)
	}
	defer h.Close()

	mux := http.NewServeMux()
	mux.Handle("/api/wx/", h)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	resp, err := http.Get(srv.URL + h.ConfigPath() + "?url=" + url.QueryEscape("http://localhost:3000/cart"))
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, h.ConfigPath(), h.Demo)
	// Output: 200 /api/wx/config true
}

func ExampleServer_SignPay() {
	h, err := server.NewHandler(context.Background(), server.Config{}, server.HandlerOptions{PublicURL: "http://localhost:8000/"})
	if err != nil {
		panic(err)
	}
	defer h.Close()
	// In the back end's own order handler, right after WeChat Pay answered
	// the order's prepay_id: the page gets what chooseWXPay needs, and
	// never names the order to be signed.
	pay, err := h.API.SignPay(context.Background(), server.PayRequest{PrepayID: "wx201410272009395522657a690389285100"})
	if err != nil {
		panic(err)
	}
	fmt.Println(pay.SignType, pay.Package)
	// Output: RSA prepay_id=wx201410272009395522657a690389285100
}
