//go:build js && wasm

// Command roundtrip measures, in the browser, n awaited wx calls through the
// fake jWeixin; pagebench compares it with the same calls from plain
// JavaScript. It reports through window.roundtrip.
package main

import (
	"context"
	"strconv"
	"time"

	"github.com/hack-pad/safejs"

	"github.com/gowx/gowx/wx"
)

func main() {
	ctx := context.Background()
	report := func(key string, v any) {
		out, _ := safejs.Global().Get("roundtrip")
		out.Set(key, v)
	}
	sdk, err := wx.Load(ctx)
	if err == nil {
		err = sdk.SignedConfig(ctx, "/fake/control/sign", wx.APIs()...)
	}
	if err != nil {
		report("error", err.Error())
		return
	}
	n := 1000
	if s := safejs.MustGetGlobal("roundtripN"); s.Type() == safejs.TypeNumber {
		n, _ = s.Int()
	}
	// Warm up, as the JavaScript side is warm.
	for range 50 {
		sdk.GetNetworkType(ctx).Await(ctx)
	}
	start := time.Now()
	for range n {
		if _, err := sdk.GetNetworkType(ctx).Await(ctx); err != nil {
			report("error", err.Error())
			return
		}
	}
	report("goMillis", float64(time.Since(start).Microseconds())/1000)
	report("calls", strconv.Itoa(n))
}
