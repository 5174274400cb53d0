package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"github.com/gowx/gowx/server/credential"
)

// File is a credential.Store in a directory, one JSON file per key, so that
// credentials outlive the process: a restarted server does not spend the
// daily quota again. The directory is made private (0700) and each file is
// readable by its owner only (0600); a file is written beside its final
// name and renamed into place, so a reader never sees half of one. File is
// for one process: instances that share credentials need Redis.
type File struct {
	dir string
}

// NewFile returns a File keeping its files in dir, which it creates if
// needed. An error says why dir cannot be used (a read-only file system, a
// file in the way): a server may then keep credentials in memory alone,
// with Unusable in its place.
func NewFile(dir string) (*File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: state directory %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: state directory %s: %w", dir, err)
	}
	return &File{dir: dir}, nil
}

// path maps a key to a file name; escaping keeps every key inside dir.
func (s *File) path(key string) string {
	return filepath.Join(s.dir, url.QueryEscape(key)+".json")
}

// Load returns the credential under key, or credential.ErrNotFound, also
// for a file that does not hold one (it is then overwritten by the next Save).
func (s *File) Load(_ context.Context, key string) (credential.Credential, error) {
	data, err := os.ReadFile(s.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return credential.Credential{}, credential.ErrNotFound
	}
	if err != nil {
		return credential.Credential{}, fmt.Errorf("store: %w", err)
	}
	var c credential.Credential
	if err := json.Unmarshal(data, &c); err != nil || c.Value == "" {
		return credential.Credential{}, fmt.Errorf("store: %s holds no credential: %w", filepath.Base(s.path(key)), credential.ErrNotFound)
	}
	return c, nil
}

// Save writes c under key, atomically.
func (s *File) Save(_ context.Context, key string, c credential.Credential) error {
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	tmp, err := os.CreateTemp(s.dir, ".tmp-*") // mode 0600
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), s.path(key))
	}
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}
