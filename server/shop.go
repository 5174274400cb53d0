package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gowx/gowx/server/oauth"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wire"
)

// ShopPrefix is where demo mode serves its shop: what a merchant's back end
// does around the signer. The page asks the shop for an order, or a card;
// the shop decides what it is (the item's price, the card's code), creates
// the order with WeChat Pay (the fake) and signs what the page needs with
// Server.SignPay and SignCardExt, in-process. The page never names a
// prepay_id or a code to be signed.
const ShopPrefix = DefaultPrefix + DemoShopName

// The shop's endpoints, under a Handler's default prefix (package wire's).
const (
	// ShopOrderPath (POST ShopOrderRequest) creates an order and answers a
	// ShopOrderResponse.
	ShopOrderPath = wire.ShopOrderPath
	// ShopCardPath (POST {}) picks a code of the demo card and answers a
	// CardExtResponse for it.
	ShopCardPath = wire.ShopCardPath
	// ShopCardFilterPath (POST CardSignRequest, card_type only) answers the
	// signed chooseCard filter the shop offers.
	ShopCardFilterPath = wire.ShopCardFilterPath
)

// Demo values: WeChat's documentation's card, a merchant number, and the
// payer of the demo's orders.
const (
	DemoCardID = "pjZ8Yt1XGILfi-FUsewpnnolGgZk"
	DemoMchID  = "1230000109"
	DemoOpenID = "oDemoUser000000000000000000"
)

// DemoUser is the person at the demo's fake WeChat client, whom its
// authorisation page signs in.
var DemoUser = wechatfake.OAuthUser{OpenID: DemoOpenID, UnionID: "oDemoUnion00000000000000000", Nickname: "演示用户 Demo",
	Country: "中国", Province: "广东", City: "深圳"}

// ShopItems are what the demo shop sells, in fen.
var ShopItems = map[string]struct {
	Description string
	Total       int
}{
	"coffee": {"A cup of coffee", 1500},
	"book":   {"A book on WeChat H5", 4900},
}

// ShopOrderRequest is what the page asks the demo shop for.
type ShopOrderRequest = wire.ShopOrderRequest

// ShopOrderResponse is the order the shop created, and chooseWXPay's
// arguments for it.
type ShopOrderResponse = wire.ShopOrderResponse

// shop is the demo's merchant back end.
type shop struct {
	api     *Server
	payBase string // WeChat Pay's API (the fake's)
	client  *http.Client
	orders  atomic.Int64
}

// mount serves the shop's endpoints on mux under prefix.
func (sh *shop) mount(mux *http.ServeMux, prefix string) {
	mux.Handle("POST "+prefix+"order", withPayer(serveSigned(sh.api, noAuthorizer[ShopOrderRequest], sh.order)))
	mux.Handle("POST "+prefix+"card", serveSigned(sh.api, noAuthorizer[struct{}], sh.card))
	mux.Handle("POST "+prefix+"card-filter", serveSigned(sh.api, noAuthorizer[CardSignRequest], sh.cardFilter))
	mux.HandleFunc(prefix, func(w http.ResponseWriter, r *http.Request) {
		sh.api.fail(w, r, http.StatusNotFound, wire.CodeNotFound, "the shop has no such counter", nil)
	})
}

// shopPayerKey holds the session (snapshot ones included) of the shop's
// customer in an order's context.
type shopPayerKey struct{}

// withPayer passes the session's user, if any, to the order.
func withPayer(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, ok := oauth.User(r); ok || u.Snapshot {
			r = r.WithContext(context.WithValue(r.Context(), shopPayerKey{}, u))
		}
		h.ServeHTTP(w, r)
	})
}

// noAuthorizer lets anyone ask: the shop decides what it signs itself.
func noAuthorizer[Req any](_ *http.Request, req Req) (Req, error) { return req, nil }

// order creates an order with WeChat Pay for the signed-in user (without
// a session, the demo's user: the demo pays before sign-in too) and signs
// its payment. A snapshot page's visitor cannot pay.
func (sh *shop) order(ctx context.Context, req ShopOrderRequest) (ShopOrderResponse, error) {
	item, ok := ShopItems[req.Item]
	if !ok {
		return ShopOrderResponse{}, badRequest("the shop sells coffee and book")
	}
	payer := DemoOpenID
	if u, ok := ctx.Value(shopPayerKey{}).(oauth.Session); ok {
		if u.Snapshot {
			return ShopOrderResponse{}, &Error{Status: http.StatusForbidden, Code: wire.CodeForbidden,
				Message: "a snapshot page's visitor is no real user and cannot pay: open the page in WeChat"}
		}
		payer = u.OpenID
	}
	no := fmt.Sprintf("demo%d%04d", time.Now().Unix(), sh.orders.Add(1)%10000)
	body, _ := json.Marshal(map[string]any{
		"appid": sh.api.opt.AppID, "mchid": DemoMchID, "description": item.Description, "out_trade_no": no,
		"notify_url": "https://localhost/demo/shop/notify", "amount": map[string]any{"total": item.Total, "currency": "CNY"},
		"payer": map[string]string{"openid": payer},
	})
	prepayID, err := sh.createOrder(ctx, body)
	if err != nil {
		return ShopOrderResponse{}, &Error{Status: http.StatusBadGateway, Code: wire.CodeUpstreamUnavailable,
			Message: "WeChat Pay did not create the order", cause: err}
	}
	pay, err := sh.api.SignPay(ctx, PayRequest{PrepayID: prepayID, SignType: req.SignType})
	if err != nil {
		return ShopOrderResponse{}, err
	}
	return ShopOrderResponse{OutTradeNo: no, Description: item.Description, Total: item.Total, Pay: pay}, nil
}

// createOrder asks WeChat Pay for a JSAPI order's prepay_id.
func (sh *shop) createOrder(ctx context.Context, body []byte) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, sh.payBase+wechatfake.PathJSAPIOrder, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := sh.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var answer struct {
		PrepayID string `json:"prepay_id"`
		Code     string `json:"code"`
		Message  string `json:"message"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&answer); err != nil {
		return "", fmt.Errorf("WeChat Pay: HTTP %d, no JSON answer", resp.StatusCode)
	}
	if resp.StatusCode != http.StatusOK || answer.PrepayID == "" {
		return "", fmt.Errorf("WeChat Pay: HTTP %d %s", resp.StatusCode, answer.Code)
	}
	return answer.PrepayID, nil
}

// card picks a fresh code of the demo card and signs its cardExt.
func (sh *shop) card(ctx context.Context, _ struct{}) (CardExtResponse, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1e12))
	if err != nil {
		return CardExtResponse{}, err
	}
	return sh.api.SignCardExt(ctx, CardExtRequest{CardID: DemoCardID, Code: strconv.FormatInt(1e12+n.Int64(), 10)[1:]})
}

// cardFilter signs the chooseCard filter of a card type, for every store.
func (sh *shop) cardFilter(ctx context.Context, req CardSignRequest) (CardSignResponse, error) {
	if req.ShopID != "" || req.CardID != "" {
		return CardSignResponse{}, badRequest("the shop chooses the store and the card: ask for a card_type only")
	}
	return sh.api.SignCardSign(ctx, req)
}
