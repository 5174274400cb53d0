package wx

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// Future is the outcome of one SDK call: a value of type T or an error,
// settled exactly once. Wait for it with Await, or register callbacks with
// Then, Success, Cancel, Fail and Complete; callbacks run on their own
// goroutine, after the outcome is known, in the order they were registered.
//
// Await blocks. In a browser it must not run on the goroutine of a
// JavaScript callback (a js.Func, a DOM event handler called by JS): the SDK
// answers through the JavaScript event loop, which that callback holds, so
// the page would hang. Call it from a goroutine of your own (go-app's
// ctx.Async), or use the callbacks.
type Future[T any] struct {
	done chan struct{}

	mu    sync.Mutex
	val   T
	err   error
	ended bool
	queue []func(T, error)
}

func newFuture[T any]() *Future[T] { return &Future[T]{done: make(chan struct{})} }

// settled returns a Future that already holds v and err.
func settled[T any](v T, err error) *Future[T] {
	f := newFuture[T]()
	f.settle(v, err)
	return f
}

// settle records the outcome unless one already is; it reports whether this
// call did. Queued callbacks then run, in order, on a new goroutine.
func (f *Future[T]) settle(v T, err error) bool {
	f.mu.Lock()
	if f.ended {
		f.mu.Unlock()
		return false
	}
	f.val, f.err, f.ended = v, err, true
	queue := f.queue
	f.queue = nil
	close(f.done)
	f.mu.Unlock()
	if len(queue) > 0 {
		go func() {
			for _, fn := range queue {
				fn(v, err)
			}
		}()
	}
	return true
}

// Done is closed once the outcome is known.
func (f *Future[T]) Done() <-chan struct{} { return f.done }

// ErrAwaitInCallback is returned by Await when it is called, before the
// outcome is known, from inside a callback that jweixin runs synchronously
// (a share Trigger): waiting there would hang the page.
var ErrAwaitInCallback = errors.New("wx: Await called inside a JavaScript callback; use Then or a goroutine")

// callbackDepth counts the synchronous JavaScript callbacks the binding is
// running; the only package state, it lets Await refuse to deadlock.
var callbackDepth atomic.Int32

// Await waits for the outcome, or for ctx to end (which does not cancel the
// call: use the context given to the call for that).
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

// Then calls fn with the outcome once it is known, and returns f.
func (f *Future[T]) Then(fn func(T, error)) *Future[T] {
	f.mu.Lock()
	if !f.ended {
		f.queue = append(f.queue, fn)
		f.mu.Unlock()
		return f
	}
	v, err := f.val, f.err
	f.mu.Unlock()
	go fn(v, err)
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
