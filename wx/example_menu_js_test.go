//go:build js && wasm

package wx_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/gowx/gowx/wx"
)

func ExampleSDK_HideMenuItems() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Keep a private page from spreading: hide every share item and "Copy link".
	items := append(wx.MenuItems(wx.MenuGroupShare), wx.MenuItemCopyURL)
	_, err = sdk.HideMenuItems(ctx, items...).Await(ctx)
	fmt.Println("hidden:", len(items), err)
	// Basic items stay: WeChat cannot hide them.
	_, err = sdk.HideMenuItems(ctx, wx.MenuItemRefresh).Await(ctx)
	fmt.Println(errors.Is(err, wx.ErrBadOptions), wx.MenuItemRefresh.Group())
	// Output:
	// hidden: 8 <nil>
	// true basic
}
