package server_test

import (
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
