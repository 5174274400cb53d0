package main

import (
	"context"
	"encoding/json"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// listener is the control of a listener interface whose events are Es.
type listener[E any] struct {
	api    wx.API
	note   string
	fields []field
	// on registers the listener with the entered options.
	on func(ctx context.Context, sdk *wx.SDK, v values) *wx.Subscription[E]
	// text is the line the page shows of an event (see eventText).
	text func(E) string
	// keep are the memos an event leaves for later calls.
	keep func(E) []memo
}

// stream is a running listener as the control sees it.
type stream struct {
	// next waits for the next event; false once the subscription ended
	// (or ctx did).
	next func(ctx context.Context) (event, bool)
	stop func()
	err  func() error
}

// event is what the page shows of one event, and the memos it leaves.
type event struct {
	text string
	keep []memo
}

// spec erases the event's type: the stream gives what the page shows.
func (l listener[E]) spec() spec {
	return spec{api: l.api, note: l.note, fields: l.fields, listen: func(ctx context.Context, sdk *wx.SDK, v values) stream {
		sub := l.on(ctx, sdk, v)
		return stream{
			next: func(ctx context.Context) (event, bool) {
				select {
				case e, ok := <-sub.Events():
					if !ok {
						return event{}, false
					}
					ev := event{text: l.text(e)}
					if l.keep != nil {
						ev.keep = l.keep(e)
					}
					return ev, true
				case <-ctx.Done():
					return event{}, false
				}
			},
			stop: sub.Stop,
			err:  sub.Err,
		}
	}}
}

// eventText shows an event as one line of JSON: its payload's fields,
// and, when the client reported a failure, the error's text (Err) and the
// sentinel it matches.
func eventText[P any](payload P, err error) string {
	b, mErr := json.Marshal(payload)
	if mErr != nil {
		return mErr.Error()
	}
	if err == nil {
		return string(b)
	}
	fields := map[string]json.RawMessage{}
	if json.Unmarshal(b, &fields) != nil {
		fields = map[string]json.RawMessage{"payload": b}
	}
	fields["Err"], _ = json.Marshal(err.Error())
	fields["sentinel"], _ = json.Marshal(sentinelName(err))
	b, _ = json.Marshal(fields) // maps marshal with sorted keys: a stable line
	return string(b)
}

// The listeners' event lines.

func shareEventText(e wx.ShareEvent) string {
	return eventText(struct{ Item wx.ShareItem }{e.Item}, e.Err)
}

func voiceEventText(e wx.VoiceEvent) string {
	return eventText(struct{ LocalID string }{e.LocalID}, e.Err)
}

func beaconsEventText(e wx.BeaconsEvent) string {
	return eventText(struct{ Beacons []wx.Beacon }{e.Beacons}, e.Err)
}

// onListen registers the control's listener and shows its events until
// it ends: stopped, replaced, or failed.
func (c *control) onListen(ctx app.Context, _ app.Event) {
	vals, session := c.entered(), sessionOf(ctx)
	c.got, c.out = nil, outcome{}
	ctx.Async(func() {
		sdk, err := session.sdk(ctx)
		if err != nil {
			ctx.Dispatch(func(app.Context) { c.out = failed(err) })
			return
		}
		st := c.Spec.listen(ctx, sdk, vals)
		ctx.Dispatch(func(app.Context) { c.sub, c.out = &st, succeeded("listening") })
		for {
			e, ok := st.next(ctx)
			if !ok {
				break
			}
			ctx.Dispatch(func(ctx app.Context) {
				c.got = append(c.got, e.text)
				keep(ctx, e.keep)
			})
		}
		end := succeeded("ended")
		if err := st.err(); err != nil {
			end = failed(err)
		}
		ctx.Dispatch(func(app.Context) { c.sub, c.out = nil, end })
	})
}

func (c *control) onStop(app.Context, app.Event) {
	if c.sub != nil {
		c.sub.stop()
	}
}
