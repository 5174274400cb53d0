package wx

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// A Load waits within its own context, whoever started loading; the load
// goes on while someone waits for it, and the SDK is made once.
func TestLoadWaitsWithinItsOwnContext(t *testing.T) {
	var l loader
	var loads atomic.Int32
	release := make(chan struct{})
	load := func(ctx context.Context) (*SDK, error) {
		loads.Add(1)
		select {
		case <-release:
			return newSDK(newFakeBridge()), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	type got struct {
		s   *SDK
		err error
	}
	first := make(chan got, 1)
	go func() {
		s, err := l.get(context.Background(), load)
		first <- got{s, err}
	}()
	eventually(t, "the first Load started loading", func() bool { return loads.Load() == 1 })

	second := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		_, err := l.get(ctx, load)
		second <- err
	}()
	cancel()
	select {
	case err := <-second:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("the second Load = %v, want its context's error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second Load's context did not end its wait")
	}

	close(release)
	r := <-first
	if r.err != nil || r.s == nil {
		t.Fatalf("the first Load = %v, %v", r.s, r.err)
	}
	again, err := l.get(context.Background(), load)
	if err != nil || again != r.s || loads.Load() != 1 {
		t.Fatalf("a later Load = %v, %v after %d loads; want the same SDK, loaded once", again, err, loads.Load())
	}
}

// When every caller has given up, the load stops, and the next Load starts
// again.
func TestLoadStopsWhenNobodyWaits(t *testing.T) {
	var l loader
	stopped := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		cancel()
	}()
	_, err := l.get(ctx, func(ctx context.Context) (*SDK, error) {
		<-ctx.Done()
		close(stopped)
		return nil, ctx.Err()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Load = %v", err)
	}
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("the load went on with nobody waiting")
	}
	s, err := l.get(context.Background(), func(context.Context) (*SDK, error) { return newSDK(newFakeBridge()), nil })
	if err != nil || s == nil {
		t.Fatalf("Load after an abandoned one: %v, %v", s, err)
	}
}
