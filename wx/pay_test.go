package wx

import (
	"context"
	"errors"
	"testing"
)

var payRequest = PayRequest{Timestamp: 1700000000, NonceStr: "n", Package: "prepay_id=wx201410272009395522657a690389285100", SignType: SignRSA, PaySign: "sig"}

func TestPayArgs(t *testing.T) {
	want := map[string]any{"timestamp": 1700000000.0, "nonceStr": "n", "package": "prepay_id=wx201410272009395522657a690389285100", "signType": "RSA", "paySign": "sig"}
	hmac := payRequest
	hmac.SignType = SignHMACSHA256
	wantHMAC := map[string]any{"timestamp": 1700000000.0, "nonceStr": "n", "package": "prepay_id=wx201410272009395522657a690389285100", "signType": "HMAC-SHA256", "paySign": "sig"}
	testCalls(t, []callCase{
		{"chooseWXPay", callWith((*SDK).ChooseWXPay, payRequest), "chooseWXPay", want},
		{"chooseWXPay, API v2", callWith((*SDK).ChooseWXPay, hmac), "chooseWXPay", wantHMAC},
		{"openEnterpriseRedPacket", callWith((*SDK).OpenEnterpriseRedPacket, payRequest), "openEnterpriseRedPacket", want},
	})
	unsigned := payRequest
	unsigned.SignType = ""
	with := func(change func(*PayRequest)) func(context.Context, *SDK) error {
		r := payRequest
		change(&r)
		return callWith((*SDK).ChooseWXPay, r)
	}
	testRefusals(t, []refusalCase{
		{"no SignType", with(func(r *PayRequest) { r.SignType = "" }), "missing SignType: jweixin would send SHA1"},
		{"SHA1", with(func(r *PayRequest) { r.SignType = SignSHA1 }), `SignType "SHA1" is not one of "RSA", "HMAC-SHA256", "MD5"`},
		{"lower case", with(func(r *PayRequest) { r.SignType = "md5" }), `SignType "md5"`},
		{"nothing", with(func(r *PayRequest) { *r = PayRequest{SignType: SignMD5} }), "missing Timestamp, NonceStr, Package, PaySign"},
		{"red packet, no SignType", callWith((*SDK).OpenEnterpriseRedPacket, unsigned), "openEnterpriseRedPacket: invalid options: missing SignType"},
	})
}

func TestPayOutcomes(t *testing.T) {
	call := func(ctx context.Context, s *SDK) *Future[struct{}] { return s.ChooseWXPay(ctx, payRequest) }
	testDecode(t, call, []decodeCase[struct{}]{
		{"paid", `{"errMsg":"chooseWXPay:ok"}`, struct{}{}, nil},
		{"cancel", `{"errMsg":"chooseWXPay:cancel"}`, struct{}{}, ErrCancel},
		{"fail", `{"errMsg":"chooseWXPay:fail"}`, struct{}{}, ErrFailed},
		{"anything else is not paid", `{"errMsg":"chooseWXPay:confirm later"}`, struct{}{}, ErrFailed},
	})
	s, b := allConfigured(t)
	b.answer = func(string, map[string]any) (string, bool) {
		return `{"errMsg":"chooseWXPay:fail","err_desc":"x"}`, true
	}
	var we *Error
	if err := awaitErr(s.ChooseWXPay(context.Background(), payRequest)); !errors.As(err, &we) || we.API != APIChooseWXPay || we.Status != "fail" {
		t.Fatalf("err = %#v", err)
	}
}
