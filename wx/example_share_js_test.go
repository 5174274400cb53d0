//go:build js && wasm

package wx_test

import (
	"context"
	"fmt"

	"github.com/gowx/gowx/wx"
)

// Setting what the menu's share items share, once configuration is done
// and before the user opens the menu.
func ExampleSDK_UpdateAppMessageShareData() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	friend := sdk.UpdateAppMessageShareData(ctx, wx.UpdateAppMessageShareDataOptions{
		Title:  "gowx",
		Desc:   "Typed Go for WeChat pages",
		Link:   "https://example.com/",
		ImgURL: "https://example.com/icon.png",
	})
	moments := sdk.UpdateTimelineShareData(ctx, wx.UpdateTimelineShareDataOptions{
		Title:  "gowx: typed Go for WeChat pages",
		Link:   "https://example.com/",
		ImgURL: "https://example.com/icon.png",
	})
	for _, f := range []*wx.Future[struct{}]{friend, moments} {
		if _, err := f.Await(ctx); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println("share content set")
	// Output: share content set
}

// The older listeners report each share the user makes from the menu.
func ExampleSDK_OnMenuShareAppMessage() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	shares := sdk.OnMenuShareAppMessage(ctx, wx.MenuShareAppMessageOptions{
		Title: "gowx",
		Desc:  "Typed Go for WeChat pages",
	})
	defer shares.Stop()
	// A goroutine of the page reads the outcomes:
	//	for e := range shares.Events() {
	//		if errors.Is(e.Err, wx.ErrCancel) { … }
	//	}
	fmt.Println("listening:", shares.Err() == nil)
	// Output: listening: true
}
