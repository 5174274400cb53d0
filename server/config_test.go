package server

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
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
	if err != nil || !c.Demo() || c.Addr != DefaultAddr || c.FetchTimeout != DefaultFetchTimeout || c.StateDir == "" || c.Pay != nil {
		t.Fatalf("empty environment: %+v, %v; want demo mode on %s", c, err, DefaultAddr)
	}
	c, err = ConfigFromEnv(env(map[string]string{"WX_APPID": "wxa", "WX_SECRET": "s", "WX_DOMAINS": "a.com, b.com", "WX_ADDR": ":9000",
		"WX_ORIGINS": "https://m.a.com,http://localhost:3000", "WX_REDIS_URL": "redis://127.0.0.1:6379/2", "WX_STATE_DIR": "/var/lib/gowx",
		"WX_STABLE_TOKEN": "1", "WX_FETCH_TIMEOUT": "3s", "WX_API_BASE": "http://proxy"}))
	if err != nil || c.Demo() || c.Addr != ":9000" || len(c.Domains) != 2 || c.Domains[1] != "b.com" || len(c.Origins) != 2 ||
		c.RedisURL != "redis://127.0.0.1:6379/2" || c.StateDir != "/var/lib/gowx" || !c.StableToken || c.FetchTimeout != 3*time.Second || c.APIBase != "http://proxy" {
		t.Fatalf("real mode: %+v, %v", c, err)
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
	} {
		_, err := ConfigFromEnv(env(m))
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "c2VjcmV0") {
			t.Errorf("%s: the error shows the key: %v", name, err)
		}
	}
}
