package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

// sharePage: what the menu's share items share, and the outcome of each
// share of the old interfaces (fired from the fake's panel in demo mode).
func sharePage() group {
	return group{path: "share", title: "Share", zh: "分享",
		about: "What the menu's share items share, and the outcome of each share (fire the menu events from the fake's panel).",
		specs: []spec{
			call[struct{}]{api: wx.APIUpdateAppMessageShareData, fields: shareFields(true),
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					return sdk.UpdateAppMessageShareData(ctx, wx.UpdateAppMessageShareDataOptions{
						Title: v.str("title"), Desc: v.str("desc"), Link: v.str("link"), ImgURL: v.str("imgUrl"),
					}).Await(ctx)
				}}.spec(),
			call[struct{}]{api: wx.APIUpdateTimelineShareData, fields: shareFields(false),
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					return sdk.UpdateTimelineShareData(ctx, wx.UpdateTimelineShareDataOptions{
						Title: v.str("title"), Link: v.str("link"), ImgURL: v.str("imgUrl"),
					}).Await(ctx)
				}}.spec(),
			listener[wx.ShareEvent]{api: wx.APIOnMenuShareTimeline, fields: shareFields(false), text: shareEventText,
				on: func(ctx context.Context, sdk *wx.SDK, v values) *wx.Subscription[wx.ShareEvent] {
					return sdk.OnMenuShareTimeline(ctx, wx.MenuShareTimelineOptions{Title: v.str("title"), Link: v.str("link"), ImgURL: v.str("imgUrl")})
				}}.spec(),
			listener[wx.ShareEvent]{api: wx.APIOnMenuShareAppMessage, text: shareEventText,
				fields: append(shareFields(true),
					field{name: "type", label: "type", kind: choiceField, choices: []string{"", "link", "music", "video"}},
					field{name: "dataUrl", label: "dataUrl (music, video)"}),
				on: func(ctx context.Context, sdk *wx.SDK, v values) *wx.Subscription[wx.ShareEvent] {
					return sdk.OnMenuShareAppMessage(ctx, wx.MenuShareAppMessageOptions{
						Title: v.str("title"), Desc: v.str("desc"), Link: v.str("link"), ImgURL: v.str("imgUrl"),
						Type: wx.ShareType(v.str("type")), DataURL: v.str("dataUrl"),
					})
				}}.spec(),
			menuShare(wx.APIOnMenuShareQQ, (*wx.SDK).OnMenuShareQQ),
			menuShare(wx.APIOnMenuShareWeibo, (*wx.SDK).OnMenuShareWeibo),
			menuShare(wx.APIOnMenuShareQZone, (*wx.SDK).OnMenuShareQZone),
		}}
}

// shareFields are the content fields of the share interfaces.
func shareFields(desc bool) []field {
	f := []field{{name: "title", label: "title", value: "gowx: WeChat JS-SDK from Go"}}
	if desc {
		f = append(f, field{name: "desc", label: "desc", value: "Every jweixin interface, typed."})
	}
	return append(f,
		field{name: "link", label: "link (empty: this page)"},
		field{name: "imgUrl", label: "imgUrl", value: "https://res.wx.qq.com/a/wx_fed/assets/res/NTI4MWU5.ico"},
	)
}

// menuShare is the control of the share listeners that take MenuShareOptions.
func menuShare(api wx.API, on func(*wx.SDK, context.Context, wx.MenuShareOptions) *wx.Subscription[wx.ShareEvent]) spec {
	return listener[wx.ShareEvent]{api: api, fields: shareFields(true), text: shareEventText,
		on: func(ctx context.Context, sdk *wx.SDK, v values) *wx.Subscription[wx.ShareEvent] {
			return on(sdk, ctx, wx.MenuShareOptions{Title: v.str("title"), Desc: v.str("desc"), Link: v.str("link"), ImgURL: v.str("imgUrl")})
		}}.spec()
}
