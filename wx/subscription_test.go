package wx

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"
)

// next waits for the next event of sub.
func next[E any](t *testing.T, sub *Subscription[E]) E {
	t.Helper()
	select {
	case e, ok := <-sub.Events():
		if !ok {
			t.Fatalf("subscription ended: %v", sub.Err())
		}
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	panic("unreachable")
}

// registration returns the id of the last call of method.
func registration(t *testing.T, b *fakeBridge, method string) fakeCall {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := len(b.calls) - 1; i >= 0; i-- {
		if b.calls[i].method == method {
			return b.calls[i]
		}
	}
	t.Fatalf("%s was never registered", method)
	return fakeCall{}
}

func TestListenerEvents(t *testing.T) {
	s, b := configuredWith(t, APIOnVoicePlayEnd)
	sub := s.OnVoicePlayEnd(context.Background())
	reg := registration(t, b, "onVoicePlayEnd")
	for _, id := range []string{"v1", "v2", "v3"} {
		b.reply(reg.id, "success", `{"errMsg":"onVoicePlayEnd:ok","localId":"`+id+`"}`)
	}
	b.reply(reg.id, "fail", `{"errMsg":"onVoicePlayEnd:fail"}`)
	for _, id := range []string{"v1", "v2", "v3"} {
		if e := next(t, sub); e.LocalID != id || e.Err != nil {
			t.Fatalf("event %+v, want %s", e, id)
		}
	}
	if e := next(t, sub); !errors.Is(e.Err, ErrFailed) {
		t.Fatalf("failed event %+v", e)
	}

	sub.Stop()
	if _, ok := <-sub.Events(); ok || !errors.Is(sub.Err(), ErrStopped) {
		t.Fatalf("after Stop: Err %v", sub.Err())
	}
	if b.reply(reg.id, "success", `{"errMsg":"onVoicePlayEnd:ok","localId":"late"}`) {
		t.Fatal("a stopped subscription still receives")
	}
	// The client keeps its handler: Stop registered the listener again, without callbacks.
	if again := registration(t, b, "onVoicePlayEnd"); again.id == reg.id || len(again.cbs) != 0 || len(again.args) != 0 {
		t.Fatalf("after Stop the listener was not re-registered as a no-op: %+v", again)
	}
}

func TestListenerReplaced(t *testing.T) {
	s, b := configuredWith(t, APIOnVoicePlayEnd)
	first := s.OnVoicePlayEnd(context.Background())
	firstReg := registration(t, b, "onVoicePlayEnd")
	second := s.OnVoicePlayEnd(context.Background())
	secondReg := registration(t, b, "onVoicePlayEnd")
	<-first.Done()
	if !errors.Is(first.Err(), ErrReplaced) {
		t.Fatalf("first: %v, want ErrReplaced", first.Err())
	}
	if b.reply(firstReg.id, "success", `{"errMsg":"onVoicePlayEnd:ok"}`) {
		t.Fatal("the replaced subscription still receives")
	}
	b.reply(secondReg.id, "success", `{"errMsg":"onVoicePlayEnd:ok","localId":"x"}`)
	if e := next(t, second); e.LocalID != "x" {
		t.Fatalf("second: %+v", e)
	}
	calls := len(b.calls)
	first.Stop() // already ended: must not re-register over the second
	if len(b.calls) != calls {
		t.Fatal("stopping a replaced subscription touched the client")
	}
}

func TestListenerContext(t *testing.T) {
	s, b := configuredWith(t, APIOnVoicePlayEnd)
	ctx, cancel := context.WithCancel(context.Background())
	sub := s.OnVoicePlayEnd(ctx)
	cancel()
	<-sub.Done()
	if !errors.Is(sub.Err(), context.Canceled) || b.live() != 0 {
		t.Fatalf("Err %v, %d replies attached", sub.Err(), b.live())
	}
}

func TestListenerNotListed(t *testing.T) {
	s, _ := configured(t)
	sub := s.OnVoicePlayEnd(context.Background())
	<-sub.Done()
	if !errors.Is(sub.Err(), ErrNotInJSAPIList) {
		t.Fatalf("Err = %v", sub.Err())
	}
}

func TestShareListener(t *testing.T) {
	s, b := configuredWith(t, APIOnMenuShareTimeline)
	var mu sync.Mutex
	var triggers []string
	sub := s.OnMenuShareTimeline(context.Background(), MenuShareTimelineOptions{
		Title: "T", ImgURL: "https://example.com/i.png",
		Trigger: func(tr ShareTrigger) {
			mu.Lock()
			triggers = append(triggers, string(tr.Raw["scene"]))
			mu.Unlock()
		},
	})
	reg := registration(t, b, "onMenuShareTimeline")
	if !reflect.DeepEqual(reg.args, map[string]any{"title": "T", "imgUrl": "https://example.com/i.png"}) ||
		!reflect.DeepEqual(reg.cbs, shareCallbacks) {
		t.Fatalf("registered %+v", reg)
	}
	b.reply(reg.id, "trigger", `{"scene":"timeline"}`)
	mu.Lock()
	got := triggers
	mu.Unlock()
	if len(got) != 1 || got[0] != `"timeline"` {
		t.Fatalf("Trigger did not run synchronously with the raw event: %q", got)
	}
	b.reply(reg.id, "success", `{"errMsg":"shareTimeline:ok"}`)
	b.reply(reg.id, "trigger", `{}`)
	b.reply(reg.id, "cancel", `{"errMsg":"shareTimeline:cancel"}`)
	if e := next(t, sub); e.Err != nil {
		t.Fatalf("shared: %v", e.Err)
	}
	e := next(t, sub)
	var we *Error
	if !errors.Is(e.Err, ErrCancel) || !errors.As(e.Err, &we) || we.API != APIOnMenuShareTimeline || we.Msg != "shareTimeline:cancel" {
		t.Fatalf("cancelled: %#v", e.Err)
	}
}
