package sign

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

// FuzzDomainsCheck feeds page URLs to the JS safe domain check and the
// signature string. The corpus in testdata/fuzz holds hostile addresses:
// user information, backslashes, IP spellings, fragments hiding hosts.
func FuzzDomainsCheck(f *testing.F) {
	d, err := ParseDomains([]string{"example.com", "localhost:8000"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("https://m.example.com/a?b=null#/c")
	f.Fuzz(func(t *testing.T, page string) {
		s1 := JSAPIString("t", "n", 1, page)
		cut := StripFragment(page)
		if strings.Contains(cut, "#") || !strings.HasPrefix(page, cut) || StripFragment(cut) != cut {
			t.Fatalf("StripFragment(%q) = %q", page, cut)
		}
		if !strings.HasSuffix(s1, "&url="+cut) {
			t.Fatalf("string1 %q does not end with the URL %q", s1, cut)
		}
		err := d.Check(page)
		if err != nil {
			if !errors.Is(err, ErrBadURL) && !errors.Is(err, ErrURLNotAllowed) {
				t.Fatalf("Check(%q): untyped error %v", page, err)
			}
			return
		}
		// Whatever is accepted is on a configured domain as Go's URL
		// parser reads it too (where it reads it at all), with no user
		// information and on the entry's port.
		u, err := url.Parse(cut)
		if err != nil {
			return // Check reads the authority alone: the path may be no URL's
		}
		host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
		onDomain := host == "example.com" || strings.HasSuffix(host, ".example.com")
		onDemo := (host == "localhost" || strings.HasSuffix(host, ".localhost")) && strings.TrimLeft(u.Port(), "0") == "8000"
		if u.User != nil || isIP(host) || !onDomain && !onDemo {
			t.Fatalf("Check(%q) accepted user %v host %q port %q", page, u.User, host, u.Port())
		}
		if onDomain && u.Port() != "" && strings.TrimLeft(u.Port(), "0") != strings.TrimLeft(defaultPort(strings.ToLower(u.Scheme)), "0") {
			t.Fatalf("Check(%q) accepted port %q", page, u.Port())
		}
	})
}

// FuzzParseDomains checks that whatever WX_DOMAINS holds, the parsed list
// has at most MaxDomains entries, none an IP, and prints back as it parses.
func FuzzParseDomains(f *testing.F) {
	f.Add("example.com,localhost:8000")
	f.Fuzz(func(t *testing.T, list string) {
		d, err := ParseDomains(strings.Split(list, ","))
		if err != nil {
			return
		}
		if len(d.entries) == 0 || len(d.entries) > MaxDomains {
			t.Fatalf("ParseDomains(%q): %d entries", list, len(d.entries))
		}
		for _, e := range d.entries {
			if isIP(e.host) || endsInNumber(e.host) || !validHostName(e.host) {
				t.Fatalf("ParseDomains(%q) accepted host %q", list, e.host)
			}
		}
		again, err := ParseDomains(strings.Split(d.String(), ","))
		if err != nil || again.String() != d.String() {
			t.Fatalf("ParseDomains(%q).String() = %q does not parse back: %v", list, d.String(), err)
		}
	})
}
