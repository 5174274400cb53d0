package credential_test

import (
	"context"
	"fmt"

	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

func ExampleNewAccount() {
	fake, _ := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "secret", Domains: []string{"example.com"}})
	defer fake.Close()

	client := &wechat.Client{BaseURL: fake.URL, AppID: "wxapp", Secret: "secret"}
	acct := credential.NewAccount(client, &store.Memory{}, credential.Options{})
	for range 3 {
		if _, err := acct.Ticket(context.Background(), wechat.TicketJSAPI); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(fake.Calls()[wechat.PathToken], "token fetch,", fake.Calls()[wechat.PathTicket], "ticket fetch")
	// Output: 1 token fetch, 1 ticket fetch
}

func ExampleNewCache() {
	fetches := 0
	c := credential.NewCache("greeting", func(context.Context) (credential.Credential, error) {
		fetches++
		return credential.Credential{Value: fmt.Sprint("hello #", fetches), Expiry: farFuture}, nil
	}, &store.Memory{}, credential.Options{})
	a, _ := c.Credential(context.Background())
	b, _ := c.Credential(context.Background())
	fmt.Println(a.Value, b.Value)
	// Output: hello #1 hello #1
}
