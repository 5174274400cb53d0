package store

import (
	"context"

	"github.com/gowx/gowx/server/credential"
)

// Unusable stands in for a store that cannot be used, such as a state
// directory on a read-only file system: every operation fails with Err.
// The store is a cache, so a server need not stop for it: its Caches keep
// what they fetch in memory, log the outage once and report it to their
// Observer (gowx_store_up 0) for as long as the process runs.
type Unusable struct {
	Err error
}

// Load fails with u.Err.
func (u Unusable) Load(context.Context, string) (credential.Credential, error) {
	return credential.Credential{}, u.Err
}

// Save fails with u.Err.
func (u Unusable) Save(context.Context, string, credential.Credential) error { return u.Err }

// Ping fails with u.Err, so that a check at start reports the outage.
func (u Unusable) Ping(context.Context) error { return u.Err }

var _ credential.Store = Unusable{}
