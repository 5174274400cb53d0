package wx

import (
	"context"
	"testing"
)

func TestScanQRCodeArgs(t *testing.T) {
	testCalls(t, []callCase{
		{"zero: jweixin's defaults", callWith((*SDK).ScanQRCode, ScanQRCodeOptions{}), "scanQRCode", nil},
		{"NeedResult", callWith((*SDK).ScanQRCode, ScanQRCodeOptions{NeedResult: true}), "scanQRCode", map[string]any{"needResult": 1.0}},
		{"ScanType", callWith((*SDK).ScanQRCode, ScanQRCodeOptions{ScanType: []ScanType{ScanBarCode}}), "scanQRCode", map[string]any{"scanType": []any{"barCode"}}},
	})
	testRefusals(t, []refusalCase{
		{"unknown ScanType", callWith((*SDK).ScanQRCode, ScanQRCodeOptions{ScanType: []ScanType{ScanQRCode, "dataMatrix"}}), `ScanType "dataMatrix"`},
	})
}

func TestScanQRCodeResults(t *testing.T) {
	call := func(ctx context.Context, s *SDK) *Future[ScanQRCodeResult] {
		return s.ScanQRCode(ctx, ScanQRCodeOptions{NeedResult: true})
	}
	testDecode(t, call, []decodeCase[ScanQRCodeResult]{
		{"Android text", `{"errMsg":"scanQRCode:ok","resultStr":"https://example.com/q?a=1"}`, ScanQRCodeResult{"https://example.com/q?a=1"}, nil},
		{"iOS, unwrapped by jweixin", `{"errMsg":"scanQRCode:ok","resultStr":"EAN_13,6901234567892"}`, ScanQRCodeResult{"EAN_13,6901234567892"}, nil},
		{"iOS JSON jweixin left wrapped", `{"errMsg":"scanQRCode:ok","resultStr":"{\"scan_code\":{\"scan_result\":\"https://example.com/x\"}}"}`, ScanQRCodeResult{"https://example.com/x"}, nil},
		{"JSON text that is no wrapping", `{"errMsg":"scanQRCode:ok","resultStr":"{\"a\":1}"}`, ScanQRCodeResult{`{"a":1}`}, nil},
		{"not JSON after a brace", `{"errMsg":"scanQRCode:ok","resultStr":"{hello"}`, ScanQRCodeResult{"{hello"}, nil},
		{"a number", `{"errMsg":"scanQRCode:ok","resultStr":6901234567892}`, ScanQRCodeResult{"6901234567892"}, nil},
		{"WeChat handled it", `{"errMsg":"scanQRCode:ok"}`, ScanQRCodeResult{}, nil},
		{"cancel", `{"errMsg":"scanQRCode:cancel"}`, ScanQRCodeResult{}, ErrCancel},
		{"fail", `{"errMsg":"scanQRCode:fail"}`, ScanQRCodeResult{}, ErrFailed},
	})
}

func TestScanBarcode(t *testing.T) {
	tests := []struct {
		in           string
		format, code string
		ok           bool
	}{
		{"EAN_13,6901234567892", "EAN_13", "6901234567892", true},
		{"CODE_128, ABC-123 ", "CODE_128", "ABC-123", true},
		{"QR_CODE,https://example.com/?a=1,2", "QR_CODE", "https://example.com/?a=1,2", true},
		{"https://example.com/?a=1,2", "", "https://example.com/?a=1,2", false},
		{"HELLO,world", "", "HELLO,world", false},
		{"6901234567892", "", "6901234567892", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		format, code, ok := ScanQRCodeResult{ResultStr: tt.in}.Barcode()
		if format != tt.format || code != tt.code || ok != tt.ok {
			t.Errorf("Barcode(%q) = %q, %q, %v; want %q, %q, %v", tt.in, format, code, ok, tt.format, tt.code, tt.ok)
		}
	}
}
