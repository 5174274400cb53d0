package wx

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// Future is the outcome of one SDK call: a value of type T or an error,
// settled exactly once. Wait for it with Await, or register callbacks with
// Then, Success, Cancel, Fail and Complete. Callbacks run on a goroutine of
// the Future's, after the outcome is known, one at a time in the order they
// were registered (each starts once the one before has returned), as
// jweixin runs complete after success, fail or cancel.
//
// Await blocks, which is allowed on any goroutine but the one of a
// JavaScript callback: inside a js.Func that JavaScript calls (a share
// Trigger, say) the SDK's answer can never arrive, as it comes through the
// JavaScript event loop that callback holds; Await then fails at once with
// ErrAwaitInCallback. go-app's event handlers (OnClick, OnChange, …) are
// not JavaScript callbacks but Go functions on go-app's UI goroutine:
// Await works there, but blocks the UI loop, and the page does not render
// until the call ends. Prefer Then, or Await in a goroutine of your own
// (go-app's ctx.Async).
type Future[T any] struct {
	done chan struct{}

	mu      sync.Mutex
	val     T
	err     error
	ended   bool
	claimed bool             // an outcome is being settled (settleAfter)
	queue   []func(T, error) // callbacks not run yet, in order
	running bool             // a goroutine is running the queue
}

func newFuture[T any]() *Future[T] { return &Future[T]{done: make(chan struct{})} }

// settled returns a Future that already holds v and err.
func settled[T any](v T, err error) *Future[T] {
	f := newFuture[T]()
	f.settle(v, err)
	return f
}

// settle records the outcome unless one already is; it reports whether this
// call did. The callbacks then run, in order.
func (f *Future[T]) settle(v T, err error) bool {
	return f.settleAfter(v, err, nil)
}

// settleAfter is settle that, when this call settles f, runs first (the
// call's cleanup) before the outcome is known: whoever sees f settled
// finds the cleanup done.
func (f *Future[T]) settleAfter(v T, err error, first func()) bool {
	f.mu.Lock()
	if f.ended || f.claimed {
		f.mu.Unlock()
		return false
	}
	f.claimed = true
	if first != nil {
		f.mu.Unlock()
		first()
		f.mu.Lock()
	}
	f.val, f.err, f.ended = v, err, true
	close(f.done)
	start := f.startLocked()
	f.mu.Unlock()
	if start {
		go f.runQueue()
	}
	return true
}

// settling reports whether f is settled or being settled.
func (f *Future[T]) settling() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.claimed
}

// startLocked reports whether the caller must start the goroutine that runs
// the queue: the outcome is known, a callback waits and none is running.
func (f *Future[T]) startLocked() bool {
	if !f.ended || f.running || len(f.queue) == 0 {
		return false
	}
	f.running = true
	return true
}

// runQueue runs the queued callbacks one after the other, until none is left.
func (f *Future[T]) runQueue() {
	for {
		f.mu.Lock()
		if len(f.queue) == 0 {
			f.running = false
			f.mu.Unlock()
			return
		}
		fn := f.queue[0]
		f.queue[0] = nil
		f.queue = f.queue[1:]
		v, err := f.val, f.err
		f.mu.Unlock()
		fn(v, err)
	}
}

// Done is closed once the outcome is known.
func (f *Future[T]) Done() <-chan struct{} { return f.done }

// ErrAwaitInCallback is returned by Await when it is called, before the
// outcome is known, from inside a JavaScript callback that jweixin runs (a
// share Trigger): waiting there would hang the page.
var ErrAwaitInCallback = errors.New("wx: Await called inside a JavaScript callback; use Then or a goroutine")

// callbackDepth counts the synchronous JavaScript callbacks the binding is
// running; the only package state, it lets Await refuse to deadlock.
var callbackDepth atomic.Int32

// Await waits for the outcome, or for ctx to end (which does not cancel the
// call: use the context given to the call for that). Inside a JavaScript
// callback it fails with ErrAwaitInCallback; in a go-app event handler it
// holds the UI loop until the call ends (see Future).
func (f *Future[T]) Await(ctx context.Context) (T, error) {
	select {
	case <-f.done:
		return f.val, f.err
	default:
	}
	if callbackDepth.Load() > 0 {
		var zero T
		return zero, ErrAwaitInCallback
	}
	select {
	case <-f.done:
		return f.val, f.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// Then calls fn with the outcome once it is known, after the callbacks
// registered before it have returned, and returns f.
func (f *Future[T]) Then(fn func(T, error)) *Future[T] {
	f.mu.Lock()
	f.queue = append(f.queue, fn)
	start := f.startLocked()
	f.mu.Unlock()
	if start {
		go f.runQueue()
	}
	return f
}

// Success calls fn with the value if the call succeeds, and returns f.
func (f *Future[T]) Success(fn func(T)) *Future[T] {
	return f.Then(func(v T, err error) {
		if err == nil {
			fn(v)
		}
	})
}

// Cancel calls fn if the user cancelled (errors.Is(err, ErrCancel)), and
// returns f.
func (f *Future[T]) Cancel(fn func(error)) *Future[T] {
	return f.Then(func(_ T, err error) {
		if errors.Is(err, ErrCancel) {
			fn(err)
		}
	})
}

// Fail calls fn if the call failed for any reason but a cancel, and returns f.
func (f *Future[T]) Fail(fn func(error)) *Future[T] {
	return f.Then(func(_ T, err error) {
		if err != nil && !errors.Is(err, ErrCancel) {
			fn(err)
		}
	})
}

// Complete calls fn with the error (nil on success) whatever the outcome,
// after the callbacks registered before it, as jweixin's complete does.
func (f *Future[T]) Complete(fn func(error)) *Future[T] {
	return f.Then(func(_ T, err error) { fn(err) })
}
