package main

import (
	"context"
	"net/url"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wire"
	"github.com/gowx/gowx/wx"
)

// The app's state (go-app's, shared by every page of the document) holds
// the page's jweixin and what the pages show of its configuration.
const (
	sdkState    = "gowx.sdk"    // a jweixin
	configState = "gowx.config" // a configStatus
)

// jweixin is the document's jweixin, loaded once, by the first page shown:
// jweixin keeps one configuration per document, and navigating between
// the app's pages does not reload it (the SDK signs again by itself when
// the URL changes). Its fields are set at its start and never change, so
// that the copies the state hands out share it.
type jweixin struct {
	loaded    <-chan struct{} // closed once got is set
	got       *loaded
	configure func() // signs and configures, once
}

type loaded struct {
	sdk *wx.SDK
	err error
}

// sdk waits for the SDK to be loaded, not for its configuration: a call
// made before the configuration succeeds waits in the SDK.
func (j jweixin) sdk(ctx context.Context) (*wx.SDK, error) {
	select {
	case <-j.loaded:
		return j.got.sdk, j.got.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// configStatus is the configuration as the pages show it.
type configStatus struct {
	manual  bool // it waits for the Configure button
	started bool
	out     outcome
}

// sessionOptions are what the first page's query asks of the session, for
// demonstrations and tests: apis=a,b configures only those interfaces
// (calls of the others fail with wx.ErrNotInJSAPIList), and config=manual
// waits for the Configure button (calls made meanwhile wait for the
// configuration).
type sessionOptions struct {
	apis   []wx.API
	manual bool
}

func sessionOptionsOf(q url.Values) sessionOptions {
	o := sessionOptions{apis: wx.APIs(), manual: q.Get("config") == "manual"}
	if list := q.Get("apis"); list != "" {
		o.apis = nil
		for a := range strings.SplitSeq(list, ",") {
			if a = strings.TrimSpace(a); a != "" {
				o.apis = append(o.apis, wx.API(a))
			}
		}
	}
	return o
}

// sessionOf returns the document's jweixin, starting it on first use
// (from the UI goroutine: a page's mount or a control's click).
func sessionOf(ctx app.Context) jweixin {
	var j jweixin
	ctx.GetState(sdkState, &j)
	if j.loaded != nil {
		return j
	}
	var q url.Values
	if u := app.Window().URL(); u != nil {
		q = u.Query()
	}
	j = startSession(ctx, sessionOptionsOf(q))
	ctx.SetState(sdkState, j)
	return j
}

// startSession loads the SDK and, unless o.manual, configures it; the
// status goes to configState as it changes.
func startSession(ctx app.Context, o sessionOptions) jweixin {
	done := make(chan struct{})
	got := &loaded{}
	var once sync.Once
	configure := func() {
		once.Do(func() {
			ctx.SetState(configState, configStatus{manual: o.manual, started: true})
			go func() {
				<-done
				err := got.err
				if err == nil {
					err = got.sdk.SignedConfig(context.Background(), wire.ConfigPath, o.apis...)
				}
				out := succeeded("config:ok")
				if err != nil {
					out = failed(err)
				}
				ctx.SetState(configState, configStatus{manual: o.manual, started: true, out: out})
			}()
		})
	}
	ctx.SetState(configState, configStatus{manual: o.manual})
	go func() {
		got.sdk, got.err = wx.Load(context.Background())
		close(done)
		if got.err != nil || !o.manual {
			configure() // a failed load has nothing to configure: the status says why
		}
	}()
	return jweixin{loaded: done, got: got, configure: configure}
}
