package wx

import (
	"container/list"
	"context"
	"strings"
	"sync"
)

// state is where the page's configuration stands. The calls made while it
// is unconfigured, verifying or resigning wait; in ready they run, in
// failed they fail.
//
//	unconfigured ──Config──▶ verifying ──config:ok──▶ ready ──URL moved──▶ resigning
//	                          │   ▲                                         │   │
//	                          │   └──────────signed: wx.config──────────────┘   │
//	                          └──fail──▶ failed ◀─────────signing failed────────┘
//	                                       └──next call, after a failed re-sign──▶ resigning
//
// Config or SignedConfig, in any state, starts a new attempt (verifying),
// which the waiting calls follow from then on.
type state int

const (
	// unconfigured: no configuration yet.
	unconfigured state = iota
	// verifying: a Config or SignedConfig is pending: the page is being
	// signed, or the client is verifying the wx.config.
	verifying
	// ready: the last configuration succeeded; calls of its jsApiList run.
	ready
	// failed: the last configuration failed; calls fail with its error.
	failed
	// resigning: the URL WeChat verifies changed since SignedConfig (or the
	// last re-sign failed): the SDK is signing the page again by itself.
	resigning
)

func (s state) String() string {
	return [...]string{"unconfigured", "verifying", "ready", "failed", "resigning"}[s]
}

// attempt is one configuration: a Config, a SignedConfig, or a re-sign.
type attempt struct {
	apis map[API]bool
	// signing is how a SignedConfig or a re-sign signed the page; nil for Config.
	signing *signing
	// auto marks a re-sign, which the SDK started by itself.
	auto bool
	// tags are the open tags its wx.config declared; set before it is done.
	tags map[OpenTag]bool
	done chan struct{}
	err  error // set before done closes
}

// signing is what a signed configuration is made of, to make it again when
// the page moves.
type signing struct {
	endpoint string
	options  SignedConfigOptions
	url      string // the URL signed
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

// wait returns a's outcome, or the error of ctx if it ends first; a goes on
// regardless.
func (a *attempt) wait(ctx context.Context) error {
	select {
	case <-a.done:
		return a.err
	case <-ctx.Done():
		return wrapErr(APIConfig, ctx.Err(), ctx.Err())
	}
}

// lifecycle is the configuration of the page's jweixin: its state, the
// attempt the calls follow, and the calls waiting for it, in call order.
type lifecycle struct {
	// signURL reads the URL WeChat would verify now.
	signURL func() string
	// resign signs the page again and configures it, for attempt a; it runs
	// on a goroutine of its own and ends with finish(a, …).
	resign func(a *attempt)

	mu      sync.Mutex
	state   state
	current *attempt
	waiting list.List // of *waiter
}

// waiter is a call waiting for the configuration.
type waiter struct {
	api  API
	run  func()
	fail func(error)
	stop func() bool // forgets the context's AfterFunc
	elem *list.Element
}

// begin makes a new attempt the one calls follow, superseding a pending one.
func (l *lifecycle) begin(apis []API, sg *signing, auto bool) *attempt {
	a := &attempt{apis: make(map[API]bool, len(apis)), signing: sg, auto: auto, done: make(chan struct{})}
	for _, api := range apis {
		a.apis[api] = true
	}
	l.mu.Lock()
	l.current = a
	l.state = verifying
	if auto {
		l.state = resigning
	}
	l.mu.Unlock()
	return a
}

// verify records that a's wx.config has gone to the client.
func (l *lifecycle) verify(a *attempt) {
	l.mu.Lock()
	if l.current == a && !isDone(a.done) {
		l.state = verifying
	}
	l.mu.Unlock()
}

// finish records a's outcome, once. If a is the attempt calls follow, the
// state follows it and the waiting calls run or fail, in call order.
func (l *lifecycle) finish(a *attempt, err error) {
	l.mu.Lock()
	if isDone(a.done) {
		l.mu.Unlock()
		return
	}
	a.err = err
	close(a.done)
	if l.current != a {
		l.mu.Unlock()
		return
	}
	l.state = ready
	if err != nil {
		l.state = failed
	}
	woken := make([]*waiter, 0, l.waiting.Len())
	for e := l.waiting.Front(); e != nil; e = l.waiting.Front() {
		w := l.waiting.Remove(e).(*waiter)
		w.elem = nil // no longer waiting: withdraw must not touch the list
		woken = append(woken, w)
	}
	l.mu.Unlock()
	for _, w := range woken {
		w.stop()
		if err := a.permits(w.api); err != nil {
			w.fail(err)
		} else {
			w.run()
		}
	}
}

// admit runs run once configuration permits api, or calls fail with the
// reason it cannot. A call made while configuration is pending waits, in
// call order, until its ctx ends; cancel withdraws it. The calls of
// MiniProgram() need no configuration and run at once.
//
// A call made once the URL WeChat verifies has changed since a signed
// configuration, or after a re-sign failed, first has the page signed and
// configured again.
func (l *lifecycle) admit(ctx context.Context, api API, run func(), fail func(error)) (cancel func()) {
	if strings.HasPrefix(string(api), "miniProgram.") {
		// A mini program's web-view talks to the mini program without wx.config.
		run()
		return func() {}
	}
	l.mu.Lock()
	var again *attempt
	if a := l.current; a != nil && a.signing != nil && (l.state == ready && l.signURL() != a.signing.url || l.state == failed && a.auto) {
		again = &attempt{apis: a.apis, signing: &signing{endpoint: a.signing.endpoint, options: a.signing.options}, auto: true, done: make(chan struct{})}
		l.current, l.state = again, resigning
	}
	switch l.state {
	case ready, failed:
		a := l.current
		l.mu.Unlock()
		if err := a.permits(api); err != nil {
			fail(err)
		} else {
			run()
		}
		return func() {}
	}
	w := &waiter{api: api, run: run, fail: fail}
	w.elem = l.waiting.PushBack(w)
	// The AfterFunc is registered under the lock, so that finish (which
	// takes it first) always sees w.stop.
	w.stop = afterFunc(ctx, func() {
		if l.withdraw(w) {
			fail(wrapErr(api, ctx.Err(), ctx.Err()))
		}
	})
	l.mu.Unlock()
	if again != nil {
		go l.resign(again)
	}
	return func() {
		if l.withdraw(w) {
			w.stop()
		}
	}
}

// withdraw takes w out of the waiting calls, reporting whether it was there.
func (l *lifecycle) withdraw(w *waiter) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if w.elem == nil {
		return false
	}
	l.waiting.Remove(w.elem)
	w.elem = nil
	return true
}

// now returns the state and the attempt calls follow.
func (l *lifecycle) now() (state, *attempt) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.state, l.current
}

func isDone(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
