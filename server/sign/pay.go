package sign

import (
	"crypto"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"strings"

	"github.com/gowx/gowx/wire"
)

// PayParams are the arguments of wx.chooseWXPay besides the callbacks,
// with jweixin's names (package wire's).
type PayParams = wire.PayParams

// payPackage is the package of a JSAPI payment: the prepay_id WeChat Pay
// returned for the order.
func payPackage(prepayID string) string { return "prepay_id=" + prepayID }

// PayV3String is the message WeChat Pay API v3 signs for chooseWXPay: appId,
// timeStamp, nonceStr and package, each followed by a newline.
func PayV3String(appID string, timestamp int64, nonceStr, prepayID string) string {
	return appID + "\n" + strconv.FormatInt(timestamp, 10) + "\n" + nonceStr + "\n" + payPackage(prepayID) + "\n"
}

// PayV3 returns the chooseWXPay parameters of WeChat Pay API v3 for an
// order's prepay_id: paySign is the base64 RSA-SHA256 (PKCS #1 v1.5)
// signature of PayV3String made with the merchant's private key, and
// signType is "RSA".
func PayV3(key *rsa.PrivateKey, appID string, timestamp int64, nonceStr, prepayID string) (PayParams, error) {
	if key == nil {
		return PayParams{}, errors.New("sign: no merchant private key")
	}
	sum := sha256.Sum256([]byte(PayV3String(appID, timestamp, nonceStr, prepayID)))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:])
	if err != nil {
		return PayParams{}, fmt.Errorf("sign: paySign: %w", err)
	}
	return PayParams{
		AppID: appID, TimeStamp: strconv.FormatInt(timestamp, 10), NonceStr: nonceStr,
		Package: payPackage(prepayID), SignType: "RSA", PaySign: base64.StdEncoding.EncodeToString(sig),
	}, nil
}

// PayV2Method is a signType of WeChat Pay API v2.
type PayV2Method string

// The signTypes of WeChat Pay API v2.
const (
	PayV2MD5        PayV2Method = "MD5"
	PayV2HMACSHA256 PayV2Method = "HMAC-SHA256"
)

// PayV2 returns the chooseWXPay parameters of WeChat Pay API v2 for an
// order's prepay_id, signed with the merchant's API key by method.
func PayV2(apiKey string, method PayV2Method, appID string, timestamp int64, nonceStr, prepayID string) (PayParams, error) {
	if apiKey == "" {
		return PayParams{}, errors.New("sign: no merchant API key")
	}
	p := PayParams{
		AppID: appID, TimeStamp: strconv.FormatInt(timestamp, 10), NonceStr: nonceStr,
		Package: payPackage(prepayID), SignType: string(method),
	}
	var err error
	p.PaySign, err = PayV2Sign(map[string]string{
		"appId": p.AppID, "timeStamp": p.TimeStamp, "nonceStr": p.NonceStr, "package": p.Package, "signType": p.SignType,
	}, apiKey, method)
	return p, err
}

// PayV2String is what WeChat Pay API v2 signs: the non-empty parameters as
// name=value, names in ASCII order, joined with '&', then "&key=" and the API
// key. The sign parameter itself never takes part.
func PayV2String(params map[string]string, apiKey string) string {
	names := make([]string, 0, len(params))
	for k, v := range params {
		if v != "" && k != "sign" && k != "paySign" {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	var b strings.Builder
	for _, k := range names {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(params[k])
		b.WriteByte('&')
	}
	b.WriteString("key=")
	b.WriteString(apiKey)
	return b.String()
}

// PayV2Sign signs params as WeChat Pay API v2 does: the MD5 or the
// HMAC-SHA256 (keyed with apiKey) of PayV2String, in upper-case hex.
func PayV2Sign(params map[string]string, apiKey string, method PayV2Method) (string, error) {
	var h hash.Hash
	switch method {
	case PayV2MD5:
		h = md5.New()
	case PayV2HMACSHA256:
		h = hmac.New(sha256.New, []byte(apiKey))
	default:
		return "", fmt.Errorf("sign: unknown WeChat Pay v2 signType %q", method)
	}
	h.Write([]byte(PayV2String(params, apiKey)))
	return strings.ToUpper(hex.EncodeToString(h.Sum(nil))), nil
}
