package wx

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"time"
)

// bridge is the page's jWeixin as the binding uses it. Values cross it as
// JSON, so everything above it is plain Go, tested without a browser.
type bridge interface {
	// call runs jWeixin.<method>(args) (method may be "miniProgram.<name>")
	// with a callback under each name in cbs set on the argument object.
	// Each callback's argument reaches reply as JSON. After detach, replies
	// are dropped.
	call(method string, args []byte, cbs []string, reply func(cb string, res []byte)) (detach func(), err error)
	// configure runs wx.config(cfg) and reports its outcome to reply once:
	// cb "error" with the failed result, "ready" when jweixin's ready fires
	// (after the first configuration only), or "verify" with the client's
	// raw answer to the verification of a later configuration.
	configure(cfg []byte, reply func(cb string, res []byte)) (detach func(), err error)
	// page describes the page the SDK runs on.
	page() page
	// get fetches url with GET, as the page's fetch does, and returns the
	// status and body.
	get(ctx context.Context, url string) (status int, body []byte, err error)
	// callFunc runs jWeixin.<method>(fn) for the methods that take a bare
	// function (miniProgram.getEnv); fn's argument reaches reply as JSON.
	callFunc(method string, reply func(res []byte)) (detach func(), err error)
	// raw calls jWeixin.invoke(name, args, cb) (fn "invoke") or
	// jWeixin.on(name, cb) (fn "on", args nil); the client's answers reach
	// reply untouched, as JSON, until detach.
	raw(fn, name string, args []byte, reply func(res []byte)) (detach func(), err error)
}

// page is what the binding needs to know of the page.
type page struct {
	href        string // location.href now
	landing     string // location.href when the program started
	userAgent   string
	fake        bool // the fake jWeixin, which answers whatever the user agent
	miniProgram bool // window.__wxjs_environment is "miniprogram"
}

// SDK is jweixin on one page. Its methods are safe for concurrent use; the
// ones that return a Future never block.
type SDK struct {
	b bridge

	mu        sync.Mutex
	current   *attempt      // the latest configuration attempt; nil before the first
	queue     []*queuedCall // calls waiting for the current attempt
	listeners map[API]ender // the live Subscription of each listener API
	signing   *signing      // how SignedConfig signed, to sign again when the URL changes
}

// signing is what SignedConfig last configured with.
type signing struct {
	endpoint string
	apis     []API
	url      string // the URL signed
}

// newSDK returns an SDK over b.
func newSDK(b bridge) *SDK {
	return &SDK{b: b}
}

// attempt is one wx.config.
type attempt struct {
	apis map[API]bool
	done chan struct{}
	err  error // set before done closes
}

type queuedCall struct {
	run  func()
	fail func(error)
}

// whenConfigured runs run once configuration has succeeded and api is in its
// jsApiList, or calls fail with the reason it cannot. A call made while
// configuration is pending (or before it started) waits in order, until
// ctx ends.
// The calls of MiniProgram() need no configuration and run at once.
//
// After SignedConfig, a call made once the page's URL has changed (a
// single-page app navigated) first has the page signed and configured again.
func (s *SDK) whenConfigured(ctx context.Context, api API, run func(), fail func(error)) {
	if strings.HasPrefix(string(api), "miniProgram.") {
		// A mini program's web-view talks to the mini program without wx.config.
		run()
		return
	}
	s.mu.Lock()
	s.resignIfMoved()
	a := s.current
	if a != nil && isDone(a.done) {
		s.mu.Unlock()
		if err := a.permits(api); err != nil {
			fail(err)
			return
		}
		run()
		return
	}
	q := &queuedCall{run: func() {
		if err := s.currentPermits(api); err != nil {
			fail(err)
			return
		}
		run()
	}, fail: fail}
	s.queue = append(s.queue, q)
	s.mu.Unlock()
	context.AfterFunc(ctx, func() {
		if s.dequeue(q) {
			fail(wrapErr(api, ctx.Err(), ctx.Err()))
		}
	})
}

// resignIfMoved starts signing and configuring again when SignedConfig
// configured the page and the URL WeChat would verify has changed since.
// The new attempt is current at once, so calls wait for it. s.mu is held.
func (s *SDK) resignIfMoved() {
	sg, a := s.signing, s.current
	if sg == nil || a == nil || !isDone(a.done) || a.err != nil {
		return
	}
	if s.b.page().signURL() == sg.url {
		return
	}
	s.signing = nil
	s.current = &attempt{done: make(chan struct{})}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), resignTimeout)
		defer cancel()
		s.SignedConfig(ctx, sg.endpoint, sg.apis...)
	}()
}

// resignTimeout bounds signing again after the page's URL changed.
const resignTimeout = 30 * time.Second

func (s *SDK) currentPermits(api API) error {
	s.mu.Lock()
	a := s.current
	s.mu.Unlock()
	return a.permits(api)
}

// permits reports whether a finished attempt lets api be called.
func (a *attempt) permits(api API) error {
	if a.err != nil {
		return a.err
	}
	if !a.apis[api] && !strings.HasPrefix(string(api), rawPrefix) {
		return &Error{API: api, Status: "not in the jsApiList of wx.config", kind: ErrNotInJSAPIList}
	}
	return nil
}

// dequeue removes q from the queue, reporting whether it was there.
func (s *SDK) dequeue(q *queuedCall) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, e := range s.queue {
		if e == q {
			s.queue = append(s.queue[:i], s.queue[i+1:]...)
			return true
		}
	}
	return false
}

// finish records the outcome of a and, if a is the current attempt, runs
// or fails the calls that waited for it, in the order they were made.
func (s *SDK) finish(a *attempt, err error) {
	s.mu.Lock()
	if isDone(a.done) {
		s.mu.Unlock()
		return
	}
	a.err = err
	close(a.done)
	var queue []*queuedCall
	if s.current == a {
		queue, s.queue = s.queue, nil
	}
	s.mu.Unlock()
	for _, q := range queue {
		q.run()
	}
}

func isDone(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// resultCallbacks are the callbacks every call sets: jweixin calls exactly
// one of them. complete is left out: it always follows one of these.
var resultCallbacks = []string{"success", "fail", "cancel"}

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
	s.whenConfigured(ctx, api, run, func(err error) { f.settle(zero, err) })
	return f
}

// settleFrom makes a call with start and settles f with what outcome makes
// of the first reply, or with the error of ctx if it ends first. Once f is
// settled the call is detached, so a late reply is dropped.
func settleFrom[T any](ctx context.Context, f *Future[T], api API, start func(reply func([]byte)) (detach func(), err error), outcome func([]byte) (T, error)) {
	var zero T
	if isDone(f.done) {
		return
	}
	var (
		mu     sync.Mutex
		detach func()
		stop   func() bool
	)
	// release runs once f is settled, perhaps more than once: each time it
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
	d, err := start(func(res []byte) {
		if f.settle(outcome(res)) {
			release()
		}
	})
	if err != nil {
		f.settle(zero, wrapErr(api, ErrFailed, err))
		return
	}
	st := context.AfterFunc(ctx, func() {
		if f.settle(zero, wrapErr(api, ctx.Err(), ctx.Err())) {
			release()
		}
	})
	mu.Lock()
	detach, stop = d, st
	mu.Unlock()
	if isDone(f.done) { // answered while being set up
		release()
	}
}

// decodeResult turns a reply into the value of an ok result, or the Error
// its errMsg describes.
func decodeResult[T any](api API, res []byte, decode func([]byte) (T, error)) (T, error) {
	var zero T
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(res, &fields); err != nil {
		return zero, wrapErr(api, ErrFailed, err)
	}
	var errMsg string
	json.Unmarshal(fields["errMsg"], &errMsg)
	if _, status := splitErrMsg(errMsg); status != "ok" {
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
