//go:build js && wasm

package jsx

import (
	"context"
	"errors"

	"github.com/hack-pad/safejs"
)

// Await waits for the promise p to settle, or for ctx to end, and returns
// its value; a rejection is an error with the reason's text.
func (d *Dispatcher) Await(ctx context.Context, p safejs.Value) (safejs.Value, error) {
	type settled struct {
		ok bool
		v  safejs.Value
	}
	ch := make(chan settled, 1)
	const fulfilled, rejected = 0, 1
	id, detach := d.Register(func(label int, args []safejs.Value) {
		v := safejs.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		select {
		case ch <- settled{label == fulfilled, v}:
		default:
		}
	})
	defer detach()
	ok, err := d.Bind(id, fulfilled)
	if err != nil {
		return safejs.Undefined(), err
	}
	fail, err := d.Bind(id, rejected)
	if err != nil {
		return safejs.Undefined(), err
	}
	if _, err := p.Call("then", ok, fail); err != nil {
		return safejs.Undefined(), err
	}
	select {
	case s := <-ch:
		if !s.ok {
			return safejs.Undefined(), errors.New(reason(s.v))
		}
		return s.v, nil
	case <-ctx.Done():
		return safejs.Undefined(), ctx.Err()
	}
}

// reason is the text of a rejection's reason.
func reason(v safejs.Value) string {
	if v.Type() == safejs.TypeObject || v.Type() == safejs.TypeString {
		if s, err := v.Call("toString"); err == nil {
			if text, err := s.String(); err == nil {
				return text
			}
		}
	}
	return "rejected"
}
