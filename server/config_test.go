package server

import (
	"os"
	"path/filepath"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigFromEnv(t *testing.T) {
	c, err := ConfigFromEnv(env(nil))
	if err != nil || !c.Demo() || c.Addr != DefaultAddr {
		t.Fatalf("empty environment: %+v, %v; want demo mode on %s", c, err, DefaultAddr)
	}
	c, err = ConfigFromEnv(env(map[string]string{"WX_APPID": "wxa", "WX_SECRET": "s", "WX_DOMAINS": "a.com, b.com", "WX_ADDR": ":9000"}))
	if err != nil || c.Demo() || c.Addr != ":9000" || len(c.Domains) != 2 || c.Domains[1] != "b.com" {
		t.Fatalf("real mode: %+v, %v", c, err)
	}
	file := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(file, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err = ConfigFromEnv(env(map[string]string{"WX_APPID": "wxa", "WX_SECRET_FILE": file, "WX_DOMAINS": "a.com"}))
	if err != nil || c.Secret != "from-file" {
		t.Fatalf("secret file: %+v, %v", c, err)
	}
	for name, m := range map[string]map[string]string{
		"appid without secret": {"WX_APPID": "wxa", "WX_DOMAINS": "a.com"},
		"secret without appid": {"WX_SECRET": "s"},
		"no domains":           {"WX_APPID": "wxa", "WX_SECRET": "s"},
		"both secrets":         {"WX_APPID": "wxa", "WX_SECRET": "s", "WX_SECRET_FILE": file, "WX_DOMAINS": "a.com"},
		"missing secret file":  {"WX_APPID": "wxa", "WX_SECRET_FILE": file + ".none", "WX_DOMAINS": "a.com"},
		"bad addr":             {"WX_ADDR": "nonsense"},
	} {
		if _, err := ConfigFromEnv(env(m)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
