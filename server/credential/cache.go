package credential

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/gowx/gowx/server/wechat"
)

// Defaults of Options.
const (
	// DefaultMargin is how long before expiry a credential is renewed.
	DefaultMargin = 5 * time.Minute
	// DefaultFetchTimeout bounds one refresh, waiting for another
	// instance's included.
	DefaultFetchTimeout = 15 * time.Second
	// DefaultMinBackoff is the pause after a first failed refresh; it
	// doubles with each further failure up to DefaultMaxBackoff.
	DefaultMinBackoff = time.Second
	// DefaultMaxBackoff is the longest pause between failed refreshes, and
	// the pause after a quota or configuration error, which waiting alone
	// does not mend.
	DefaultMaxBackoff = 5 * time.Minute
)

// Options tune a Cache. The zero value is usable.
type Options struct {
	// Name labels the Cache in logs and metrics; empty means the store key.
	Name string
	// Margin is how long before expiry a credential is renewed; zero means DefaultMargin.
	Margin time.Duration
	// FetchTimeout bounds one refresh; zero means DefaultFetchTimeout.
	FetchTimeout time.Duration
	// MinBackoff and MaxBackoff bound the pause after failed refreshes;
	// zero means DefaultMinBackoff and DefaultMaxBackoff.
	MinBackoff, MaxBackoff time.Duration
	// BusyRetries is how many times a fetch answered "system busy" (-1) is
	// retried at once, after 100 ms, 200 ms, ...; zero means 2, negative none.
	BusyRetries int
	// StableToken makes an Account fetch its access_token from
	// /cgi-bin/stable_token, which hands every caller the same token.
	StableToken bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logger receives refresh failures and store outages; nil means slog.Default().
	Logger *slog.Logger
	// Observer, if set, hears every hit, refresh, lock wait and store operation.
	Observer Observer
}

func (o Options) withDefaults() Options {
	if o.Margin <= 0 {
		o.Margin = DefaultMargin
	}
	if o.FetchTimeout <= 0 {
		o.FetchTimeout = DefaultFetchTimeout
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = DefaultMinBackoff
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	if o.BusyRetries == 0 {
		o.BusyRetries = 2
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Observer == nil {
		o.Observer = noObserver{}
	}
	return o
}

// Fetch gets a new credential from upstream.
type Fetch func(ctx context.Context) (Credential, error)

// Cache is a Source that fetches through a Fetch and keeps the result in
// memory and in a Store.
//
// A valid credential is served from memory. Inside the renewal margin it is
// still served while one background refresh replaces it. Without a valid
// credential, callers wait for one refresh that they all share. A refresh
// first looks in the Store (another instance, or this process before a
// restart, may have fetched already) and, if the Store is a Locker, takes
// its lock, so that across instances only one fetches. A failed refresh
// keeps the old credential, is logged, and holds further refreshes back
// for a growing pause, so an outage upstream costs a few calls, not one
// per request.
type Cache struct {
	key   string
	fetch Fetch
	store Store
	opt   Options
	group singleflight.Group

	cur        atomic.Pointer[Credential] // the newest credential known here
	refreshing atomic.Bool                // a background refresh is running

	mu        sync.Mutex
	failures  int       // consecutive failed refreshes
	retryAt   time.Time // no refresh before this, after a failure
	lastErr   error     // why the last refresh failed
	storeDown bool      // the last Store operation failed
}

// NewCache returns a Cache that keeps under key what fetch returns.
func NewCache(key string, fetch Fetch, store Store, o Options) *Cache {
	o = o.withDefaults()
	if o.Name == "" {
		o.Name = key
	}
	return &Cache{key: key, fetch: fetch, store: store, opt: o}
}

// Credential returns a valid credential: the one held while it is outside
// the renewal margin, otherwise a new one. When renewal fails it returns the
// held one as long as it has not expired.
func (c *Cache) Credential(ctx context.Context) (Credential, error) {
	now := c.opt.Now()
	if cur := c.cur.Load(); cur != nil && cur.ValidAt(now, 0) {
		if !cur.ValidAt(now, c.opt.Margin) && c.pause(now) == nil && c.refreshing.CompareAndSwap(false, true) {
			go func() {
				defer c.refreshing.Store(false)
				c.refresh(context.WithoutCancel(ctx), "")
			}()
		}
		c.opt.Observer.Hit(c.opt.Name)
		return *cur, nil
	}
	return c.refresh(ctx, "")
}

// Renew replaces a credential that upstream rejected (errcode 40001, 42001
// or 40014) and returns its successor. If the Store already holds a
// different valid credential, another caller or instance has renewed it:
// that one is returned and nothing is fetched.
func (c *Cache) Renew(ctx context.Context, rejected string) (Credential, error) {
	if cur := c.cur.Load(); cur != nil && cur.Value == rejected {
		c.cur.CompareAndSwap(cur, nil)
	}
	return c.refresh(ctx, rejected)
}

// Refresh renews the held credential if it is inside the renewal margin
// (or has expired), and does nothing if none is held: a quiet server keeps
// what it has used fresh without fetching what nobody asked for.
func (c *Cache) Refresh(ctx context.Context) error {
	cur := c.cur.Load()
	if cur == nil || cur.ValidAt(c.opt.Now(), c.opt.Margin) {
		return nil
	}
	_, err := c.refresh(ctx, "")
	return err
}

// refresh gets a credential other than stale, once for all concurrent callers.
func (c *Cache) refresh(ctx context.Context, stale string) (Credential, error) {
	ch := c.group.DoChan(stale, func() (any, error) {
		// The refresh serves every waiting caller: one caller giving up must
		// not fail the others. It may wait for another instance's fetch,
		// then fetch itself.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*c.opt.FetchTimeout)
		defer cancel()
		return c.renew(ctx, stale)
	})
	select {
	case r := <-ch:
		if r.Err == nil {
			return r.Val.(Credential), nil
		}
		// Still valid, if no longer fresh: serve it rather than fail.
		if cur := c.cur.Load(); cur != nil && cur.Value != stale && cur.ValidAt(c.opt.Now(), 0) {
			return *cur, nil
		}
		return Credential{}, r.Err
	case <-ctx.Done():
		return Credential{}, ctx.Err()
	}
}

// renew does the work of one refresh: from memory, the Store, or upstream.
func (c *Cache) renew(ctx context.Context, stale string) (Credential, error) {
	fresh := func(cr Credential) bool { return cr.Value != stale && cr.ValidAt(c.opt.Now(), c.opt.Margin) }
	if cur := c.cur.Load(); cur != nil && fresh(*cur) {
		return *cur, nil // renewed while this caller queued
	}
	if err := c.pause(c.opt.Now()); err != nil {
		return Credential{}, err
	}
	if cr, ok := c.load(ctx, stale); ok && fresh(cr) {
		return cr, nil
	}
	if l, ok := c.store.(Locker); ok {
		unlock, cr, found, err := c.lock(ctx, l, stale, fresh)
		if found || err != nil {
			return cr, err
		}
		defer unlock()
		// The last holder may have saved between the look above and the lock.
		if cr, ok := c.load(ctx, stale); ok && fresh(cr) {
			return cr, nil
		}
	}
	return c.fetchAndSave(ctx)
}

// lockPoll is how often a Cache waiting for another instance's refresh
// looks in the Store.
const lockPoll = 20 * time.Millisecond

// lock takes the Store's lock for the key. While another instance holds
// it, lock waits and returns that instance's credential (found) once it
// appears in the Store. A Store that fails leaves the Cache unlocked, on its
// own: it fetches rather than fail.
func (c *Cache) lock(ctx context.Context, l Locker, stale string, fresh func(Credential) bool) (unlock func(), cr Credential, found bool, err error) {
	for waited := false; ; waited = true {
		un, err := l.TryLock(ctx, c.key+":lock", c.opt.FetchTimeout)
		switch {
		case err == nil:
			c.storeResult(nil)
			return func() {
				ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
				defer cancel()
				c.storeResult(un(ctx))
			}, Credential{}, false, nil
		case !errors.Is(err, ErrLocked):
			c.storeResult(err)
			return func() {}, Credential{}, false, nil
		}
		if !waited {
			c.opt.Observer.LockWait(c.opt.Name)
		}
		select {
		case <-ctx.Done():
			return nil, Credential{}, false, fmt.Errorf("credential %s: waiting for another instance's refresh: %w", c.opt.Name, ctx.Err())
		case <-time.After(lockPoll):
		}
		if cr, ok := c.load(ctx, stale); ok && fresh(cr) {
			return nil, cr, true, nil
		}
	}
}

// load reads the Store. A valid credential found there replaces the one
// held in memory if it is newer.
func (c *Cache) load(ctx context.Context, stale string) (Credential, bool) {
	cr, err := c.store.Load(ctx, c.key)
	if errors.Is(err, ErrNotFound) {
		err = nil
	}
	c.storeResult(err)
	if err != nil || cr.Value == stale || !cr.ValidAt(c.opt.Now(), 0) {
		return Credential{}, false
	}
	if cur := c.cur.Load(); cur == nil || cur.Value == stale || cr.Expiry.After(cur.Expiry) {
		c.cur.Store(&cr)
	}
	return cr, true
}

// fetchAndSave asks upstream and keeps what it gets, in memory even when
// the Store fails.
func (c *Cache) fetchAndSave(ctx context.Context) (Credential, error) {
	fctx, cancel := context.WithTimeout(ctx, c.opt.FetchTimeout)
	cr, err := c.fetchRetrying(fctx)
	cancel()
	if err == nil && !cr.ValidAt(c.opt.Now(), 0) {
		err = fmt.Errorf("credential %s: upstream gave an empty or expired credential: %w", c.opt.Name, wechat.ErrUnavailable)
	}
	c.opt.Observer.Refreshed(c.opt.Name, err)
	if err != nil {
		c.failed(err)
		return Credential{}, err
	}
	c.mu.Lock()
	c.failures, c.lastErr = 0, nil
	c.mu.Unlock()
	c.cur.Store(&cr)
	c.storeResult(c.store.Save(ctx, c.key, cr))
	return cr, nil
}

// fetchRetrying fetches, retrying at once a few times when WeChat is busy.
func (c *Cache) fetchRetrying(ctx context.Context) (Credential, error) {
	for attempt := 0; ; attempt++ {
		cr, err := c.fetch(ctx)
		pause := 100 * time.Millisecond << attempt
		if err == nil || !errors.Is(err, wechat.ErrBusy) || attempt >= c.opt.BusyRetries {
			return cr, err
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < 2*pause {
			return cr, err // no time left for another try: report the busy answer
		}
		t := time.NewTimer(pause)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return Credential{}, err
		}
	}
}

// failed records a failed refresh and how long to hold the next one back.
func (c *Cache) failed(err error) {
	c.mu.Lock()
	c.failures++
	pause := c.opt.MaxBackoff
	if !errors.Is(err, wechat.ErrQuota) && !errors.Is(err, wechat.ErrConfig) && c.failures < 30 {
		pause = min(c.opt.MinBackoff<<(c.failures-1), c.opt.MaxBackoff)
	}
	c.retryAt = c.opt.Now().Add(pause)
	c.lastErr = err
	failures := c.failures
	c.mu.Unlock()
	level := slog.LevelWarn
	if errors.Is(err, wechat.ErrQuota) || errors.Is(err, wechat.ErrConfig) {
		level = slog.LevelError
	}
	c.opt.Logger.LogAttrs(context.Background(), level, "credential refresh failed",
		slog.String("credential", c.opt.Name), slog.String("error", err.Error()),
		slog.Int("failures", failures), slog.String("retry_in", pause.String()))
}

// pause returns why no refresh may start at now, or nil if one may.
func (c *Cache) pause(now time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failures == 0 || !now.Before(c.retryAt) {
		return nil
	}
	return fmt.Errorf("credential %s: refreshing failed %d times, next try at %s: %w",
		c.opt.Name, c.failures, c.retryAt.Format(time.RFC3339), c.lastErr)
}

// storeResult reports a Store operation, and logs when the Store goes away
// or comes back.
func (c *Cache) storeResult(err error) {
	c.opt.Observer.Store(c.opt.Name, err)
	c.mu.Lock()
	changed := c.storeDown != (err != nil)
	c.storeDown = err != nil
	c.mu.Unlock()
	switch {
	case changed && err != nil:
		c.opt.Logger.LogAttrs(context.Background(), slog.LevelError, "credential store unavailable: serving from memory, fetching without the shared lock",
			slog.String("credential", c.opt.Name), slog.String("error", err.Error()))
	case changed:
		c.opt.Logger.LogAttrs(context.Background(), slog.LevelInfo, "credential store available again", slog.String("credential", c.opt.Name))
	}
}

type noObserver struct{}

func (noObserver) Hit(string)              {}
func (noObserver) Refreshed(string, error) {}
func (noObserver) LockWait(string)         {}
func (noObserver) Store(string, error)     {}
