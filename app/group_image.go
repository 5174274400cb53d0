package main

import (
	"context"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// chosenImages are the images of a ChooseImage result, as data URLs an
// <img> can show: a localId is not a URL a browser can always load.
type chosenImages []string

func imageSpecs() []spec {
	return []spec{{
		api: wx.APIChooseImage,
		fields: []field{
			{name: "count", label: "count (1–9, empty: 9)", kind: numberField},
			{name: "sizeType", label: "sizeType (original, compressed)", kind: listField},
			{name: "sourceType", label: "sourceType (album, camera)", kind: listField},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.ChooseImage(ctx, wx.ChooseImageOptions{
				Count:      v.int("count"),
				SizeType:   listOf[wx.SizeType](v, "sizeType"),
				SourceType: listOf[wx.SourceType](v, "sourceType"),
			}).Await(ctx)
		},
		after: func(ctx context.Context, sdk *wx.SDK, res any) any {
			var shown chosenImages
			for _, id := range res.(wx.ChooseImageResult).LocalIDs {
				remember("image.localId", id)
				if d, err := sdk.GetLocalImgData(ctx, wx.GetLocalImgDataOptions{LocalID: id}).Await(ctx); err == nil {
					shown = append(shown, d.DataURL())
				}
			}
			return shown
		},
		show: showImages("chooseImage-images"),
	}, {
		api: wx.APIPreviewImage,
		fields: []field{
			{name: "current", label: "current (URL)", kind: textField, value: "https://res.wx.qq.com/a/wx_fed/assets/res/NTI4MWU5.ico"},
			{name: "urls", label: "urls (comma-separated)", kind: listField, value: "https://res.wx.qq.com/a/wx_fed/assets/res/NTI4MWU5.ico"},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.PreviewImage(ctx, wx.PreviewImageOptions{Current: v.str("current"), URLs: v.list("urls")}).Await(ctx)
		},
	}, {
		api: wx.APIUploadImage,
		fields: []field{
			{name: "localId", label: "localId", memo: "image.localId"},
			{name: "hideProgressTips", label: "hide progress tips", kind: boolField},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			res, err := sdk.UploadImage(ctx, wx.UploadOptions{LocalID: v.str("localId"), HideProgressTips: v.flag("hideProgressTips")}).Await(ctx)
			remember("image.serverId", res.ServerID)
			return res, err
		},
	}, {
		api: wx.APIDownloadImage,
		fields: []field{
			{name: "serverId", label: "serverId", memo: "image.serverId"},
			{name: "hideProgressTips", label: "hide progress tips", kind: boolField},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			res, err := sdk.DownloadImage(ctx, wx.DownloadOptions{ServerID: v.str("serverId"), HideProgressTips: v.flag("hideProgressTips")}).Await(ctx)
			remember("image.localId", res.LocalID)
			return res, err
		},
	}, {
		api:    wx.APIGetLocalImgData,
		fields: []field{{name: "localId", label: "localId", memo: "image.localId"}},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.GetLocalImgData(ctx, wx.GetLocalImgDataOptions{LocalID: v.str("localId")}).Await(ctx)
		},
		// The base64 is long: the page shows its length, and the image.
		view: func(res any) any {
			return map[string]any{"localData": fmt.Sprintf("(%d characters of base64)", len(res.(wx.GetLocalImgDataResult).LocalData))}
		},
		after: func(_ context.Context, _ *wx.SDK, res any) any {
			return chosenImages{res.(wx.GetLocalImgDataResult).DataURL()}
		},
		show: showImages("getLocalImgData-images"),
	}}
}

// showImages renders the images an after hook collected.
func showImages(id string) func(any) app.UI {
	return func(extra any) app.UI {
		imgs, _ := extra.(chosenImages)
		return app.Div().ID(id).Class("images").Body(app.Range(imgs).Slice(func(i int) app.UI {
			return app.Img().Src(imgs[i]).Alt("chosen image")
		}))
	}
}
