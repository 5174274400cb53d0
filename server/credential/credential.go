// Package credential keeps an official account's access_token and tickets
// the way WeChat requires: fetched once per lifetime however many callers
// ask, kept in a Store between fetches, and renewed before they expire.
package credential

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/gowx/gowx/server/wechat"
)

// Credential is an access_token or ticket and the end of its validity.
type Credential struct {
	Value  string    `json:"value"`
	Expiry time.Time `json:"expiry"`
}

// ValidAt reports whether c can still be used at t with margin to spare.
func (c Credential) ValidAt(t time.Time, margin time.Duration) bool {
	return c.Value != "" && t.Add(margin).Before(c.Expiry)
}

// Source hands out a credential that is valid now.
type Source interface {
	Credential(ctx context.Context) (Credential, error)
}

// ErrNotFound is what a Store returns for a key it does not hold.
var ErrNotFound = errors.New("credential not found")

// Store keeps credentials between fetches, and across instances when it is
// shared. Implementations are in package store.
type Store interface {
	// Load returns the credential saved under key, or ErrNotFound.
	Load(ctx context.Context, key string) (Credential, error)
	// Save keeps c under key until its expiry.
	Save(ctx context.Context, key string, c Credential) error
}

// DefaultMargin is how long before expiry a credential is renewed.
const DefaultMargin = 5 * time.Minute

// Cache is a Source that fetches through a function and keeps the result in
// a Store. Concurrent callers share one fetch.
type Cache struct {
	key    string
	fetch  func(ctx context.Context) (Credential, error)
	store  Store
	margin time.Duration
	now    func() time.Time
	group  singleflight.Group
}

// Options tune a Cache. The zero value is usable.
type Options struct {
	// Margin is how long before expiry a credential is renewed; zero means DefaultMargin.
	Margin time.Duration
	// FetchTimeout bounds one upstream fetch; zero means 15 s.
	FetchTimeout time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Margin <= 0 {
		o.Margin = DefaultMargin
	}
	if o.FetchTimeout <= 0 {
		o.FetchTimeout = 15 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// NewCache returns a Cache that keeps under key what fetch returns.
func NewCache(key string, fetch func(ctx context.Context) (Credential, error), store Store, o Options) *Cache {
	o = o.withDefaults()
	timeout := o.FetchTimeout
	return &Cache{
		key: key,
		fetch: func(ctx context.Context) (Credential, error) {
			// The fetch serves every waiting caller: one caller giving up must not fail the others.
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
			defer cancel()
			return fetch(ctx)
		},
		store:  store,
		margin: o.Margin,
		now:    o.Now,
	}
}

// Credential returns the stored credential while it is valid, and otherwise
// fetches a new one, once for all concurrent callers.
func (c *Cache) Credential(ctx context.Context) (Credential, error) {
	if cr, err := c.store.Load(ctx, c.key); err == nil && cr.ValidAt(c.now(), c.margin) {
		return cr, nil
	}
	ch := c.group.DoChan(c.key, func() (any, error) {
		// Another caller may have refreshed while this one waited for the group.
		if cr, err := c.store.Load(ctx, c.key); err == nil && cr.ValidAt(c.now(), c.margin) {
			return cr, nil
		}
		cr, err := c.fetch(ctx)
		if err != nil {
			return Credential{}, err
		}
		if err := c.store.Save(ctx, c.key, cr); err != nil {
			return Credential{}, fmt.Errorf("saving %s: %w", c.key, err)
		}
		return cr, nil
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return Credential{}, r.Err
		}
		return r.Val.(Credential), nil
	case <-ctx.Done():
		return Credential{}, ctx.Err()
	}
}

// Account gives the access_token and tickets of one official account.
type Account struct {
	Token       *Cache
	JSAPITicket *Cache
	CardTicket  *Cache
}

// NewAccount returns the credentials of the account client logs in to, kept
// in store under keys prefixed with the AppID.
func NewAccount(client *wechat.Client, store Store, o Options) *Account {
	o = o.withDefaults()
	now := o.Now
	prefix := "gowx:" + client.AppID + ":"
	a := &Account{}
	a.Token = NewCache(prefix+"access_token", func(ctx context.Context) (Credential, error) {
		wc, err := client.AccessToken(ctx)
		return fromWeChat(now(), wc), err
	}, store, o)
	ticket := func(typ wechat.TicketType) func(ctx context.Context) (Credential, error) {
		return func(ctx context.Context) (Credential, error) {
			tok, err := a.Token.Credential(ctx)
			if err != nil {
				return Credential{}, err
			}
			wc, err := client.Ticket(ctx, tok.Value, typ)
			return fromWeChat(now(), wc), err
		}
	}
	a.JSAPITicket = NewCache(prefix+"ticket:jsapi", ticket(wechat.TicketJSAPI), store, o)
	a.CardTicket = NewCache(prefix+"ticket:wx_card", ticket(wechat.TicketCard), store, o)
	return a
}

// Ticket returns a valid ticket of type typ.
func (a *Account) Ticket(ctx context.Context, typ wechat.TicketType) (Credential, error) {
	switch typ {
	case wechat.TicketJSAPI:
		return a.JSAPITicket.Credential(ctx)
	case wechat.TicketCard:
		return a.CardTicket.Credential(ctx)
	}
	return Credential{}, fmt.Errorf("credential: unknown ticket type %q", typ)
}

func fromWeChat(now time.Time, wc wechat.Credential) Credential {
	if wc.Value == "" {
		return Credential{}
	}
	return Credential{Value: wc.Value, Expiry: now.Add(wc.ExpiresIn)}
}
