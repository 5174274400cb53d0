//go:build wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/hack-pad/safejs"
)

// fetchJSON posts body, a JSON text, to path on the page's origin with the
// page's fetch (net/http would add megabytes to the wasm), and returns the
// status and the answer's text.
func fetchJSON(ctx context.Context, path string, body []byte) (int, []byte, error) {
	g := safejs.Global()
	jsJSON, err := g.Get("JSON")
	if err != nil {
		return 0, nil, err
	}
	init, err := jsJSON.Call("parse", `{"method":"POST","credentials":"same-origin","headers":{"Content-Type":"application/json","Accept":"application/json"}}`)
	if err != nil {
		return 0, nil, err
	}
	if err := init.Set("body", string(body)); err != nil {
		return 0, nil, err
	}
	resp, err := await(ctx, func() (safejs.Value, error) { return g.Call("fetch", path, init) })
	if err != nil {
		return 0, nil, err
	}
	st, err := resp.Get("status")
	if err != nil {
		return 0, nil, err
	}
	status, _ := st.Int()
	text, err := await(ctx, func() (safejs.Value, error) { return resp.Call("text") })
	if err != nil {
		return 0, nil, err
	}
	s, err := text.String()
	return status, []byte(s), err
}

// await waits for the promise start returns.
func await(ctx context.Context, start func() (safejs.Value, error)) (safejs.Value, error) {
	type settled struct {
		v   safejs.Value
		err error
	}
	done := make(chan settled, 1)
	var once sync.Once
	settle := func(s settled) { once.Do(func() { done <- s }) }
	ok, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		settle(settled{v: first(args)})
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	defer ok.Release()
	fail, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		msg := "rejected"
		if s, err := first(args).Call("toString"); err == nil {
			msg, _ = s.String()
		}
		settle(settled{err: errors.New(msg)})
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	defer fail.Release()
	p, err := start()
	if err != nil {
		return safejs.Undefined(), err
	}
	if _, err := p.Call("then", ok.Value(), fail.Value()); err != nil {
		return safejs.Undefined(), err
	}
	select {
	case s := <-done:
		if s.err != nil {
			return safejs.Undefined(), fmt.Errorf("fetch: %w", s.err)
		}
		return s.v, nil
	case <-ctx.Done():
		return safejs.Undefined(), ctx.Err()
	}
}

func first(args []safejs.Value) safejs.Value {
	if len(args) == 0 {
		return safejs.Undefined()
	}
	return args[0]
}
