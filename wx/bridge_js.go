//go:build js && wasm

package wx

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hack-pad/safejs"

	"github.com/gowx/gowx/internal/jsx"
)

// jsBridge is the bridge to window.jWeixin. Each callback it hands jweixin
// is the page's dispatcher bound to a handler (package jsx), so a call costs
// no js.Func, and a callback that fires after its call ended is dropped.
type jsBridge struct {
	d    *jsx.Dispatcher
	wx   safejs.Value
	mini safejs.Value // jWeixin.miniProgram
	loc  safejs.Value // window.location
	// object is the page's Object, to make the empty argument objects.
	object safejs.Value
	// static is what cannot change while the page lives: the landing URL,
	// the user agent, the fake.
	static page

	hrefMu    sync.Mutex
	hrefValue safejs.Value // location.href when last read, and its text
	href      string
	watching  bool        // the Navigation API reports the URL's changes
	hrefStale atomic.Bool // the URL changed since it was read
}

func newJSBridge(wx safejs.Value) (*jsBridge, error) {
	d, err := jsx.Page()
	if err != nil {
		return nil, err
	}
	loc, err := safejs.Global().Get("location")
	if err != nil {
		return nil, err
	}
	object, err := safejs.Global().Get("Object")
	if err != nil {
		return nil, err
	}
	mini, _ := wx.Get("miniProgram")
	b := &jsBridge{d: d, wx: wx, mini: mini, loc: loc, object: object, static: currentPage()}
	b.watchNavigation()
	return b, nil
}

// target resolves method ("name" or "miniProgram.name") to its object and name.
func (b *jsBridge) target(method string) (safejs.Value, string, error) {
	sub, name, ok := strings.Cut(method, ".")
	if !ok {
		return b.wx, method, nil
	}
	if sub != "miniProgram" || b.mini.Type() != safejs.TypeObject {
		return safejs.Undefined(), "", fmt.Errorf("jWeixin.%s is not an object", sub)
	}
	return b.mini, name, nil
}

func (b *jsBridge) call(method string, args []byte, cbs []string, reply func(string, []byte)) (func(), error) {
	target, name, err := b.target(method)
	if err != nil {
		return nil, err
	}
	obj, err := b.argObject(args)
	if err != nil {
		return nil, err
	}
	detach := func() {}
	if len(cbs) > 0 {
		var id int
		id, detach = b.d.Register(func(label int, args []safejs.Value) {
			if label < 0 || label >= len(cbs) {
				return
			}
			callbackDepth.Add(1)
			defer callbackDepth.Add(-1)
			reply(cbs[label], stringify(first(args)))
		})
		// Each callback is the dispatcher bound to the call and the
		// callback's index in cbs.
		for i, cb := range cbs {
			fn, err := b.d.Bind(id, i)
			if err == nil {
				err = obj.Set(cb, fn)
			}
			if err != nil {
				detach()
				return nil, err
			}
		}
	}
	if _, err := target.Call(name, obj); err != nil {
		detach()
		return nil, fmt.Errorf("jWeixin.%s threw: %w", method, err)
	}
	return detach, nil
}

// argObject makes the argument object of a call: empty, as most are, made
// without parsing.
func (b *jsBridge) argObject(args []byte) (safejs.Value, error) {
	if string(args) == "{}" {
		return b.object.New()
	}
	return jsx.ParseJSON(args)
}

// configure runs wx.config and reports jweixin's result of the one
// verification it makes. jweixin tells a configuration's outcome only
// through ready and error, which cannot serve: ready fires on failure too,
// and at once after the first configuration; error is dead on clients
// whose version compares below "6.0.2". So, while wx.config runs, the
// client's WeixinJSBridge.invoke is observed: jweixin calls it at once with
// "preVerifyJSAPI", and the client's answer goes to jweixin's callback
// first, then here, normalised by jweixin. Nothing else changes: the
// client sees the call jweixin makes.
func (b *jsBridge) configure(cfg []byte, answer func([]byte)) error {
	obj, err := jsx.ParseJSON(cfg)
	if err != nil {
		return err
	}
	client, err := safejs.Global().Get("WeixinJSBridge")
	if err != nil || client.Type() != safejs.TypeObject {
		return errors.New("window.WeixinJSBridge is not there: the WeChat client has not injected it")
	}
	invoke, err := client.Get("invoke")
	if err != nil || invoke.Type() != safejs.TypeFunction {
		return errors.New("WeixinJSBridge.invoke is not a function")
	}
	own, err := hasOwn(client, "invoke")
	if err != nil {
		return err
	}
	var (
		id       int
		detach   func()
		verified bool
	)
	// The labels of the configuration's two callbacks.
	const invoked, answered = 0, 1
	id, detach = b.d.Register(func(label int, args []safejs.Value) {
		switch label {
		case invoked: // jweixin calling the client while wx.config runs
			if len(args) >= 3 && !verified && isString(args[0], "preVerifyJSAPI") {
				if mine, err := b.d.Bind(id, answered, args[2]); err == nil {
					verified = true
					args = []safejs.Value{args[0], args[1], mine}
				}
			}
			call := make([]any, 0, len(args)+1)
			call = append(call, client)
			for _, a := range args {
				call = append(call, a)
			}
			invoke.Call("call", call...)
		case answered: // the client answering: jweixin's callback, then ours
			if len(args) < 2 {
				return
			}
			detach()
			callbackDepth.Add(1)
			defer callbackDepth.Add(-1)
			args[0].Invoke(args[1])
			answer(stringify(args[1]))
		}
	})
	tap, err := b.d.Bind(id, invoked)
	if err == nil {
		err = client.Set("invoke", tap)
	}
	if now, _ := client.Get("invoke"); err == nil && !now.Equal(tap) {
		err = errors.New("WeixinJSBridge.invoke cannot be observed")
	}
	if err != nil {
		detach()
		return err
	}
	_, err = b.wx.Call("config", obj)
	if own {
		client.Set("invoke", invoke)
	} else {
		client.Delete("invoke")
	}
	switch {
	case err != nil:
		err = fmt.Errorf("jWeixin.config threw: %w", err)
	case !verified:
		err = errors.New("jWeixin.config asked the client for no verification")
	}
	if err != nil {
		detach()
	}
	return err
}

// hasOwn reports whether v has the property p itself, not by inheritance.
func hasOwn(v safejs.Value, p string) (bool, error) {
	object, err := safejs.Global().Get("Object")
	if err != nil {
		return false, err
	}
	has, err := object.Call("hasOwn", v, p)
	if err != nil {
		return false, err
	}
	return has.Bool()
}

func isString(v safejs.Value, s string) bool {
	if v.Type() != safejs.TypeString {
		return false
	}
	got, err := v.String()
	return err == nil && got == s
}

func first(args []safejs.Value) safejs.Value {
	if len(args) == 0 {
		return safejs.Undefined()
	}
	return args[0]
}

// stringify returns the JSON of a callback argument; a value JSON cannot
// hold (a cycle) is reduced to its errMsg.
func stringify(v safejs.Value) []byte {
	if v.Type() != safejs.TypeObject {
		return []byte("{}")
	}
	if s, err := jsx.Stringify(v); err == nil {
		return []byte(s)
	}
	msg := ""
	if m, err := v.Get("errMsg"); err == nil && m.Type() == safejs.TypeString {
		msg, _ = m.String()
	}
	return fmt.Appendf(nil, "{%q:%q}", "errMsg", msg)
}

func (b *jsBridge) callFunc(method string, reply func([]byte)) (func(), error) {
	target, name, err := b.target(method)
	if err != nil {
		return nil, err
	}
	id, detach := b.d.Register(func(_ int, args []safejs.Value) { reply(stringify(first(args))) })
	fn, err := b.d.Bind(id, 0)
	if err == nil {
		_, err = target.Call(name, fn)
	}
	if err != nil {
		detach()
		return nil, fmt.Errorf("jWeixin.%s: %w", method, err)
	}
	return detach, nil
}

// raw calls jWeixin.invoke or jWeixin.on with a callback of the dispatcher.
func (b *jsBridge) raw(fn, name string, args []byte, reply func([]byte)) (func(), error) {
	id, detach := b.d.Register(func(_ int, args []safejs.Value) { reply(stringify(first(args))) })
	cb, err := b.d.Bind(id, 0)
	if err == nil {
		if fn == "on" {
			_, err = b.wx.Call("on", name, cb)
		} else {
			var obj safejs.Value
			if obj, err = jsx.ParseJSON(args); err == nil {
				_, err = b.wx.Call("invoke", name, obj, cb)
			}
		}
	}
	if err != nil {
		detach()
		return nil, fmt.Errorf("jWeixin.%s(%q): %w", fn, name, err)
	}
	return detach, nil
}
