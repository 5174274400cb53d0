package wx

import (
	"context"
	"encoding/json"
	"errors"
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

	mu     sync.Mutex
	queue  []E
	err    error
	detach func() // undoes the registration; nil until registered
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
// failed (an *Error).
func (s *Subscription[E]) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Stop ends the subscription. Since the client cannot remove a handler, the
// listener is registered again with no callbacks: events then reach nothing.
func (s *Subscription[E]) Stop() { s.end(ErrStopped) }

// push queues an event; it never blocks (it runs inside JS callbacks).
func (s *Subscription[E]) push(e E) {
	s.mu.Lock()
	if s.err != nil {
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

// end ends the subscription with err, once.
func (s *Subscription[E]) end(err error) {
	s.mu.Lock()
	if s.err != nil {
		s.mu.Unlock()
		return
	}
	s.err = err
	s.queue = nil
	detach := s.detach
	s.detach = nil
	close(s.done)
	s.mu.Unlock()
	if detach != nil {
		detach()
	}
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

// listen registers the listener api with args once configuration allows, and
// turns each callback (named in cbs) into an event with event, which may
// decline with false. A registration ends the previous Subscription of api.
func listen[E any](ctx context.Context, s *SDK, api API, args map[string]any, cbs []string, event func(cb string, res []byte) (E, bool)) *Subscription[E] {
	sub := newSubscription[E](api)
	argJSON, err := jsonArgs(api, args)
	if err != nil {
		sub.end(err)
		return sub
	}
	run := func() {
		if isDone(sub.done) {
			return
		}
		detach, err := s.b.call(string(api), argJSON, cbs, func(cb string, res []byte) {
			if e, ok := event(cb, res); ok {
				sub.push(e)
			}
		})
		if err != nil {
			sub.end(wrapErr(api, ErrFailed, err))
			return
		}
		s.mu.Lock()
		previous := s.listeners[api]
		if s.listeners == nil {
			s.listeners = make(map[API]ender)
		}
		s.listeners[api] = sub
		s.mu.Unlock()
		if previous != nil {
			previous.end(ErrReplaced)
		}
		sub.mu.Lock()
		ended := sub.err
		if ended == nil {
			sub.detach = func() {
				detach()
				s.unlisten(api, sub, sub.Err())
			}
		}
		sub.mu.Unlock()
		if ended != nil { // ended while registering
			detach()
			s.unlisten(api, sub, ended)
		}
	}
	s.whenConfigured(ctx, api, run, sub.end)
	context.AfterFunc(ctx, func() { sub.end(ctx.Err()) })
	return sub
}

// unlisten forgets sub as the listener of api. Unless another registration
// replaced it, the listener is registered again without callbacks, since
// the client cannot remove a handler.
func (s *SDK) unlisten(api API, sub ender, why error) {
	s.mu.Lock()
	current := s.listeners[api] == sub
	if current {
		delete(s.listeners, api)
	}
	s.mu.Unlock()
	if current && why != ErrReplaced {
		s.b.call(string(api), []byte("{}"), nil, nil)
	}
}

// jsonArgs encodes the arguments of a call to api.
func jsonArgs(api API, args map[string]any) ([]byte, error) {
	if args == nil {
		args = map[string]any{}
	}
	b, err := json.Marshal(args)
	if err != nil {
		return nil, badOptions(api, "%v", err)
	}
	return b, nil
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
