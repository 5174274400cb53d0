//go:build js && wasm

package wx

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/hack-pad/safejs"

	"github.com/gowx/gowx/internal/jsx"
)

// pageSDK makes the page's one SDK: a document holds one jweixin, with one
// configuration.
var pageSDK loader

// Load returns the SDK of the page, bound to window.jWeixin. It is made
// once and shared. If the page has no jweixin once it has loaded, Load
// adds the official script (ScriptURL, then FallbackScriptURL); inside
// WeChat it also waits for the client's bridge (WeixinJSBridgeReady).
// Each caller waits within its own ctx.
func Load(ctx context.Context) (*SDK, error) {
	return LoadFrom(ctx, ScriptURL, FallbackScriptURL)
}

// LoadFrom is Load with the script's addresses to try, in order.
func LoadFrom(ctx context.Context, urls ...string) (*SDK, error) {
	return pageSDK.get(ctx, func(ctx context.Context) (*SDK, error) {
		d, err := jsx.Page()
		if err != nil {
			return nil, err
		}
		wx, err := findSDK(ctx, d, urls)
		if err != nil {
			return nil, err
		}
		if err := waitBridge(ctx, d); err != nil {
			return nil, err
		}
		b, err := newJSBridge(wx)
		if err != nil {
			return nil, err
		}
		return newSDK(b), nil
	})
}

// findSDK returns window.jWeixin, once the page's own scripts have run, or
// after adding a script from urls.
func findSDK(ctx context.Context, d *jsx.Dispatcher, urls []string) (safejs.Value, error) {
	for !documentComplete() {
		if wx, ok := jWeixin(); ok {
			return wx, nil
		}
		select {
		case <-ctx.Done():
			return safejs.Undefined(), wrapErr(APIConfig, ctx.Err(), ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if wx, ok := jWeixin(); ok {
		return wx, nil
	}
	var tried []string
	for _, u := range urls {
		err := addScript(ctx, d, u)
		if wx, ok := jWeixin(); ok {
			return wx, nil
		}
		if ctx.Err() != nil {
			return safejs.Undefined(), wrapErr(APIConfig, ctx.Err(), ctx.Err())
		}
		if err == nil {
			err = errors.New("loaded without defining jWeixin")
		}
		tried = append(tried, u+": "+err.Error())
	}
	status := "window.jWeixin is not defined"
	if len(tried) > 0 {
		status += "; tried " + strings.Join(tried, "; ")
	}
	return safejs.Undefined(), &Error{API: APIConfig, Status: status, kind: ErrNoSDK}
}

func jWeixin() (safejs.Value, bool) {
	wx, err := safejs.Global().Get("jWeixin")
	return wx, err == nil && wx.Type() == safejs.TypeObject
}

// addScript appends <script src=url> to the document and waits until it
// loads or fails.
func addScript(ctx context.Context, d *jsx.Dispatcher, url string) error {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return err
	}
	el, err := doc.Call("createElement", "script")
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	events := []string{"load", "error"}
	id, detach := d.Register(func(label int, _ []safejs.Value) {
		var err error
		if label == 1 {
			err = errors.New("the script did not load")
		}
		select {
		case done <- err:
		default:
		}
	})
	defer detach()
	for i, ev := range events {
		fn, err := d.Bind(id, i)
		if err == nil {
			err = el.Set("on"+ev, fn)
		}
		if err != nil {
			return err
		}
	}
	if err := el.Set("src", url); err != nil {
		return err
	}
	head, err := doc.Get("head")
	if err != nil {
		return err
	}
	if _, err := head.Call("appendChild", el); err != nil {
		return err
	}
	select {
	case err = <-done:
	case <-ctx.Done():
		err = ctx.Err()
	}
	el.Set("onload", safejs.Null())
	el.Set("onerror", safejs.Null())
	return err
}

// waitBridge waits, inside WeChat, until the client has injected
// WeixinJSBridge: jweixin drops calls made before, and the verification of
// wx.config is observed there.
func waitBridge(ctx context.Context, d *jsx.Dispatcher) error {
	if !strings.Contains(strings.ToLower(currentPage().userAgent), "micromessenger") {
		return nil // jweixin needs no client outside WeChat; the fake defines its bridge itself
	}
	if hasBridge() {
		return nil
	}
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return err
	}
	ready := make(chan struct{}, 1)
	id, detach := d.Register(func(int, []safejs.Value) {
		select {
		case ready <- struct{}{}:
		default:
		}
	})
	defer detach()
	fn, err := d.Bind(id, 0)
	if err != nil {
		return err
	}
	if _, err := doc.Call("addEventListener", "WeixinJSBridgeReady", fn); err != nil {
		return err
	}
	defer doc.Call("removeEventListener", "WeixinJSBridgeReady", fn)
	// The event may have fired between the check and the listener.
	if hasBridge() {
		return nil
	}
	select {
	case <-ready:
		return nil
	case <-ctx.Done():
		return wrapErr(APIConfig, ctx.Err(), ctx.Err())
	}
}

func hasBridge() bool {
	b, err := safejs.Global().Get("WeixinJSBridge")
	return err == nil && !b.IsUndefined() && !b.IsNull()
}

func documentComplete() bool {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return true
	}
	state, err := doc.Get("readyState")
	if err != nil {
		return true
	}
	s, _ := state.String()
	return s == "complete"
}
