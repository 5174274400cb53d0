package wx

import (
	"context"
	"sync"
)

// loader makes the page's SDK once, however many callers ask at once: the
// first starts the load, each waits within its own context, and the load
// goes on as long as one of them waits (a later call starts again after a
// load that everyone abandoned, or that failed).
type loader struct {
	mu      sync.Mutex
	sdk     *SDK
	pending *loading
}

// loading is a load in progress.
type loading struct {
	done    chan struct{}
	sdk     *SDK
	err     error // set before done closes
	waiting int
	cancel  context.CancelFunc
}

func (l *loader) get(ctx context.Context, load func(context.Context) (*SDK, error)) (*SDK, error) {
	l.mu.Lock()
	if l.sdk != nil {
		s := l.sdk
		l.mu.Unlock()
		return s, nil
	}
	p := l.pending
	if p == nil {
		lctx, cancel := context.WithCancel(context.Background())
		p = &loading{done: make(chan struct{}), cancel: cancel}
		l.pending = p
		go l.run(lctx, p, load)
	}
	p.waiting++
	l.mu.Unlock()
	select {
	case <-p.done:
		return p.sdk, p.err
	case <-ctx.Done():
		l.mu.Lock()
		if p.waiting--; p.waiting == 0 && l.pending == p {
			l.pending = nil
			p.cancel()
		}
		l.mu.Unlock()
		return nil, wrapErr(APIConfig, ctx.Err(), ctx.Err())
	}
}

func (l *loader) run(ctx context.Context, p *loading, load func(context.Context) (*SDK, error)) {
	s, err := load(ctx)
	p.cancel()
	l.mu.Lock()
	defer l.mu.Unlock()
	if err == nil {
		l.sdk = s
	}
	if l.pending == p {
		l.pending = nil
	}
	p.sdk, p.err = s, err
	close(p.done)
}
