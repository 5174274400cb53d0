package wx

import (
	"context"
	"encoding/json"
	"strings"
)

// ScanType is a kind of code the scanner reads.
type ScanType string

// Scan types.
const (
	ScanQRCode  ScanType = "qrCode"  // two-dimensional codes
	ScanBarCode ScanType = "barCode" // one-dimensional bar codes
)

// ScanQRCodeOptions are the options of ScanQRCode. The zero value takes
// jweixin's defaults: either kind of code, and WeChat handles the result.
type ScanQRCodeOptions struct {
	// NeedResult returns the scanned text to the page. False (jweixin's
	// default) lets WeChat handle it, opening a URL for instance, and
	// ResultStr stays empty.
	NeedResult bool
	// ScanType lists the kinds of code to read; empty means both.
	ScanType []ScanType
}

// ScanQRCodeResult is what ScanQRCode returns.
type ScanQRCodeResult struct {
	// ResultStr is the scanned text, exactly as WeChat gives it, when
	// NeedResult was set. A bar code comes with its format, as in
	// "EAN_13,6901234567892": Barcode splits it.
	ResultStr string
}

// barcodeFormats are the formats WeChat names before a scanned code (the
// ZXing names).
var barcodeFormats = map[string]bool{
	"EAN_8": true, "EAN_13": true, "UPC_A": true, "UPC_E": true, "UPC_EAN_EXTENSION": true,
	"CODE_39": true, "CODE_93": true, "CODE_128": true, "CODABAR": true, "ITF": true,
	"RSS_14": true, "RSS_EXPANDED": true, "QR_CODE": true, "DATA_MATRIX": true,
	"PDF_417": true, "AZTEC": true, "MAXICODE": true,
}

// Barcode splits a result of the form "<format>,<code>" (such as
// "EAN_13,6901234567892") into its format and code; ok is false, and code
// the whole text, when the text does not start with a known format (a QR
// code's text usually does not).
func (r ScanQRCodeResult) Barcode() (format, code string, ok bool) {
	f, c, found := strings.Cut(r.ResultStr, ",")
	if found && barcodeFormats[strings.TrimSpace(f)] {
		return strings.TrimSpace(f), strings.TrimSpace(c), true
	}
	return "", r.ResultStr, false
}

// ScanQRCode opens WeChat's scanner (wx.scanQRCode).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#52
func (s *SDK) ScanQRCode(ctx context.Context, o ScanQRCodeOptions) *Future[ScanQRCodeResult] {
	for _, t := range o.ScanType {
		if err := checkEnum(APIScanQRCode, "ScanType", t, ScanQRCode, ScanBarCode); err != nil {
			return settled(ScanQRCodeResult{}, err)
		}
	}
	args := map[string]any{}
	if o.NeedResult {
		args["needResult"] = 1
	}
	if len(o.ScanType) > 0 {
		args["scanType"] = o.ScanType
	}
	return invoke(ctx, s, APIScanQRCode, args, func(res []byte) (ScanQRCodeResult, error) {
		w, err := decodeJSON[struct {
			ResultStr text `json:"resultStr"`
		}](res)
		return ScanQRCodeResult{ResultStr: unwrapScanCode(string(w.ResultStr))}, err
	})
}

// unwrapScanCode returns the scanned text of the iOS client's JSON answer
// ({"scan_code":{"scan_result":…}}), which jweixin unwraps only when it
// recognises an iPhone or iPad; any other text is returned as it is.
func unwrapScanCode(s string) string {
	if !strings.HasPrefix(strings.TrimSpace(s), "{") {
		return s
	}
	var w struct {
		ScanCode *struct {
			ScanResult *text `json:"scan_result"`
		} `json:"scan_code"`
	}
	if json.Unmarshal([]byte(s), &w) != nil || w.ScanCode == nil || w.ScanCode.ScanResult == nil {
		return s
	}
	return string(*w.ScanCode.ScanResult)
}
