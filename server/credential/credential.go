// Package credential keeps an official account's access_token and tickets
// the way WeChat requires: fetched once per lifetime however many callers
// (and instances) ask, kept in a Store between fetches, renewed ahead of
// expiry, and still served while WeChat is failing.
//
// A Source hands out a valid Credential, as golang.org/x/oauth2's
// TokenSource hands out a token; a Cache is the Source that fetches through
// a function and remembers; an Account holds the three Caches of one
// official account.
package credential

import (
	"context"
	"errors"
	"time"
)

// Credential is an access_token or ticket and the end of its validity.
type Credential struct {
	Value  string    `json:"value"`
	Expiry time.Time `json:"expiry"`
	// RenewAt is when a holder should fetch its successor, as the Cache
	// that fetched it decided (see Options.Margin); zero means Margin
	// before Expiry. It travels in the Store, so that every instance
	// renews on the same schedule.
	RenewAt time.Time `json:"renew_at,omitzero"`
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

// ErrLocked is what Locker.TryLock returns while another holder has the lock.
var ErrLocked = errors.New("lock held elsewhere")

// Locker is implemented by Stores that several instances share: a Cache
// takes the lock before fetching, so that one instance fetches and the
// others read its result from the Store.
type Locker interface {
	// TryLock takes the lock named key for at most ttl, or fails with
	// ErrLocked. unlock releases it only if it is still this holder's.
	TryLock(ctx context.Context, key string, ttl time.Duration) (unlock func(context.Context) error, err error)
}

// Observer hears what Caches do, for metrics. name is Options.Name of the
// Cache. Its methods must be safe for concurrent use and quick.
type Observer interface {
	// Hit: a credential was served from memory.
	Hit(name string)
	// Refreshed: an upstream fetch ended, with err nil if it succeeded.
	Refreshed(name string, err error)
	// LockWait: a refresh waited for another instance's fetch.
	LockWait(name string)
	// Store: a Store operation ended, with err nil if it succeeded.
	Store(name string, err error)
}
