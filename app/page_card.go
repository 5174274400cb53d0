package main

import (
	"context"

	"github.com/gowx/gowx/wire"
	"github.com/gowx/gowx/wx"
)

// demoCardID is a card id of WeChat's documentation, the demo shop's card.
const demoCardID = "pjZ8Yt1XGILfi-FUsewpnnolGgZk"

// cardPage: WeChat cards, with the signatures the demo shop has the
// server make (card ticket).
func cardPage() group {
	shop := demoShop()
	cardAndCode := []field{{name: "cardId", label: "cardId", value: demoCardID}, {name: "code", label: "code", value: "1434008071"}}
	return group{path: "card", title: "Card", zh: "微信卡券",
		about: "WeChat cards, with the signatures the server makes (card ticket).",
		specs: []spec{
			call[wx.AddCardResult]{api: wx.APIAddCard, note: "The shop picks a code of its card and signs its cardExt.",
				do: func(ctx context.Context, sdk *wx.SDK, _ values) (wx.AddCardResult, error) {
					ext, err := shop.card(ctx)
					if err != nil {
						return wx.AddCardResult{}, err
					}
					return sdk.AddCard(ctx, wx.AddCardOptions{CardList: []wx.AddCardItem{{CardID: ext.CardID, CardExt: ext.CardExt}}}).Await(ctx)
				},
			}.spec(),
			call[wx.ChooseCardResult]{api: wx.APIChooseCard,
				fields: []field{{name: "cardType", label: "cardType (the shop signs the filter)", kind: choiceField, value: "GROUPON",
					choices: wire.CardTypes}},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.ChooseCardResult, error) {
					sg, err := shop.cardFilter(ctx, v.str("cardType"))
					if err != nil {
						return wx.ChooseCardResult{}, err
					}
					ts, err := unixTime("timestamp", sg.Timestamp)
					if err != nil {
						return wx.ChooseCardResult{}, err
					}
					return sdk.ChooseCard(ctx, wx.ChooseCardOptions{
						ShopID: sg.ShopID, CardType: sg.CardType, CardID: sg.CardID,
						Timestamp: ts, NonceStr: sg.NonceStr, CardSign: sg.CardSign, SignType: wx.SignType(sg.SignType),
					}).Await(ctx)
				},
			}.spec(),
			call[struct{}]{api: wx.APIOpenCard, fields: cardAndCode,
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					return sdk.OpenCard(ctx, wx.OpenCardOptions{CardList: []wx.OpenCardItem{{CardID: v.str("cardId"), Code: v.str("code")}}}).Await(ctx)
				},
			}.spec(),
			call[struct{}]{api: wx.APIConsumeAndShareCard, fields: cardAndCode,
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					return sdk.ConsumeAndShareCard(ctx, wx.ConsumeAndShareCardOptions{CardID: v.str("cardId"), Code: v.str("code")}).Await(ctx)
				},
			}.spec(),
			call[struct{}]{api: wx.APIOpenProductSpecificView,
				fields: []field{
					{name: "productId", label: "productId", value: "pDF3iY_m2M7EQ5EKKKWd95kAxfNw"},
					{name: "viewType", label: "viewType", kind: choiceField, choices: []string{"", "0", "1", "2"}},
				},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					return sdk.OpenProductSpecificView(ctx, wx.OpenProductSpecificViewOptions{ProductID: v.str("productId"), ViewType: wx.ProductViewType(v.str("viewType"))}).Await(ctx)
				},
			}.spec(),
		}}
}
