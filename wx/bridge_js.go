//go:build js && wasm

package wx

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hack-pad/safejs"
)

// liveFuncs counts the js.Funcs the package holds; every Func is made by
// newFunc and released through the function it returns.
var liveFuncs atomic.Int64

// newFunc wraps fn in a js.Func that recovers from panics, and returns it
// with its release function. Every Func of the package comes from here.
func newFunc(fn func(args []safejs.Value)) (safejs.Value, func(), error) {
	f, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) (result any) {
		defer func() {
			if r := recover(); r != nil {
				logError(fmt.Sprintf("gowx/wx: panic in a callback: %v", r))
			}
		}()
		fn(args)
		return nil
	})
	if err != nil {
		return safejs.Undefined(), nil, err
	}
	liveFuncs.Add(1)
	var once sync.Once
	return f.Value(), func() {
		once.Do(func() {
			f.Release()
			liveFuncs.Add(-1)
		})
	}, nil
}

func logError(msg string) {
	if console, err := safejs.Global().Get("console"); err == nil {
		console.Call("error", msg)
	}
}

// jsBridge is the bridge to window.jWeixin. It holds a single js.Func, the
// dispatcher: each callback handed to jweixin is the dispatcher bound to a
// call id and a callback name (Function.prototype.bind), so callbacks cost
// no Func and one that fires after its call ended is simply dropped.
type jsBridge struct {
	wx       safejs.Value
	dispatch safejs.Value

	mu         sync.Mutex
	next       int
	handlers   map[int]func(cb string, arg safejs.Value)
	configured bool                        // wx.config has run once
	onConfig   func(cb string, res []byte) // the reply of the pending configuration
}

func newJSBridge(wx safejs.Value) (*jsBridge, error) {
	b := &jsBridge{wx: wx, handlers: make(map[int]func(string, safejs.Value))}
	// The dispatcher lives as long as the page: it is never released.
	v, _, err := newFunc(b.onCallback)
	if err != nil {
		return nil, err
	}
	b.dispatch = v
	return b, nil
}

// onCallback runs when jweixin calls back: args are the call id, the
// callback name and the callback's argument.
func (b *jsBridge) onCallback(args []safejs.Value) {
	if len(args) < 2 {
		return
	}
	id, err := args[0].Int()
	if err != nil {
		return
	}
	cb, _ := args[1].String()
	b.mu.Lock()
	h := b.handlers[id]
	b.mu.Unlock()
	if h == nil {
		return // the call ended: a late or repeated callback
	}
	arg := safejs.Undefined()
	if len(args) > 2 {
		arg = args[2]
	}
	callbackDepth.Add(1)
	defer callbackDepth.Add(-1)
	h(cb, arg)
}

// asJSON adapts a reply that takes JSON to the dispatcher's handlers.
func asJSON(reply func(string, []byte)) func(string, safejs.Value) {
	return func(cb string, v safejs.Value) { reply(cb, stringify(v)) }
}

// stringify returns the JSON of a callback argument; a value JSON cannot
// hold (a cycle) is reduced to its errMsg.
func stringify(v safejs.Value) []byte {
	if v.Type() != safejs.TypeObject {
		return []byte("{}")
	}
	if j, err := safejs.Global().Get("JSON"); err == nil {
		if s, err := j.Call("stringify", v); err == nil {
			if str, err := s.String(); err == nil {
				return []byte(str)
			}
		}
	}
	msg := ""
	if m, err := v.Get("errMsg"); err == nil && m.Type() == safejs.TypeString {
		msg, _ = m.String()
	}
	return fmt.Appendf(nil, "{%q:%q}", "errMsg", msg)
}

func parseJSON(b []byte) (safejs.Value, error) {
	j, err := safejs.Global().Get("JSON")
	if err != nil {
		return safejs.Undefined(), err
	}
	return j.Call("parse", string(b))
}

// register attaches h under a new id and returns the id and its detach.
func (b *jsBridge) register(h func(string, safejs.Value)) (int, func()) {
	b.mu.Lock()
	b.next++
	id := b.next
	b.handlers[id] = h
	b.mu.Unlock()
	return id, func() {
		b.mu.Lock()
		delete(b.handlers, id)
		b.mu.Unlock()
	}
}

// bound returns the dispatcher bound to id and cb: a JS function for jweixin.
func (b *jsBridge) bound(id int, cb string) (safejs.Value, error) {
	return b.dispatch.Call("bind", safejs.Null(), id, cb)
}

func (b *jsBridge) call(method string, args []byte, cbs []string, reply func(string, []byte)) (func(), error) {
	obj, err := parseJSON(args)
	if err != nil {
		return nil, err
	}
	target, name := b.wx, method
	if sub, fn, ok := strings.Cut(method, "."); ok {
		if target, err = b.wx.Get(sub); err != nil {
			return nil, err
		}
		name = fn
	}
	id, detach := b.register(asJSON(reply))
	for _, cb := range cbs {
		fn, err := b.bound(id, cb)
		if err == nil {
			err = obj.Set(cb, fn)
		}
		if err != nil {
			detach()
			return nil, err
		}
	}
	if _, err := target.Call(name, obj); err != nil {
		detach()
		return nil, fmt.Errorf("jWeixin.%s threw: %w", method, err)
	}
	return detach, nil
}

// configure runs wx.config. The outcome of the first configuration comes
// from wx.error and wx.ready (registered around it, so error fires first).
// jweixin's ready fires at once after that first time, so a later
// configuration's outcome comes from the client's own answer to the
// verification, asked through wx.invoke with jweixin's arguments; wx.error
// still reports a failure first when it sees one.
func (b *jsBridge) configure(cfg []byte, reply func(string, []byte)) (func(), error) {
	obj, err := parseJSON(cfg)
	if err != nil {
		return nil, err
	}
	var once sync.Once
	own := func(cb string, res []byte) { once.Do(func() { reply(cb, res) }) }
	b.mu.Lock()
	first := !b.configured
	b.configured = true
	b.onConfig = own
	b.mu.Unlock()
	detach := func() {
		b.mu.Lock()
		b.onConfig = nil
		b.mu.Unlock()
	}
	if first {
		// One wx.error handler for the page's lifetime: jweixin keeps one.
		errID, _ := b.register(asJSON(b.configReply))
		fn, err := b.bound(errID, "error")
		if err == nil {
			_, err = b.wx.Call("error", fn)
		}
		if err != nil {
			return nil, err
		}
	}
	if _, err := b.wx.Call("config", obj); err != nil {
		detach()
		return nil, fmt.Errorf("jWeixin.config threw: %w", err)
	}
	if first {
		id, unregister := b.register(asJSON(b.configReply))
		fn, err := b.bound(id, "ready")
		if err == nil {
			_, err = b.wx.Call("ready", fn)
		}
		if err != nil {
			unregister()
			detach()
			return nil, err
		}
		return func() { unregister(); detach() }, nil
	}
	// jweixin rewrote jsApiList to the client's names in place, as the
	// verification expects them.
	verify, err := parseJSON([]byte(`{}`))
	if err != nil {
		return nil, err
	}
	list, _ := obj.Get("jsApiList")
	tags, _ := obj.Get("openTagList")
	if tags.IsUndefined() {
		tags, _ = parseJSON([]byte(`[]`))
	}
	verify.Set("verifyJsApiList", list)
	verify.Set("verifyOpenTagList", tags)
	id, unregister := b.register(asJSON(b.configReply))
	fn, err := b.bound(id, "verify")
	if err == nil {
		_, err = b.wx.Call("invoke", "preVerifyJSAPI", verify, fn)
	}
	if err != nil {
		unregister()
		detach()
		return nil, fmt.Errorf("jWeixin.invoke(preVerifyJSAPI): %w", err)
	}
	return func() { unregister(); detach() }, nil
}

// configReply hands a configuration callback to the pending configuration.
func (b *jsBridge) configReply(cb string, res []byte) {
	b.mu.Lock()
	r := b.onConfig
	b.mu.Unlock()
	if r != nil {
		r(cb, res)
	}
}

// get fetches url with the page's fetch, same-origin credentials.
func (b *jsBridge) get(ctx context.Context, url string) (int, []byte, error) {
	g := safejs.Global()
	ctlClass, err := g.Get("AbortController")
	if err != nil {
		return 0, nil, err
	}
	ctl, err := ctlClass.New()
	if err != nil {
		return 0, nil, err
	}
	signal, _ := ctl.Get("signal")
	init, err := parseJSON([]byte(`{"credentials":"same-origin","headers":{"Accept":"application/json"}}`))
	if err != nil {
		return 0, nil, err
	}
	init.Set("signal", signal)
	stop := context.AfterFunc(ctx, func() { ctl.Call("abort") })
	defer stop()
	resp, err := b.await(ctx, func() (safejs.Value, error) { return g.Call("fetch", url, init) })
	if err != nil {
		return 0, nil, err
	}
	st, _ := resp.Get("status")
	status, _ := st.Int()
	text, err := b.await(ctx, func() (safejs.Value, error) { return resp.Call("text") })
	if err != nil {
		return 0, nil, err
	}
	body, err := text.String()
	return status, []byte(body), err
}

// await waits for the promise start returns to settle.
func (b *jsBridge) await(ctx context.Context, start func() (safejs.Value, error)) (safejs.Value, error) {
	type settled struct {
		cb string
		v  safejs.Value
	}
	ch := make(chan settled, 1)
	id, detach := b.register(func(cb string, v safejs.Value) {
		select {
		case ch <- settled{cb, v}:
		default:
		}
	})
	defer detach()
	p, err := start()
	if err != nil {
		return safejs.Undefined(), err
	}
	ok, err := b.bound(id, "ok")
	if err != nil {
		return safejs.Undefined(), err
	}
	fail, err := b.bound(id, "fail")
	if err != nil {
		return safejs.Undefined(), err
	}
	if _, err := p.Call("then", ok, fail); err != nil {
		return safejs.Undefined(), err
	}
	select {
	case r := <-ch:
		if r.cb == "fail" {
			msg := "promise rejected"
			if s, err := r.v.Call("toString"); err == nil {
				msg, _ = s.String()
			}
			return safejs.Undefined(), errors.New(msg)
		}
		return r.v, nil
	case <-ctx.Done():
		return safejs.Undefined(), ctx.Err()
	}
}

func (b *jsBridge) page() page {
	var p page
	g := safejs.Global()
	if loc, err := g.Get("location"); err == nil {
		if h, err := loc.Get("href"); err == nil {
			p.href, _ = h.String()
		}
	}
	p.landing = landingURL()
	if p.landing == "" {
		p.landing = p.href
	}
	if nav, err := g.Get("navigator"); err == nil {
		if ua, err := nav.Get("userAgent"); err == nil {
			p.userAgent, _ = ua.String()
		}
	}
	if f, err := g.Get("wxfake"); err == nil && f.Type() == safejs.TypeObject {
		p.fake = true
	}
	return p
}

// landingURL is the URL the document was loaded with: the first entry of
// the navigation timeline, which history.pushState does not change.
func landingURL() string {
	perf, err := safejs.Global().Get("performance")
	if err != nil || perf.IsUndefined() {
		return ""
	}
	entries, err := perf.Call("getEntriesByType", "navigation")
	if err != nil {
		return ""
	}
	if n, err := entries.Length(); err != nil || n == 0 {
		return ""
	}
	first, err := entries.Index(0)
	if err != nil {
		return ""
	}
	name, err := first.Get("name")
	if err != nil {
		return ""
	}
	s, _ := name.String()
	return s
}

var (
	loadOnce sync.Mutex
	loaded   *SDK
)

// Load returns the SDK of the page, bound to window.jWeixin; it is made
// once and shared, since jweixin keeps one configuration per page. If the
// script is not there yet, Load waits until the page has loaded, then fails
// with ErrNoSDK.
func Load(ctx context.Context) (*SDK, error) {
	loadOnce.Lock()
	defer loadOnce.Unlock()
	if loaded != nil {
		return loaded, nil
	}
	for {
		g := safejs.Global()
		if wx, err := g.Get("jWeixin"); err == nil && wx.Type() == safejs.TypeObject {
			b, err := newJSBridge(wx)
			if err != nil {
				return nil, err
			}
			loaded = newSDK(b)
			return loaded, nil
		}
		if documentComplete() {
			return nil, &Error{API: APIConfig, Status: "window.jWeixin is not defined", kind: ErrNoSDK}
		}
		select {
		case <-ctx.Done():
			return nil, wrapErr(APIConfig, ctx.Err(), ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
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
