package wx

import (
	"context"
	"encoding/json"
	"net/url"
)

// ShareTrigger is the client's event when the user picks a share item in
// the menu, as the client sent it (for example "scene"), before the share.
type ShareTrigger struct {
	Raw map[string]json.RawMessage
}

// Scene is the client's "scene" of the event, if it names one: "favorite"
// when the user adds the page to Favorites from the "Send to Friend" item.
func (t ShareTrigger) Scene() string {
	var s string
	json.Unmarshal(t.Raw["scene"], &s)
	return s
}

// ShareEvent is the outcome of one share from the menu.
type ShareEvent struct {
	// Item is the menu item the user shared with.
	Item ShareItem
	// Err is nil when the share was made; errors.Is(Err, ErrCancel) when
	// the user cancelled it. As an *Error, its Msg names the client's share
	// call ("shareTimeline:cancel", "sendAppMessage:fail", …). A Favorites
	// share has no outcome: jweixin makes it without the page's callbacks,
	// so its event, with a nil Err, says that the user picked the item.
	Err error
}

// ShareItem is an item of the share menu.
type ShareItem string

// The share menu's items, each with its listener.
const (
	ShareItemTimeline   ShareItem = "timeline"   // "Share to Moments": OnMenuShareTimeline
	ShareItemAppMessage ShareItem = "appMessage" // "Send to Friend": OnMenuShareAppMessage
	ShareItemQQ         ShareItem = "qq"         // "Share to QQ": OnMenuShareQQ
	ShareItemWeibo      ShareItem = "weibo"      // "Share to Weibo": OnMenuShareWeibo
	ShareItemQZone      ShareItem = "qzone"      // "Share to QZone": OnMenuShareQZone
	// ShareItemFavorites is "Favorites", which the client reports through
	// the "Send to Friend" listener with the scene "favorite".
	ShareItemFavorites ShareItem = "favorites"
)

// shareItems are the items of the share listeners.
var shareItems = map[API]ShareItem{
	APIOnMenuShareTimeline:   ShareItemTimeline,
	APIOnMenuShareAppMessage: ShareItemAppMessage,
	APIOnMenuShareQQ:         ShareItemQQ,
	APIOnMenuShareWeibo:      ShareItemWeibo,
	APIOnMenuShareQZone:      ShareItemQZone,
}

// ShareType is what a "Send to Friend" share carries.
type ShareType string

// Share types. Music and video shares play DataURL.
const (
	ShareLink  ShareType = "link"
	ShareMusic ShareType = "music"
	ShareVideo ShareType = "video"
)

// UpdateAppMessageShareDataOptions are the content of "Send to Friend" and
// "Share to QQ". jweixin passes them as they are, with no defaults: an empty
// field is left out and the client decides what to show.
type UpdateAppMessageShareDataOptions struct {
	Title string
	Desc  string
	// Link is the shared page: an absolute URL whose domain and path are on
	// the official account's JS safe domains.
	Link string
	// ImgURL is the icon: an absolute URL.
	ImgURL string
}

// UpdateAppMessageShareData sets what "Send to Friend" and "Share to QQ" in
// the menu share (wx.updateAppMessageShareData, jweixin 1.4 and WeChat 6.7.2
// on). Call it before the user can open the menu; success means the content
// is set, not that anything was shared.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#12
func (s *SDK) UpdateAppMessageShareData(ctx context.Context, o UpdateAppMessageShareDataOptions) *Future[struct{}] {
	args, err := shareContent(APIUpdateAppMessageShareData, o.Title, o.Desc, o.Link, o.ImgURL)
	if err != nil {
		return settled(struct{}{}, err)
	}
	return s.command(ctx, APIUpdateAppMessageShareData, args)
}

// UpdateTimelineShareDataOptions are the content of "Share to Moments" and
// "Share to QZone", passed as they are, like UpdateAppMessageShareDataOptions.
type UpdateTimelineShareDataOptions struct {
	Title  string
	Link   string
	ImgURL string
}

// UpdateTimelineShareData sets what "Share to Moments" and "Share to QZone"
// in the menu share (wx.updateTimelineShareData, jweixin 1.4 and WeChat
// 6.7.2 on).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#13
func (s *SDK) UpdateTimelineShareData(ctx context.Context, o UpdateTimelineShareDataOptions) *Future[struct{}] {
	args, err := shareContent(APIUpdateTimelineShareData, o.Title, "", o.Link, o.ImgURL)
	if err != nil {
		return settled(struct{}{}, err)
	}
	return s.command(ctx, APIUpdateTimelineShareData, args)
}

// MenuShareTimelineOptions customise the "Share to Moments" menu item.
// Empty fields take jweixin's defaults, read when the user shares: the
// document's title (as the page had it when jweixin loaded) and the
// current URL.
type MenuShareTimelineOptions struct {
	Title  string
	Link   string
	ImgURL string
	// Trigger, if set, runs when the user picks the item, before the share.
	// It runs inside the JavaScript callback: it must not block (no Await),
	// and cannot change the shared content.
	Trigger func(ShareTrigger)
}

// OnMenuShareTimeline sets the content of "Share to Moments" in the menu
// and delivers the outcome of each share (wx.onMenuShareTimeline, which
// WeChat deprecates in favour of UpdateTimelineShareData). A second
// registration replaces the first, which ends with ErrReplaced.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#14
func (s *SDK) OnMenuShareTimeline(ctx context.Context, o MenuShareTimelineOptions) *Subscription[ShareEvent] {
	args, err := shareContent(APIOnMenuShareTimeline, o.Title, "", o.Link, o.ImgURL)
	return listenShare(ctx, s, APIOnMenuShareTimeline, args, err, o.Trigger)
}

// MenuShareAppMessageOptions customise the "Send to Friend" menu item.
// Empty fields take jweixin's defaults when the user shares: the document's
// title as jweixin loaded it, no description, the current URL, no icon, a
// link share.
type MenuShareAppMessageOptions struct {
	Title  string
	Desc   string
	Link   string
	ImgURL string
	// Type is what the share carries; empty means ShareLink.
	Type ShareType
	// DataURL is the music or video played; required for those types.
	DataURL string
	// Trigger runs first when the user picks the item, as in
	// MenuShareTimelineOptions.
	Trigger func(ShareTrigger)
}

// OnMenuShareAppMessage sets the content of "Send to Friend" in the menu
// and delivers the outcome of each share (wx.onMenuShareAppMessage,
// deprecated in favour of UpdateAppMessageShareData). A second registration
// replaces the first, which ends with ErrReplaced.
//
// Adding the page to Favorites comes through the same listener with the
// scene "favorite" (see ShareTrigger.Scene): Trigger runs, and an event of
// Item ShareItemFavorites follows at once; jweixin then shares without the
// page's callbacks, so that share's outcome is never known.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#15
func (s *SDK) OnMenuShareAppMessage(ctx context.Context, o MenuShareAppMessageOptions) *Subscription[ShareEvent] {
	api := APIOnMenuShareAppMessage
	args, err := shareContent(api, o.Title, o.Desc, o.Link, o.ImgURL)
	if err == nil {
		err = shareMedia(api, args, o.Type, o.DataURL)
	}
	return listenShare(ctx, s, api, args, err, o.Trigger)
}

// MenuShareOptions customise the "Share to QQ", "Share to Weibo" and "Share
// to QZone" menu items. Empty fields take jweixin's defaults when the user
// shares: the document's title as jweixin loaded it, no description, no
// icon, the current URL.
type MenuShareOptions struct {
	Title  string
	Desc   string
	Link   string
	ImgURL string
	// Trigger runs first when the user picks the item, as in
	// MenuShareTimelineOptions.
	Trigger func(ShareTrigger)
}

// OnMenuShareQQ sets the content of "Share to QQ" and delivers the outcome
// of each share (wx.onMenuShareQQ, deprecated in favour of
// UpdateAppMessageShareData). A second registration replaces the first.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#16
func (s *SDK) OnMenuShareQQ(ctx context.Context, o MenuShareOptions) *Subscription[ShareEvent] {
	return s.onMenuShare(ctx, APIOnMenuShareQQ, o)
}

// OnMenuShareWeibo sets the content of "Share to Weibo" and delivers the
// outcome of each share (wx.onMenuShareWeibo). A second registration
// replaces the first.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#11
func (s *SDK) OnMenuShareWeibo(ctx context.Context, o MenuShareOptions) *Subscription[ShareEvent] {
	return s.onMenuShare(ctx, APIOnMenuShareWeibo, o)
}

// OnMenuShareQZone sets the content of "Share to QZone" and delivers the
// outcome of each share (wx.onMenuShareQZone, deprecated in favour of
// UpdateTimelineShareData). A second registration replaces the first.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#17
func (s *SDK) OnMenuShareQZone(ctx context.Context, o MenuShareOptions) *Subscription[ShareEvent] {
	return s.onMenuShare(ctx, APIOnMenuShareQZone, o)
}

func (s *SDK) onMenuShare(ctx context.Context, api API, o MenuShareOptions) *Subscription[ShareEvent] {
	args, err := shareContent(api, o.Title, o.Desc, o.Link, o.ImgURL)
	return listenShare(ctx, s, api, args, err, o.Trigger)
}

// shareContent returns the arguments of a share's content, under jweixin's
// keys, without the empty fields so that jweixin's defaults apply. The
// client needs absolute URLs: a relative one is refused here.
func shareContent(api API, title, desc, link, imgURL string) (map[string]any, error) {
	if err := checkURL(api, "Link", link); err != nil {
		return nil, err
	}
	if err := checkURL(api, "ImgURL", imgURL); err != nil {
		return nil, err
	}
	args := map[string]any{}
	setString(args, "title", title)
	setString(args, "desc", desc)
	setString(args, "link", link)
	setString(args, "imgUrl", imgURL)
	return args, nil
}

// shareMedia adds the type and data URL of a "Send to Friend" share.
func shareMedia(api API, args map[string]any, t ShareType, dataURL string) error {
	switch t {
	case "", ShareLink:
	case ShareMusic, ShareVideo:
		if dataURL == "" {
			return badOptions(api, "Type %s needs a DataURL", t)
		}
	default:
		return badOptions(api, "Type %q is not link, music or video", t)
	}
	if err := checkURL(api, "DataURL", dataURL); err != nil {
		return err
	}
	setString(args, "type", string(t))
	setString(args, "dataUrl", dataURL)
	return nil
}

// checkURL refuses a URL the client cannot use: anything but an absolute
// http or https URL. Empty is allowed (the field is optional).
func checkURL(api API, field, v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return badOptions(api, "%s %q is not an absolute http(s) URL", field, v)
	}
	return nil
}

// shareCallbacks are a share listener's callbacks: the share's outcome,
// and trigger, which jweixin calls first with the client's event.
var shareCallbacks = []string{"complete", "trigger"}

// listenShare registers a share menu listener with args, unless err
// refused its options: then the Subscription ends at once with err.
// trigger sees each menu event first, synchronously; the share's outcome
// is the event delivered.
func listenShare(ctx context.Context, s *SDK, api API, args map[string]any, err error, trigger func(ShareTrigger)) *Subscription[ShareEvent] {
	if err != nil {
		sub := newSubscription[ShareEvent](api)
		sub.end(err)
		return sub
	}
	item := shareItems[api]
	return listen(ctx, s, api, args, shareCallbacks, func(cb string, res []byte) (ShareEvent, bool) {
		if cb == "trigger" {
			var raw map[string]json.RawMessage
			json.Unmarshal(res, &raw)
			tr := ShareTrigger{Raw: raw}
			if trigger != nil {
				trigger(tr)
			}
			if api == APIOnMenuShareAppMessage && tr.Scene() == "favorite" {
				return ShareEvent{Item: ShareItemFavorites}, true
			}
			return ShareEvent{}, false
		}
		_, err := decodeResult(api, res, noResult)
		return ShareEvent{Item: item, Err: err}, true
	})
}

// setString sets args[key] to v unless v is empty, so that jweixin's default applies.
func setString(args map[string]any, key, v string) {
	if v != "" {
		args[key] = v
	}
}
