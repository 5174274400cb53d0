package wx

import (
	"context"
	"encoding/json"
)

// ShareTrigger is the client's event when the user picks a share item in
// the menu, as the client sent it (for example "scene"), before the share.
type ShareTrigger struct {
	Raw map[string]json.RawMessage
}

// ShareEvent is the outcome of one share from the menu.
type ShareEvent struct {
	// Err is nil when the share was made; errors.Is(Err, ErrCancel) when
	// the user cancelled it.
	Err error
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
// WeChat deprecates in favour of UpdateTimelineShareData).
func (s *SDK) OnMenuShareTimeline(ctx context.Context, o MenuShareTimelineOptions) *Subscription[ShareEvent] {
	args := map[string]any{}
	setString(args, "title", o.Title)
	setString(args, "link", o.Link)
	setString(args, "imgUrl", o.ImgURL)
	return listenShare(ctx, s, APIOnMenuShareTimeline, args, o.Trigger)
}

// shareCallbacks are a share listener's callbacks: the share's outcome,
// and trigger, which jweixin calls first with the client's event.
var shareCallbacks = []string{"success", "fail", "cancel", "trigger"}

// listenShare registers a share menu listener: trigger sees each menu event
// first, synchronously; the share's outcome is the event delivered.
func listenShare(ctx context.Context, s *SDK, api API, args map[string]any, trigger func(ShareTrigger)) *Subscription[ShareEvent] {
	return listen(ctx, s, api, args, shareCallbacks, func(cb string, res []byte) (ShareEvent, bool) {
		if cb == "trigger" {
			if trigger != nil {
				var raw map[string]json.RawMessage
				json.Unmarshal(res, &raw)
				trigger(ShareTrigger{Raw: raw})
			}
			return ShareEvent{}, false
		}
		_, err := decodeResult(api, res, func([]byte) (struct{}, error) { return struct{}{}, nil })
		return ShareEvent{Err: err}, true
	})
}

// setString sets args[key] to v unless v is empty, so that jweixin's default applies.
func setString(args map[string]any, key, v string) {
	if v != "" {
		args[key] = v
	}
}
