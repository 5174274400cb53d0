package server

import (
	"cmp"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
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
	// Addr is the listen address of Run (WX_ADDR; default DefaultAddr).
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
	// duration such as 5s; zero means DefaultFetchTimeout).
	FetchTimeout time.Duration
	// RedisURL, if set, shares credentials between instances through Redis
	// (WX_REDIS_URL, redis://host:port/db).
	RedisURL string
	// StateDir keeps credentials across restarts when there is no Redis
	// (WX_STATE_DIR; default DefaultStateDir). A StateDir that was set must
	// be usable; the default one may not be, and credentials are then kept
	// in memory.
	StateDir string
	// WebDir holds the page's static files, served under /web/ and nothing
	// outside it (WX_WEB_DIR; DefaultWebDir from the environment). Empty: nothing
	// is served under /web/.
	WebDir string
	// DemoSDK is what answers the demo page's calls (WX_DEMO_SDK): "fake"
	// (the default) the fake jWeixin, both layers; "official" the official
	// jweixin-1.6.0.js on the fake WeChat client (web/jweixin-1.6.0.js,
	// which make jweixin fetches).
	DemoSDK string
	// SignerToken, if set, opens POST /wx/card/ext, /wx/card/sign and
	// /wx/pay/params to callers that send "Authorization: Bearer
	// <SignerToken>": a merchant's back end, never a browser
	// (WX_SIGNER_TOKEN, or the file named by WX_SIGNER_TOKEN_FILE; at least
	// MinTokenLength characters). Unset, those endpoints are not served.
	SignerToken string
	// OAuthCallback is where WeChat's web authorisation returns to: the
	// absolute URL of the handler's <prefix>oauth/callback on the account's
	// web authorisation domain (WX_OAUTH_CALLBACK, such as
	// https://m.example.com/wx/oauth/callback). Unset, a real deployment
	// serves no sign-in; demo mode makes its own.
	OAuthCallback string
	// OAuthBase replaces the host of WeChat's authorisation page,
	// https://open.weixin.qq.com (WX_OAUTH_BASE), as APIBase does the API's.
	OAuthBase string
	// SessionKeyFile names the file of the key that signs sessions, at
	// least 32 bytes (WX_SESSION_KEY_FILE); unset, a key is made and kept
	// in the state directory (session.key, mode 0600).
	SessionKeyFile string
	// MediaDir, with SignerToken, opens POST /wx/media to the same callers:
	// each media fetched is written to a file of this directory, named
	// after its media_id (WX_MEDIA_DIR; see DirSink). Unset, that endpoint
	// is not served (outside demo mode).
	MediaDir string
	// Pay holds the merchant's keys (WX_PAY_KEY_FILE, a PEM RSA private key
	// for API v3; WX_PAY_API_KEY for API v2, with WX_PAY_SIGN_TYPE MD5 or
	// HMAC-SHA256 as its default). Nil: no POST /wx/pay/params.
	Pay *PayKeys
}

// Demo reports whether the configuration asks for demo mode: no AppID, so
// a fake WeChat stands in for the real one.
func (c Config) Demo() bool { return c.AppID == "" }

// Validate checks c as NewHandler and Run use it: one mode (an AppID with
// its secret and JS safe domains, or neither), well-formed domains,
// origins, API base, signer token and keys. ConfigFromEnv calls it too:
// the same rules, the same errors, for a Config from the environment or
// from code. Each error names the field and its environment variable.
func (c Config) Validate() error {
	switch {
	case c.AppID != "" && c.Secret == "":
		return errors.New("AppID (WX_APPID) is set but no Secret: set WX_SECRET or WX_SECRET_FILE, or no AppID for demo mode")
	case c.AppID == "" && c.Secret != "":
		return errors.New("a Secret (WX_SECRET) is set but no AppID (WX_APPID)")
	case c.AppID != "" && len(c.Domains) == 0:
		return errors.New("AppID (WX_APPID) is set but Domains (WX_DOMAINS) is empty: name the account's JS safe domains")
	}
	if c.Addr != "" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return fmt.Errorf("Addr (WX_ADDR) %q: want host:port: %w", c.Addr, err)
		}
	}
	if len(c.Domains) > 0 {
		if _, err := sign.ParseDomains(c.Domains); err != nil {
			return fmt.Errorf("Domains (WX_DOMAINS): %w", err)
		}
	}
	for _, o := range c.Origins {
		if u, err := url.Parse(o); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil {
			return fmt.Errorf("Origins (WX_ORIGINS): %q is not an origin such as https://m.example.com", o)
		}
	}
	if c.APIBase != "" {
		if u, err := url.Parse(c.APIBase); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" {
			return fmt.Errorf("APIBase (WX_API_BASE) %q: want an http(s) URL such as https://api.weixin.qq.com", c.APIBase)
		}
	}
	if c.OAuthCallback != "" {
		if u, err := url.Parse(c.OAuthCallback); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("OAuthCallback (WX_OAUTH_CALLBACK) %q: want an absolute http(s) URL such as https://m.example.com/wx/oauth/callback", c.OAuthCallback)
		}
	}
	if c.OAuthBase != "" {
		if u, err := url.Parse(c.OAuthBase); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" {
			return fmt.Errorf("OAuthBase (WX_OAUTH_BASE) %q: want an http(s) URL such as https://open.weixin.qq.com", c.OAuthBase)
		}
	}
	if c.DemoSDK != "" && c.DemoSDK != SDKFake && c.DemoSDK != SDKOfficial {
		return fmt.Errorf("DemoSDK (WX_DEMO_SDK) %q: want fake or official", c.DemoSDK)
	}
	if c.FetchTimeout < 0 {
		return fmt.Errorf("FetchTimeout (WX_FETCH_TIMEOUT) %v: want a positive duration such as 5s", c.FetchTimeout)
	}
	if c.SignerToken != "" && len(c.SignerToken) < MinTokenLength {
		return fmt.Errorf("SignerToken (WX_SIGNER_TOKEN): at least %d characters (a random one: openssl rand -hex 32)", MinTokenLength)
	}
	if c.MediaDir != "" {
		if c.SignerToken == "" {
			return errors.New("MediaDir (WX_MEDIA_DIR) is set but no SignerToken (WX_SIGNER_TOKEN): the media endpoint is for callers holding it")
		}
		if fi, err := os.Stat(c.MediaDir); err != nil || !fi.IsDir() {
			return fmt.Errorf("MediaDir (WX_MEDIA_DIR) %q: want an existing directory", c.MediaDir)
		}
	}
	if p := c.Pay; p != nil {
		switch {
		case p.V3 == nil && p.V2 == "":
			return errors.New("Pay has neither a v3 private key (WX_PAY_KEY_FILE) nor a v2 API key (WX_PAY_API_KEY)")
		case p.V2 != "" && p.V2Method != "" && p.V2Method != sign.PayV2MD5 && p.V2Method != sign.PayV2HMACSHA256:
			return fmt.Errorf("Pay.V2Method (WX_PAY_SIGN_TYPE) %q: want MD5 or HMAC-SHA256", p.V2Method)
		}
	}
	return nil
}

// withDefaults is c with every unset setting that has a default filled
// in, the one place defaults are applied.
func (c Config) withDefaults() Config {
	c.Addr = cmp.Or(c.Addr, DefaultAddr)
	if c.FetchTimeout == 0 {
		c.FetchTimeout = DefaultFetchTimeout
	}
	if c.Pay != nil && c.Pay.V2 != "" && c.Pay.V2Method == "" {
		p := *c.Pay
		p.V2Method = sign.PayV2MD5
		c.Pay = &p
	}
	return c
}

// DefaultStateDir is where credentials are kept when StateDir is not set:
// the user cache directory's gowx (or, without one, a per-user directory
// of the temporary directory).
func DefaultStateDir() string {
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "gowx")
	}
	return filepath.Join(os.TempDir(), "gowx-"+strconv.Itoa(os.Getuid()))
}

// String describes c with every secret redacted: the AppSecret, the signer
// token and the merchant's keys show as "(set)". %v and %+v print it.
func (c Config) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "{Addr:%s AppID:%s Secret:%s Domains:%v Origins:%v APIBase:%s StableToken:%t FetchTimeout:%v RedisURL:%s StateDir:%s WebDir:%s DemoSDK:%s SignerToken:%s OAuthCallback:%s OAuthBase:%s SessionKeyFile:%s MediaDir:%s Pay:%v}",
		c.Addr, c.AppID, redacted(c.Secret != ""), c.Domains, c.Origins, c.APIBase, c.StableToken, c.FetchTimeout,
		redactURL(c.RedisURL), c.StateDir, c.WebDir, c.DemoSDK, redacted(c.SignerToken != ""), c.OAuthCallback, c.OAuthBase, c.SessionKeyFile, c.MediaDir, c.Pay)
	return b.String()
}

// GoString is String, so that %#v redacts too.
func (c Config) GoString() string { return "server.Config" + c.String() }

// LogValue is what log/slog records of c: String's fields, redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("addr", c.Addr), slog.String("appid", c.AppID), slog.Bool("demo", c.Demo()),
		slog.String("secret", redacted(c.Secret != "")), slog.Any("domains", c.Domains), slog.Any("origins", c.Origins),
		slog.String("api_base", c.APIBase), slog.Bool("stable_token", c.StableToken), slog.String("fetch_timeout", c.FetchTimeout.String()),
		slog.String("redis_url", redactURL(c.RedisURL)), slog.String("state_dir", c.StateDir), slog.String("web_dir", c.WebDir), slog.String("demo_sdk", c.DemoSDK),
		slog.String("signer_token", redacted(c.SignerToken != "")), slog.String("oauth_callback", c.OAuthCallback),
		slog.String("oauth_base", c.OAuthBase), slog.String("session_key_file", c.SessionKeyFile), slog.String("media_dir", c.MediaDir),
		slog.String("pay", c.Pay.String()),
	)
}

// String says which keys are set, never what they are.
func (p *PayKeys) String() string {
	if p == nil {
		return "(none)"
	}
	return fmt.Sprintf("{V3:%s V2:%s V2Method:%s}", redacted(p.V3 != nil), redacted(p.V2 != ""), p.V2Method)
}

// GoString is String, so that %#v redacts too.
func (p *PayKeys) GoString() string { return "&server.PayKeys" + p.String() }

// LogValue is what log/slog records of the keys: String.
func (p *PayKeys) LogValue() slog.Value { return slog.StringValue(p.String()) }

// MarshalJSON encodes String, so that no key reaches a JSON dump.
func (p *PayKeys) MarshalJSON() ([]byte, error) { return json.Marshal(p.String()) }

// MarshalJSON encodes String, so that no secret reaches a JSON dump.
func (c Config) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

func redacted(set bool) string {
	if set {
		return "(set)"
	}
	return "(none)"
}

// redactURL hides the password of a URL (a Redis URL's ACL user's).
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// ConfigFromEnv reads a Config through getenv (os.Getenv in a program) and
// validates it (Validate): the environment alone decides the mode, and it
// must say one thing. Settings left unset keep their zero value, which
// NewHandler and Run read as the default.
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
		DemoSDK:  get("WX_DEMO_SDK"),

		OAuthCallback:  get("WX_OAUTH_CALLBACK"),
		OAuthBase:      get("WX_OAUTH_BASE"),
		SessionKeyFile: get("WX_SESSION_KEY_FILE"),
		MediaDir:       get("WX_MEDIA_DIR"),
		Domains:        list(get("WX_DOMAINS")),
		Origins:        list(get("WX_ORIGINS")),
	}
	var err error
	if c.Secret, err = oneOf(get, "WX_SECRET", "WX_SECRET_FILE"); err != nil {
		return Config{}, err
	}
	if c.SignerToken, err = oneOf(get, "WX_SIGNER_TOKEN", "WX_SIGNER_TOKEN_FILE"); err != nil {
		return Config{}, err
	}
	if v := get("WX_STABLE_TOKEN"); v != "" {
		if c.StableToken, err = strconv.ParseBool(v); err != nil {
			return Config{}, fmt.Errorf("WX_STABLE_TOKEN: want 1 or 0: %w", err)
		}
	}
	if v := get("WX_FETCH_TIMEOUT"); v != "" {
		if c.FetchTimeout, err = time.ParseDuration(v); err != nil || c.FetchTimeout <= 0 {
			return Config{}, fmt.Errorf("WX_FETCH_TIMEOUT %q: want a positive duration such as 5s", v)
		}
	}
	if c.Pay, err = payFromEnv(get); err != nil {
		return Config{}, err
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// oneOf reads a secret given either in the variable name or in the file
// the variable file names, not both.
func oneOf(get func(string) string, name, file string) (string, error) {
	fromFile, err := readFile(get(file), file)
	if err != nil {
		return "", err
	}
	switch v := get(name); {
	case v != "" && fromFile != "":
		return "", fmt.Errorf("set %s or %s, not both", name, file)
	case v != "":
		return v, nil
	}
	return fromFile, nil
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
