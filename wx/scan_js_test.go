//go:build js && wasm

package wx

import (
	"context"
	"testing"
)

func TestScanQRCodeInBrowser(t *testing.T) {
	testInBrowser(t, []browserCase{
		{"defaults", APIScanQRCode, func(ctx context.Context) error { return awaitErr(sdk.ScanQRCode(ctx, ScanQRCodeOptions{})) },
			map[string]any{"needResult": 0.0, "scanType": []any{"qrCode", "barCode"}}},
		{"options", APIScanQRCode, func(ctx context.Context) error {
			return awaitErr(sdk.ScanQRCode(ctx, ScanQRCodeOptions{NeedResult: true, ScanType: []ScanType{ScanQRCode}}))
		}, map[string]any{"needResult": 1.0, "scanType": []any{"qrCode"}}},
	})

	ctx := context.Background()
	for _, flavour := range []string{"android", "ios"} {
		t.Run(flavour, func(t *testing.T) {
			withFlavour(t, flavour)
			got, err := await(t, sdk.ScanQRCode(ctx, ScanQRCodeOptions{}))
			if err != nil || got.ResultStr != "" {
				t.Fatalf("WeChat handles the result: %+v, %v", got, err)
			}
			got, err = await(t, sdk.ScanQRCode(ctx, ScanQRCodeOptions{NeedResult: true}))
			if err != nil || got.ResultStr != "https://weixin.qq.com/r/gowx-fake" {
				t.Fatalf("QR code: %+v, %v", got, err)
			}
			// On iOS jweixin unwraps the client's JSON.
			if res := pageResult(t, APIScanQRCode)["resultStr"]; res != "https://weixin.qq.com/r/gowx-fake" {
				t.Fatalf("the page received resultStr %q", res)
			}
			got, err = await(t, sdk.ScanQRCode(ctx, ScanQRCodeOptions{NeedResult: true, ScanType: []ScanType{ScanBarCode}}))
			format, code, ok := got.Barcode()
			if err != nil || format != "EAN_13" || code != "6901234567892" || !ok {
				t.Fatalf("bar code: %+v, %v", got, err)
			}
		})
	}
}
