//go:build js && wasm

package wx

import (
	"errors"
	"fmt"
	"strings"

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
	// static is what cannot change while the page lives: the landing URL,
	// the user agent, the fake.
	static page
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
	mini, _ := wx.Get("miniProgram")
	return &jsBridge{d: d, wx: wx, mini: mini, loc: loc, static: currentPage()}, nil
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
	obj, err := jsx.ParseJSON(args)
	if err != nil {
		return nil, err
	}
	detach := func() {}
	if len(cbs) > 0 {
		var id int
		id, detach = b.d.Register(func(label string, args []safejs.Value) {
			callbackDepth.Add(1)
			defer callbackDepth.Add(-1)
			reply(label, stringify(first(args)))
		})
		if err := b.setCallbacks(obj, id, cbs); err != nil {
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

// setCallbacks sets a callback of handler id under each name in cbs on obj.
// success, fail and cancel share one function labelled "result": a reply
// tells them apart by its errMsg, as jweixin itself does.
func (b *jsBridge) setCallbacks(obj safejs.Value, id int, cbs []string) error {
	var result safejs.Value
	for _, cb := range cbs {
		label := cb
		if cb == "success" || cb == "fail" || cb == "cancel" {
			label = "result"
		}
		fn := result
		if label != "result" || fn.IsUndefined() {
			var err error
			if fn, err = b.d.Bind(id, label); err != nil {
				return err
			}
			if label == "result" {
				result = fn
			}
		}
		if err := obj.Set(cb, fn); err != nil {
			return err
		}
	}
	return nil
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
	id, detach = b.d.Register(func(label string, args []safejs.Value) {
		switch label {
		case "invoke": // jweixin calling the client while wx.config runs
			if len(args) >= 3 && !verified && isString(args[0], "preVerifyJSAPI") {
				if mine, err := b.d.Bind(id, "answer", args[2]); err == nil {
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
		case "answer": // the client answering: jweixin's callback, then ours
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
	tap, err := b.d.Bind(id, "invoke")
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
	id, detach := b.d.Register(func(_ string, args []safejs.Value) { reply(stringify(first(args))) })
	fn, err := b.d.Bind(id, "fn")
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
	id, detach := b.d.Register(func(_ string, args []safejs.Value) { reply(stringify(first(args))) })
	cb, err := b.d.Bind(id, "raw")
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
