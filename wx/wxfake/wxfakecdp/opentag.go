//go:build !js

package wxfakecdp

import (
	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx"
)

// Open tags: the fake client draws wx-open-launch-weapp, -app, -subscribe
// and -audio once a configuration that declares them is verified, and
// answers a click on a drawn tag as RespondOpenTag scripted it. A test
// clicks one as a person would, with chromedp.Click on the tag
// (chromedp.CSS("wx-open-subscribe")): a tag that is not drawn has no box,
// and the click waits for one.

// RespondOpenTag scripts the answers to clicks on tag, as Respond does
// for a call: OK launches (the "launch" event, Data its detail), plays or
// pauses audio, and subscribes every template of the tag (Data
// wx.SubscribeResult, or a map of template ID to status, says otherwise);
// Fail is the "error" event ("launch:fail_<Message>"; for subscribe, a
// map Data's "errCode", 49001 by default); Cancel closes WeChat's
// confirmation (no event; for subscribe, every template "cancel"); Never
// answers nothing; Raw dispatches {"event": type, "detail": …} as given.
func RespondOpenTag(tag wx.OpenTag, o Outcome) chromedp.Action[chromedp.Void] {
	return Respond(wx.API(tag), o)
}

// OpenTag is an open tag in the page's document.
type OpenTag struct {
	Tag     wx.OpenTag        `json:"tag"`
	Attrs   map[string]string `json:"attrs"`
	Drawn   bool              `json:"drawn"`   // the client shows its template
	Playing bool              `json:"playing"` // a wx-open-audio that plays
}

// OpenTags lists the open tags in the page's document, in document order.
func OpenTags() chromedp.Action[[]OpenTag] {
	return chromedp.Evaluate[[]OpenTag]("wxfake.openTags()")
}

// EndAudio ends every wx-open-audio that plays (its "ended" event) and
// returns how many did.
func EndAudio() chromedp.Action[int] {
	return chromedp.Evaluate[int]("wxfake.endAudio()")
}

// OpenTagsError plays a WeChat that cannot show open tags: the document
// hears WeixinOpenTagsError with errMsg (a default when empty) now and
// after each configuration that declares tags, and no tag is drawn until
// Reset.
func OpenTagsError(errMsg string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void]("wxfake.openTagsError(" + js(errMsg) + ")")
}
