package main

import (
	"context"
	"sync"

	"github.com/gowx/gowx/wx"
)

// configEndpoint is the signing server's wx.config endpoint, on the page's origin.
const configEndpoint = "/wx/config"

// session is the page's jweixin, loaded and configured once and shared by
// every page of the app: jweixin keeps one configuration per document, and
// navigating between the app's pages does not reload it (the SDK signs
// again by itself when the URL changes).
type session struct {
	once sync.Once
	done chan struct{}
	sdk  *wx.SDK
	err  error
}

// theSession is the app's one session (a document holds one jweixin).
var theSession = &session{done: make(chan struct{})}

// get loads and configures the SDK on first use, and waits for that.
// It blocks: call it from ctx.Async.
func (s *session) get(ctx context.Context) (*wx.SDK, error) {
	s.once.Do(func() {
		go func() {
			defer close(s.done)
			sdk, err := wx.Load(context.Background())
			if err == nil {
				err = sdk.SignedConfig(context.Background(), configEndpoint, wx.APIs()...)
			}
			s.sdk, s.err = sdk, err
		}()
	})
	select {
	case <-s.done:
		return s.sdk, s.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
