package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gowx/gowx/server/credential"
)

// Redis is a credential.Store that several server instances share, so that
// they use one access_token instead of each fetching its own (every fetch
// retires the others' tokens). It is a credential.Locker: the instance that
// takes a key's lock fetches; the others wait and read its result.
//
// Calls are short: a Redis that has gone away fails fast, and the Caches
// keep serving what they hold in memory until it returns.
type Redis struct {
	client *redis.Client
}

// quietRedis silences go-redis's own logger, a package global that prints
// plain text to stderr: every failure it would print reaches the Caches as
// an error, and they log it, as JSON, once per outage.
var quietRedis sync.Once

type discardLogger struct{}

func (discardLogger) Printf(context.Context, string, ...any) {}

// NewRedis connects to the Redis at a URL such as redis://host:6379/0
// (redis://user:password@host:port/db and rediss:// for TLS work too). It
// does not wait for the server: use Ping for that.
func NewRedis(rawURL string) (*Redis, error) {
	quietRedis.Do(func() { redis.SetLogger(discardLogger{}) })
	opt, err := redis.ParseURL(rawURL)
	if err != nil {
		// The URL may hold a password: say what is wrong, not what it is.
		return nil, fmt.Errorf("store: WX_REDIS_URL is not a redis:// URL: %w", errors.Unwrap(err))
	}
	opt.DialTimeout = time.Second
	opt.ReadTimeout = 500 * time.Millisecond
	opt.WriteTimeout = 500 * time.Millisecond
	// The Caches retry on their own schedule; a Redis that is down must fail at once.
	opt.MaxRetries = -1
	opt.DialerRetries = 1
	opt.DialerRetryTimeout = 10 * time.Millisecond
	return &Redis{client: redis.NewClient(opt)}, nil
}

// Load returns the credential under key, or credential.ErrNotFound.
func (s *Redis) Load(ctx context.Context, key string) (credential.Credential, error) {
	data, err := s.client.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return credential.Credential{}, credential.ErrNotFound
	}
	if err != nil {
		return credential.Credential{}, fmt.Errorf("store: redis: %w", err)
	}
	var c credential.Credential
	if err := json.Unmarshal(data, &c); err != nil || c.Value == "" {
		return credential.Credential{}, fmt.Errorf("store: redis key %s holds no credential: %w", key, credential.ErrNotFound)
	}
	return c, nil
}

// Save keeps c under key until its expiry; an expired c is not kept.
func (s *Redis) Save(ctx context.Context, key string, c credential.Credential) error {
	ttl := time.Until(c.Expiry)
	if ttl < time.Millisecond {
		return nil
	}
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if err := s.client.Set(ctx, key, data, ttl).Err(); err != nil {
		return fmt.Errorf("store: redis: %w", err)
	}
	return nil
}

// unlockScript deletes the lock only if it still holds this holder's token:
// a holder whose lock expired must not release the next holder's.
var unlockScript = redis.NewScript(`if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`)

// TryLock takes the lock named key with SET NX PX and a random token, or
// fails with credential.ErrLocked. The lock lapses after ttl if its holder
// dies.
func (s *Redis) TryLock(ctx context.Context, key string, ttl time.Duration) (func(context.Context) error, error) {
	var b [16]byte
	rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	err := s.client.Do(ctx, "SET", key, token, "NX", "PX", strconv.FormatInt(ttl.Milliseconds(), 10)).Err()
	if errors.Is(err, redis.Nil) {
		return nil, credential.ErrLocked
	}
	if err != nil {
		return nil, fmt.Errorf("store: redis lock: %w", err)
	}
	return func(ctx context.Context) error {
		if err := unlockScript.Run(ctx, s.client, []string{key}, token).Err(); err != nil {
			return fmt.Errorf("store: redis unlock: %w", err)
		}
		return nil
	}, nil
}

// Ping reports whether Redis answers.
func (s *Redis) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("store: redis: %w", err)
	}
	return nil
}

// Close closes the connections to Redis.
func (s *Redis) Close() error { return s.client.Close() }
