//go:build js && wasm

package wx_test

import (
	"context"
	"fmt"

	"github.com/gowx/gowx/wx"
)

func ExampleMiniProgram() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	mp := sdk.MiniProgram()
	env, err := mp.GetEnv(ctx).Await(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	if !env.MiniProgram {
		fmt.Println("an ordinary WeChat page")
	}
	// In a mini program's web-view: hand the mini program a result, and go back to it.
	if _, err := mp.PostMessage(ctx, map[string]string{"order": "o1"}).Await(ctx); err != nil {
		fmt.Println(err)
	}
	_, err = mp.NavigateBack(ctx, 1).Await(ctx)
	fmt.Println("back:", err == nil)
	// Output:
	// an ordinary WeChat page
	// back: true
}
