package sign

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"golang.org/x/net/publicsuffix"
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
// It refuses empty lists, more than MaxDomains entries, and any entry that
// is not a bare host with an optional port: IP addresses (and what a
// browser reads as one, such as 127.1 or 0x7f.1), single labels other than
// localhost, and public suffixes (com, co.uk, github.io), under which
// anyone may have a page.
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
	if strings.ContainsAny(e, "/?#@ \t\\") {
		return hostPort{}, fmt.Errorf("JS safe domain %q: want a host name with an optional port, no scheme or path", e)
	}
	host, port := e, ""
	if h, p, err := net.SplitHostPort(e); err == nil {
		host, port = h, p
		if p, ok := parsePort(port); !ok || p == "" {
			return hostPort{}, fmt.Errorf("JS safe domain %q: bad port", e)
		}
	}
	host = strings.TrimSuffix(host, ".")
	switch {
	case isIP(host) || endsInNumber(host):
		return hostPort{}, fmt.Errorf("JS safe domain %q: WeChat does not accept IP addresses", e)
	case !validHostName(host):
		return hostPort{}, fmt.Errorf("JS safe domain %q: not a host name", e)
	case host == "localhost" || strings.HasSuffix(host, ".localhost"):
		return hostPort{host: host, port: port}, nil
	case !strings.Contains(host, "."):
		return hostPort{}, fmt.Errorf("JS safe domain %q: a domain has at least two labels (example.com)", e)
	}
	if _, err := publicsuffix.EffectiveTLDPlusOne(host); err != nil {
		return hostPort{}, fmt.Errorf("JS safe domain %q: a public suffix, under which anyone may have a page", e)
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

// Check reports whether a page at pageURL may be signed for: an http or
// https URL whose host, taken from its authority alone (after the scheme,
// before the first /, ? or #), is a JS safe domain or under one, on the
// entry's port. The path and query are not parsed: WeChat signs them as
// the page has them, whatever they hold. Hosts that no browser hands a page
// in location.href are refused as bad URLs: non-ASCII (a browser shows the
// punycode form), percent-encoded, with an empty label. The error wraps
// ErrBadURL or ErrURLNotAllowed and says why.
func (d Domains) Check(pageURL string) error {
	page := StripFragment(pageURL)
	for i := 0; i < len(page); i++ {
		if c := page[i]; c <= ' ' || c == 0x7f {
			return fmt.Errorf("%w: a space or control character in %q (a browser's location.href has none)", ErrBadURL, page)
		}
	}
	scheme, rest, ok := strings.Cut(page, "://")
	scheme = strings.ToLower(scheme)
	if !ok || scheme != "http" && scheme != "https" {
		return fmt.Errorf("%w: %q", ErrBadURL, pageURL)
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?\\"); i >= 0 {
		if rest[i] == '\\' {
			return fmt.Errorf("%w: a backslash in %q (a browser's location.href has none)", ErrBadURL, page)
		}
		authority = rest[:i]
	}
	if strings.Contains(authority, "@") {
		return fmt.Errorf("%w: user information in the URL", ErrURLNotAllowed)
	}
	host, port := authority, ""
	if strings.HasPrefix(host, "[") {
		return fmt.Errorf("%w: %s is an IP address", ErrURLNotAllowed, host)
	}
	if i := strings.LastIndexByte(authority, ':'); i >= 0 {
		host = authority[:i]
		if port, ok = parsePort(authority[i+1:]); !ok {
			return fmt.Errorf("%w: bad port in %q", ErrBadURL, page)
		}
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if isIP(host) || endsInNumber(host) {
		return fmt.Errorf("%w: %s is an IP address", ErrURLNotAllowed, host)
	}
	if !validHostName(host) {
		return fmt.Errorf("%w: %q is not a host a browser gives a page (non-ASCII hosts are in punycode)", ErrBadURL, host)
	}
	if port == defaultPort(scheme) {
		port = ""
	}
	for _, e := range d.entries {
		if e.port == port && (host == e.host || strings.HasSuffix(host, "."+e.host)) {
			return nil
		}
	}
	if port != "" {
		return fmt.Errorf("%w: %s:%s is not under %s", ErrURLNotAllowed, host, port, d)
	}
	return fmt.Errorf("%w: %s is not under %s", ErrURLNotAllowed, host, d)
}

// parsePort reads a port as a browser does: digits (leading zeros allowed)
// up to 65535, written without them; an empty port is the scheme's default
// and reads as "".
func parsePort(p string) (string, bool) {
	if p == "" {
		return "", true
	}
	if len(p) > 16 {
		return "", false
	}
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return "", false
		}
		n = n*10 + int(c-'0')
	}
	if n == 0 || n > 65535 {
		return "", false
	}
	return strconv.Itoa(n), true
}

// endsInNumber reports whether a browser would parse host as an IPv4
// address (WHATWG's "ends in a number": 127.1, 0x7f.1, 2130706433): its
// last label is all digits or 0x followed by hex digits.
func endsInNumber(host string) bool {
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last == "" {
		return false
	}
	if strings.Trim(last, "0123456789") == "" {
		return true
	}
	hex, ok := strings.CutPrefix(last, "0x")
	return ok && strings.Trim(hex, "0123456789abcdef") == ""
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
