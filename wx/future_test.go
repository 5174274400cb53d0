package wx

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFutureSettlesOnce(t *testing.T) {
	f := newFuture[int]()
	if !f.settle(1, nil) || f.settle(2, errors.New("late")) {
		t.Fatal("settle should win once")
	}
	v, err := f.Await(context.Background())
	if v != 1 || err != nil {
		t.Fatalf("Await = %d, %v", v, err)
	}
}

func TestFutureCallbacks(t *testing.T) {
	cancelErr := &Error{API: APIChooseImage, Status: "cancel", kind: ErrCancel}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"success", nil, "success 7,complete <nil>"},
		{"cancel", cancelErr, "cancel,complete " + cancelErr.Error()},
		{"fail", errors.New("boom"), "fail boom,complete boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFuture[int]()
			var mu sync.Mutex
			var got []string
			add := func(s string) { mu.Lock(); got = append(got, s); mu.Unlock() }
			done := make(chan struct{})
			f.Success(func(v int) { add("success " + strconv.Itoa(v)) }).
				Cancel(func(error) { add("cancel") }).
				Fail(func(err error) { add("fail " + err.Error()) }).
				Complete(func(err error) {
					if err == nil {
						add("complete <nil>")
					} else {
						add("complete " + err.Error())
					}
					close(done)
				})
			f.settle(7, tt.err)
			<-done
			mu.Lock()
			defer mu.Unlock()
			if s := strings.Join(got, ","); s != tt.want {
				t.Fatalf("callbacks ran %q, want %q", s, tt.want)
			}
		})
	}
}

func TestFutureThenAfterSettle(t *testing.T) {
	f := settled(3, nil)
	got := make(chan int)
	f.Then(func(v int, _ error) { got <- v })
	if v := <-got; v != 3 {
		t.Fatalf("Then after settle got %d", v)
	}
}

func TestAwaitContext(t *testing.T) {
	f := newFuture[int]()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := f.Await(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Await = %v", err)
	}
}

func TestAwaitInsideCallback(t *testing.T) {
	f := newFuture[int]()
	callbackDepth.Add(1)
	_, err := f.Await(context.Background())
	callbackDepth.Add(-1)
	if !errors.Is(err, ErrAwaitInCallback) {
		t.Fatalf("Await inside a callback = %v, want ErrAwaitInCallback", err)
	}
	f.settle(1, nil)
	callbackDepth.Add(1)
	v, err := f.Await(context.Background())
	callbackDepth.Add(-1)
	if v != 1 || err != nil {
		t.Fatalf("a settled Future must answer even inside a callback: %d, %v", v, err)
	}
}
