//go:build js && wasm

package wx_test

import (
	"context"
	"fmt"
	"os"

	"github.com/gowx/gowx/wx"
)

// Examples run in the browser tests, on a page the tests configured with
// the fake jWeixin; in a program, Load then SignedConfig first.

func ExampleSDK_GetNetworkType() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Callbacks instead of Await: they run on their own goroutine, in order.
	done := make(chan struct{})
	sdk.GetNetworkType(ctx).
		Success(func(r wx.GetNetworkTypeResult) { fmt.Println("network:", r.NetworkType) }).
		Fail(func(err error) { fmt.Println(err) }).
		Complete(func(error) { close(done) })
	<-done
	// Output: network: wifi
}

func ExampleSDK_SignedConfigWith() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The page's server signs (a gowx server's /wx/config); here the fake
	// WeChat's signer of the tests.
	endpoint := os.Getenv("WXFAKE_URL") + "/fake/control/sign"
	err = sdk.SignedConfigWith(ctx, endpoint, wx.SignedConfigOptions{
		JSAPIList:   wx.APIs(),
		OpenTagList: []wx.OpenTag{wx.OpenTagLaunchWeapp},
	})
	fmt.Println(err)
	// Output: <nil>
}
