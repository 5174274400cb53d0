//go:build js && wasm

package jsx

import (
	"fmt"
	"sync"

	"github.com/hack-pad/safejs"
)

// Handler receives the callbacks bound to it: the label given to Bind (a
// number, which crosses from JavaScript cheaper than a string) and the
// callback's arguments (those given to Bind after the label first, then the
// caller's).
type Handler func(label int, args []safejs.Value)

// Dispatcher is one js.Func that every callback of the page goes through. A
// callback is the Func bound (Function.prototype.bind) to a handler's id and
// a label, so making one costs no Func, and one that fires after its
// handler was detached is dropped.
type Dispatcher struct {
	fn safejs.Value

	mu       sync.Mutex
	next     int
	handlers map[int]Handler
}

var page = sync.OnceValues(newDispatcher)

// Page returns the page's dispatcher, made on first use and kept for the
// page's life: a page needs one.
func Page() (*Dispatcher, error) { return page() }

func newDispatcher() (*Dispatcher, error) {
	d := &Dispatcher{handlers: make(map[int]Handler)}
	f, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		defer func() {
			if r := recover(); r != nil {
				logError(fmt.Sprintf("gowx: panic in a callback: %v", r))
			}
		}()
		d.dispatch(args)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("the callback dispatcher: %w", err)
	}
	d.fn = f.Value() // never released: it serves the page until it closes
	return d, nil
}

// dispatch hands a callback's arguments (id, label, then the rest) to its
// handler, if it is still attached.
func (d *Dispatcher) dispatch(args []safejs.Value) {
	if len(args) < 2 {
		return
	}
	id, err := args[0].Int()
	if err != nil {
		return
	}
	d.mu.Lock()
	h := d.handlers[id]
	d.mu.Unlock()
	if h == nil {
		return // detached: a late or repeated callback
	}
	label, _ := args[1].Int()
	h(label, args[2:])
}

// Register attaches h under a new id, and returns the id and the function
// that detaches it.
func (d *Dispatcher) Register(h Handler) (id int, detach func()) {
	d.mu.Lock()
	d.next++
	id = d.next
	d.handlers[id] = h
	d.mu.Unlock()
	return id, func() {
		d.mu.Lock()
		delete(d.handlers, id)
		d.mu.Unlock()
	}
}

// Bind returns a JavaScript function that calls the handler of id with
// label, then bound, then its own arguments.
func (d *Dispatcher) Bind(id, label int, bound ...any) (safejs.Value, error) {
	args := append([]any{safejs.Null(), id, label}, bound...)
	fn, err := d.fn.Call("bind", args...)
	if err != nil {
		return safejs.Undefined(), fmt.Errorf("binding a callback: %w", err)
	}
	return fn, nil
}

// Len is the number of attached handlers.
func (d *Dispatcher) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.handlers)
}

func logError(msg string) {
	if console, err := safejs.Global().Get("console"); err == nil {
		console.Call("error", msg)
	}
}
