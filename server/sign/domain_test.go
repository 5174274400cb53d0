package sign

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestParseDomains(t *testing.T) {
	good := [][]string{
		{"example.com"},
		{"Example.COM", " sub.example.org "},
		{"localhost:8000"},
		{"a.com", "b.com", "c.com", "d.com", "e.com"},
		{"localhost"},
		{"app.localhost:3000"},
		{"example.co.uk"},
		{"gowx.github.io"},
		{"xn--fiqs8s.cn"},
	}
	for _, in := range good {
		if _, err := ParseDomains(in); err != nil {
			t.Errorf("ParseDomains(%q): %v", in, err)
		}
	}
	bad := [][]string{
		nil,
		{""},
		{"127.0.0.1"},
		{"0.0.0.0."},
		{"0.."},
		{"[::1]:80"},
		{"http://example.com"},
		{"example.com/path"},
		{"example.com:0"},
		{"example.com:99999"},
		{"exa mple.com"},
		{"-bad.com"},
		{"com"},
		{"COM."},
		{"co.uk"},
		{"github.io"},
		{"cn"},
		{"example"},
		{"127.1"},
		{"0x7f.1"},
		{"0x7f000001"},
		{"2130706433"},
		{"example.123"},
		{"a.0x1f"},
		{"例子.com"},
		{"example.com\\x"},
		{"a.com", "b.com", "c.com", "d.com", "e.com", "f.com"},
	}
	for _, in := range bad {
		if _, err := ParseDomains(in); err == nil {
			t.Errorf("ParseDomains(%q) accepted", in)
		}
	}
}

func TestDomainsCheck(t *testing.T) {
	d, err := ParseDomains([]string{"example.com", "localhost:8000"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		url  string
		want error
	}{
		{"https://example.com/", nil},
		{"http://example.com/a?b=c#d", nil},
		{"https://www.example.com/x", nil},
		{"https://a.b.example.com", nil},
		{"https://EXAMPLE.com.", nil},
		{"https://example.com:443/", nil},
		{"http://example.com:80/", nil},
		{"http://localhost:8000/", nil},
		{"http://localhost:8001/", ErrURLNotAllowed},
		{"http://localhost/", ErrURLNotAllowed},
		{"https://example.com:8443/", ErrURLNotAllowed},
		{"https://badexample.com/", ErrURLNotAllowed},
		{"https://example.com.evil.org/", ErrURLNotAllowed},
		{"https://user@example.com/", ErrURLNotAllowed},
		{"http://127.0.0.1:8000/", ErrURLNotAllowed},
		{"http://[::1]:8000/", ErrURLNotAllowed},
		{"ftp://example.com/", ErrBadURL},
		{"/relative", ErrBadURL},
		{"example.com", ErrBadURL},
		{"https://", ErrBadURL},
		{"https://exa mple.com/", ErrBadURL},
		{"javascript:alert(1)", ErrBadURL},
	}
	for _, tt := range tests {
		err := d.Check(tt.url)
		if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("Check(%q) = %v, want %v", tt.url, err, tt.want)
		}
	}
}

// TestDomainsCheckPages runs the table of page URLs in testdata: each
// answer is the table's, anything signed is on a JS safe domain as the
// browser reads the URL, and every page a browser can have on one, as
// location.href holds it, is signed (but for the few the table names).
func TestDomainsCheckPages(t *testing.T) {
	tab := readPages(t)
	if len(tab.Pages) < 150 {
		t.Fatalf("only %d pages in the table", len(tab.Pages))
	}
	d, err := ParseDomains(tab.Domains)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range tab.Pages {
		got := "ok"
		switch err := d.Check(p.URL); {
		case errors.Is(err, ErrBadURL):
			got = "bad_url"
		case errors.Is(err, ErrURLNotAllowed):
			got = "not_allowed"
		case err != nil:
			t.Errorf("Check(%q): untyped error %v", p.URL, err)
		}
		if got != p.Want {
			t.Errorf("Check(%q) = %s, want %s", p.URL, got, p.Want)
		}
		onDomain := p.Browser != nil && p.Browser.onDomain()
		if got == "ok" && !onDomain {
			t.Errorf("Check(%q) signs a page the browser puts on %+v", p.URL, p.Browser)
		}
		if onDomain && p.Browser.Href == p.URL && got != "ok" && p.Refused == "" {
			t.Errorf("Check(%q) = %s refuses a page on a JS safe domain", p.URL, got)
		}
	}
}

// pages is testdata/pages.json.
type pages struct {
	Domains []string
	Pages   []struct {
		URL     string
		Want    string
		Refused string // why a page on a domain is refused all the same
		Browser *browserURL
	}
}

// browserURL is what Chromium's URL parser makes of a URL.
type browserURL struct {
	Protocol, Hostname, Port, Username, Href string
}

// onDomain reports whether the browser puts the page on example.com (or
// under it) on its scheme's port, or on localhost:8000, the table's domains.
func (b *browserURL) onDomain() bool {
	if b.Protocol != "http:" && b.Protocol != "https:" || b.Username != "" || isIP(strings.Trim(b.Hostname, "[]")) {
		return false
	}
	under := func(h, d string) bool { return h == d || strings.HasSuffix(h, "."+d) }
	h := strings.TrimSuffix(b.Hostname, ".")
	return b.Port == "" && under(h, "example.com") || b.Port == "8000" && under(h, "localhost")
}

func readPages(t *testing.T) pages {
	t.Helper()
	b, err := os.ReadFile("testdata/pages.json")
	if err != nil {
		t.Fatal(err)
	}
	var tab pages
	if err := json.Unmarshal(b, &tab); err != nil {
		t.Fatal(err)
	}
	return tab
}
