//go:build js && wasm

package wx_test

import (
	"context"
	"fmt"

	"github.com/gowx/gowx/wx"
)

func ExampleSDK_CheckJSAPI() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Ask before offering a feature an old client may lack.
	has, err := sdk.CheckJSAPI(ctx, wx.APIChooseWXPay, wx.APIOpenAddress).Await(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("pay:", has[wx.APIChooseWXPay], "address:", has[wx.APIOpenAddress])
	// Output: pay: true address: true
}
