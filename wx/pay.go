package wx

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/gowx/gowx/wire"
)

// SignType is how a signed request (a payment, a card list) was signed.
type SignType string

// Signature methods.
const (
	// SignRSA: WeChat Pay API v3 (SHA256 with RSA).
	SignRSA SignType = wire.SignTypeRSA
	// SignHMACSHA256: WeChat Pay API v2.
	SignHMACSHA256 SignType = wire.SignTypeHMACSHA256
	// SignMD5: WeChat Pay API v2.
	SignMD5 SignType = wire.SignTypeMD5
	// SignSHA1: the card interfaces' only method (jweixin's default for
	// payments too, which WeChat Pay no longer accepts).
	SignSHA1 SignType = "SHA1"
)

// PayRequest is a payment the server prepared and signed (package server's
// POST /wx/pay/params), for ChooseWXPay and OpenEnterpriseRedPacket. Every
// field is required.
type PayRequest struct {
	// Timestamp is the signing time, in seconds since 1970.
	Timestamp int64
	NonceStr  string
	// Package is the order, as "prepay_id=…" for a payment.
	Package string
	// SignType is how PaySign was made: SignRSA (v3), SignHMACSHA256 or
	// SignMD5 (v2). jweixin would default to SHA1, which WeChat Pay
	// refuses, so it must be given.
	SignType SignType
	PaySign  string
}

// PayRequestOf is the PayRequest of the parameters a server signed (the
// answer of a gowx server's pay endpoint, or of a back end's order
// handler that called its SignPay): no field to copy by hand.
func PayRequestOf(p wire.PayParams) (PayRequest, error) {
	ts, err := strconv.ParseInt(p.TimeStamp, 10, 64)
	if err != nil || ts <= 0 {
		return PayRequest{}, badOptions(APIChooseWXPay, "the server's timeStamp %q is not a time in seconds", p.TimeStamp)
	}
	return PayRequest{Timestamp: ts, NonceStr: p.NonceStr, Package: p.Package, SignType: SignType(p.SignType), PaySign: p.PaySign}, nil
}

// UnmarshalJSON decodes the parameters as a server sends them (package
// wire's PayParams: timeStamp a string, as jweixin names it), so that a
// page decodes its server's answer straight into a PayRequest.
func (r *PayRequest) UnmarshalJSON(b []byte) error {
	var p wire.PayParams
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	req, err := PayRequestOf(p)
	if err != nil {
		return err
	}
	*r = req
	return nil
}

// ChooseWXPay opens WeChat Pay for the request (wx.chooseWXPay). Only a nil
// error means the user paid; errors.Is(err, ErrCancel) when they cancelled.
// The client's word is not proof: confirm the payment on the server (its
// notification or an order query) before delivering.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#59
func (s *SDK) ChooseWXPay(ctx context.Context, r PayRequest) *Future[struct{}] {
	return s.pay(ctx, APIChooseWXPay, r)
}

// OpenEnterpriseRedPacket opens an enterprise red packet for the user to
// receive (wx.openEnterpriseRedPacket); r is signed as for a payment.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#58
func (s *SDK) OpenEnterpriseRedPacket(ctx context.Context, r PayRequest) *Future[struct{}] {
	return s.pay(ctx, APIOpenEnterpriseRedPacket, r)
}

// pay checks r and makes the call; jweixin sends the timestamp as the
// string timeStamp and replaces appId with the configuration's.
func (s *SDK) pay(ctx context.Context, api API, r PayRequest) *Future[struct{}] {
	err := firstErr(
		requireOptions(api, need{"Timestamp", r.Timestamp > 0}, need{"NonceStr", r.NonceStr != ""}, need{"Package", r.Package != ""}, need{"PaySign", r.PaySign != ""}),
		checkPaySignType(api, r.SignType),
	)
	if err != nil {
		return settled(struct{}{}, err)
	}
	return s.command(ctx, api, map[string]any{
		"timestamp": r.Timestamp,
		"nonceStr":  r.NonceStr,
		"package":   r.Package,
		"signType":  r.SignType,
		"paySign":   r.PaySign,
	})
}

// checkPaySignType requires a method WeChat Pay accepts: jweixin's default,
// SHA1, is not one.
func checkPaySignType(api API, t SignType) error {
	if t == "" {
		return badOptions(api, "missing SignType: jweixin would send SHA1, which WeChat Pay refuses; give %s (API v3), %s or %s (v2)", SignRSA, SignHMACSHA256, SignMD5)
	}
	return checkEnum(api, "SignType", t, SignRSA, SignHMACSHA256, SignMD5)
}
