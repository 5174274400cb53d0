package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

// devicePage: the network the device is on, and which interfaces this
// WeChat has (checkJsApi, the document's "basic interface").
func devicePage() group {
	return group{path: "device", title: "Device", zh: "设备",
		about: "The network the device is on, and which interfaces this WeChat has.",
		specs: []spec{
			call[wx.GetNetworkTypeResult]{api: wx.APIGetNetworkType,
				do: func(ctx context.Context, sdk *wx.SDK, _ values) (wx.GetNetworkTypeResult, error) {
					return sdk.GetNetworkType(ctx).Await(ctx)
				},
			}.spec(),
			call[map[wx.API]bool]{api: wx.APICheckJSAPI,
				fields: []field{{name: "jsApiList", label: "jsApiList", kind: listField, value: "chooseImage, openAddress, chooseWXPay"}},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (map[wx.API]bool, error) {
					return sdk.CheckJSAPI(ctx, listOf[wx.API](v, "jsApiList")...).Await(ctx)
				},
			}.spec(),
		}}
}
