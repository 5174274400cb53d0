package server

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"

	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/wire"
)

// Error is a refused or failed signing, as the API answers it: the HTTP
// status, the stable code of the JSON answer, and a message for the
// client. The Sign methods return it, so that a Go back end that signs
// inside its own handler can answer as the API does.
type Error struct {
	Status  int
	Code    string
	Message string
	hint    string // what to check, if the server knows (ErrorResponse.Hint)
	cause   error  // logged, never sent
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Hint says what to check, when the server knows (WeChat's errcode 40007
// or 48001 of a media download, say), or "".
func (e *Error) Hint() string { return e.hint }

// Unwrap returns what caused the error, such as WeChat's answer.
func (e *Error) Unwrap() error { return e.cause }

func badRequest(format string, args ...any) *Error {
	return &Error{Status: http.StatusBadRequest, Code: wire.CodeBadRequest, Message: fmt.Sprintf(format, args...)}
}

// SignPage returns what wx.config needs to configure the page at pageURL
// (besides jsApiList), signed with the jsapi_ticket; the page must be on
// one of the JS safe domains. It is GET /wx/config without the round trip,
// for a back end that renders the page itself.
func (s *Server) SignPage(ctx context.Context, pageURL string) (ConfigResponse, error) {
	if len(pageURL) > MaxURLLength {
		return ConfigResponse{}, &Error{Status: http.StatusRequestURITooLong, Code: wire.CodeRequestTooLarge,
			Message: fmt.Sprintf("url longer than %d bytes", MaxURLLength)}
	}
	if err := s.opt.Domains.Check(pageURL); err != nil {
		if errors.Is(err, sign.ErrURLNotAllowed) {
			return ConfigResponse{}, &Error{Status: http.StatusForbidden, Code: wire.CodeURLNotAllowed, Message: err.Error()}
		}
		return ConfigResponse{}, badRequest("%v", err)
	}
	ticket, err := s.ticket(ctx, wechat.TicketJSAPI)
	if err != nil {
		return ConfigResponse{}, err
	}
	ts, nonce := s.opt.Now().Unix(), sign.Nonce()
	return ConfigResponse{AppID: s.opt.AppID, Timestamp: ts, NonceStr: nonce,
		Signature: sign.JSAPI(ticket, nonce, ts, pageURL)}, nil
}

// SignCardExt returns the entry of wx.addCard's cardList for req, signed
// with the card ticket. Call it from the code that decides which card, code
// and user a page may add (right after picking a code, say); POST
// /wx/card/ext calls it after Authorizers.CardExt.
func (s *Server) SignCardExt(ctx context.Context, req CardExtRequest) (CardExtResponse, error) {
	if err := checkCardExt(req); err != nil {
		return CardExtResponse{}, err
	}
	ticket, err := s.ticket(ctx, wechat.TicketCard)
	if err != nil {
		return CardExtResponse{}, err
	}
	ts, nonce := s.opt.Now().Unix(), sign.Nonce()
	ext, err := json.Marshal(cardExt{
		Code: req.Code, OpenID: req.OpenID, Timestamp: strconv.FormatInt(ts, 10), NonceStr: nonce,
		FixedBeginTimestamp: req.FixedBeginTimestamp, OuterStr: req.OuterStr,
		Signature: sign.CardExt(sign.CardExtParams{APITicket: ticket, CardID: req.CardID, Code: req.Code,
			OpenID: req.OpenID, Timestamp: ts, NonceStr: nonce}),
	})
	if err != nil {
		return CardExtResponse{}, &Error{Status: http.StatusInternalServerError, Code: wire.CodeInternal, Message: "cannot encode cardExt", cause: err}
	}
	return CardExtResponse{CardID: req.CardID, CardExt: string(ext)}, nil
}

// SignCardSign returns wx.chooseCard's arguments for req's filters, signed
// with the card ticket. POST /wx/card/sign calls it after
// Authorizers.CardSign.
func (s *Server) SignCardSign(ctx context.Context, req CardSignRequest) (CardSignResponse, error) {
	if err := checkCardSign(req); err != nil {
		return CardSignResponse{}, err
	}
	ticket, err := s.ticket(ctx, wechat.TicketCard)
	if err != nil {
		return CardSignResponse{}, err
	}
	ts, nonce := s.opt.Now().Unix(), sign.Nonce()
	return CardSignResponse{
		ShopID: req.ShopID, CardType: req.CardType, CardID: req.CardID,
		Timestamp: strconv.FormatInt(ts, 10), NonceStr: nonce, SignType: "SHA1",
		CardSign: sign.CardSign(sign.CardSignParams{APITicket: ticket, AppID: s.opt.AppID, LocationID: req.ShopID,
			CardID: req.CardID, CardType: req.CardType, Timestamp: ts, NonceStr: nonce}),
	}, nil
}

// SignPay returns wx.chooseWXPay's arguments for the order WeChat Pay
// gave req.PrepayID, signed with the merchant's key. Call it right after
// the back end has created the order; POST /wx/pay/params calls it after
// Authorizers.Pay.
func (s *Server) SignPay(ctx context.Context, req PayRequest) (sign.PayParams, error) {
	pay := s.opt.Pay
	if pay == nil {
		return sign.PayParams{}, &Error{Status: http.StatusNotFound, Code: wire.CodeNotFound, Message: "no merchant key is configured"}
	}
	if !prepayIDPattern.MatchString(req.PrepayID) {
		return sign.PayParams{}, badRequest("prepay_id is 1 to 64 letters, digits, _ or -")
	}
	signType := cmp.Or(req.SignType, "RSA")
	if req.SignType == "" && pay.V3 == nil {
		signType = cmp.Or(string(pay.V2Method), string(sign.PayV2MD5))
	}
	ts, nonce := s.opt.Now().Unix(), sign.Nonce()
	var p sign.PayParams
	var err error
	switch sign.PayV2Method(signType) {
	case "RSA":
		if pay.V3 == nil {
			return p, badRequest("sign_type RSA needs the merchant's API v3 key, which is not configured")
		}
		p, err = sign.PayV3(pay.V3, s.opt.AppID, ts, nonce, req.PrepayID)
	case sign.PayV2MD5, sign.PayV2HMACSHA256:
		if pay.V2 == "" {
			return p, badRequest("sign_type %s needs the merchant's API v2 key, which is not configured", signType)
		}
		p, err = sign.PayV2(pay.V2, sign.PayV2Method(signType), s.opt.AppID, ts, nonce, req.PrepayID)
	default:
		return p, badRequest("sign_type is RSA, MD5 or HMAC-SHA256")
	}
	if err != nil {
		return sign.PayParams{}, &Error{Status: http.StatusInternalServerError, Code: wire.CodeInternal, Message: "cannot sign the payment", cause: err}
	}
	return p, nil
}

// ticket returns the value of a ticket, or an upstream_unavailable Error.
func (s *Server) ticket(ctx context.Context, typ wechat.TicketType) (string, error) {
	t, err := s.opt.Tickets.Ticket(ctx, typ)
	if err != nil {
		return "", &Error{Status: http.StatusServiceUnavailable, Code: wire.CodeUpstreamUnavailable,
			Message: fmt.Sprintf("the %s ticket cannot be obtained from WeChat now: %s", typ, upstreamReason(err)), cause: err}
	}
	return t.Value, nil
}

// The shapes of what goes raw into a signature.
var (
	prepayIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	// card_id and openid are WeChat's identifiers: letters, digits, - and _.
	idPattern     = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	shopIDPattern = regexp.MustCompile(`^[0-9]{1,20}$`)
)

func checkCardExt(req CardExtRequest) error {
	switch {
	case !idPattern.MatchString(req.CardID):
		return badRequest("card_id is required: 1 to 64 letters, digits, _ or -")
	case req.OpenID != "" && !idPattern.MatchString(req.OpenID):
		return badRequest("openid is 1 to 64 letters, digits, _ or -")
	case req.FixedBeginTimestamp < 0:
		return badRequest("fixed_begintimestamp is a time in seconds")
	}
	return checkFields(field{"code", req.Code, false, 128}, field{"outer_str", req.OuterStr, false, 128})
}

func checkCardSign(req CardSignRequest) error {
	switch {
	case req.ShopID != "" && !shopIDPattern.MatchString(req.ShopID):
		return badRequest("shop_id is a store's id: digits")
	case req.CardType != "" && !slices.Contains(wire.CardTypes, req.CardType):
		return badRequest("card_type is one of %v", wire.CardTypes)
	case req.CardID != "" && !idPattern.MatchString(req.CardID):
		return badRequest("card_id is 1 to 64 letters, digits, _ or -")
	}
	return nil
}
