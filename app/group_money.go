package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/gowx/gowx/wx"
)

// The card and pay pages: their calls need signatures, which the server
// makes (POST /wx/card/ext, /wx/card/sign, /wx/pay/params; in demo mode
// with the fake WeChat's card ticket and demo merchant keys).

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

// payParams is the answer of POST /wx/pay/params.
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
		api: wx.APIAddCard,
		fields: []field{
			{name: "cardId", label: "card_id", value: demoCardID},
			{name: "code", label: "code", value: "1434008071"},
			{name: "openid", label: "openid"},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			ext, err := post[cardExt](ctx, "/wx/card/ext", map[string]string{"card_id": v.str("cardId"), "code": v.str("code"), "openid": v.str("openid")})
			if err != nil {
				return nil, err
			}
			return sdk.AddCard(ctx, wx.AddCardOptions{CardList: []wx.AddCardItem{{CardID: ext.CardID, CardExt: ext.CardExt}}}).Await(ctx)
		},
	}, {
		api: wx.APIChooseCard,
		fields: []field{
			{name: "shopId", label: "shopId"},
			{name: "cardType", label: "cardType", value: "GROUPON"},
			{name: "cardId", label: "cardId"},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			sg, err := post[cardSign](ctx, "/wx/card/sign", map[string]string{"shop_id": v.str("shopId"), "card_type": v.str("cardType"), "card_id": v.str("cardId")})
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
				{name: "prepayId", label: "prepay_id (from your order)", value: "wx201410272009395522657a690389285100"},
				{name: "signType", label: "sign_type (empty: the server's)", kind: choiceField, choices: []string{"", "RSA", "HMAC-SHA256", "MD5"}},
			},
			run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
				p, err := post[payParams](ctx, "/wx/pay/params", map[string]string{"prepay_id": v.str("prepayId"), "sign_type": v.str("signType")})
				if err != nil {
					return nil, err
				}
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
