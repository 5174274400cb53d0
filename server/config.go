package server

import (
	"cmp"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gowx/gowx/server/sign"
)

// DefaultAddr is where the server listens when WX_ADDR is not set.
const DefaultAddr = "localhost:8000"

// DefaultWebDir is the page's static files when WX_WEB_DIR is not set: web/
// in the working directory, which needs nothing else.
const DefaultWebDir = "web"

// DefaultFetchTimeout bounds one call to WeChat when WX_FETCH_TIMEOUT is not set.
const DefaultFetchTimeout = 10 * time.Second

// Config is a deployment's settings, as the environment gives them.
type Config struct {
	// Addr is the listen address (WX_ADDR).
	Addr string
	// AppID and Secret are the official account's (WX_APPID, and WX_SECRET
	// or the file named by WX_SECRET_FILE). No AppID means demo mode.
	AppID  string
	Secret string
	// Domains are the JS safe domains (WX_DOMAINS, comma-separated).
	Domains []string
	// Origins may call the API from their pages (WX_ORIGINS, comma-separated
	// scheme://host[:port]).
	Origins []string
	// APIBase replaces WeChat's API host (WX_API_BASE).
	APIBase string
	// StableToken fetches the access_token from /cgi-bin/stable_token
	// (WX_STABLE_TOKEN=1).
	StableToken bool
	// FetchTimeout bounds one call to WeChat (WX_FETCH_TIMEOUT, a Go
	// duration such as 5s).
	FetchTimeout time.Duration
	// RedisURL, if set, shares credentials between instances through Redis
	// (WX_REDIS_URL, redis://host:port/db).
	RedisURL string
	// StateDir keeps credentials across restarts when there is no Redis
	// (WX_STATE_DIR; default the user cache directory's gowx).
	StateDir string
	// WebDir holds the page's static files, served under /web/ and nothing
	// outside it (WX_WEB_DIR; DefaultWebDir from the environment). Empty: nothing
	// is served under /web/.
	WebDir string
	// SignerToken, if set, opens POST /wx/card/ext, /wx/card/sign and
	// /wx/pay/params to callers that send "Authorization: Bearer
	// <SignerToken>": a merchant's back end, never a browser
	// (WX_SIGNER_TOKEN, or the file named by WX_SIGNER_TOKEN_FILE; at least
	// MinTokenLength characters). Unset, those endpoints are not served.
	SignerToken string
	// Pay holds the merchant's keys (WX_PAY_KEY_FILE, a PEM RSA private key
	// for API v3; WX_PAY_API_KEY for API v2, with WX_PAY_SIGN_TYPE MD5 or
	// HMAC-SHA256 as its default). Nil: no POST /wx/pay/params.
	Pay *PayKeys
}

// Demo reports whether the configuration asks for demo mode: no AppID, so
// a fake WeChat stands in for the real one.
func (c Config) Demo() bool { return c.AppID == "" }

// ConfigFromEnv reads a Config through getenv (os.Getenv in a program). An
// AppID without a secret, or a secret without an AppID, is an error: the
// environment alone decides the mode, and it must say one thing.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := Config{
		Addr:     get("WX_ADDR"),
		AppID:    get("WX_APPID"),
		Secret:   get("WX_SECRET"),
		APIBase:  get("WX_API_BASE"),
		RedisURL: get("WX_REDIS_URL"),
		StateDir: get("WX_STATE_DIR"),
		WebDir:   cmp.Or(get("WX_WEB_DIR"), DefaultWebDir),
		Domains:  list(get("WX_DOMAINS")),
		Origins:  list(get("WX_ORIGINS")),
	}
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return Config{}, fmt.Errorf("WX_ADDR %q: want host:port: %w", c.Addr, err)
	}
	secretFile, err := readFile(get("WX_SECRET_FILE"), "WX_SECRET_FILE")
	if err != nil {
		return Config{}, err
	}
	if secretFile != "" {
		if c.Secret != "" {
			return Config{}, errors.New("set WX_SECRET or WX_SECRET_FILE, not both")
		}
		c.Secret = secretFile
	}
	tokenFile, err := readFile(get("WX_SIGNER_TOKEN_FILE"), "WX_SIGNER_TOKEN_FILE")
	if err != nil {
		return Config{}, err
	}
	switch c.SignerToken = get("WX_SIGNER_TOKEN"); {
	case tokenFile != "" && c.SignerToken != "":
		return Config{}, errors.New("set WX_SIGNER_TOKEN or WX_SIGNER_TOKEN_FILE, not both")
	case tokenFile != "":
		c.SignerToken = tokenFile
	}
	if c.SignerToken != "" && len(c.SignerToken) < MinTokenLength {
		return Config{}, fmt.Errorf("WX_SIGNER_TOKEN: at least %d characters (a random one: openssl rand -hex 32)", MinTokenLength)
	}
	switch {
	case c.AppID != "" && c.Secret == "":
		return Config{}, errors.New("WX_APPID is set but no secret: set WX_SECRET or WX_SECRET_FILE (or unset WX_APPID for demo mode)")
	case c.AppID == "" && c.Secret != "":
		return Config{}, errors.New("a secret is set but WX_APPID is not")
	case c.AppID != "" && len(c.Domains) == 0:
		return Config{}, errors.New("WX_APPID is set but WX_DOMAINS is empty: name the account's JS safe domains")
	}
	if c.AppID != "" {
		if _, err := sign.ParseDomains(c.Domains); err != nil {
			return Config{}, fmt.Errorf("WX_DOMAINS: %w", err)
		}
	}
	for _, o := range c.Origins {
		if u, err := url.Parse(o); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil {
			return Config{}, fmt.Errorf("WX_ORIGINS: %q is not an origin such as https://m.example.com", o)
		}
	}
	if v := get("WX_STABLE_TOKEN"); v != "" {
		if c.StableToken, err = strconv.ParseBool(v); err != nil {
			return Config{}, fmt.Errorf("WX_STABLE_TOKEN: want 1 or 0: %w", err)
		}
	}
	c.FetchTimeout = DefaultFetchTimeout
	if v := get("WX_FETCH_TIMEOUT"); v != "" {
		if c.FetchTimeout, err = time.ParseDuration(v); err != nil || c.FetchTimeout <= 0 {
			return Config{}, fmt.Errorf("WX_FETCH_TIMEOUT %q: want a positive duration such as 5s", v)
		}
	}
	if c.StateDir == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			c.StateDir = filepath.Join(dir, "gowx")
		} else {
			c.StateDir = filepath.Join(os.TempDir(), "gowx-"+strconv.Itoa(os.Getuid()))
		}
	}
	if c.Pay, err = payFromEnv(get); err != nil {
		return Config{}, err
	}
	return c, nil
}

// payFromEnv reads the merchant's keys, if any.
func payFromEnv(get func(string) string) (*PayKeys, error) {
	keyPEM, err := readFile(get("WX_PAY_KEY_FILE"), "WX_PAY_KEY_FILE")
	if err != nil {
		return nil, err
	}
	apiKey, method := get("WX_PAY_API_KEY"), sign.PayV2Method(get("WX_PAY_SIGN_TYPE"))
	if keyPEM == "" && apiKey == "" {
		return nil, nil
	}
	keys := &PayKeys{V2: apiKey, V2Method: method}
	if keyPEM != "" {
		if keys.V3, err = parseRSAKey([]byte(keyPEM)); err != nil {
			return nil, fmt.Errorf("WX_PAY_KEY_FILE: %w", err)
		}
	}
	if apiKey != "" {
		keys.V2Method = cmp.Or(method, sign.PayV2MD5)
		if keys.V2Method != sign.PayV2MD5 && keys.V2Method != sign.PayV2HMACSHA256 {
			return nil, fmt.Errorf("WX_PAY_SIGN_TYPE %q: want MD5 or HMAC-SHA256", method)
		}
	}
	return keys, nil
}

// parseRSAKey reads a PEM RSA private key, PKCS #8 (as WeChat Pay issues
// apiclient_key.pem) or PKCS #1.
func parseRSAKey(data []byte) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("no PEM block")
	}
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, errors.New("not an RSA private key in PKCS #1 or PKCS #8")
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("not an RSA private key")
	}
	return rk, nil
}

// readFile returns the trimmed content of the file at path, or "" if path is empty.
func readFile(path, name string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return strings.TrimSpace(string(b)), nil
}

// list splits a comma-separated setting, dropping empty entries.
func list(s string) []string {
	var out []string
	for e := range strings.SplitSeq(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}
