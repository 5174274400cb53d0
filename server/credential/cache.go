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
	// DefaultMargin is how long before expiry a credential is renewed; one
	// that lives less than twice as long is renewed at half its lifetime.
	DefaultMargin = 5 * time.Minute
	// DefaultFetchTimeout bounds one refresh, waiting for another
	// instance's included.
	DefaultFetchTimeout = 15 * time.Second
	// DefaultMinBackoff is the pause after a first failed refresh; it
	// doubles with each further failure up to DefaultMaxBackoff.
	DefaultMinBackoff = time.Second
	// DefaultMaxBackoff is the longest pause between failed refreshes, and
	// the pause after a quota or configuration error (which waiting alone
	// does not mend) while a valid credential is held.
	DefaultMaxBackoff = 5 * time.Minute
	// DefaultMaxColdBackoff is the longest pause while no valid credential
	// is held: every request fails meanwhile, so a try a minute is worth
	// it, and signing resumes soon after the fault clears.
	DefaultMaxColdBackoff = time.Minute
	// DefaultMaxLifetime is the longest a credential is trusted to last,
	// as fetched or as found in the Store: WeChat's 7200 s.
	DefaultMaxLifetime = wechat.MaxLifetime
)

// MinRenewInterval is the least time between a successful fetch and the
// renewal of what it fetched: a credential that lives less is fetched
// again once it has expired, not in a loop.
const MinRenewInterval = 30 * time.Second

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
	// MaxColdBackoff bounds the pause while no valid credential is held;
	// zero means DefaultMaxColdBackoff.
	MaxColdBackoff time.Duration
	// MaxLifetime bounds the lifetime of a credential; zero means
	// DefaultMaxLifetime. A stored one that claims more (by over a minute,
	// for clocks that differ) is ignored.
	MaxLifetime time.Duration
	// BusyRetries is how many times a fetch answered "system busy" (-1) is
	// retried at once, after 100 ms, 200 ms, ..., while no valid
	// credential is held (a caller is waiting); zero means 2, negative none.
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
	if o.MaxColdBackoff <= 0 {
		o.MaxColdBackoff = DefaultMaxColdBackoff
	}
	o.MaxColdBackoff = min(o.MaxColdBackoff, o.MaxBackoff)
	if o.MaxLifetime <= 0 {
		o.MaxLifetime = DefaultMaxLifetime
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

// renewAt is when a credential fetched at fetched and valid until expiry
// is to be renewed: Margin ahead, or at half its lifetime if that is
// shorter, never sooner than MinRenewInterval after the fetch. same means
// upstream handed back the value it replaces: it renews that only when it
// runs out, so asking again is worth it only shortly before then.
func (o Options) renewAt(fetched, expiry time.Time, same bool) time.Time {
	ahead := min(o.Margin, expiry.Sub(fetched)/2)
	if same {
		ahead = min(ahead, MinRenewInterval)
	}
	at := expiry.Add(-ahead)
	if floor := fetched.Add(MinRenewInterval); at.Before(floor) {
		return floor
	}
	return at
}

// Fetch gets a new credential from upstream.
type Fetch func(ctx context.Context) (Credential, error)

// Cache is a Source that fetches through a Fetch and keeps the result in
// memory and in a Store.
//
// A valid credential is served from memory. Past its renewal time it is
// still served while one background refresh replaces it. Without a valid
// credential, callers wait for one refresh that they all share. A refresh
// first looks in the Store (another instance, or this process before a
// restart, may have fetched already) and, if the Store is a Locker, takes
// its lock, so that across instances only one fetches. A failed refresh
// keeps the old credential, is logged, and holds further fetches back for
// a growing pause, so an outage upstream costs a few calls, not one per
// request; the Store is still read meanwhile.
type Cache struct {
	key    string
	fetch  Fetch
	store  Store
	opt    Options
	group  singleflight.Group
	shared *shared // with the other Caches of an Account

	cur        atomic.Pointer[Credential] // the newest credential known here
	refreshing atomic.Bool                // a background refresh is running

	own    backoff // after errors of this credential's endpoint: quota, configuration
	mu     sync.Mutex
	peeked time.Time // the Store was last read while fetches were held back
}

// shared is what the Caches of one Account have in common: the back-off
// after the upstream failed (busy, unreachable: it fails them all alike)
// and the state of their Store, logged once for all.
type shared struct {
	backoff backoff

	mu        sync.Mutex
	storeDown bool // the last Store operation failed
}

// NewCache returns a Cache that keeps under key what fetch returns.
func NewCache(key string, fetch Fetch, store Store, o Options) *Cache {
	return newCache(key, fetch, store, o, &shared{})
}

func newCache(key string, fetch Fetch, store Store, o Options, sh *shared) *Cache {
	o = o.withDefaults()
	if o.Name == "" {
		o.Name = key
	}
	return &Cache{key: key, fetch: fetch, store: store, opt: o, shared: sh}
}

// Key returns the Store key the Cache keeps its credential under.
func (c *Cache) Key() string { return c.key }

// Credential returns a valid credential: the one held until its renewal
// time, then a new one. When renewal fails it returns the held one as long
// as it has not expired.
func (c *Cache) Credential(ctx context.Context) (Credential, error) {
	now := c.opt.Now()
	if cur := c.cur.Load(); cur != nil && cur.ValidAt(now, 0) {
		if !c.fresh(*cur, now, "") && c.mayLook(now) && c.refreshing.CompareAndSwap(false, true) {
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

// valid returns the held credential while it is valid, however close to
// its renewal, and a new one otherwise: what a fetch that depends on this
// credential needs, without starting a renewal of its own.
func (c *Cache) valid(ctx context.Context) (Credential, error) {
	if cur := c.cur.Load(); cur != nil && cur.ValidAt(c.opt.Now(), 0) {
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

// Refresh renews the held credential if its renewal time has come (or it
// has expired), and does nothing if none is held: a quiet server keeps
// what it has used fresh without fetching what nobody asked for.
func (c *Cache) Refresh(ctx context.Context) error {
	cur := c.cur.Load()
	if cur == nil || c.fresh(*cur, c.opt.Now(), "") {
		return nil
	}
	_, err := c.refresh(ctx, "")
	return err
}

// fresh reports whether cr, other than stale, need not be renewed at now.
func (c *Cache) fresh(cr Credential, now time.Time, stale string) bool {
	at := cr.RenewAt
	if at.IsZero() {
		at = cr.Expiry.Add(-c.opt.Margin)
	}
	return cr.Value != stale && cr.ValidAt(now, 0) && now.Before(at)
}

// held reports whether a valid credential is held at now.
func (c *Cache) held(now time.Time) bool {
	cur := c.cur.Load()
	return cur != nil && cur.ValidAt(now, 0)
}

// mayLook reports whether a background refresh may start at now: always
// while fetches are allowed, and once per MinBackoff while they are held
// back, to read the Store, where another instance may have put a newer
// credential.
func (c *Cache) mayLook(now time.Time) bool {
	if c.pause(now) == nil {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return !now.Before(c.peeked.Add(c.opt.MinBackoff))
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
	fresh := func(cr Credential) bool { return c.fresh(cr, c.opt.Now(), stale) }
	if cur := c.cur.Load(); cur != nil && fresh(*cur) {
		return *cur, nil // renewed while this caller queued
	}
	// The Store first, even while fetches are held back.
	if cr, ok := c.load(ctx, stale); ok && fresh(cr) {
		return cr, nil
	}
	now := c.opt.Now()
	if err := c.pause(now); err != nil {
		c.mu.Lock()
		c.peeked = now
		c.mu.Unlock()
		return Credential{}, err
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
// held in memory if it is newer. One that claims to outlast MaxLifetime
// (a record planted, or written by a faulty upstream's answer) is ignored.
func (c *Cache) load(ctx context.Context, stale string) (Credential, bool) {
	cr, err := c.store.Load(ctx, c.key)
	if errors.Is(err, ErrNotFound) {
		err = nil
	}
	c.storeResult(err)
	now := c.opt.Now()
	if err != nil || cr.Value == stale || !cr.ValidAt(now, 0) || cr.Expiry.After(now.Add(c.opt.MaxLifetime+time.Minute)) {
		return Credential{}, false
	}
	if cur := c.cur.Load(); cur == nil || cur.Value == stale || newer(cr, *cur) {
		c.cur.Store(&cr)
	}
	return cr, true
}

// newer reports whether a replaces b: it lasts longer, or it is the same
// credential, renewed later (upstream handed it back unchanged).
func newer(a, b Credential) bool {
	return a.Expiry.After(b.Expiry) || a.Expiry.Equal(b.Expiry) && a.RenewAt.After(b.RenewAt)
}

// fetchAndSave asks upstream and keeps what it gets, in memory even when
// the Store fails.
func (c *Cache) fetchAndSave(ctx context.Context) (Credential, error) {
	start := c.opt.Now()
	prev := c.cur.Load()
	retries := c.opt.BusyRetries
	if prev != nil && prev.ValidAt(start, 0) {
		retries = 0 // nobody waits: the back-off retries
	}
	fctx, cancel := context.WithTimeout(ctx, c.opt.FetchTimeout)
	cr, err := c.fetchRetrying(fctx, retries)
	cancel()
	if err == nil && !cr.ValidAt(c.opt.Now(), 0) {
		err = fmt.Errorf("credential %s: upstream gave an empty or expired credential: %w", c.opt.Name, wechat.ErrUnavailable)
	}
	c.opt.Observer.Refreshed(c.opt.Name, err)
	if err != nil {
		c.failed(err)
		return Credential{}, err
	}
	c.own.reset()
	c.shared.backoff.reset()
	if limit := start.Add(c.opt.MaxLifetime); cr.Expiry.After(limit) {
		cr.Expiry = limit
	}
	cr.RenewAt = c.opt.renewAt(start, cr.Expiry, prev != nil && prev.Value == cr.Value)
	c.cur.Store(&cr)
	c.storeResult(c.store.Save(ctx, c.key, cr))
	return cr, nil
}

// fetchRetrying fetches, retrying at once up to retries times when WeChat
// is busy.
func (c *Cache) fetchRetrying(ctx context.Context, retries int) (Credential, error) {
	for attempt := 0; ; attempt++ {
		cr, err := c.fetch(ctx)
		pause := 100 * time.Millisecond << attempt
		if err == nil || !errors.Is(err, wechat.ErrBusy) || attempt >= retries {
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

// endpointError reports whether err is the credential's endpoint's own
// (quota, configuration), rather than the upstream's as a whole.
func endpointError(err error) bool {
	return errors.Is(err, wechat.ErrQuota) || errors.Is(err, wechat.ErrConfig)
}

// failed records a failed refresh and logs it.
func (c *Cache) failed(err error) {
	now := c.opt.Now()
	b := &c.shared.backoff
	if endpointError(err) {
		b = &c.own
	}
	failures := b.record(now, err, endpointError(err), c.opt)
	level := slog.LevelWarn
	if endpointError(err) {
		level = slog.LevelError
	}
	retry := c.retryAt(now)
	c.opt.Logger.LogAttrs(context.Background(), level, "credential refresh failed",
		slog.String("credential", c.opt.Name), slog.String("error", err.Error()),
		slog.Int("failures", failures), slog.String("retry_in", retry.Sub(now).String()))
}

// retryAt is when the next fetch may start, as of now.
func (c *Cache) retryAt(now time.Time) time.Time {
	held := c.held(now)
	a, b := c.own.until(held, c.opt), c.shared.backoff.until(held, c.opt)
	if a.After(b) {
		return a
	}
	return b
}

// pause returns why no fetch may start at now, or nil if one may.
func (c *Cache) pause(now time.Time) error {
	held := c.held(now)
	for _, b := range []*backoff{&c.own, &c.shared.backoff} {
		if err := b.pause(now, held, c.opt, c.opt.Name); err != nil {
			return err
		}
	}
	return nil
}

// backoff holds fetches back after failures: 1 s doubling, up to
// MaxColdBackoff while nothing valid is held and MaxBackoff otherwise; an
// endpoint error (quota, configuration) waits MaxBackoff at once while a
// valid credential is held, since waiting alone mends it.
type backoff struct {
	mu       sync.Mutex
	failures int       // consecutive failures
	last     time.Time // when the last one was counted
	endpoint bool      // the last one was an endpoint error
	err      error     // the last one
}

// record counts a failure at now and returns the count. A failure while
// fetches are held back already (a concurrent fetch's, or a ticket's
// that failed for its token) is the same outage: it is not counted again.
func (b *backoff) record(now time.Time, err error, endpoint bool, o Options) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failures == 0 || !now.Before(b.untilLocked(false, o)) {
		b.failures++
		b.last, b.endpoint, b.err = now, endpoint, err
	}
	return b.failures
}

func (b *backoff) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures, b.err = 0, nil
}

// until is when fetches may start again; held tells whether a valid
// credential is held.
func (b *backoff) until(held bool, o Options) time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.untilLocked(held, o)
}

func (b *backoff) untilLocked(held bool, o Options) time.Time {
	if b.failures == 0 {
		return time.Time{}
	}
	grown := o.MinBackoff << min(b.failures-1, 30)
	switch {
	case !held:
		return b.last.Add(min(grown, o.MaxColdBackoff))
	case b.endpoint:
		return b.last.Add(o.MaxBackoff)
	}
	return b.last.Add(min(grown, o.MaxBackoff))
}

// pause returns why fetches are held back at now, or nil.
func (b *backoff) pause(now time.Time, held bool, o Options, name string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	until := b.untilLocked(held, o)
	if b.failures == 0 || !now.Before(until) {
		return nil
	}
	return fmt.Errorf("credential %s: refreshing failed %d times, next try at %s: %w",
		name, b.failures, until.Format(time.RFC3339), b.err)
}

// storeResult reports a Store operation, and logs when the Store goes away
// or comes back: once for all the Caches that share it.
func (c *Cache) storeResult(err error) {
	c.opt.Observer.Store(c.opt.Name, err)
	sh := c.shared
	sh.mu.Lock()
	changed := sh.storeDown != (err != nil)
	sh.storeDown = err != nil
	sh.mu.Unlock()
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
