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

	staticOnce sync.Once
	static     page
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
	if j, err := jsJSON(); err == nil {
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

// jsJSON is the page's JSON object, read once.
var jsJSON = sync.OnceValues(func() (safejs.Value, error) { return safejs.Global().Get("JSON") })

func parseJSON(b []byte) (safejs.Value, error) {
	j, err := jsJSON()
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
	target, name, err := b.target(method)
	if err != nil {
		return nil, err
	}
	detach := func() {}
	var id int
	if len(cbs) > 0 {
		id, detach = b.register(asJSON(reply))
	}
	// success, fail and cancel share one bound function: a reply tells them
	// apart by its errMsg, as jweixin itself does.
	var result safejs.Value
	for _, cb := range cbs {
		label := cb
		if cb == "success" || cb == "fail" || cb == "cancel" {
			label = "result"
		}
		fn := result
		if label != "result" || fn.IsUndefined() {
			if fn, err = b.bound(id, label); err != nil {
				detach()
				return nil, err
			}
			if label == "result" {
				result = fn
			}
		}
		if err := obj.Set(cb, fn); err != nil {
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

// page reads the page; what cannot change (the landing URL, the user agent,
// the fake) is read once, so a call costs one read of location.href.
func (b *jsBridge) page() page {
	b.staticOnce.Do(func() { b.static = currentPage() })
	p := b.static
	p.href = stringAt(safejs.Global(), "location", "href")
	return p
}

// target resolves method ("name" or "miniProgram.name") to its object and name.
func (b *jsBridge) target(method string) (safejs.Value, string, error) {
	sub, fn, ok := strings.Cut(method, ".")
	if !ok {
		return b.wx, method, nil
	}
	t, err := b.wx.Get(sub)
	if err == nil && t.Type() != safejs.TypeObject {
		err = fmt.Errorf("jWeixin.%s is not an object", sub)
	}
	return t, fn, err
}

func (b *jsBridge) callFunc(method string, reply func([]byte)) (func(), error) {
	target, name, err := b.target(method)
	if err != nil {
		return nil, err
	}
	id, detach := b.register(func(_ string, v safejs.Value) { reply(stringify(v)) })
	fn, err := b.bound(id, "fn")
	if err == nil {
		_, err = target.Call(name, fn)
	}
	if err != nil {
		detach()
		return nil, fmt.Errorf("jWeixin.%s: %w", method, err)
	}
	return detach, nil
}

// raw calls jWeixin.invoke or jWeixin.on with the dispatcher as callback.
func (b *jsBridge) raw(fn, name string, args []byte, reply func([]byte)) (func(), error) {
	id, detach := b.register(func(_ string, v safejs.Value) { reply(stringify(v)) })
	cb, err := b.bound(id, "raw")
	if err != nil {
		detach()
		return nil, err
	}
	if fn == "on" {
		_, err = b.wx.Call("on", name, cb)
	} else {
		var obj safejs.Value
		if obj, err = parseJSON(args); err == nil {
			_, err = b.wx.Call("invoke", name, obj, cb)
		}
	}
	if err != nil {
		detach()
		return nil, fmt.Errorf("jWeixin.%s(%q): %w", fn, name, err)
	}
	return detach, nil
}

// currentPage reads what the binding needs of the page.
func currentPage() page {
	var p page
	g := safejs.Global()
	p.href = stringAt(g, "location", "href")
	p.landing = landingURL()
	if p.landing == "" {
		p.landing = p.href
	}
	p.userAgent = stringAt(g, "navigator", "userAgent")
	p.miniProgram = stringAt(g, "__wxjs_environment") == "miniprogram"
	if f, err := g.Get("wxfake"); err == nil && f.Type() == safejs.TypeObject {
		p.fake = true
	}
	return p
}

// stringAt reads the string at a property path of v, or "".
func stringAt(v safejs.Value, path ...string) string {
	for _, p := range path {
		next, err := v.Get(p)
		if err != nil || next.IsUndefined() || next.IsNull() {
			return ""
		}
		v = next
	}
	if v.Type() != safejs.TypeString {
		return ""
	}
	s, _ := v.String()
	return s
}

// Env tells where the page runs: an ordinary browser, WeChat (or the fake
// jWeixin), or a mini program's web-view.
func Env() Environment { return currentPage().env() }

// InWeChat reports whether jweixin can answer on this page: inside WeChat,
// or with the fake jWeixin loaded.
func InWeChat() bool { return currentPage().inWeChat() }

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
	loadMu sync.Mutex
	loaded *SDK // the page's SDK: jweixin keeps one configuration per page
)

// Load returns the SDK of the page, bound to window.jWeixin. It is made
// once and shared. If the page has no jweixin once it has loaded, Load
// adds the official script (ScriptURL, then FallbackScriptURL); inside
// WeChat it also waits for the client's bridge (WeixinJSBridgeReady).
func Load(ctx context.Context) (*SDK, error) {
	return LoadFrom(ctx, ScriptURL, FallbackScriptURL)
}

// LoadFrom is Load with the script's addresses to try, in order.
func LoadFrom(ctx context.Context, urls ...string) (*SDK, error) {
	loadMu.Lock()
	defer loadMu.Unlock()
	if loaded != nil {
		return loaded, nil
	}
	wx, err := findSDK(ctx, urls)
	if err != nil {
		return nil, err
	}
	if err := waitBridge(ctx); err != nil {
		return nil, err
	}
	b, err := newJSBridge(wx)
	if err != nil {
		return nil, err
	}
	loaded = newSDK(b)
	return loaded, nil
}

// findSDK returns window.jWeixin, once the page's own scripts have run, or
// after adding a script from urls.
func findSDK(ctx context.Context, urls []string) (safejs.Value, error) {
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
		err := addScript(ctx, u)
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
func addScript(ctx context.Context, url string) error {
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return err
	}
	el, err := doc.Call("createElement", "script")
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	onload, releaseLoad, err := newFunc(func([]safejs.Value) { done <- nil })
	if err != nil {
		return err
	}
	defer releaseLoad()
	onerror, releaseError, err := newFunc(func([]safejs.Value) { done <- errors.New("the script did not load") })
	if err != nil {
		return err
	}
	defer releaseError()
	el.Set("onload", onload)
	el.Set("onerror", onerror)
	el.Set("src", url)
	head, err := doc.Get("head")
	if err != nil {
		return err
	}
	if _, err := head.Call("appendChild", el); err != nil {
		return err
	}
	select {
	case err := <-done:
		el.Set("onload", safejs.Null())
		el.Set("onerror", safejs.Null())
		return err
	case <-ctx.Done():
		el.Set("onload", safejs.Null())
		el.Set("onerror", safejs.Null())
		return ctx.Err()
	}
}

// waitBridge waits, inside WeChat, until the client has injected
// WeixinJSBridge: jweixin drops calls made before.
func waitBridge(ctx context.Context) error {
	p := currentPage()
	if p.fake || !p.inWeChat() {
		return nil
	}
	if b, err := safejs.Global().Get("WeixinJSBridge"); err == nil && !b.IsUndefined() {
		return nil
	}
	doc, err := safejs.Global().Get("document")
	if err != nil {
		return err
	}
	ready := make(chan struct{}, 1)
	fn, release, err := newFunc(func([]safejs.Value) {
		select {
		case ready <- struct{}{}:
		default:
		}
	})
	if err != nil {
		return err
	}
	defer release()
	doc.Call("addEventListener", "WeixinJSBridgeReady", fn)
	defer doc.Call("removeEventListener", "WeixinJSBridgeReady", fn)
	// The event may have fired between the check and the listener.
	if b, err := safejs.Global().Get("WeixinJSBridge"); err == nil && !b.IsUndefined() {
		return nil
	}
	select {
	case <-ready:
		return nil
	case <-ctx.Done():
		return wrapErr(APIConfig, ctx.Err(), ctx.Err())
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
