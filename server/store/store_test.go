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
	s := redisContract(t, srv.URL)
	ctx := context.Background()
	// An expired credential is not kept.
	if err := s.Save(ctx, "old", credential.Credential{Value: "v", Expiry: time.Now().Add(-time.Second)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, "old"); !errors.Is(err, credential.ErrNotFound) {
		t.Fatalf("expired: %v", err)
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

// TestRedisCluster: the store on a Cluster of three masters, whose keys
// spread over them; every key of one credential stays in one slot.
func TestRedisCluster(t *testing.T) {
	c := redistest.StartCluster(t, 3)
	redisContract(t, c.URL)
	redisContractIn(t, strings.Replace(c.URL, "redis-cluster://", "redis-cluster://default:@", 1), "again:")
}

// TestRedisSentinel: the store on the master a Sentinel names, before and
// after it fails over to the replica.
func TestRedisSentinel(t *testing.T) {
	sn := redistest.StartSentinel(t)
	s := redisContract(t, sn.URL)
	sn.Master.Kill()
	sn.WaitFailover(sn.Master.Addr)
	ctx := context.Background()
	deadline := time.Now().Add(20 * time.Second)
	for s.Save(ctx, "after", credential.Credential{Value: "v", Expiry: time.Now().Add(time.Hour)}) != nil {
		if time.Now().After(deadline) {
			t.Fatal("the store never reached the new master")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if c, err := s.Load(ctx, "after"); err != nil || c.Value != "v" {
		t.Fatalf("on the new master: %v, %v", c, err)
	}
}

// TestRedisURLForms: each form WX_REDIS_URL takes, and the mistakes it
// refuses without showing the password.
func TestRedisURLForms(t *testing.T) {
	for _, u := range []string{
		"redis://127.0.0.1:6379/0", "rediss://user:pw@redis.example:6380/2", "redis://:pw@localhost:6379",
		"redis-sentinel://s1:26379,s2:26379/1?master=mymaster", "rediss-sentinel://u:p@s1:26379?master=m&sentinel_user=su&sentinel_password=sp",
		"redis-cluster://n1:6379,n2:6379,n3:6379", "rediss-cluster://user:p%40ss,word@n1:6379",
	} {
		s, err := store.NewRedis(u)
		if err != nil {
			t.Errorf("NewRedis(%q): %v", u, err)
			continue
		}
		s.Close()
	}
	for _, u := range []string{
		"http://user:hunter2@host/", "redis-sentinel://user:hunter2@s1:26379/0", "redis-sentinel://user:hunter2@s1:26379/x?master=m",
		"redis-sentinel://user:hunter2@s1:26379/0?master=m&what=1", "redis-cluster://user:hunter2@n1:6379/3",
		"redis-cluster://user:hunter2@n1", "redis-cluster://user:hunter2@n1:6379,", "redisx://user:hunter2@h:1",
		"redis-cluster:/user:hunter2@n1:6379", "hunter2",
	} {
		_, err := store.NewRedis(u)
		if err == nil {
			t.Errorf("NewRedis(%q) accepted", u)
		} else if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("NewRedis(%q): the error shows the password: %v", u, err)
		}
	}
}

// redisContract checks the Redis store at rawURL as a Store and a Locker,
// and returns it (closed when t ends).
func redisContract(t *testing.T, rawURL string) *store.Redis {
	return redisContractIn(t, rawURL, "")
}

// redisContractIn is redisContract with its keys under ns, for a second
// run on the same servers.
func redisContractIn(t *testing.T, rawURL, ns string) *store.Redis {
	t.Helper()
	s, err := store.NewRedis(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	contract(t, s)
	// An expired credential is not kept.
	if err := s.Save(ctx, ns+"old", credential.Credential{Value: "v", Expiry: time.Now().Add(-time.Second)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, ns+"old"); !errors.Is(err, credential.ErrNotFound) {
		t.Fatalf("expired: %v", err)
	}
	unlock, err := s.TryLock(ctx, ns+"lock", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.TryLock(ctx, ns+"lock", time.Minute); !errors.Is(err, credential.ErrLocked) {
		t.Fatalf("second TryLock: %v", err)
	}
	if err := unlock(ctx); err != nil {
		t.Fatal(err)
	}
	// A holder whose lock lapsed must not release its successor's.
	stale, err := s.TryLock(ctx, ns+"lock", 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	var next func(context.Context) error
	for next == nil {
		next, err = s.TryLock(ctx, ns+"lock", time.Minute)
		if err != nil && !errors.Is(err, credential.ErrLocked) {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := stale(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TryLock(ctx, ns+"lock", time.Minute); !errors.Is(err, credential.ErrLocked) {
		t.Fatalf("a lapsed holder released its successor's lock: %v", err)
	}
	return s
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
