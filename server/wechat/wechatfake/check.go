package wechatfake

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
)

// CheckPath (POST a CheckRequest) answers the fake client's checks of the
// signatures a call carries, before it shows the user anything: the
// paySign of chooseWXPay and openEnterpriseRedPacket, the cardExt
// signatures of addCard and the cardSign of chooseCard. CORS is open.
const CheckPath = "/fake/jsapi/check"

// Merchant is the WeChat Pay merchant the official account pays with, as
// the fake WeChat knows it: what checks a payment's paySign.
type Merchant struct {
	// V3 is the public key of the merchant's API v3 private key, which
	// signs "RSA" payments.
	V3 *rsa.PublicKey
	// V2 is the merchant's API v2 key, which signs "MD5" and "HMAC-SHA256"
	// payments.
	V2 string
}

// ErrInvalidSignature is what the checks return for a signature WeChat
// would refuse.
var ErrInvalidSignature = errors.New("wechatfake: invalid signature")

// ErrWrongPayer is what CheckPay returns for an order that is not the
// client's user's to pay.
var ErrWrongPayer = errors.New("wechatfake: the order's payer is not the user")

// CheckPay checks a payment as WeChat does before showing it: the AppID
// the account's, the signature the merchant's (RSA with the v3 key; MD5
// or HMAC-SHA256 with the v2 key), and, for an order the fake created,
// its payer.openid the openid of the user at the client (Config.User),
// who may not be a snapshot page's visitor. Without Config.Merchant every
// payment passes.
func (f *Fake) CheckPay(p sign.PayParams) error {
	if err := f.checkPaySign(p); err != nil || f.cfg.Merchant == nil {
		return err
	}
	prepay, _ := strings.CutPrefix(p.Package, "prepay_id=")
	o, ok := f.Order(prepay)
	if !ok {
		return nil
	}
	u := f.User()
	if u.Snapshot || o.Payer.OpenID != u.OpenID {
		return fmt.Errorf("%w: order %s is for %s", ErrWrongPayer, o.OutTradeNo, o.Payer.OpenID)
	}
	return nil
}

func (f *Fake) checkPaySign(p sign.PayParams) error {
	m := f.cfg.Merchant
	if m == nil {
		return nil
	}
	if p.AppID != f.cfg.AppID {
		return fmt.Errorf("%w: appId %q is not the account's", ErrInvalidSignature, p.AppID)
	}
	switch p.SignType {
	case "RSA":
		ts, err := strconv.ParseInt(p.TimeStamp, 10, 64)
		prepay, ok := strings.CutPrefix(p.Package, "prepay_id=")
		sig, err2 := base64.StdEncoding.DecodeString(p.PaySign)
		if m.V3 == nil || err != nil || !ok || err2 != nil {
			return fmt.Errorf("%w: not a v3 payment of this merchant", ErrInvalidSignature)
		}
		sum := sha256.Sum256([]byte(sign.PayV3String(p.AppID, ts, p.NonceStr, prepay)))
		if rsa.VerifyPKCS1v15(m.V3, crypto.SHA256, sum[:], sig) != nil {
			return fmt.Errorf("%w: paySign", ErrInvalidSignature)
		}
		return nil
	case string(sign.PayV2MD5), string(sign.PayV2HMACSHA256):
		if m.V2 == "" {
			return fmt.Errorf("%w: the merchant has no v2 key", ErrInvalidSignature)
		}
		want, err := sign.PayV2Sign(map[string]string{
			"appId": p.AppID, "timeStamp": p.TimeStamp, "nonceStr": p.NonceStr, "package": p.Package, "signType": p.SignType,
		}, m.V2, sign.PayV2Method(p.SignType))
		if err != nil || subtle.ConstantTimeCompare([]byte(want), []byte(p.PaySign)) != 1 {
			return fmt.Errorf("%w: paySign", ErrInvalidSignature)
		}
		return nil
	}
	return fmt.Errorf("%w: signType %q", ErrInvalidSignature, p.SignType)
}

// CardExt is the JSON object in an addCard cardExt, as the fake reads it.
type CardExt struct {
	Code      string `json:"code"`
	OpenID    string `json:"openid"`
	Timestamp string `json:"timestamp"`
	NonceStr  string `json:"nonce_str"`
	Signature string `json:"signature"`
}

// CheckCardExt checks the cardExt of one card of addCard: a JSON object
// whose signature a card api_ticket the fake issued (and has not revoked)
// makes over the card, its code and openid, the timestamp and the nonce.
// Unless Config.CheckCards is set every card passes.
func (f *Fake) CheckCardExt(cardID, cardExt string) error {
	if !f.cfg.CheckCards {
		return nil
	}
	var ext CardExt
	if err := json.Unmarshal([]byte(cardExt), &ext); err != nil {
		return fmt.Errorf("%w: cardExt of %s is not a JSON object", ErrInvalidSignature, cardID)
	}
	ts, err := strconv.ParseInt(ext.Timestamp, 10, 64)
	if err != nil || ext.NonceStr == "" || ext.Signature == "" {
		return fmt.Errorf("%w: cardExt of %s lacks its timestamp, nonce_str or signature", ErrInvalidSignature, cardID)
	}
	return f.anyCardTicket(cardID, func(ticket string) string {
		return sign.CardExt(sign.CardExtParams{APITicket: ticket, CardID: cardID, Code: ext.Code, OpenID: ext.OpenID, Timestamp: ts, NonceStr: ext.NonceStr})
	}, ext.Signature)
}

// ChooseCardArgs are chooseCard's arguments as the client receives them.
type ChooseCardArgs struct {
	AppID      string `json:"app_id"`
	LocationID string `json:"location_id"`
	SignType   string `json:"sign_type"`
	CardID     string `json:"card_id"`
	CardType   string `json:"card_type"`
	CardSign   string `json:"card_sign"`
	TimeStamp  string `json:"time_stamp"`
	NonceStr   string `json:"nonce_str"`
}

// CheckCardSign checks chooseCard's cardSign: SHA1, made with a card
// api_ticket the fake issued over the account's AppID, the filters, the
// timestamp and the nonce. Unless Config.CheckCards is set every call
// passes.
func (f *Fake) CheckCardSign(a ChooseCardArgs) error {
	if !f.cfg.CheckCards {
		return nil
	}
	ts, err := strconv.ParseInt(a.TimeStamp, 10, 64)
	if a.AppID != f.cfg.AppID || !strings.EqualFold(a.SignType, "SHA1") || err != nil || a.NonceStr == "" {
		return fmt.Errorf("%w: chooseCard of another account, signType or timestamp", ErrInvalidSignature)
	}
	return f.anyCardTicket("chooseCard", func(ticket string) string {
		return sign.CardSign(sign.CardSignParams{APITicket: ticket, AppID: a.AppID, LocationID: a.LocationID,
			CardID: a.CardID, CardType: a.CardType, Timestamp: ts, NonceStr: a.NonceStr})
	}, a.CardSign)
}

// anyCardTicket reports whether signature is what some live card ticket
// makes with signed.
func (f *Fake) anyCardTicket(what string, signed func(ticket string) string, signature string) error {
	now := f.cfg.Now()
	f.mu.Lock()
	defer f.mu.Unlock()
	for ticket, is := range f.tickets {
		if is.typ == wechat.TicketCard && now.Before(is.end) && signed(ticket) == signature {
			return nil
		}
	}
	return fmt.Errorf("%w: %s is not signed with a card ticket of this account", ErrInvalidSignature, what)
}

// CheckRequest is a call the fake client asks about: its client name
// ("getBrandWCPayRequest", "batchAddCard", …) and its arguments as the
// client received them.
type CheckRequest struct {
	Name string          `json:"name"`
	Args json.RawMessage `json:"args"`
}

// CheckResult is the fake WeChat's verdict, in the client's words: ErrMsg
// is empty when the call may go on, or the client's refusal
// ("<name>:fail_invalid signature", which jweixin shows the page as
// "<api>:invalid signature").
type CheckResult struct {
	ErrMsg string `json:"err_msg,omitempty"`
}

// Check checks the signatures of a call of the fake client. Calls that
// carry none pass.
func (f *Fake) Check(req CheckRequest) CheckResult {
	var err error
	switch req.Name {
	case "getBrandWCPayRequest", "getRecevieBizHongBaoRequest":
		var p sign.PayParams
		if err = json.Unmarshal(req.Args, &p); err == nil {
			err = f.CheckPay(p)
		}
	case "batchAddCard":
		var a struct {
			CardList []struct {
				CardID  string `json:"card_id"`
				CardExt string `json:"card_ext"`
			} `json:"card_list"`
		}
		if err = json.Unmarshal(req.Args, &a); err == nil {
			for _, c := range a.CardList {
				if err = f.CheckCardExt(c.CardID, c.CardExt); err != nil {
					break
				}
			}
		}
	case "chooseCard":
		var a ChooseCardArgs
		if err = json.Unmarshal(req.Args, &a); err == nil {
			err = f.CheckCardSign(a)
		}
	}
	switch {
	case errors.Is(err, ErrWrongPayer):
		// WeChat tells the user the order is someone else's; the page hears a plain fail.
		return CheckResult{ErrMsg: req.Name + ":fail"}
	case err != nil:
		return CheckResult{ErrMsg: req.Name + ":fail_invalid signature"}
	}
	return CheckResult{}
}

// serveCheck answers CheckPath for pages of any origin, as serveVerify.
func (f *Fake) serveCheck(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
	w.Header().Set("Access-Control-Allow-Methods", "POST")
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	var req CheckRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&req); err != nil || req.Name == "" {
		writeStatusJSON(w, http.StatusBadRequest, map[string]string{"error": "bad_request", "message": "check wants {name, args}: a call of the client"})
		return
	}
	writeJSON(w, f.Check(req))
}
