package wechatfake_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

func ExampleNewServer() {
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "secret", Domains: []string{"example.com"}})
	if err != nil {
		panic(err)
	}
	defer fake.Close()
	client := &wechat.Client{BaseURL: fake.URL, AppID: "wxapp", Secret: "secret"}

	// WeChat is busy for the next call.
	fake.Inject(wechat.PathToken, wechatfake.Fault{Errcode: -1, Times: 1})
	_, err = client.AccessToken(context.Background())
	fmt.Println(errors.Is(err, wechat.ErrBusy))
	_, err = client.AccessToken(context.Background())
	fmt.Println(err, fake.Calls()[wechat.PathToken])
	// Output:
	// true
	// <nil> 2
}
