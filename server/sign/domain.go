package sign

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// MaxDomains is how many JS safe domains WeChat lets an account bind.
const MaxDomains = 5

// Errors of Domains.Check, matched with errors.Is.
var (
	// ErrBadURL: the page URL is not an absolute http or https URL.
	ErrBadURL = errors.New("not an absolute http(s) URL")
	// ErrURLNotAllowed: the page's host is not on a JS safe domain.
	ErrURLNotAllowed = errors.New("host is not a JS safe domain")
)

// Domains is an official account's list of JS safe domains: the hosts whose
// pages WeChat lets call the JS-SDK. A domain covers its subdomains. Pages
// must be on the default port of their scheme, unless the entry names a port
// (a local demo such as "localhost:8000"). IP addresses are never domains.
type Domains struct {
	entries []hostPort
}

type hostPort struct{ host, port string }

func (h hostPort) String() string {
	if h.port == "" {
		return h.host
	}
	return h.host + ":" + h.port
}

// ParseDomains validates entries such as "example.com" or "localhost:8000".
// It refuses empty lists, more than MaxDomains entries, IP addresses, and
// anything that is not a bare host with an optional port.
func ParseDomains(entries []string) (Domains, error) {
	var d Domains
	for _, e := range entries {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		hp, err := parseEntry(e)
		if err != nil {
			return Domains{}, err
		}
		d.entries = append(d.entries, hp)
	}
	switch {
	case len(d.entries) == 0:
		return Domains{}, errors.New("no JS safe domain configured")
	case len(d.entries) > MaxDomains:
		return Domains{}, fmt.Errorf("%d JS safe domains configured; WeChat binds at most %d", len(d.entries), MaxDomains)
	}
	return d, nil
}

func parseEntry(e string) (hostPort, error) {
	if strings.ContainsAny(e, "/?#@ \t") {
		return hostPort{}, fmt.Errorf("JS safe domain %q: want a host name with an optional port, no scheme or path", e)
	}
	host, port := e, ""
	if h, p, err := net.SplitHostPort(e); err == nil {
		host, port = h, p
		if !validPort(port) {
			return hostPort{}, fmt.Errorf("JS safe domain %q: bad port", e)
		}
	}
	host = strings.TrimSuffix(host, ".")
	if isIP(host) {
		return hostPort{}, fmt.Errorf("JS safe domain %q: WeChat does not accept IP addresses", e)
	}
	if !validHostName(host) {
		return hostPort{}, fmt.Errorf("JS safe domain %q: not a host name", e)
	}
	return hostPort{host: host, port: port}, nil
}

// String lists the domains, comma-separated, as WX_DOMAINS takes them.
func (d Domains) String() string {
	s := make([]string, len(d.entries))
	for i, e := range d.entries {
		s[i] = e.String()
	}
	return strings.Join(s, ",")
}

// Check parses pageURL and reports whether a page there may be signed for.
// The error wraps ErrBadURL or ErrURLNotAllowed and says why.
func (d Domains) Check(pageURL string) (*url.URL, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("%w: %q", ErrBadURL, pageURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("%w: user information in the URL", ErrURLNotAllowed)
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if isIP(host) {
		return nil, fmt.Errorf("%w: %s is an IP address", ErrURLNotAllowed, host)
	}
	port := u.Port()
	if port == defaultPort(u.Scheme) {
		port = ""
	}
	for _, e := range d.entries {
		if e.port == port && (host == e.host || strings.HasSuffix(host, "."+e.host)) {
			return u, nil
		}
	}
	if port != "" {
		return nil, fmt.Errorf("%w: %s:%s is not under %s", ErrURLNotAllowed, host, port, d)
	}
	return nil, fmt.Errorf("%w: %s is not under %s", ErrURLNotAllowed, host, d)
}

func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

func isIP(host string) bool {
	// Only digits, dots and colons make an address: look before parsing,
	// since a failed parse costs an error value per request.
	if strings.Trim(host, "0123456789.:[]abcdefABCDEF") != "" {
		return false
	}
	return net.ParseIP(strings.Trim(host, "[]")) != nil
}

func validPort(p string) bool {
	if p == "" || len(p) > 5 {
		return false
	}
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n > 0 && n < 65536
}

// validHostName accepts dot-separated labels of letters, digits and hyphens.
func validHostName(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}
