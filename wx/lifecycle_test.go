package wx

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// settleWithin waits up to 10 s for f: long enough for a loaded machine, short
// enough that a call the SDK strands fails the test instead of hanging it.
func settleWithin[T any](t *testing.T, f *Future[T]) (T, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	v, err := f.Await(ctx)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		t.Fatalf("the call is still waiting after 10 s")
	}
	return v, err
}

// eventually polls cond until it holds, for at most 10 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// ended waits for sub to end and returns why.
func ended[E any](t *testing.T, sub *Subscription[E]) error {
	t.Helper()
	select {
	case <-sub.Done():
		return sub.Err()
	case <-time.After(10 * time.Second):
		t.Fatalf("the %s subscription is still alive", sub.api)
	}
	return nil
}

// configAsync runs Config on a goroutine and returns its outcome's channel.
func configAsync(ctx context.Context, s *SDK, c Config) <-chan error {
	errc := make(chan error, 1)
	go func() { errc <- s.Config(ctx, c) }()
	return errc
}

func answerAll(b *fakeBridge) {
	b.answer = func(m string, _ map[string]any) (string, bool) { return `{"errMsg":"` + m + `:ok"}`, true }
}

// A Config whose context ends before the client answers returns the
// context's error, but the configuration goes on: the client's late answer
// settles the calls that waited for it.
func TestAbandonedConfigTakesTheLateAnswer(t *testing.T) {
	for _, tt := range []struct {
		name, answer string
		want         error
	}{
		{"ok", `{"errMsg":"config:ok"}`, nil},
		{"failed", `{"errMsg":"config:invalid signature"}`, ErrInvalidSignature},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := newFakeBridge()
			b.holdConfigs = true
			answerAll(b)
			s := newSDK(b)
			queued := s.GetNetworkType(context.Background())
			ctx, cancel := context.WithCancel(context.Background())
			errc := configAsync(ctx, s, okConfig)
			eventually(t, "wx.config ran", func() bool { return b.pendingConfigs() == 1 })
			cancel()
			if err := <-errc; !errors.Is(err, context.Canceled) {
				t.Fatalf("abandoned Config = %v, want its context's error", err)
			}
			b.answerConfig(0, tt.answer)
			if _, err := settleWithin(t, queued); !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Fatalf("the call queued before configuration: %v, want %v", err, tt.want)
			}
			if _, err := settleWithin(t, s.GetNetworkType(context.Background())); !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Fatalf("a later call: %v, want %v", err, tt.want)
			}
		})
	}
}

// A new Config supersedes a pending one: the calls waiting follow the new
// one, and the old one's late answer changes nothing but its own outcome.
func TestNewConfigSupersedesThePendingOne(t *testing.T) {
	b := newFakeBridge()
	b.holdConfigs = true
	answerAll(b)
	s := newSDK(b)
	ctx := context.Background()
	queued := s.GetNetworkType(ctx)
	narrow := okConfig
	narrow.JSAPIList = []API{APIChooseImage}
	first := configAsync(ctx, s, narrow)
	eventually(t, "the first wx.config ran", func() bool { return b.pendingConfigs() == 1 })
	second := configAsync(ctx, s, okConfig)
	eventually(t, "the second wx.config ran", func() bool { return b.pendingConfigs() == 2 })
	b.answerConfig(1, `{"errMsg":"config:ok"}`)
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	if _, err := settleWithin(t, queued); err != nil {
		t.Fatalf("the queued call did not follow the newer configuration: %v", err)
	}
	b.answerConfig(0, `{"errMsg":"config:invalid signature"}`)
	if err := <-first; !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("the superseded Config = %v, want its own outcome", err)
	}
	if _, err := settleWithin(t, s.GetNetworkType(ctx)); err != nil {
		t.Fatalf("the superseded configuration's failure leaked into the SDK: %v", err)
	}
}

// Callbacks run in the order they were registered, each after the one
// before has returned, also on a Future settled before they were added.
func TestFutureCallbacksInOrderAfterSettle(t *testing.T) {
	for range 2000 {
		f := settled(1, nil)
		var mu sync.Mutex
		var got []string
		done := make(chan struct{})
		f.Success(func(int) { mu.Lock(); got = append(got, "success"); mu.Unlock() }).
			Complete(func(error) { mu.Lock(); got = append(got, "complete"); mu.Unlock(); close(done) })
		<-done
		mu.Lock()
		order := strings.Join(got, ",")
		mu.Unlock()
		if order != "success,complete" {
			t.Fatalf("callbacks ran %s", order)
		}
	}
}

func TestFutureCallbacksOneAtATime(t *testing.T) {
	for _, late := range []bool{false, true} {
		f := newFuture[int]()
		if late {
			f.settle(1, nil)
		}
		firstRunning := make(chan struct{})
		secondStarted := make(chan struct{})
		overlapped := make(chan bool, 1)
		f.Then(func(int, error) {
			close(firstRunning)
			select {
			case <-secondStarted:
				overlapped <- true
			case <-time.After(20 * time.Millisecond):
				overlapped <- false
			}
		})
		f.Then(func(int, error) { close(secondStarted) })
		f.settle(1, nil)
		<-firstRunning
		if <-overlapped {
			t.Fatalf("settled before registration %v: the second callback started while the first ran", late)
		}
		<-secondStarted
	}
}

// On is a listener like the others: it shares their table, keyed by the
// client's event, so that a later registration ends the earlier.
func TestOnSharesTheListenerTable(t *testing.T) {
	s, _ := allConfigured(t)
	ctx := context.Background()
	raw := s.On(ctx, "onVoicePlayEnd")
	typed := s.OnVoicePlayEnd(ctx)
	if err := ended(t, raw); !errors.Is(err, ErrReplaced) {
		t.Fatalf("On replaced by OnVoicePlayEnd: %v", err)
	}
	again := s.On(ctx, "onVoicePlayEnd")
	if err := ended(t, typed); !errors.Is(err, ErrReplaced) {
		t.Fatalf("OnVoicePlayEnd replaced by On: %v", err)
	}
	// Share listeners register the client's menu events.
	share := s.OnMenuShareTimeline(ctx, MenuShareTimelineOptions{})
	menu := s.On(ctx, "menu:share:timeline")
	if err := ended(t, share); !errors.Is(err, ErrReplaced) {
		t.Fatalf("OnMenuShareTimeline replaced by On(menu:share:timeline): %v", err)
	}
	s.On(ctx, "menu:share:timeline")
	if err := ended(t, menu); !errors.Is(err, ErrReplaced) {
		t.Fatalf("On replaced by On: %v", err)
	}
	if again.Err() != nil {
		t.Fatalf("a registration of another event ended the voice one: %v", again.Err())
	}
}

// Stopping a share listener keeps the content the page shares: the
// listener is registered again with it, without callbacks.
func TestStopKeepsTheSharedContent(t *testing.T) {
	for _, l := range shareListeners {
		t.Run(string(l.api), func(t *testing.T) {
			s, b := allConfigured(t)
			l.register(context.Background(), s, true, nil).Stop()
			again := registration(t, b, string(l.api))
			if !reflect.DeepEqual(again.args, l.args) || len(again.cbs) != 0 {
				t.Fatalf("after Stop the listener was registered with %v and callbacks %v, want %v and none", again.args, again.cbs, l.args)
			}
		})
	}
}

// When the registration that silences a stopped listener fails, Err says so.
func TestStopReportsAFailedReRegistration(t *testing.T) {
	s, b := allConfigured(t)
	sub := s.OnVoicePlayEnd(context.Background())
	b.mu.Lock()
	b.failCall = func(_ string, _ map[string]any, cbs []string) error {
		if len(cbs) == 0 {
			return errors.New("jWeixin.onVoicePlayEnd threw: boom")
		}
		return nil
	}
	b.mu.Unlock()
	sub.Stop()
	if err := ended(t, sub); !errors.Is(err, ErrStopped) || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("Err = %v, want ErrStopped and the failure", err)
	}
}

// countingContext never ends and counts what is registered on it (by
// context.AfterFunc, and by the contexts derived from it).
type countingContext struct {
	context.Context
	done chan struct{}
	mu   sync.Mutex
	live map[*func()]bool
}

func newCountingContext() *countingContext {
	return &countingContext{Context: context.Background(), done: make(chan struct{}), live: make(map[*func()]bool)}
}

func (c *countingContext) Done() <-chan struct{} { return c.done }

// AfterFunc is what context.AfterFunc and context.WithCancel use on a
// parent context that has the method.
func (c *countingContext) AfterFunc(f func()) func() bool {
	k := &f
	c.mu.Lock()
	c.live[k] = true
	c.mu.Unlock()
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := c.live[k]
		delete(c.live, k)
		return was
	}
}

func (c *countingContext) registrations() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.live)
}

// Calls queued before configuration and stopped subscriptions leave
// nothing registered on their context once they are over, however long it
// lives.
func TestNothingRetainedOnALongLivedContext(t *testing.T) {
	const n = 10000
	ctx := newCountingContext()
	b := newFakeBridge()
	answerAll(b)
	s := newSDK(b)
	queued := make([]*Future[GetNetworkTypeResult], n)
	for i := range queued {
		queued[i] = s.GetNetworkType(ctx)
	}
	cfg := okConfig
	cfg.JSAPIList = APIs()
	if err := s.Config(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	for _, f := range queued {
		if _, err := settleWithin(t, f); err != nil {
			t.Fatal(err)
		}
	}
	if r := ctx.registrations(); r != 0 {
		t.Fatalf("after %d queued calls ended, %d registrations remain on their context", n, r)
	}
	for range n {
		s.OnVoicePlayEnd(ctx).Stop()
	}
	if r := ctx.registrations(); r != 0 {
		t.Fatalf("after %d subscriptions stopped, %d registrations remain on their context", n, r)
	}
	if l := b.live(); l != 0 {
		t.Fatalf("%d replies still attached", l)
	}
}

// A subscription that waited for a configuration, then stopped, leaves the
// calls waiting for a later configuration in place.
func TestStoppedWaiterLeavesLaterCallsWaiting(t *testing.T) {
	b := newFakeBridge()
	answerAll(b)
	s := newSDK(b)
	ctx := context.Background()
	cfg := okConfig
	cfg.JSAPIList = APIs()
	sub := s.OnVoicePlayEnd(ctx)
	if err := s.Config(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	b.holdConfigs = true
	errc := configAsync(ctx, s, cfg)
	eventually(t, "the second wx.config ran", func() bool { return b.pendingConfigs() == 1 })
	sub.Stop()
	queued := s.GetNetworkType(ctx)
	b.answerConfig(0, `{"errMsg":"config:ok"}`)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if _, err := settleWithin(t, queued); err != nil {
		t.Fatal(err)
	}
}
