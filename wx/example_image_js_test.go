//go:build js && wasm

package wx_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gowx/gowx/wx"
)

func ExampleSDK_ChooseImage() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err := sdk.ChooseImage(ctx, wx.ChooseImageOptions{Count: 1, SourceType: []wx.SourceType{wx.SourceCamera}}).Await(ctx)
	switch {
	case errors.Is(err, wx.ErrCancel):
		fmt.Println("cancelled")
	case err != nil:
		fmt.Println(err)
	default:
		fmt.Println("images:", len(img.LocalIDs))
	}
	// Output: images: 1
}

// Showing a chosen image: iOS cannot load a localId in an <img>, so read
// its data and use the data URL everywhere.
func ExampleSDK_GetLocalImgData() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err := sdk.ChooseImage(ctx, wx.ChooseImageOptions{Count: 1}).Await(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	data, err := sdk.GetLocalImgData(ctx, wx.GetLocalImgDataOptions{LocalID: img.LocalIDs[0]}).Await(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	src := data.DataURL() // for <img src=…>
	fmt.Println(src[:strings.Index(src, ",")])
	// Output: data:image/png;base64
}

// Sending a photo to the page's server: upload it, then have the server
// fetch the media_id from WeChat's media API within 3 days.
func ExampleSDK_UploadImage() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err := sdk.ChooseImage(ctx, wx.ChooseImageOptions{Count: 1}).Await(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Upload one image at a time: WeChat handles one upload in flight.
	up, err := sdk.UploadImage(ctx, wx.UploadOptions{LocalID: img.LocalIDs[0]}).Await(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("uploaded:", up.ServerID != "")
	// Output: uploaded: true
}
