package store

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gowx/gowx/server/credential"
)

// Redis is a credential.Store that several server instances share, so that
// they use one access_token instead of each fetching its own (every fetch
// retires the others' tokens). It is a credential.Locker: the instance that
// takes a key's lock fetches; the others wait and read its result. It talks
// to a single server, a Sentinel-watched master, or a Cluster (see
// NewRedis); every key of one credential, lock included, carries the same
// hash tag (credential.NewAccount's {gowx:<appid>}), so a Cluster keeps
// them in one slot.
//
// Calls are short: a Redis that has gone away fails fast, and the Caches
// keep serving what they hold in memory until it returns.
type Redis struct {
	client redis.UniversalClient
}

// quietRedis silences go-redis's own logger, a package global that prints
// plain text to stderr: every failure it would print reaches the Caches as
// an error, and they log it, as JSON, once per outage.
var quietRedis sync.Once

type discardLogger struct{}

func (discardLogger) Printf(context.Context, string, ...any) {}

// Timeouts of every Redis call: a Redis that is down must fail at once,
// since the Caches retry on their own schedule and serve from memory.
const (
	redisDialTimeout = time.Second
	redisIOTimeout   = 500 * time.Millisecond
)

// NewRedis connects to Redis as rawURL says (WX_REDIS_URL). It does not
// wait for the server: use Ping for that. The forms, each also with an s
// for TLS (rediss, rediss-sentinel, rediss-cluster) and with an ACL user
// and password (user:password@, or :password@ for the default user):
//
//	redis://host:6379/0                            a single server, database 0
//	redis-sentinel://s1:26379,s2:26379/0?master=mymaster
//	                                               the master the Sentinels name;
//	                                               sentinel_user and
//	                                               sentinel_password, if the
//	                                               Sentinels want their own
//	redis-cluster://n1:6379,n2:6379,n3:6379        a Cluster, from any of its nodes
//
// The user and password are the data's (the master's, the Cluster's).
func NewRedis(rawURL string) (*Redis, error) {
	quietRedis.Do(func() { redis.SetLogger(discardLogger{}) })
	client, err := redisClient(rawURL)
	if err != nil {
		return nil, err
	}
	return &Redis{client: client}, nil
}

// redisClient makes the client rawURL describes.
func redisClient(rawURL string) (redis.UniversalClient, error) {
	scheme, rest, hasScheme := strings.Cut(rawURL, "://")
	kind, tlsOn := strings.CutPrefix(scheme, "rediss")
	isRedis := tlsOn
	if !tlsOn {
		kind, isRedis = strings.CutPrefix(scheme, "redis")
	}
	if !hasScheme || !isRedis || kind != "" && kind != "-sentinel" && kind != "-cluster" {
		// The URL may hold a password: say what is wrong, not what it is.
		return nil, errors.New("store: WX_REDIS_URL: want redis://, redis-sentinel:// or redis-cluster:// (rediss for TLS)")
	}
	if kind == "" {
		opt, err := redis.ParseURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("store: WX_REDIS_URL is not a redis:// URL: %w", errors.Unwrap(err))
		}
		opt.DialTimeout, opt.ReadTimeout, opt.WriteTimeout = redisDialTimeout, redisIOTimeout, redisIOTimeout
		opt.MaxRetries, opt.DialerRetries, opt.DialerRetryTimeout = -1, 1, 10*time.Millisecond
		return redis.NewClient(opt), nil
	}
	// url.Parse takes no list of hosts: split it off by hand, and let
	// url.Parse read the rest (user information, path, query).
	authority, tail := rest, ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority, tail = rest[:i], rest[i:]
	}
	userinfo, hosts := "", authority
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		userinfo, hosts = authority[:i+1], authority[i+1:]
	}
	u, err := url.Parse("redis://" + userinfo + "hosts" + tail)
	if err != nil {
		return nil, errors.New("store: WX_REDIS_URL is not a URL")
	}
	var addrs []string
	for a := range strings.SplitSeq(hosts, ",") {
		if h, p, err := net.SplitHostPort(a); err != nil || h == "" || p == "" {
			return nil, fmt.Errorf("store: WX_REDIS_URL: %q is not host:port", a)
		}
		addrs = append(addrs, a)
	}
	user := u.User.Username()
	password, _ := u.User.Password()
	var tlsConfig *tls.Config
	if tlsOn {
		h, _, _ := net.SplitHostPort(addrs[0])
		tlsConfig = &tls.Config{ServerName: h, MinVersion: tls.VersionTLS12}
	}
	q := u.Query()
	if kind == "-cluster" {
		if u.Path != "" && u.Path != "/" || len(q) > 0 {
			return nil, errors.New("store: WX_REDIS_URL: a Cluster has no database and takes no parameters")
		}
		return redis.NewClusterClient(&redis.ClusterOptions{
			Addrs: addrs, Username: user, Password: password, TLSConfig: tlsConfig,
			DialTimeout: redisDialTimeout, ReadTimeout: redisIOTimeout, WriteTimeout: redisIOTimeout,
			DialerRetries: 1, DialerRetryTimeout: 10 * time.Millisecond,
		}), nil
	}
	db := 0
	if p := strings.Trim(u.Path, "/"); p != "" {
		if db, err = strconv.Atoi(p); err != nil || db < 0 {
			return nil, errors.New("store: WX_REDIS_URL: the path is a database number")
		}
	}
	for k := range q {
		if k != "master" && k != "sentinel_user" && k != "sentinel_password" {
			return nil, fmt.Errorf("store: WX_REDIS_URL: unknown parameter %q (master, sentinel_user, sentinel_password)", k)
		}
	}
	if q.Get("master") == "" {
		return nil, errors.New("store: WX_REDIS_URL: a Sentinel URL names its master: ?master=mymaster")
	}
	return redis.NewFailoverClient(&redis.FailoverOptions{
		MasterName: q.Get("master"), SentinelAddrs: addrs, SentinelUsername: q.Get("sentinel_user"), SentinelPassword: q.Get("sentinel_password"),
		Username: user, Password: password, DB: db, TLSConfig: tlsConfig,
		DialTimeout: redisDialTimeout, ReadTimeout: redisIOTimeout, WriteTimeout: redisIOTimeout,
		MaxRetries: -1, DialerRetries: 1, DialerRetryTimeout: 10 * time.Millisecond,
	}), nil
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

// Ping reports whether Redis answers: the server, the master, or every
// master of a Cluster (any of them may hold the account's keys).
func (s *Redis) Ping(ctx context.Context) error {
	if c, ok := s.client.(*redis.ClusterClient); ok {
		if err := c.ForEachShard(ctx, func(ctx context.Context, shard *redis.Client) error { return shard.Ping(ctx).Err() }); err != nil {
			return fmt.Errorf("store: redis cluster: %w", err)
		}
		return nil
	}
	if err := s.client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("store: redis: %w", err)
	}
	return nil
}

// Close closes the connections to Redis.
func (s *Redis) Close() error { return s.client.Close() }
