// Package store holds the credential.Store implementations: Memory for
// tests and single processes, File (the default) so that a restarted
// server does not fetch again what it fetched before, Redis for several
// instances that share one access_token, and Unusable in place of a store
// that cannot be opened: a store is a cache, and the server goes on from
// memory.
package store

import (
	"context"
	"sync"

	"github.com/gowx/gowx/server/credential"
)

// Memory is a credential.Store in process memory, safe for concurrent use.
// The zero value is ready to use.
type Memory struct {
	mu sync.Mutex
	m  map[string]credential.Credential
}

// Load returns the credential under key, or credential.ErrNotFound.
func (s *Memory) Load(_ context.Context, key string) (credential.Credential, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.m[key]
	if !ok {
		return credential.Credential{}, credential.ErrNotFound
	}
	return c, nil
}

// Save keeps c under key.
func (s *Memory) Save(_ context.Context, key string, c credential.Credential) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[string]credential.Credential)
	}
	s.m[key] = c
	return nil
}
