package sign

import (
	"errors"
	"testing"
)

func TestParseDomains(t *testing.T) {
	good := [][]string{
		{"example.com"},
		{"Example.COM", " sub.example.org "},
		{"localhost:8000"},
		{"a.com", "b.com", "c.com", "d.com", "e.com"},
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
		_, err := d.Check(tt.url)
		if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("Check(%q) = %v, want %v", tt.url, err, tt.want)
		}
	}
}
