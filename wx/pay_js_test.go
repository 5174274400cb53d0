//go:build js && wasm

package wx

import (
	"context"
	"testing"
)

func TestPayInBrowser(t *testing.T) {
	// jweixin sends the timestamp as the string timeStamp; appId, which it
	// forces to the configuration's, is among the verification fields the
	// log leaves out.
	args := map[string]any{"timeStamp": "1700000000", "nonceStr": "n", "package": "prepay_id=wx201410272009395522657a690389285100", "signType": "RSA", "paySign": "sig"}
	testInBrowser(t, []browserCase{
		{"chooseWXPay", APIChooseWXPay, func(ctx context.Context) error { return awaitErr(sdk.ChooseWXPay(ctx, payRequest)) }, args},
		{"openEnterpriseRedPacket", APIOpenEnterpriseRedPacket, func(ctx context.Context) error {
			return awaitErr(sdk.OpenEnterpriseRedPacket(ctx, payRequest))
		}, args},
	})
	resetFake(t)
	if _, err := await(t, sdk.ChooseWXPay(context.Background(), payRequest)); err != nil {
		t.Fatal(err)
	}
	if msg := pageResult(t, APIChooseWXPay)["errMsg"]; msg != "chooseWXPay:ok" {
		t.Fatalf("WeChat Pay's get_brand_wcpay_request:ok reached the page as %q", msg)
	}
}
