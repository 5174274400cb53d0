package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/internal/redistest"
	"github.com/gowx/gowx/server/store"
)

// contract checks what every Store must do.
func contract(t *testing.T, s credential.Store) {
	ctx := context.Background()
	if _, err := s.Load(ctx, "missing"); !errors.Is(err, credential.ErrNotFound) {
		t.Fatalf("Load of a missing key: %v", err)
	}
	exp := time.Now().Add(time.Hour).Truncate(time.Millisecond)
	for _, key := range []string{"gowx:wx1:access_token", "../../etc/passwd", "a/b c%d"} {
		for _, v := range []string{"first", "second"} {
			c := credential.Credential{Value: v + key, Expiry: exp}
			if err := s.Save(ctx, key, c); err != nil {
				t.Fatalf("Save(%q): %v", key, err)
			}
			got, err := s.Load(ctx, key)
			if err != nil || got.Value != c.Value || !got.Expiry.Equal(c.Expiry) {
				t.Fatalf("Load(%q) = %v, %v; want %v", key, got, err, c)
			}
		}
	}
}

func TestMemory(t *testing.T) { contract(t, &store.Memory{}) }

func TestFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	s, err := store.NewFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	contract(t, s)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Fatalf("%d files for 3 keys (a temporary file left behind?): %v", len(entries), entries)
	}
	for _, e := range entries {
		info, _ := e.Info()
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", e.Name(), info.Mode().Perm())
		}
	}
	if info, _ := os.Stat(dir); info.Mode().Perm() != 0o700 {
		t.Errorf("the directory has mode %v, want 0700", info.Mode().Perm())
	}
	// Another process on the same directory: the credentials survive a restart.
	again, err := store.NewFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := again.Load(context.Background(), "gowx:wx1:access_token"); err != nil || c.Value != "secondgowx:wx1:access_token" {
		t.Fatalf("after a restart: %v, %v", c, err)
	}
	// A damaged or empty file is a miss, not a credential.
	for _, body := range []string{"{not json", `{"value":"","expiry":"2030-01-01T00:00:00Z"}`, ""} {
		os.WriteFile(filepath.Join(dir, "gowx%3Awx1%3Aaccess_token.json"), []byte(body), 0o600)
		if c, err := again.Load(context.Background(), "gowx:wx1:access_token"); !errors.Is(err, credential.ErrNotFound) {
			t.Fatalf("damaged file %q: %v, %v", body, c, err)
		}
	}
}

func TestRedis(t *testing.T) {
	srv := redistest.Start(t)
	s, err := store.NewRedis(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	contract(t, s)
	// An expired credential is not kept.
	if err := s.Save(ctx, "old", credential.Credential{Value: "v", Expiry: time.Now().Add(-time.Second)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, "old"); !errors.Is(err, credential.ErrNotFound) {
		t.Fatalf("expired: %v", err)
	}

	unlock, err := s.TryLock(ctx, "lock", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.TryLock(ctx, "lock", time.Minute); !errors.Is(err, credential.ErrLocked) {
		t.Fatalf("second TryLock: %v", err)
	}
	if err := unlock(ctx); err != nil {
		t.Fatal(err)
	}
	// A holder whose lock lapsed must not release its successor's.
	stale, err := s.TryLock(ctx, "lock", 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	var next func(context.Context) error
	for next == nil {
		next, err = s.TryLock(ctx, "lock", time.Minute)
		if err != nil && !errors.Is(err, credential.ErrLocked) {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := stale(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TryLock(ctx, "lock", time.Minute); !errors.Is(err, credential.ErrLocked) {
		t.Fatalf("a lapsed holder released its successor's lock: %v", err)
	}

	// Redis gone: errors, quickly, never a panic or a false miss.
	srv.Kill()
	if _, err := s.Load(ctx, "gowx:wx1:access_token"); err == nil || errors.Is(err, credential.ErrNotFound) {
		t.Fatalf("Load with Redis down: %v", err)
	}
	if err := s.Save(ctx, "k", credential.Credential{Value: "v", Expiry: time.Now().Add(time.Hour)}); err == nil {
		t.Fatal("Save with Redis down succeeded")
	}
	if _, err := s.TryLock(ctx, "lock2", time.Minute); err == nil || errors.Is(err, credential.ErrLocked) {
		t.Fatalf("TryLock with Redis down: %v", err)
	}
	if err := s.Ping(ctx); err == nil {
		t.Fatal("Ping with Redis down succeeded")
	}
	srv.Restart()
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("after Redis came back: %v", err)
	}
}

func TestRedisURL(t *testing.T) {
	_, err := store.NewRedis("http://user:hunter2@host/")
	if err == nil {
		t.Fatal("accepted a non-redis URL")
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("error shows the password: %v", err)
	}
}

// A state directory that cannot be had is an error at start, saying why.
func TestFileUnusableDirectory(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]string{"a file in the way": file, "under a file": filepath.Join(file, "state")} {
		if _, err := store.NewFile(dir); err == nil || !strings.Contains(err.Error(), "state directory") {
			t.Errorf("%s: %v; want an error naming the state directory", name, err)
		}
	}
}

func TestUnusable(t *testing.T) {
	cause := errors.New("store: state directory /x: read-only file system")
	u := store.Unusable{Err: cause}
	ctx := context.Background()
	if _, err := u.Load(ctx, "k"); !errors.Is(err, cause) || errors.Is(err, credential.ErrNotFound) {
		t.Errorf("Load: %v", err)
	}
	if err := u.Save(ctx, "k", credential.Credential{Value: "v", Expiry: time.Now().Add(time.Hour)}); !errors.Is(err, cause) {
		t.Errorf("Save: %v", err)
	}
	if err := u.Ping(ctx); !errors.Is(err, cause) {
		t.Errorf("Ping: %v", err)
	}
}
