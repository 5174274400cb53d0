package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

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

func shareSpecs() []spec {
	menuShare := func(api wx.API, on func(*wx.SDK) func(context.Context, wx.MenuShareOptions) *wx.Subscription[wx.ShareEvent]) spec {
		return spec{api: api, fields: shareFields(true), listen: func(ctx context.Context, sdk *wx.SDK, v values) events {
			return subscribe(on(sdk)(ctx, wx.MenuShareOptions{Title: v.str("title"), Desc: v.str("desc"), Link: v.str("link"), ImgURL: v.str("imgUrl")}))
		}}
	}
	return []spec{{
		api:    wx.APIUpdateAppMessageShareData,
		fields: shareFields(true),
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.UpdateAppMessageShareData(ctx, wx.UpdateAppMessageShareDataOptions{
				Title: v.str("title"), Desc: v.str("desc"), Link: v.str("link"), ImgURL: v.str("imgUrl"),
			}).Await(ctx)
		},
	}, {
		api:    wx.APIUpdateTimelineShareData,
		fields: shareFields(false),
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.UpdateTimelineShareData(ctx, wx.UpdateTimelineShareDataOptions{
				Title: v.str("title"), Link: v.str("link"), ImgURL: v.str("imgUrl"),
			}).Await(ctx)
		},
	}, {
		api:    wx.APIOnMenuShareTimeline,
		fields: shareFields(false),
		listen: func(ctx context.Context, sdk *wx.SDK, v values) events {
			return subscribe(sdk.OnMenuShareTimeline(ctx, wx.MenuShareTimelineOptions{Title: v.str("title"), Link: v.str("link"), ImgURL: v.str("imgUrl")}))
		},
	}, {
		api: wx.APIOnMenuShareAppMessage,
		fields: append(shareFields(true),
			field{name: "type", label: "type", kind: choiceField, choices: []string{"", "link", "music", "video"}},
			field{name: "dataUrl", label: "dataUrl (music, video)"}),
		listen: func(ctx context.Context, sdk *wx.SDK, v values) events {
			return subscribe(sdk.OnMenuShareAppMessage(ctx, wx.MenuShareAppMessageOptions{
				Title: v.str("title"), Desc: v.str("desc"), Link: v.str("link"), ImgURL: v.str("imgUrl"),
				Type: wx.ShareType(v.str("type")), DataURL: v.str("dataUrl"),
			}))
		},
	},
		menuShare(wx.APIOnMenuShareQQ, func(s *wx.SDK) func(context.Context, wx.MenuShareOptions) *wx.Subscription[wx.ShareEvent] {
			return s.OnMenuShareQQ
		}),
		menuShare(wx.APIOnMenuShareWeibo, func(s *wx.SDK) func(context.Context, wx.MenuShareOptions) *wx.Subscription[wx.ShareEvent] {
			return s.OnMenuShareWeibo
		}),
		menuShare(wx.APIOnMenuShareQZone, func(s *wx.SDK) func(context.Context, wx.MenuShareOptions) *wx.Subscription[wx.ShareEvent] {
			return s.OnMenuShareQZone
		}),
	}
}
