package wx

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Reasons a Subscription ends, reported by Err.
var (
	// ErrStopped: Stop was called.
	ErrStopped = errors.New("wx: subscription stopped")
	// ErrReplaced: a later registration of the same listener took its
	// place. The WeChat client keeps one handler per event, so a page has
	// at most one live Subscription per listener API.
	ErrReplaced = errors.New("wx: subscription replaced by a later registration of the same listener")
)

// Subscription delivers the events of a jweixin listener (onVoicePlayEnd,
// onSearchBeacons, the onMenuShare* share menu listeners, …) until it ends:
// when Stop is called, when the context given at registration ends, or when
// the same listener is registered again (the client keeps a single handler
// per event, so the later registration wins and this one ends with
// ErrReplaced).
//
// Events are queued as they come, never dropped while the subscription
// lives, and delivered in order on Events.
type Subscription[E any] struct {
	api  API
	out  chan E
	wake chan struct{}
	done chan struct{}

	mu      sync.Mutex
	queue   []E
	ending  bool
	err     error
	detach  func() error // undoes the registration; nil until registered
	cleanup []func()     // forgets what waits on the context
}

func newSubscription[E any](api API) *Subscription[E] {
	s := &Subscription[E]{api: api, out: make(chan E), wake: make(chan struct{}, 1), done: make(chan struct{})}
	go s.pump()
	return s
}

// Events delivers the events in order. It is closed when the subscription ends.
func (s *Subscription[E]) Events() <-chan E { return s.out }

// Done is closed when the subscription ends.
func (s *Subscription[E]) Done() <-chan struct{} { return s.done }

// Err is nil while the subscription lives, then the reason it ended:
// ErrStopped, ErrReplaced, the context's error, or why the registration
// failed (an *Error). When Stop could not silence the listener, Err
// matches ErrStopped and says why.
func (s *Subscription[E]) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Stop ends the subscription. Since the client cannot remove a handler, the
// listener is registered again without callbacks: events then reach
// nothing, and a share listener keeps sharing the content it was given.
func (s *Subscription[E]) Stop() { s.end(ErrStopped) }

// push queues an event; it never blocks (it runs inside JS callbacks).
func (s *Subscription[E]) push(e E) {
	s.mu.Lock()
	if s.ending {
		s.mu.Unlock()
		return
	}
	s.queue = append(s.queue, e)
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// end ends the subscription with why, once.
func (s *Subscription[E]) end(why error) {
	s.mu.Lock()
	if s.ending {
		s.mu.Unlock()
		return
	}
	s.ending = true
	detach, cleanup := s.detach, s.cleanup
	s.detach, s.cleanup, s.queue = nil, nil, nil
	s.mu.Unlock()
	var err error
	if detach != nil {
		err = detach()
	}
	for _, c := range cleanup {
		c()
	}
	s.mu.Lock()
	s.err = why
	if err != nil {
		s.err = fmt.Errorf("%w; silencing the listener failed: %w", why, err)
	}
	close(s.done)
	s.mu.Unlock()
}

// onEnd runs fn when the subscription ends, or now if it has.
func (s *Subscription[E]) onEnd(fn func()) {
	s.mu.Lock()
	if !s.ending {
		s.cleanup = append(s.cleanup, fn)
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	fn()
}

// registered records how to undo the registration; if the subscription
// ended meanwhile, it undoes it at once.
func (s *Subscription[E]) registered(detach func() error) {
	s.mu.Lock()
	if !s.ending {
		s.detach = detach
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	detach()
}

func (s *Subscription[E]) ended() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ending
}

// pump hands queued events to Events, then closes it when the subscription ends.
func (s *Subscription[E]) pump() {
	defer close(s.out)
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			s.mu.Unlock()
			select {
			case <-s.wake:
				continue
			case <-s.done:
				return
			}
		}
		e := s.queue[0]
		s.queue = s.queue[1:]
		s.mu.Unlock()
		select {
		case s.out <- e:
		case <-s.done:
			return
		}
	}
}

// ender is a live Subscription of any event type.
type ender interface{ end(error) }

// listenerEvents are the client events of the typed listeners: the slots of
// the SDK's listener table, which On shares.
var listenerEvents = map[API]string{
	APIOnMenuShareTimeline:   "menu:share:timeline",
	APIOnMenuShareAppMessage: "menu:share:appmessage",
	APIOnMenuShareQQ:         "menu:share:qq",
	APIOnMenuShareWeibo:      "menu:share:weiboApp",
	APIOnMenuShareQZone:      "menu:share:QZone",
	APIOnVoiceRecordEnd:      "onVoiceRecordEnd",
	APIOnVoicePlayEnd:        "onVoicePlayEnd",
	APIOnSearchBeacons:       "onBeaconsInRange",
}

// subscribe makes sub the listener of the client's event once
// configuration permits api. start registers it; silence, unless nil,
// registers it again without callbacks once sub stops (the client cannot
// remove a handler). The client keeps one handler per event, so a
// registration ends the event's previous Subscription with ErrReplaced.
func subscribe[E any](ctx context.Context, s *SDK, sub *Subscription[E], api API, event string, start func() (detach func(), err error), silence func() error) {
	stop := afterFunc(ctx, func() { sub.end(ctx.Err()) })
	sub.onEnd(func() { stop() })
	run := func() {
		if sub.ended() {
			return
		}
		detach, err := start()
		if err != nil {
			sub.end(wrapErr(api, ErrFailed, err))
			return
		}
		s.mu.Lock()
		previous := s.listeners[event]
		if s.listeners == nil {
			s.listeners = make(map[string]ender)
		}
		s.listeners[event] = sub
		s.mu.Unlock()
		if previous != nil {
			previous.end(ErrReplaced)
		}
		sub.registered(func() error {
			detach()
			return s.unlisten(event, sub, silence)
		})
	}
	cancel := s.life.admit(ctx, api, run, sub.end)
	sub.onEnd(cancel)
}

// unlisten forgets sub as the listener of event and, unless a later
// registration replaced it, silences the client's handler.
func (s *SDK) unlisten(event string, sub ender, silence func() error) error {
	s.mu.Lock()
	current := s.listeners[event] == sub
	if current {
		delete(s.listeners, event)
	}
	s.mu.Unlock()
	if !current || silence == nil {
		return nil
	}
	return silence()
}

// listen registers the listener api with args once configuration allows, and
// turns each callback (named in cbs) into an event with event, which may
// decline with false. Stopping it registers the same args without callbacks.
func listen[E any](ctx context.Context, s *SDK, api API, args map[string]any, cbs []string, event func(cb string, res []byte) (E, bool)) *Subscription[E] {
	sub := newSubscription[E](api)
	argJSON, err := jsonArgs(api, args)
	if err != nil {
		sub.end(err)
		return sub
	}
	subscribe(ctx, s, sub, api, listenerEvents[api], func() (func(), error) {
		return s.b.call(string(api), argJSON, cbs, func(cb string, res []byte) {
			if e, ok := event(cb, res); ok {
				sub.push(e)
			}
		})
	}, func() error {
		_, err := s.b.call(string(api), argJSON, nil, nil)
		return err
	})
	return sub
}

// listenEvents registers a listener whose callbacks are all events: an ok
// result becomes what decode makes of it, any other the event withErr makes.
func listenEvents[E any](ctx context.Context, s *SDK, api API, args map[string]any, decode func([]byte) (E, error), withErr func(error) E) *Subscription[E] {
	return listen(ctx, s, api, args, resultCallbacks, func(_ string, res []byte) (E, bool) {
		e, err := decodeResult(api, res, decode)
		if err != nil {
			return withErr(err), true
		}
		return e, true
	})
}
