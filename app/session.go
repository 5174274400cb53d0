package main

import (
	"context"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// configEndpoint is the signing server's wx.config endpoint, on the page's origin.
const configEndpoint = "/wx/config"

// session is the page's jweixin, loaded once and shared by every page of
// the app: jweixin keeps one configuration per document, and navigating
// between the app's pages does not reload it (the SDK signs again by itself
// when the URL changes).
//
// Two query parameters of the first page loaded serve demonstrations and
// tests: apis=a,b configures only those interfaces (calls of the others
// fail with wx.ErrNotInJSAPIList), and config=manual waits for the
// "Configure" button (calls made meanwhile wait for the configuration).
type session struct {
	loadOnce sync.Once
	loaded   chan struct{}
	sdk      *wx.SDK
	loadErr  error

	configOnce sync.Once
	configured chan struct{}
	configErr  error

	apis   []wx.API
	manual bool
}

// theSession is the app's one session (a document holds one jweixin).
var theSession = &session{loaded: make(chan struct{}), configured: make(chan struct{})}

// get loads the SDK on first use and waits for that, not for the
// configuration: a call made before configuration succeeds waits in the SDK.
// Unless the page asked for config=manual, the first use also starts the
// configuration. It blocks: call it from ctx.Async.
func (s *session) get(ctx context.Context) (*wx.SDK, error) {
	s.loadOnce.Do(func() {
		s.apis, s.manual = wx.APIs(), false
		if u := app.Window().URL(); u != nil {
			q := u.Query()
			if list := q.Get("apis"); list != "" {
				s.apis = nil
				for a := range strings.SplitSeq(list, ",") {
					s.apis = append(s.apis, wx.API(strings.TrimSpace(a)))
				}
			}
			s.manual = q.Get("config") == "manual"
		}
		go func() {
			defer close(s.loaded)
			s.sdk, s.loadErr = wx.Load(context.Background())
			if s.loadErr != nil {
				s.configure() // nothing to configure: report why
			} else if !s.manual {
				s.configure()
			}
		}()
	})
	select {
	case <-s.loaded:
		return s.sdk, s.loadErr
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// configure signs and configures, once.
func (s *session) configure() {
	s.configOnce.Do(func() {
		go func() {
			defer close(s.configured)
			<-s.loaded
			if s.configErr = s.loadErr; s.configErr == nil {
				s.configErr = s.sdk.SignedConfig(context.Background(), configEndpoint, s.apis...)
			}
		}()
	})
}

// status waits for the outcome of the configuration.
func (s *session) status(ctx context.Context) error {
	if _, err := s.get(ctx); err != nil {
		return err
	}
	select {
	case <-s.configured:
		return s.configErr
	case <-ctx.Done():
		return ctx.Err()
	}
}
