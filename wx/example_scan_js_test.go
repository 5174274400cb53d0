//go:build js && wasm

package wx_test

import (
	"context"
	"fmt"

	"github.com/gowx/gowx/wx"
)

func ExampleSDK_ScanQRCode() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Read a product's bar code and keep the result for the page.
	res, err := sdk.ScanQRCode(ctx, wx.ScanQRCodeOptions{NeedResult: true, ScanType: []wx.ScanType{wx.ScanBarCode}}).Await(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	if format, code, ok := res.Barcode(); ok {
		fmt.Println(format, code)
	}
	// Output: EAN_13 6901234567892
}
