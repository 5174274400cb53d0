package main

import (
	"context"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wire"
	"github.com/gowx/gowx/wx"
)

// demoImage is an image of WeChat's, for the preview.
const demoImage = "https://res.wx.qq.com/a/wx_fed/assets/res/NTI4MWU5.ico"

// imagePage: choose, preview, upload and download images. Chosen images are
// shown through getLocalImgData: a localId is not a URL a browser can
// always load (iOS). An uploaded image is fetched back from WeChat by the
// page's server (POST /wx/media), which a page cannot do itself, and the
// copy it kept is shown.
func imagePage() group {
	return group{path: "image", title: "Image", zh: "图像",
		about: "Choose, preview, upload and download images; chosen images are shown through getLocalImgData, uploaded ones as the server fetched them back from WeChat.",
		specs: []spec{
			call[wx.ChooseImageResult]{api: wx.APIChooseImage,
				fields: []field{
					{name: "count", label: "count (1–9, empty: 9)", kind: numberField},
					{name: "sizeType", label: "sizeType (original, compressed)", kind: listField},
					{name: "sourceType", label: "sourceType (album, camera)", kind: listField},
				},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.ChooseImageResult, error) {
					return sdk.ChooseImage(ctx, wx.ChooseImageOptions{
						Count:      v.int("count"),
						SizeType:   listOf[wx.SizeType](v, "sizeType"),
						SourceType: listOf[wx.SourceType](v, "sourceType"),
					}).Await(ctx)
				},
				keep: func(res wx.ChooseImageResult) []memo {
					if len(res.LocalIDs) == 0 {
						return nil
					}
					return memos("image.localId", res.LocalIDs[len(res.LocalIDs)-1])
				},
				show: func(ctx context.Context, sdk *wx.SDK, res wx.ChooseImageResult) func() app.UI {
					var shown []string
					for _, id := range res.LocalIDs {
						if d, err := sdk.GetLocalImgData(ctx, wx.GetLocalImgDataOptions{LocalID: id}).Await(ctx); err == nil {
							shown = append(shown, d.DataURL())
						}
					}
					return images("chooseImage-images", shown)
				},
			}.spec(),
			call[struct{}]{api: wx.APIPreviewImage,
				fields: []field{
					{name: "current", label: "current (URL)", value: demoImage},
					{name: "urls", label: "urls (comma-separated)", kind: listField, value: demoImage},
				},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					return sdk.PreviewImage(ctx, wx.PreviewImageOptions{Current: v.str("current"), URLs: v.list("urls")}).Await(ctx)
				},
			}.spec(),
			call[wx.UploadResult]{api: wx.APIUploadImage,
				fields: []field{{name: "localId", label: "localId", memo: "image.localId"}, hideProgressTips()},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.UploadResult, error) {
					return sdk.UploadImage(ctx, wx.UploadOptions{LocalID: v.str("localId"), HideProgressTips: v.flag("hideProgressTips")}).Await(ctx)
				},
				keep: func(res wx.UploadResult) []memo { return memos("image.serverId", res.ServerID) },
				show: func(ctx context.Context, _ *wx.SDK, res wx.UploadResult) func() app.UI {
					got, err := fetchMedia(ctx, demoShop(), res.ServerID)
					return fetchedMedia("uploadImage-fetched", got, err)
				},
			}.spec(),
			call[wx.DownloadResult]{api: wx.APIDownloadImage,
				fields: []field{{name: "serverId", label: "serverId", memo: "image.serverId"}, hideProgressTips()},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.DownloadResult, error) {
					return sdk.DownloadImage(ctx, wx.DownloadOptions{ServerID: v.str("serverId"), HideProgressTips: v.flag("hideProgressTips")}).Await(ctx)
				},
				keep: func(res wx.DownloadResult) []memo { return memos("image.localId", res.LocalID) },
			}.spec(),
			call[wx.GetLocalImgDataResult]{api: wx.APIGetLocalImgData,
				fields: []field{{name: "localId", label: "localId", memo: "image.localId"}},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.GetLocalImgDataResult, error) {
					return sdk.GetLocalImgData(ctx, wx.GetLocalImgDataOptions{LocalID: v.str("localId")}).Await(ctx)
				},
				// The base64 is long: the page shows its length, and the image.
				text: func(res wx.GetLocalImgDataResult) string {
					return jsonText(map[string]string{"localData": fmt.Sprintf("(%d characters of base64)", len(res.LocalData))})
				},
				show: func(_ context.Context, _ *wx.SDK, res wx.GetLocalImgDataResult) func() app.UI {
					return images("getLocalImgData-images", []string{res.DataURL()})
				},
			}.spec(),
		}}
}

// hideProgressTips is the option of the uploads and downloads.
func hideProgressTips() field {
	return field{name: "hideProgressTips", label: "hide progress tips", kind: boolField}
}

// fetchMedia has the page's server fetch the media mediaID from WeChat
// (POST /wx/media): in demo mode the server keeps a copy, served under
// /wx/demo/media/.
func fetchMedia(ctx context.Context, s shop, mediaID string) (wire.MediaResponse, error) {
	return post[wire.MediaResponse](ctx, s, wire.MediaPath, wire.MediaRequest{MediaID: mediaID})
}

// fetchedMedia shows, in #id, the image the server fetched, or why it
// could not.
func fetchedMedia(id string, got wire.MediaResponse, err error) func() app.UI {
	return func() app.UI {
		if err != nil {
			o := failed(err)
			return app.Div().ID(id).Class("fetched").Body(app.P().Class("error").Body(
				app.Span().Class("message").Text("the server could not fetch it: "+o.err),
				app.If(o.hint != "", func() app.UI { return app.Span().Class("hint").Text(" " + o.hint) }),
			))
		}
		return app.Div().ID(id).Class("fetched").Body(
			app.P().Text(fmt.Sprintf("the server fetched %d bytes (%s) from WeChat:", got.Size, got.ContentType)),
			app.Div().Class("images").Body(app.Img().Src(wire.DemoMediaPath+got.MediaID).Alt("the copy the server fetched")),
		)
	}
}

// images shows images by their data URLs, in #id.
func images(id string, urls []string) func() app.UI {
	return func() app.UI {
		return app.Div().ID(id).Class("images").Body(app.Range(urls).Slice(func(i int) app.UI {
			return app.Img().Src(urls[i]).Alt("chosen image")
		}))
	}
}
