package wx

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestShareDataCalls(t *testing.T) {
	testCalls(t, []callCase{
		{"updateAppMessageShareData, zero options", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UpdateAppMessageShareData(ctx, UpdateAppMessageShareDataOptions{}))
		}, "updateAppMessageShareData", nil},
		{"updateAppMessageShareData", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UpdateAppMessageShareData(ctx, UpdateAppMessageShareDataOptions{
				Title: "T", Desc: "D", Link: "https://e.com/p?x=1", ImgURL: "https://e.com/i.png",
			}))
		}, "updateAppMessageShareData", map[string]any{"title": "T", "desc": "D", "link": "https://e.com/p?x=1", "imgUrl": "https://e.com/i.png"}},
		{"updateTimelineShareData, zero options", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UpdateTimelineShareData(ctx, UpdateTimelineShareDataOptions{}))
		}, "updateTimelineShareData", nil},
		{"updateTimelineShareData", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UpdateTimelineShareData(ctx, UpdateTimelineShareDataOptions{Title: "T", Link: "http://e.com/", ImgURL: "https://e.com/i.png"}))
		}, "updateTimelineShareData", map[string]any{"title": "T", "link": "http://e.com/", "imgUrl": "https://e.com/i.png"}},
	})
}

func TestShareRefusals(t *testing.T) {
	// listenerErr returns the error a listener's subscription ended with.
	listenerErr := func(sub *Subscription[ShareEvent]) error {
		<-sub.Done()
		return sub.Err()
	}
	testRefusals(t, []refusalCase{
		{"relative link", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UpdateAppMessageShareData(ctx, UpdateAppMessageShareDataOptions{Link: "/page"}))
		}, "Link"},
		{"icon without scheme", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UpdateTimelineShareData(ctx, UpdateTimelineShareDataOptions{ImgURL: "//e.com/i.png"}))
		}, "ImgURL"},
		{"icon of another scheme", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UpdateTimelineShareData(ctx, UpdateTimelineShareDataOptions{ImgURL: "ftp://e.com/i.png"}))
		}, "ImgURL"},
		{"timeline listener link", func(ctx context.Context, s *SDK) error {
			return listenerErr(s.OnMenuShareTimeline(ctx, MenuShareTimelineOptions{Link: "page.html"}))
		}, "Link"},
		{"share type", func(ctx context.Context, s *SDK) error {
			return listenerErr(s.OnMenuShareAppMessage(ctx, MenuShareAppMessageOptions{Type: "image"}))
		}, "Type"},
		{"music without data", func(ctx context.Context, s *SDK) error {
			return listenerErr(s.OnMenuShareAppMessage(ctx, MenuShareAppMessageOptions{Type: ShareMusic}))
		}, "DataURL"},
		{"relative data", func(ctx context.Context, s *SDK) error {
			return listenerErr(s.OnMenuShareAppMessage(ctx, MenuShareAppMessageOptions{Type: ShareVideo, DataURL: "v.mp4"}))
		}, "DataURL"},
		{"QQ icon", func(ctx context.Context, s *SDK) error {
			return listenerErr(s.OnMenuShareQQ(ctx, MenuShareOptions{ImgURL: "i.png"}))
		}, "ImgURL"},
		{"Weibo link", func(ctx context.Context, s *SDK) error {
			return listenerErr(s.OnMenuShareWeibo(ctx, MenuShareOptions{Link: "mailto:a@e.com"}))
		}, "Link"},
		{"QZone link", func(ctx context.Context, s *SDK) error {
			return listenerErr(s.OnMenuShareQZone(ctx, MenuShareOptions{Link: "https://"}))
		}, "Link"},
	})
}

// shareListener registers one share menu listener with its content and a
// Trigger that records scenes.
type shareListener struct {
	api      API
	shareMsg string // the errMsg name of its share call
	register func(ctx context.Context, s *SDK, full bool, trigger func(ShareTrigger)) *Subscription[ShareEvent]
	args     map[string]any // registered with the full content
}

var shareListeners = []shareListener{
	{APIOnMenuShareTimeline, "shareTimeline", func(ctx context.Context, s *SDK, full bool, tr func(ShareTrigger)) *Subscription[ShareEvent] {
		o := MenuShareTimelineOptions{Trigger: tr}
		if full {
			o = MenuShareTimelineOptions{Title: "T", Link: "https://e.com/p", ImgURL: "https://e.com/i.png", Trigger: tr}
		}
		return s.OnMenuShareTimeline(ctx, o)
	}, map[string]any{"title": "T", "link": "https://e.com/p", "imgUrl": "https://e.com/i.png"}},
	{APIOnMenuShareAppMessage, "sendAppMessage", func(ctx context.Context, s *SDK, full bool, tr func(ShareTrigger)) *Subscription[ShareEvent] {
		o := MenuShareAppMessageOptions{Trigger: tr}
		if full {
			o = MenuShareAppMessageOptions{Title: "T", Desc: "D", Link: "https://e.com/p", ImgURL: "https://e.com/i.png",
				Type: ShareMusic, DataURL: "https://e.com/m.mp3", Trigger: tr}
		}
		return s.OnMenuShareAppMessage(ctx, o)
	}, map[string]any{"title": "T", "desc": "D", "link": "https://e.com/p", "imgUrl": "https://e.com/i.png", "type": "music", "dataUrl": "https://e.com/m.mp3"}},
	{APIOnMenuShareQQ, "shareQQ", menuShare((*SDK).OnMenuShareQQ), menuShareArgs},
	{APIOnMenuShareWeibo, "shareWeiboApp", menuShare((*SDK).OnMenuShareWeibo), menuShareArgs},
	{APIOnMenuShareQZone, "shareQZone", menuShare((*SDK).OnMenuShareQZone), menuShareArgs},
}

var menuShareArgs = map[string]any{"title": "T", "desc": "D", "link": "https://e.com/p", "imgUrl": "https://e.com/i.png"}

func menuShare(on func(*SDK, context.Context, MenuShareOptions) *Subscription[ShareEvent]) func(context.Context, *SDK, bool, func(ShareTrigger)) *Subscription[ShareEvent] {
	return func(ctx context.Context, s *SDK, full bool, tr func(ShareTrigger)) *Subscription[ShareEvent] {
		o := MenuShareOptions{Trigger: tr}
		if full {
			o = MenuShareOptions{Title: "T", Desc: "D", Link: "https://e.com/p", ImgURL: "https://e.com/i.png", Trigger: tr}
		}
		return on(s, ctx, o)
	}
}

func TestShareListeners(t *testing.T) {
	for _, l := range shareListeners {
		t.Run(string(l.api), func(t *testing.T) {
			s, b := allConfigured(t)
			b.answer = nil // events come only from the test
			ctx := context.Background()
			// Zero options leave every key to jweixin's defaults.
			zero := l.register(ctx, s, false, nil)
			if reg := registration(t, b, string(l.api)); len(reg.args) != 0 {
				t.Fatalf("zero options registered %v", reg.args)
			}
			zero.Stop()

			scenes := make(chan string, 2)
			sub := l.register(ctx, s, true, func(tr ShareTrigger) { scenes <- tr.Scene() })
			defer sub.Stop()
			reg := registration(t, b, string(l.api))
			if !reflect.DeepEqual(reg.args, l.args) || !reflect.DeepEqual(reg.cbs, shareCallbacks) {
				t.Fatalf("registered %v with %v, want %v", reg.args, reg.cbs, l.args)
			}
			b.reply(reg.id, "trigger", `{"scene":"friend"}`)
			if scene := <-scenes; scene != "friend" {
				t.Fatalf("Trigger saw scene %q", scene)
			}
			b.reply(reg.id, "success", `{"errMsg":"`+l.shareMsg+`:ok"}`)
			b.reply(reg.id, "cancel", `{"errMsg":"`+l.shareMsg+`:cancel"}`)
			b.reply(reg.id, "fail", `{"errMsg":"`+l.shareMsg+`:permission denied"}`)
			if e := next(t, sub); e.Err != nil || e.Item != shareItems[l.api] || e.Item == "" {
				t.Fatalf("shared: %+v", e)
			}
			var we *Error
			if e := next(t, sub); e.Item != shareItems[l.api] || !errors.Is(e.Err, ErrCancel) || !errors.As(e.Err, &we) || we.API != l.api || we.Msg != l.shareMsg+":cancel" {
				t.Fatalf("cancelled: %#v", e.Err)
			}
			if e := next(t, sub); !errors.Is(e.Err, ErrPermissionDenied) {
				t.Fatalf("failed: %v", e.Err)
			}
		})
	}
}

func TestShareTriggerScene(t *testing.T) {
	for raw, want := range map[string]string{`{"scene":"favorite"}`: "favorite", `{}`: "", `{"scene":3}`: ""} {
		var tr ShareTrigger
		if err := json.Unmarshal([]byte(raw), &tr.Raw); err != nil {
			t.Fatal(err)
		}
		if got := tr.Scene(); got != want {
			t.Errorf("Scene of %s = %q, want %q", raw, got, want)
		}
	}
}

// Favorites comes through "Send to Friend" with the scene "favorite":
// jweixin shares it without the page's callbacks, so its event is the pick.
func TestShareFavorites(t *testing.T) {
	s, b := allConfigured(t)
	b.answer = nil
	sub := s.OnMenuShareAppMessage(context.Background(), MenuShareAppMessageOptions{Title: "T"})
	defer sub.Stop()
	reg := registration(t, b, string(APIOnMenuShareAppMessage))
	b.reply(reg.id, "trigger", `{"scene":"favorite"}`)
	if e := next(t, sub); e.Item != ShareItemFavorites || e.Err != nil {
		t.Fatalf("favorites: %+v", e)
	}
	b.reply(reg.id, "trigger", `{"scene":"friend"}`)
	b.reply(reg.id, "success", `{"errMsg":"sendAppMessage:ok"}`)
	if e := next(t, sub); e.Item != ShareItemAppMessage || e.Err != nil {
		t.Fatalf("a friend share after it: %+v", e)
	}
}
