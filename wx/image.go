package wx

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"unicode"
)

// SizeType is the size of a chosen image.
type SizeType string

// Image sizes.
const (
	SizeOriginal   SizeType = "original"
	SizeCompressed SizeType = "compressed"
)

// SourceType is where an image comes from.
type SourceType string

// Image sources.
const (
	SourceAlbum  SourceType = "album"
	SourceCamera SourceType = "camera"
)

// ChooseImageOptions are the options of ChooseImage. The zero value takes
// jweixin's defaults: up to 9 images, either size, from album or camera.
type ChooseImageOptions struct {
	// Count is the most images the user may choose, 1 to 9; 0 means 9.
	Count int
	// SizeType lists the sizes offered; empty means both.
	SizeType []SizeType
	// SourceType lists the sources offered; empty means both.
	SourceType []SourceType
}

// ChooseImageResult is what ChooseImage returns.
type ChooseImageResult struct {
	// LocalIDs identify the chosen images on the device. They are not URLs a
	// page can always load (never on iOS WKWebView): read the data with
	// GetLocalImgData to show them.
	LocalIDs []string
	// SourceType is where the images came from, when the client says.
	SourceType SourceType
}

// ChooseImage lets the user take photos or pick them from the album
// (wx.chooseImage).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#19
func (s *SDK) ChooseImage(ctx context.Context, o ChooseImageOptions) *Future[ChooseImageResult] {
	if o.Count < 0 || o.Count > 9 {
		return settled(ChooseImageResult{}, error(badOptions(APIChooseImage, "Count %d is outside 1..9", o.Count)))
	}
	args := map[string]any{}
	if o.Count > 0 {
		args["count"] = o.Count
	}
	if len(o.SizeType) > 0 {
		args["sizeType"] = o.SizeType
	}
	if len(o.SourceType) > 0 {
		args["sourceType"] = o.SourceType
	}
	return invoke(ctx, s, APIChooseImage, args, func(res []byte) (ChooseImageResult, error) {
		w, err := decodeJSON[struct {
			LocalIDs   stringList `json:"localIds"`
			SourceType text       `json:"sourceType"`
		}](res)
		return ChooseImageResult{LocalIDs: w.LocalIDs, SourceType: SourceType(w.SourceType)}, err
	})
}

// PreviewImageOptions are the options of PreviewImage; both are required.
type PreviewImageOptions struct {
	// Current is the image shown first, normally one of URLs.
	Current string
	// URLs are the images the user can swipe through: http(s) URLs.
	URLs []string
}

// PreviewImage shows images full screen in WeChat's viewer
// (wx.previewImage).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#20
func (s *SDK) PreviewImage(ctx context.Context, o PreviewImageOptions) *Future[struct{}] {
	api := APIPreviewImage
	var err error
	switch empty := slices.Index(o.URLs, ""); {
	case o.Current == "":
		err = badOptions(api, "Current is empty")
	case len(o.URLs) == 0:
		err = badOptions(api, "URLs is empty")
	case empty >= 0:
		err = badOptions(api, "URLs[%d] is empty", empty)
	}
	if err != nil {
		return settled(struct{}{}, err)
	}
	return s.command(ctx, api, map[string]any{"current": o.Current, "urls": o.URLs})
}

// UploadOptions are the options of UploadImage and UploadVoice.
type UploadOptions struct {
	// LocalID is the image or voice on the device (from ChooseImage,
	// StopRecord, …). Required.
	LocalID string
	// HideProgressTips hides the client's progress indicator, shown by default.
	HideProgressTips bool
}

// UploadResult is what UploadImage and UploadVoice return.
type UploadResult struct {
	// ServerID is the upload's media_id on WeChat's servers, kept for 3
	// days: the page's server fetches it with WeChat's media API.
	ServerID string
}

// UploadImage uploads an image of the device to WeChat's servers
// (wx.uploadImage). Upload one image at a time: WeChat handles a single
// upload in flight.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#21
func (s *SDK) UploadImage(ctx context.Context, o UploadOptions) *Future[UploadResult] {
	return upload(ctx, s, APIUploadImage, o)
}

// DownloadOptions are the options of DownloadImage and DownloadVoice.
type DownloadOptions struct {
	// ServerID is the media_id to download, from an upload or from the media
	// API of the page's server. Required.
	ServerID string
	// HideProgressTips hides the client's progress indicator, shown by default.
	HideProgressTips bool
}

// DownloadResult is what DownloadImage and DownloadVoice return.
type DownloadResult struct {
	// LocalID identifies the downloaded image or voice on the device.
	LocalID string
}

// DownloadImage downloads an image from WeChat's servers to the device
// (wx.downloadImage).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#22
func (s *SDK) DownloadImage(ctx context.Context, o DownloadOptions) *Future[DownloadResult] {
	return download(ctx, s, APIDownloadImage, o)
}

// GetLocalImgDataOptions are the options of GetLocalImgData.
type GetLocalImgDataOptions struct {
	// LocalID is the image, from ChooseImage or DownloadImage. Required.
	LocalID string
}

// GetLocalImgDataResult is what GetLocalImgData returns.
type GetLocalImgDataResult struct {
	// LocalData is the image's data in base64, as the client gave it (see
	// DataURL).
	LocalData string
}

// GetLocalImgData reads an image of the device as base64 data
// (wx.getLocalImgData): the way to show a chosen image on iOS, whose
// WKWebView cannot load localIds.
//
// jweixin runs these calls one at a time and queues the others, so any
// number may be made at once and each settles in turn; but a call the
// client never answers holds up every later one, in jweixin, whatever the
// contexts of the later calls.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#23
func (s *SDK) GetLocalImgData(ctx context.Context, o GetLocalImgDataOptions) *Future[GetLocalImgDataResult] {
	return resourceCall(ctx, s, APIGetLocalImgData, byLocalID, o.LocalID, false, func(res []byte) (GetLocalImgDataResult, error) {
		data, err := resultText(res, "localData")
		return GetLocalImgDataResult{LocalData: data}, err
	})
}

// DataURL returns LocalData as a data: URL that an <img> can show, or ""
// if there is no data. Clients differ: Android gives bare base64 broken
// into lines, iOS a data URL (on some versions with the media type
// misspelt "image/jgp") or bare base64; each becomes a proper URL.
func (r GetLocalImgDataResult) DataURL() string {
	s := strings.Map(func(c rune) rune {
		if unicode.IsSpace(c) {
			return -1
		}
		return c
	}, r.LocalData)
	switch {
	case s == "":
		return ""
	case strings.HasPrefix(s, "data:"):
		return strings.Replace(s, "data:image/jgp;", "data:image/jpeg;", 1)
	}
	mediaType := "image/jpeg" // what the clients encode
	for _, t := range imageSignatures {
		if strings.HasPrefix(s, t.base64) {
			mediaType = t.mediaType
			break
		}
	}
	return "data:" + mediaType + ";base64," + s
}

// imageSignatures tell an image's type from the start of its base64.
var imageSignatures = []struct{ base64, mediaType string }{
	{"/9j/", "image/jpeg"},
	{"iVBORw0KGgo", "image/png"},
	{"R0lGOD", "image/gif"},
	{"UklGR", "image/webp"},
	{"Qk", "image/bmp"},
}

// upload and download are the calls that move an image or a voice between
// the device and WeChat's servers.
func upload(ctx context.Context, s *SDK, api API, o UploadOptions) *Future[UploadResult] {
	return resourceCall(ctx, s, api, byLocalID, o.LocalID, o.HideProgressTips, func(res []byte) (UploadResult, error) {
		id, err := resultText(res, "serverId")
		return UploadResult{ServerID: id}, err
	})
}

func download(ctx context.Context, s *SDK, api API, o DownloadOptions) *Future[DownloadResult] {
	return resourceCall(ctx, s, api, byServerID, o.ServerID, o.HideProgressTips, func(res []byte) (DownloadResult, error) {
		id, err := resultText(res, "localId")
		return DownloadResult{LocalID: id}, err
	})
}

// resourceID is how a call names the resource it acts on: its key in the
// arguments, and its field in the Go options.
type resourceID struct{ key, field string }

var (
	byLocalID  = resourceID{"localId", "LocalID"}
	byServerID = resourceID{"serverId", "ServerID"}
)

// resourceCall makes a call on one resource of the device or of WeChat's
// servers, refusing an empty id (the client would answer "missing
// arguments"). jweixin's isShowProgressTips is 1 unless 0 is passed: it is
// passed only to hide the tips.
func resourceCall[T any](ctx context.Context, s *SDK, api API, by resourceID, id string, hideTips bool, decode func([]byte) (T, error)) *Future[T] {
	if id == "" {
		var zero T
		return settled(zero, error(badOptions(api, "%s is empty", by.field)))
	}
	args := map[string]any{by.key: id}
	if hideTips {
		args["isShowProgressTips"] = 0
	}
	return invoke(ctx, s, api, args, decode)
}

// resultText returns the text of a result's field key, which an ok result
// of its call always has.
func resultText(res []byte, key string) (string, error) {
	var fields map[string]text
	if err := json.Unmarshal(res, &fields); err != nil {
		return "", err
	}
	if fields[key] == "" {
		return "", errNoField(key)
	}
	return string(fields[key]), nil
}

// errNoField is the error of an ok result that lacks the field it exists for.
func errNoField(key string) error { return errors.New("the result has no " + key) }
