//go:build js && wasm

package wx_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/gowx/gowx/wx"
)

func ExampleSDK_ChooseWXPay() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	// The server prepared and signed the order (POST /wx/pay/params).
	order := wx.PayRequest{
		Timestamp: 1700000000,
		NonceStr:  "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
		Package:   "prepay_id=wx201410272009395522657a690389285100",
		SignType:  wx.SignRSA,
		PaySign:   "oR9d8PuhnIc+YZ8cBHFCwfgpaK9gd7vaRvkYD7rthRAZ",
	}
	_, err = sdk.ChooseWXPay(ctx, order).Await(ctx)
	switch {
	case errors.Is(err, wx.ErrCancel):
		fmt.Println("not paid: cancelled")
	case err != nil:
		fmt.Println("not paid:", err)
	default:
		fmt.Println("paid; the server confirms with WeChat Pay before shipping")
	}
	// Output: paid; the server confirms with WeChat Pay before shipping
}
