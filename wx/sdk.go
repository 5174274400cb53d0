package wx

import (
	"context"
	"encoding/json"
	"sync"
	"time"
)

// SDK is jweixin on one page. Its methods are safe for concurrent use; the
// ones that return a Future or a Subscription never block.
type SDK struct {
	b    bridge
	life lifecycle

	mu        sync.Mutex
	listeners map[string]ender // the live Subscription of each client event

	tagsMu sync.Mutex
	tags   map[OpenTag]bool // the open tags the page declared (UseOpenTags)
	useMu  sync.Mutex       // one UseOpenTags re-configuration at a time
}

// newSDK returns an SDK over b.
func newSDK(b bridge) *SDK {
	s := &SDK{b: b, tags: map[OpenTag]bool{}}
	s.life.signURL = func() string { return s.b.page().signURL() }
	s.life.resign = s.resign
	return s
}

// resignTimeout bounds signing again after the page's URL changed.
const resignTimeout = 30 * time.Second

// resign signs the page again and configures it with the options of the
// signed configuration it follows: the SDK's own attempt, when the URL
// WeChat verifies has changed.
func (s *SDK) resign(a *attempt) {
	ctx, cancel := context.WithTimeout(context.Background(), resignTimeout)
	defer cancel()
	s.signAndConfigure(ctx, a)
}

// resultCallbacks are the callbacks every call sets: complete alone, which
// jweixin calls once with every result, after success, fail or cancel; the
// result's errMsg tells which, as it tells jweixin.
var resultCallbacks = []string{"complete"}

// invoke is the single path of every call: wait for configuration, call
// jWeixin.<api>(args), and settle the Future from the first reply, with the
// value decode makes of an ok result or the Error of any other. Ending ctx
// settles the Future with the context's error and drops a later reply.
func invoke[T any](ctx context.Context, s *SDK, api API, args map[string]any, decode func([]byte) (T, error)) *Future[T] {
	f := newFuture[T]()
	var zero T
	if err := ctx.Err(); err != nil {
		f.settle(zero, wrapErr(api, err, err))
		return f
	}
	argJSON, err := jsonArgs(api, args)
	if err != nil {
		f.settle(zero, err)
		return f
	}
	run := func() {
		settleFrom(ctx, f, api, func(reply func([]byte)) (func(), error) {
			return s.b.call(string(api), argJSON, resultCallbacks, func(_ string, res []byte) { reply(res) })
		}, func(res []byte) (T, error) { return decodeResult(api, res, decode) })
	}
	s.life.admit(ctx, api, run, func(err error) { f.settle(zero, err) })
	return f
}

// settleFrom makes a call with start and settles f with what outcome makes
// of the first reply, or with the error of ctx if it ends first. Once f is
// settled the call is detached, so a late reply is dropped; whoever sees f
// settled finds nothing left registered on ctx.
func settleFrom[T any](ctx context.Context, f *Future[T], api API, start func(reply func([]byte)) (detach func(), err error), outcome func([]byte) (T, error)) {
	var zero T
	if f.settling() {
		return
	}
	var (
		mu     sync.Mutex
		detach func()
		stop   func() bool
	)
	// release runs as f is settled, perhaps more than once: each time it
	// undoes what is set up by then.
	release := func() {
		mu.Lock()
		d, st := detach, stop
		detach, stop = nil, nil
		mu.Unlock()
		if d != nil {
			d()
		}
		if st != nil {
			st()
		}
	}
	// The context's AfterFunc comes first, so that a reply, however soon,
	// finds it to forget.
	st := afterFunc(ctx, func() {
		f.settleAfter(zero, wrapErr(api, ctx.Err(), ctx.Err()), release)
	})
	mu.Lock()
	stop = st
	mu.Unlock()
	if f.settling() { // the context ended meanwhile
		release()
		return
	}
	d, err := start(func(res []byte) {
		v, err := outcome(res)
		f.settleAfter(v, err, release)
	})
	if err != nil {
		f.settleAfter(zero, wrapErr(api, ErrFailed, err), release)
		return
	}
	mu.Lock()
	detach = d
	mu.Unlock()
	if f.settling() { // answered, or ended, while being set up
		release()
	}
}

// decodeResult turns a reply into the value of an ok result, or the Error
// its errMsg describes. An ok result is decoded once, by decode.
func decodeResult[T any](api API, res []byte, decode func([]byte) (T, error)) (T, error) {
	var zero T
	errMsg, err := errMsgOf(res)
	if err != nil {
		return zero, wrapErr(api, ErrFailed, err)
	}
	if msgStatus(errMsg) != "ok" {
		var fields map[string]json.RawMessage
		json.Unmarshal(res, &fields)
		return zero, newError(api, errMsg, fields)
	}
	v, err := decode(res)
	if err != nil {
		return zero, wrapErr(api, ErrFailed, err)
	}
	return v, nil
}

// command calls api, whose ok result carries nothing but errMsg.
func (s *SDK) command(ctx context.Context, api API, args map[string]any) *Future[struct{}] {
	return invoke(ctx, s, api, args, noResult)
}

// noResult decodes an ok result that carries nothing but errMsg.
func noResult([]byte) (struct{}, error) { return struct{}{}, nil }

// decodeJSON decodes an ok result into T with encoding/json.
func decodeJSON[T any](res []byte) (T, error) {
	var v T
	err := json.Unmarshal(res, &v)
	return v, err
}

// jsonArgs encodes the arguments of a call to api.
func jsonArgs(api API, args map[string]any) ([]byte, error) {
	if len(args) == 0 {
		return []byte("{}"), nil
	}
	b, err := json.Marshal(args)
	if err != nil {
		return nil, badOptions(api, "%v", err)
	}
	return b, nil
}

// afterFunc is context.AfterFunc, free for a context that never ends.
func afterFunc(ctx context.Context, f func()) (stop func() bool) {
	if ctx.Done() == nil {
		return func() bool { return true }
	}
	return context.AfterFunc(ctx, f)
}
