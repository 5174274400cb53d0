//go:build js && wasm

// Command roundtrip measures, in the browser, awaited wx calls through the
// fake jWeixin, for pagebench, which compares them with the same calls from
// plain JavaScript on the same page. Once configured it sets two functions,
// each a promise of the milliseconds n calls take, made one after the
// other: window.goRoundTrips(n) calls through the binding, and
// window.floorRoundTrips(n) makes the same call with the fewest crossings
// syscall/js allows (the argument object, one bound callback, the call, the
// result's JSON), the floor of any Go binding, and
// window.safeFloorRoundTrips(n) the same through safejs. It reports a failure in
// window.roundtrip.error.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"syscall/js"
	"time"

	"github.com/hack-pad/safejs"

	"github.com/gowx/gowx/wx"
)

func main() {
	ctx := context.Background()
	out := safejs.MustGetGlobal("roundtrip")
	sdk, err := wx.Load(ctx)
	if err == nil {
		err = sdk.SignedConfig(ctx, "/fake/control/sign", wx.APIs()...)
	}
	if err != nil {
		out.Set("error", err.Error())
		return
	}
	expose("goRoundTrips", func() error {
		_, err := sdk.GetNetworkType(ctx).Await(ctx)
		return err
	})
	expose("floorRoundTrips", floorCall())
	expose("safeFloorRoundTrips", safeFloorCall())
	out.Set("ready", true)
	select {}
}

// floorCall returns the bare call: what any binding must do at least.
func floorCall() func() error {
	g := js.Global()
	wx, jsJSON := g.Get("wx"), g.Get("JSON")
	results := make(chan string, 1)
	callback := js.FuncOf(func(_ js.Value, args []js.Value) any {
		results <- jsJSON.Call("stringify", args[2]).String()
		return nil
	})
	return func() error {
		o := g.Get("Object").New()
		o.Set("complete", callback.Value.Call("bind", nil, 1, 0))
		wx.Call("getNetworkType", o)
		return networkTypeResult(<-results)
	}
}

// networkTypeResult decodes a getNetworkType result, as any binding must,
// and fails unless it is ok.
func networkTypeResult(res string) error {
	var r struct {
		ErrMsg      string `json:"errMsg"`
		NetworkType string `json:"networkType"`
	}
	if err := json.Unmarshal([]byte(res), &r); err != nil {
		return err
	}
	if r.ErrMsg != "getNetworkType:ok" {
		return errors.New(r.ErrMsg)
	}
	return nil
}

// safeFloorCall is floorCall through safejs, which the binding is built
// on: every crossing checked for a JavaScript exception.
func safeFloorCall() func() error {
	g := safejs.Global()
	wx, _ := g.Get("wx")
	jsJSON, _ := g.Get("JSON")
	object, _ := g.Get("Object")
	results := make(chan string, 1)
	callback, _ := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		s, _ := jsJSON.Call("stringify", args[2])
		str, _ := s.String()
		results <- str
		return nil
	})
	return func() error {
		o, err := object.New()
		if err != nil {
			return err
		}
		bound, err := callback.Value().Call("bind", nil, 1, 0)
		if err != nil {
			return err
		}
		if err := o.Set("complete", bound); err != nil {
			return err
		}
		if _, err := wx.Call("getNetworkType", o); err != nil {
			return err
		}
		return networkTypeResult(<-results)
	}
}

// expose sets window[name](n): a promise of the milliseconds n calls of
// call take, made one after the other.
func expose(name string, call func() error) {
	run := func(n int) (float64, error) {
		start := time.Now()
		for range n {
			if err := call(); err != nil {
				return 0, err
			}
		}
		return float64(time.Since(start).Microseconds()) / 1000, nil
	}
	// A slice of calls costs a js.Func or two here, never a call.
	fn, _ := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		n, _ := args[0].Int()
		executor, _ := safejs.FuncOf(func(_ safejs.Value, cb []safejs.Value) any {
			resolve, reject := cb[0], cb[1]
			go func() {
				ms, err := run(n)
				if err != nil {
					reject.Invoke(err.Error())
					return
				}
				resolve.Invoke(ms)
			}()
			return nil
		})
		defer executor.Release()
		promise, _ := safejs.MustGetGlobal("Promise").New(executor.Value())
		return promise
	})
	safejs.Global().Set(name, fn.Value())
}
