package server

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gowx/gowx/server/sign"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigFromEnv(t *testing.T) {
	c, err := ConfigFromEnv(env(nil))
	if err != nil || !c.Demo() || c.Addr != "" || c.FetchTimeout != 0 || c.StateDir != "" || c.WebDir != DefaultWebDir || c.Pay != nil {
		t.Fatalf("empty environment: %+v, %v; want demo mode, defaults left to withDefaults", c, err)
	}
	if d := c.withDefaults(); d.Addr != DefaultAddr || d.FetchTimeout != DefaultFetchTimeout {
		t.Fatalf("defaults: %+v", d)
	}
	c, err = ConfigFromEnv(env(map[string]string{"WX_APPID": "wxa", "WX_SECRET": "s", "WX_DOMAINS": "a.com, b.com", "WX_ADDR": ":9000",
		"WX_ORIGINS": "https://m.a.com,http://localhost:3000", "WX_REDIS_URL": "redis://127.0.0.1:6379/2", "WX_STATE_DIR": "/var/lib/gowx",
		"WX_STABLE_TOKEN": "1", "WX_FETCH_TIMEOUT": "3s", "WX_API_BASE": "http://proxy"}))
	if err != nil || c.Demo() || c.Addr != ":9000" || len(c.Domains) != 2 || c.Domains[1] != "b.com" || len(c.Origins) != 2 ||
		c.RedisURL != "redis://127.0.0.1:6379/2" || c.StateDir != "/var/lib/gowx" || !c.StableToken || c.FetchTimeout != 3*time.Second || c.APIBase != "http://proxy" {
		t.Fatalf("real mode: %+v, %v", c, err)
	}
	c, err = ConfigFromEnv(env(map[string]string{"WX_OAUTH_CALLBACK": "https://m.a.com/wx/oauth/callback", "WX_OAUTH_BASE": "http://proxy",
		"WX_SESSION_KEY_FILE": "/run/secrets/session"}))
	if err != nil || c.OAuthCallback != "https://m.a.com/wx/oauth/callback" || c.OAuthBase != "http://proxy" || c.SessionKeyFile != "/run/secrets/session" {
		t.Fatalf("sign-in settings: %+v, %v", c, err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "secret")
	if err := os.WriteFile(file, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err = ConfigFromEnv(env(map[string]string{"WX_APPID": "wxa", "WX_SECRET_FILE": file, "WX_DOMAINS": "a.com"}))
	if err != nil || c.Secret != "from-file" {
		t.Fatalf("secret file: %+v, %v", c, err)
	}

	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	keyFile := filepath.Join(dir, "apiclient_key.pem")
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
	c, err = ConfigFromEnv(env(map[string]string{"WX_PAY_KEY_FILE": keyFile}))
	if err != nil || c.Pay == nil || !c.Pay.V3.Equal(key) {
		t.Fatalf("v3 key: %+v, %v", c.Pay, err)
	}
	c, err = ConfigFromEnv(env(map[string]string{"WX_PAY_API_KEY": "k", "WX_PAY_SIGN_TYPE": "HMAC-SHA256"}))
	if err != nil || c.Pay == nil || c.Pay.V2 != "k" || c.Pay.V2Method != sign.PayV2HMACSHA256 || c.Pay.V3 != nil {
		t.Fatalf("v2 key: %+v, %v", c.Pay, err)
	}
	c, err = ConfigFromEnv(env(map[string]string{"WX_PAY_KEY_FILE": keyFile, "WX_PAY_API_KEY": "k"}))
	if err != nil || c.Pay == nil || c.Pay.V3 == nil || c.Pay.V2Method != sign.PayV2MD5 {
		t.Fatalf("both keys: %+v, %v", c.Pay, err)
	}
	notKey := filepath.Join(dir, "not-a-key.pem")
	os.WriteFile(notKey, []byte("-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END PRIVATE KEY-----\n"), 0o600)

	for name, m := range map[string]map[string]string{
		"appid without secret": {"WX_APPID": "wxa", "WX_DOMAINS": "a.com"},
		"secret without appid": {"WX_SECRET": "s"},
		"no domains":           {"WX_APPID": "wxa", "WX_SECRET": "s"},
		"six domains":          {"WX_APPID": "wxa", "WX_SECRET": "s", "WX_DOMAINS": "a.com,b.com,c.com,d.com,e.com,f.com"},
		"ip domain":            {"WX_APPID": "wxa", "WX_SECRET": "s", "WX_DOMAINS": "10.0.0.1"},
		"both secrets":         {"WX_APPID": "wxa", "WX_SECRET": "s", "WX_SECRET_FILE": file, "WX_DOMAINS": "a.com"},
		"missing secret file":  {"WX_APPID": "wxa", "WX_SECRET_FILE": file + ".none", "WX_DOMAINS": "a.com"},
		"bad addr":             {"WX_ADDR": "nonsense"},
		"origin with path":     {"WX_ORIGINS": "https://a.com/page"},
		"origin without host":  {"WX_ORIGINS": "a.com"},
		"stable token":         {"WX_STABLE_TOKEN": "maybe"},
		"timeout":              {"WX_FETCH_TIMEOUT": "-1s"},
		"bad pay key":          {"WX_PAY_KEY_FILE": notKey},
		"bad sign type":        {"WX_PAY_API_KEY": "k", "WX_PAY_SIGN_TYPE": "SHA1"},
		"relative callback":    {"WX_OAUTH_CALLBACK": "/wx/oauth/callback"},
		"oauth base":           {"WX_OAUTH_BASE": "open.weixin.qq.com"},
	} {
		_, err := ConfigFromEnv(env(m))
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "c2VjcmV0") {
			t.Errorf("%s: the error shows the key: %v", name, err)
		}
	}
}

// TestValidate: a Config built in code is held to the rules the
// environment is, with the same errors.
func TestValidate(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	good := []Config{
		{},
		{AppID: "wxa", Secret: "s", Domains: []string{"a.com"}},
		{Pay: &PayKeys{V2: "k"}},
		{Pay: &PayKeys{V3: key}, SignerToken: "0123456789abcdef"},
		{APIBase: "http://127.0.0.1:9000/wechat", FetchTimeout: time.Second},
	}
	for _, c := range good {
		if err := c.Validate(); err != nil {
			t.Errorf("Validate(%v): %v", c, err)
		}
	}
	bad := map[string]Config{
		"appid without secret": {AppID: "wxa", Domains: []string{"a.com"}},
		"secret without appid": {Secret: "s"},
		"no domains":           {AppID: "wxa", Secret: "s"},
		"public suffix":        {AppID: "wxa", Secret: "s", Domains: []string{"co.uk"}},
		"bad addr":             {Addr: "nonsense"},
		"origin with path":     {Origins: []string{"https://a.com/x"}},
		"api base":             {APIBase: "api.weixin.qq.com"},
		"negative timeout":     {FetchTimeout: -time.Second},
		"short token":          {SignerToken: "short"},
		"empty pay keys":       {Pay: &PayKeys{}},
		"v2 method":            {Pay: &PayKeys{V2: "k", V2Method: "SHA1"}},
	}
	for name, c := range bad {
		err := c.Validate()
		if err == nil {
			t.Errorf("%s: Validate accepts %v", name, c)
			continue
		}
		// The environment's reading of the same mistake fails the same way.
		if name == "appid without secret" {
			_, envErr := ConfigFromEnv(env(map[string]string{"WX_APPID": "wxa", "WX_DOMAINS": "a.com"}))
			if envErr == nil || envErr.Error() != err.Error() {
				t.Errorf("ConfigFromEnv says %v, Validate %v", envErr, err)
			}
		}
	}
}

// TestConfigRedacts: printing or logging a Config shows which secrets are
// set, never what they are.
func TestConfigRedacts(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	c := Config{AppID: "wxa", Secret: "the-app-secret", Domains: []string{"a.com"}, SignerToken: "the-signer-token-1234",
		RedisURL: "rediss://gowx:the-redis-password@redis.internal:6380/0", Pay: &PayKeys{V3: key, V2: "the-v2-key"}}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "config", c, "pay", c.Pay)
	dump, _ := json.Marshal(map[string]any{"config": c, "pay": c.Pay})
	for _, out := range []string{fmt.Sprint(c), string(dump), fmt.Sprintf("%v %+v %#v %s", c, c, c, c), fmt.Sprintf("%+v %#v", c.Pay, c.Pay),
		fmt.Sprintf("%+v", &c), logged.String()} {
		for _, secret := range []string{"the-app-secret", "the-signer-token", "the-redis-password", "the-v2-key", key.D.String()[:20]} {
			if strings.Contains(out, secret) {
				t.Errorf("%q shows %s", out, secret)
			}
		}
		if !strings.Contains(out, "wxa") && !strings.Contains(out, "V3:(set)") {
			t.Errorf("%q: says nothing useful", out)
		}
	}
}
