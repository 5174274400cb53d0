package main

import (
	"context"

	"github.com/gowx/gowx/wire"
	"github.com/gowx/gowx/wx"
)

// payPage: WeChat Pay, with the parameters the demo shop has the server
// sign (the demo merchant's keys in demo mode), and WeChat business pages.
func payPage() group {
	shop := demoShop()
	return group{path: "pay", title: "Pay", zh: "微信支付",
		about: "WeChat Pay, with the parameters the server signs (demo merchant keys in demo mode), and WeChat business pages.",
		specs: []spec{
			payment(shop, wx.APIChooseWXPay, (*wx.SDK).ChooseWXPay),
			payment(shop, wx.APIOpenEnterpriseRedPacket, (*wx.SDK).OpenEnterpriseRedPacket),
			call[wx.OpenBusinessViewResult]{api: wx.APIOpenBusinessView,
				fields: []field{
					{name: "businessType", label: "businessType", value: "wxpayScoreUse"},
					{name: "queryString", label: "queryString", value: "mch_id=1230000109&package=abc"},
					envVersionField(),
				},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.OpenBusinessViewResult, error) {
					return sdk.OpenBusinessView(ctx, wx.OpenBusinessViewOptions{
						BusinessType: v.str("businessType"), QueryString: v.str("queryString"), EnvVersion: wx.EnvVersion(v.str("envVersion")),
					}).Await(ctx)
				},
			}.spec(),
		}}
}

// payment is the control of the interfaces that pay an order the shop
// creates and signs.
func payment(shop shop, api wx.API, pay func(*wx.SDK, context.Context, wx.PayRequest) *wx.Future[struct{}]) spec {
	return call[struct{}]{api: api,
		fields: []field{
			{name: "item", label: "item (the shop creates the order)", kind: choiceField, value: "coffee", choices: []string{"coffee", "book"}},
			{name: "signType", label: "sign_type (empty: the shop's)", kind: choiceField,
				choices: []string{"", wire.SignTypeRSA, wire.SignTypeHMACSHA256, wire.SignTypeMD5}},
		},
		do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
			return struct{}{}, payOrder(ctx, sdk, shop, v.str("item"), v.str("signType"), pay)
		}}.spec()
}

// payOrder has the shop create an order of item (for the signed-in user,
// if any) and sign it, and pays it with pay.
func payOrder(ctx context.Context, sdk *wx.SDK, shop shop, item, signType string, pay func(*wx.SDK, context.Context, wx.PayRequest) *wx.Future[struct{}]) error {
	order, err := shop.order(ctx, item, signType)
	if err != nil {
		return err
	}
	p := order.Pay
	ts, err := unixTime("timeStamp", p.TimeStamp)
	if err != nil {
		return err
	}
	_, err = pay(sdk, ctx, wx.PayRequest{Timestamp: ts, NonceStr: p.NonceStr, Package: p.Package, SignType: wx.SignType(p.SignType), PaySign: p.PaySign}).Await(ctx)
	return err
}
