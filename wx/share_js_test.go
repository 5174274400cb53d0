//go:build js && wasm

package wx

import (
	"context"
	"errors"
	"testing"

	"github.com/hack-pad/safejs"
)

func TestShareDataInBrowser(t *testing.T) {
	resetFake(t)
	defer resetFake(t)
	ctx := context.Background()
	awaitOK(t, sdk.UpdateAppMessageShareData(ctx, UpdateAppMessageShareDataOptions{
		Title: "gowx", Desc: "Typed Go for WeChat", Link: "https://example.com/share", ImgURL: "https://example.com/icon.png",
	}))
	checkArgs(t, "updateAppMessageShareData", map[string]any{
		"title": "gowx", "desc": "Typed Go for WeChat", "link": "https://example.com/share", "imgUrl": "https://example.com/icon.png",
	})
	// No defaults: what is not given does not reach the client.
	awaitOK(t, sdk.UpdateTimelineShareData(ctx, UpdateTimelineShareDataOptions{Title: "gowx"}))
	checkArgs(t, "updateTimelineShareData", map[string]any{"title": "gowx"})

	checkOutcomes(t, []outcomeCase{
		{APIUpdateAppMessageShareData, func(ctx context.Context) error {
			return awaitErr(sdk.UpdateAppMessageShareData(ctx, UpdateAppMessageShareDataOptions{Title: "x"}))
		}},
		{APIUpdateTimelineShareData, func(ctx context.Context) error {
			return awaitErr(sdk.UpdateTimelineShareData(ctx, UpdateTimelineShareDataOptions{Title: "x"}))
		}},
	})
}

// The menu listeners beside OnMenuShareTimeline (wx_js_test.go): each
// shares through its own client call, with jweixin's defaults for what the
// page left out.
func TestMenuSharesInBrowser(t *testing.T) {
	page := currentPage()
	title := stringAt(safejs.Global(), "document", "title")
	content := MenuShareOptions{Title: "gowx", Desc: "Typed Go", Link: "https://example.com/s", ImgURL: "https://example.com/i.png"}
	sent := map[string]any{"title": "gowx", "desc": "Typed Go", "link": "https://example.com/s", "img_url": "https://example.com/i.png"}
	defaults := map[string]any{"title": title, "desc": "", "link": page.href, "img_url": ""}
	withMedia := func(args map[string]any, typ, data string) map[string]any {
		out := map[string]any{"type": typ, "data_url": data}
		for k, v := range args {
			out[k] = v
		}
		return out
	}
	for _, l := range []struct {
		api            API
		share          string // the client call
		register       func(ctx context.Context, o MenuShareOptions) *Subscription[ShareEvent]
		defaults, sent map[string]any
	}{
		{APIOnMenuShareAppMessage, "sendAppMessage", func(ctx context.Context, o MenuShareOptions) *Subscription[ShareEvent] {
			if o.Title == "" {
				return sdk.OnMenuShareAppMessage(ctx, MenuShareAppMessageOptions{Trigger: o.Trigger})
			}
			return sdk.OnMenuShareAppMessage(ctx, MenuShareAppMessageOptions{Title: o.Title, Desc: o.Desc, Link: o.Link, ImgURL: o.ImgURL,
				Type: ShareVideo, DataURL: "https://example.com/v.mp4", Trigger: o.Trigger})
		}, withMedia(defaults, "link", ""), withMedia(sent, "video", "https://example.com/v.mp4")},
		{APIOnMenuShareQQ, "shareQQ", sdk.OnMenuShareQQ, defaults, sent},
		{APIOnMenuShareWeibo, "shareWeiboApp", sdk.OnMenuShareWeibo, defaults, sent},
		{APIOnMenuShareQZone, "shareQZone", sdk.OnMenuShareQZone, defaults, sent},
	} {
		t.Run(string(l.api), func(t *testing.T) {
			resetFake(t)
			defer resetFake(t)
			ctx := context.Background()
			first := l.register(ctx, MenuShareOptions{})
			waitRegistered(t, l.api)
			fire(t, l.api, `{}`)
			if e := next(t, first); e.Err != nil {
				t.Fatalf("share with the defaults: %v", e.Err)
			}
			checkArgs(t, l.share, l.defaults)

			scenes := make(chan string, 1)
			content.Trigger = func(tr ShareTrigger) { scenes <- tr.Scene() }
			sub := l.register(ctx, content)
			<-first.Done()
			if !errors.Is(first.Err(), ErrReplaced) {
				t.Fatalf("first registration: %v", first.Err())
			}
			fire(t, l.api, `{"scene":"friend"}`)
			select {
			case s := <-scenes:
				if s != "friend" {
					t.Fatalf("Trigger saw scene %q", s)
				}
			default:
				t.Fatal("Trigger did not run before the share")
			}
			if e := next(t, sub); e.Err != nil {
				t.Fatalf("share: %v", e.Err)
			}
			checkArgs(t, l.share, l.sent)

			respond(t, l.api, `{"result":"cancel","once":true}`)
			fire(t, l.api, `{}`)
			<-scenes
			var we *Error
			if e := next(t, sub); !errors.Is(e.Err, ErrCancel) || !errors.As(e.Err, &we) || we.API != l.api || we.Msg != l.share+":cancel" {
				t.Fatalf("cancelled share: %#v", e.Err)
			}
			respond(t, l.api, `{"result":"fail","message":"no_network","once":true}`)
			fire(t, l.api, `{}`)
			<-scenes
			if e := next(t, sub); !errors.Is(e.Err, ErrFailed) || !errors.As(e.Err, &we) || we.Msg != l.share+":no network" {
				t.Fatalf("failed share: %#v", e.Err)
			}

			checkStopped(t, l.api, sub, `{}`)
		})
	}
}

// Adding the page to Favorites comes through "Send to Friend": the share
// is made without the page's callbacks, so it yields no event.
func TestShareFavoriteInBrowser(t *testing.T) {
	resetFake(t)
	defer resetFake(t)
	scenes := make(chan string, 2)
	sub := sdk.OnMenuShareAppMessage(context.Background(), MenuShareAppMessageOptions{
		Title:   "gowx",
		Trigger: func(tr ShareTrigger) { scenes <- tr.Scene() },
	})
	defer sub.Stop()
	waitRegistered(t, APIOnMenuShareAppMessage)
	// Were the favorite's cancel delivered, it would come before the friend's ok.
	respond(t, APIOnMenuShareAppMessage, `{"result":"cancel","once":true}`)
	fire(t, APIOnMenuShareAppMessage, `{"scene":"favorite"}`)
	fire(t, APIOnMenuShareAppMessage, `{"scene":"friend"}`)
	if a, b := <-scenes, <-scenes; a != "favorite" || b != "friend" {
		t.Fatalf("Trigger saw %q then %q", a, b)
	}
	if e := next(t, sub); e.Err != nil {
		t.Fatalf("the first event is %v: the favorite's outcome reached the page", e.Err)
	}
	shares := 0
	for _, c := range fakeCalls(t) {
		if c["api"] == "sendAppMessage" {
			shares++
		}
	}
	if shares != 2 {
		t.Fatalf("%d sendAppMessage calls, want 2 (the favorite is shared too)", shares)
	}
}
