package server

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
)

// DefaultAddr is where the server listens when WX_ADDR is not set.
const DefaultAddr = "localhost:8000"

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
	// APIBase replaces WeChat's API host (WX_API_BASE).
	APIBase string
}

// Demo reports whether the configuration asks for demo mode: no AppID, so
// a fake WeChat stands in for the real one.
func (c Config) Demo() bool { return c.AppID == "" }

// ConfigFromEnv reads a Config through getenv (os.Getenv in a program). An
// AppID without a secret, or a secret without an AppID, is an error: the
// environment alone decides the mode, and it must say one thing.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Addr:    strings.TrimSpace(getenv("WX_ADDR")),
		AppID:   strings.TrimSpace(getenv("WX_APPID")),
		Secret:  strings.TrimSpace(getenv("WX_SECRET")),
		APIBase: strings.TrimSpace(getenv("WX_API_BASE")),
	}
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return Config{}, fmt.Errorf("WX_ADDR %q: want host:port: %w", c.Addr, err)
	}
	if f := strings.TrimSpace(getenv("WX_SECRET_FILE")); f != "" {
		if c.Secret != "" {
			return Config{}, errors.New("set WX_SECRET or WX_SECRET_FILE, not both")
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return Config{}, fmt.Errorf("WX_SECRET_FILE: %w", err)
		}
		c.Secret = strings.TrimSpace(string(b))
	}
	for d := range strings.SplitSeq(getenv("WX_DOMAINS"), ",") {
		if d = strings.TrimSpace(d); d != "" {
			c.Domains = append(c.Domains, d)
		}
	}
	switch {
	case c.AppID != "" && c.Secret == "":
		return Config{}, errors.New("WX_APPID is set but no secret: set WX_SECRET or WX_SECRET_FILE (or unset WX_APPID for demo mode)")
	case c.AppID == "" && c.Secret != "":
		return Config{}, errors.New("a secret is set but WX_APPID is not")
	case c.AppID != "" && len(c.Domains) == 0:
		return Config{}, errors.New("WX_APPID is set but WX_DOMAINS is empty: name the account's JS safe domains")
	}
	return c, nil
}
