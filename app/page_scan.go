package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

// scanned is what the scan page shows of a result: the text, and the
// barcode's format and code when it read a barcode.
type scanned struct {
	ResultStr string
	Barcode   *barcode `json:"barcode,omitempty"`
}

type barcode struct {
	Format string `json:"format"`
	Code   string `json:"code"`
}

// scanPage: WeChat's QR code and barcode scanner.
func scanPage() group {
	return group{path: "scan", title: "Scan", zh: "微信扫一扫",
		about: "WeChat's QR code and barcode scanner.",
		specs: []spec{
			call[wx.ScanQRCodeResult]{api: wx.APIScanQRCode,
				fields: []field{
					{name: "needResult", label: "needResult (return the text)", kind: boolField, value: "true"},
					{name: "scanType", label: "scanType (qrCode, barCode)", kind: listField},
				},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.ScanQRCodeResult, error) {
					return sdk.ScanQRCode(ctx, wx.ScanQRCodeOptions{NeedResult: v.flag("needResult"), ScanType: listOf[wx.ScanType](v, "scanType")}).Await(ctx)
				},
				text: func(res wx.ScanQRCodeResult) string {
					s := scanned{ResultStr: res.ResultStr}
					if format, code, ok := res.Barcode(); ok {
						s.Barcode = &barcode{Format: format, Code: code}
					}
					return jsonText(s)
				},
			}.spec(),
		}}
}
