// Command wxsign checks a wx.config signature, as WeChat's JS-SDK sandbox
// page does: given the jsapi_ticket, nonceStr, timestamp and page URL it
// prints the string WeChat hashes (string1) and the signature. Given the
// signature a page used, it says whether it matches and, if not, which
// common mistake reproduces it.
//
//	wxsign -ticket T -noncestr N -timestamp TS -url URL [-signature S]
//
// The exit status is 0 when the signature matches (or none was given), 1 on
// a mismatch and 2 on a usage error.
package main

import (
	"crypto/sha1"
	"encoding/hex"
	"flag"
	"fmt"
	"html"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/gowx/gowx/server/sign"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wxsign", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ticket := fs.String("ticket", "", "the jsapi_ticket")
	nonce := fs.String("noncestr", "", "the nonceStr passed to wx.config")
	ts := fs.String("timestamp", "", "the timestamp passed to wx.config, in seconds")
	page := fs.String("url", "", "the page URL (location.href)")
	got := fs.String("signature", "", "the signature to check (optional)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: wxsign -ticket T -noncestr N -timestamp TS -url URL [-signature S]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *ticket == "" || *nonce == "" || *ts == "" || *page == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	timestamp, err := strconv.ParseInt(*ts, 10, 64)
	if err != nil {
		fmt.Fprintf(stderr, "wxsign: timestamp %q is not a whole number of seconds\n", *ts)
		return 2
	}
	in := input{ticket: *ticket, nonce: *nonce, timestamp: timestamp, url: *page}
	want := sign.JSAPI(in.ticket, in.nonce, in.timestamp, in.url)
	fmt.Fprintf(stdout, "string1:   %s\nsignature: %s\n", sign.JSAPIString(in.ticket, in.nonce, in.timestamp, in.url), want)
	if sign.StripFragment(in.url) != in.url {
		fmt.Fprintf(stdout, "note:      the URL's fragment (%s) is not signed\n", in.url[len(sign.StripFragment(in.url)):])
	}
	if *got == "" {
		return 0
	}
	if *got == want {
		fmt.Fprintln(stdout, "match:     the signature is right")
		return 0
	}
	fmt.Fprintf(stdout, "MISMATCH:  the page used %s\n", *got)
	for _, line := range explain(in, *got) {
		fmt.Fprintln(stdout, "  "+line)
	}
	return 1
}

// input is what a signature is made of.
type input struct {
	ticket, nonce string
	timestamp     int64
	url           string
}

// mistake is a common way of getting a signature wrong.
type mistake struct {
	// string1 is what a signer making the mistake hashes, or "" where the
	// mistake cannot apply.
	string1 func(in input) string
	why     string
}

func (in input) string1() string { return sign.JSAPIString(in.ticket, in.nonce, in.timestamp, in.url) }

// withURL is the mistake of signing f(URL) instead of the URL.
func withURL(f func(string) string) func(input) string {
	return func(in input) string {
		u := sign.StripFragment(in.url)
		if in.url = f(u); in.url == u {
			return ""
		}
		return in.string1()
	}
}

// withTimestamp is the mistake of signing f(timestamp).
func withTimestamp(f func(int64) int64) func(input) string {
	return func(in input) string {
		in.timestamp = f(in.timestamp)
		return in.string1()
	}
}

var mistakes = []mistake{
	{func(in input) string {
		if !strings.Contains(in.url, "#") {
			return ""
		}
		return strings.TrimSuffix(in.string1(), sign.StripFragment(in.url)) + in.url
	}, "the signer kept the URL's #fragment; sign location.href.split('#')[0]"},
	{withURL(func(u string) string { return strings.ReplaceAll(u, "&", "&amp;") }),
		"the signer had the URL HTML-escaped (& became &amp;); sign the raw URL"},
	{withURL(html.UnescapeString),
		"the page URL holds HTML escapes (&amp;) that the signer undid; sign the address exactly as the page has it"},
	{withURL(url.QueryEscape),
		"the signer signed the URL percent-encoded; decode the url parameter once, then sign it raw"},
	{withURL(func(u string) string {
		if d, err := url.QueryUnescape(u); err == nil {
			return d
		}
		return u
	}), "the signer decoded the URL once too often; sign it as location.href gives it"},
	{withURL(func(u string) string { return strings.SplitN(u, "?", 2)[0] }),
		"the signer dropped the query string; the URL must include everything before '#'"},
	{withURL(func(u string) string {
		if rest, ok := strings.CutPrefix(u, "https://"); ok {
			return "http://" + rest
		}
		return "https://" + strings.TrimPrefix(u, "http://")
	}), "the signer used the other scheme (http or https) than the page"},
	{withURL(func(u string) string {
		if strings.HasSuffix(u, "/") {
			return strings.TrimSuffix(u, "/")
		}
		return u + "/"
	}), "the signer's URL differs from the page's by a trailing '/'"},
	{withTimestamp(func(ts int64) int64 { return ts * 1000 }),
		"the signer used the timestamp in milliseconds; wx.config and the signature take seconds"},
	{withTimestamp(func(ts int64) int64 { return ts / 1000 }),
		"the page passed the timestamp in milliseconds but the signer used seconds"},
	{func(in input) string { return strings.Replace(in.string1(), "&noncestr=", "&nonceStr=", 1) },
		"the signer wrote the key nonceStr; in string1 it is lower-case noncestr"},
}

// explain says what makes got differ from the right signature.
func explain(in input, got string) []string {
	if strings.EqualFold(got, hexSHA1(in.string1())) {
		return []string{"only the letter case differs: WeChat's signature is lower-case hex"}
	}
	if len(got) != 40 || strings.Trim(strings.ToLower(got), "0123456789abcdef") != "" {
		return []string{"that is not a SHA-1 in hex (40 characters 0-9a-f)"}
	}
	var out []string
	for _, m := range mistakes {
		if s1 := m.string1(in); s1 != "" && hexSHA1(s1) == strings.ToLower(got) {
			out = append(out, "found it: "+m.why, "  the page's signature is over: "+s1)
		}
	}
	if len(out) > 0 {
		return out
	}
	return []string{
		"no common mistake reproduces it. Check, in order:",
		"- the ticket: the jsapi_ticket the server held when it signed (not the card api_ticket, not an access_token)",
		"- nonceStr and timestamp: the very ones the page passed to wx.config",
		"- the URL: location.href.split('#')[0] of the page calling wx.config, exactly",
		"- the appId passed to wx.config: the account whose ticket signed",
	}
}

func hexSHA1(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
