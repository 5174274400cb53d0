package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/gowx/gowx/wx"
)

// The card and pay pages: their calls need signatures, which a merchant's
// back end makes for what it decided: the demo shop (demo mode) picks the
// card's code and creates the order with WeChat Pay (the fake), then signs
// with the card ticket and the demo merchant keys. The page names no code
// and no prepay_id.

// The demo shop's counters (server.ShopOrderPath and the others).
const (
	shopOrderPath      = "/wx/demo/shop/order"
	shopCardPath       = "/wx/demo/shop/card"
	shopCardFilterPath = "/wx/demo/shop/card-filter"
)

// serverError is the server's error answer.
type serverError struct {
	Code    string `json:"error"`
	Message string `json:"message"`
}

func (e *serverError) Error() string { return "server: " + e.Code + ": " + e.Message }

// post sends req to the server's path and decodes its answer into a T.
func post[T any](ctx context.Context, path string, req any) (T, error) {
	var out T
	body, err := json.Marshal(req)
	if err != nil {
		return out, err
	}
	status, answer, err := fetchJSON(ctx, path, body)
	if err != nil {
		return out, err
	}
	if status != 200 {
		se := &serverError{}
		if json.Unmarshal(answer, se) != nil || se.Code == "" {
			return out, fmt.Errorf("server: HTTP %d", status)
		}
		return out, se
	}
	return out, json.Unmarshal(answer, &out)
}

// cardExt is the answer of POST /wx/card/ext.
type cardExt struct {
	CardID  string `json:"cardId"`
	CardExt string `json:"cardExt"`
}

// cardSign is the answer of POST /wx/card/sign.
type cardSign struct {
	ShopID    string `json:"shopId"`
	CardType  string `json:"cardType"`
	CardID    string `json:"cardId"`
	Timestamp string `json:"timestamp"`
	NonceStr  string `json:"nonceStr"`
	SignType  string `json:"signType"`
	CardSign  string `json:"cardSign"`
}

// shopOrder is the demo shop's answer: the order, and its payment's parameters.
type shopOrder struct {
	OutTradeNo  string    `json:"outTradeNo"`
	Description string    `json:"description"`
	Total       int       `json:"total"`
	Pay         payParams `json:"pay"`
}

// payParams are chooseWXPay's parameters as the server signs them.
type payParams struct {
	TimeStamp string `json:"timeStamp"`
	NonceStr  string `json:"nonceStr"`
	Package   string `json:"package"`
	SignType  string `json:"signType"`
	PaySign   string `json:"paySign"`
}

// demoCardID is a card id of WeChat's documentation, for the demo.
const demoCardID = "pjZ8Yt1XGILfi-FUsewpnnolGgZk"

func cardSpecs() []spec {
	return []spec{{
		api:   wx.APIAddCard,
		title: "addCard (the shop picks a code of its card)",
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			ext, err := post[cardExt](ctx, shopCardPath, struct{}{})
			if err != nil {
				return nil, err
			}
			return sdk.AddCard(ctx, wx.AddCardOptions{CardList: []wx.AddCardItem{{CardID: ext.CardID, CardExt: ext.CardExt}}}).Await(ctx)
		},
	}, {
		api: wx.APIChooseCard,
		fields: []field{
			{name: "cardType", label: "cardType (the shop signs the filter)", kind: choiceField, value: "GROUPON",
				choices: []string{"GROUPON", "CASH", "DISCOUNT", "GIFT", "GENERAL_COUPON", "MEMBER_CARD"}},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			sg, err := post[cardSign](ctx, shopCardFilterPath, map[string]string{"card_type": v.str("cardType")})
			if err != nil {
				return nil, err
			}
			ts, err := strconv.ParseInt(sg.Timestamp, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("server: timestamp %q: %w", sg.Timestamp, err)
			}
			return sdk.ChooseCard(ctx, wx.ChooseCardOptions{
				ShopID: sg.ShopID, CardType: sg.CardType, CardID: sg.CardID,
				Timestamp: ts, NonceStr: sg.NonceStr, CardSign: sg.CardSign, SignType: wx.SignType(sg.SignType),
			}).Await(ctx)
		},
	}, {
		api:    wx.APIOpenCard,
		fields: []field{{name: "cardId", label: "cardId", value: demoCardID}, {name: "code", label: "code", value: "1434008071"}},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.OpenCard(ctx, wx.OpenCardOptions{CardList: []wx.OpenCardItem{{CardID: v.str("cardId"), Code: v.str("code")}}}).Await(ctx)
		},
	}, {
		api:    wx.APIConsumeAndShareCard,
		fields: []field{{name: "cardId", label: "cardId", value: demoCardID}, {name: "code", label: "code", value: "1434008071"}},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.ConsumeAndShareCard(ctx, wx.ConsumeAndShareCardOptions{CardID: v.str("cardId"), Code: v.str("code")}).Await(ctx)
		},
	}, {
		api: wx.APIOpenProductSpecificView,
		fields: []field{
			{name: "productId", label: "productId", value: "pDF3iY_m2M7EQ5EKKKWd95kAxfNw"},
			{name: "viewType", label: "viewType", kind: choiceField, choices: []string{"", "0", "1", "2"}},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.OpenProductSpecificView(ctx, wx.OpenProductSpecificViewOptions{ProductID: v.str("productId"), ViewType: wx.ProductViewType(v.str("viewType"))}).Await(ctx)
		},
	}}
}

func paySpecs() []spec {
	pay := func(api wx.API, call func(*wx.SDK, context.Context, wx.PayRequest) *wx.Future[struct{}]) spec {
		return spec{
			api: api,
			fields: []field{
				{name: "item", label: "item (the shop creates the order)", kind: choiceField, value: "coffee", choices: []string{"coffee", "book"}},
				{name: "signType", label: "sign_type (empty: the shop's)", kind: choiceField, choices: []string{"", "RSA", "HMAC-SHA256", "MD5"}},
			},
			run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
				order, err := post[shopOrder](ctx, shopOrderPath, map[string]string{"item": v.str("item"), "sign_type": v.str("signType")})
				if err != nil {
					return nil, err
				}
				p := order.Pay
				ts, err := strconv.ParseInt(p.TimeStamp, 10, 64)
				if err != nil {
					return nil, fmt.Errorf("server: timeStamp %q: %w", p.TimeStamp, err)
				}
				return call(sdk, ctx, wx.PayRequest{Timestamp: ts, NonceStr: p.NonceStr, Package: p.Package, SignType: wx.SignType(p.SignType), PaySign: p.PaySign}).Await(ctx)
			},
		}
	}
	return []spec{
		pay(wx.APIChooseWXPay, (*wx.SDK).ChooseWXPay),
		pay(wx.APIOpenEnterpriseRedPacket, (*wx.SDK).OpenEnterpriseRedPacket),
		{
			api: wx.APIOpenBusinessView,
			fields: []field{
				{name: "businessType", label: "businessType", value: "wxpayScoreUse"},
				{name: "queryString", label: "queryString", value: "mch_id=1230000109&package=abc"},
				{name: "envVersion", label: "envVersion", kind: choiceField, choices: []string{"", "release", "trial", "develop"}},
			},
			run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
				return sdk.OpenBusinessView(ctx, wx.OpenBusinessViewOptions{
					BusinessType: v.str("businessType"), QueryString: v.str("queryString"), EnvVersion: wx.EnvVersion(v.str("envVersion")),
				}).Await(ctx)
			},
		},
	}
}
