package main

import (
	"os"
	"strings"
	"testing"
)

// The JS-SDK documentation's vector.
const (
	ticket = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"
	nonce  = "Wm3WZYTPz0wzccnW"
	ts     = "1414587457"
	page   = "http://mp.weixin.qq.com?params=value"
	good   = "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
)

func check(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errs strings.Builder
	code := run(append([]string{"-ticket", ticket, "-noncestr", nonce, "-timestamp", ts}, args...), &out, &errs)
	return code, out.String() + errs.String()
}

func Example() {
	run([]string{"-ticket", ticket, "-noncestr", nonce, "-timestamp", ts, "-url", page + "#top", "-signature", good}, os.Stdout, os.Stderr)
	// Output:
	// string1:   jsapi_ticket=sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value
	// signature: 0f9de62fce790f9a083d5c99e95740ceb90c27ed
	// note:      the URL's fragment (#top) is not signed
	// match:     the signature is right
}

func TestMistakes(t *testing.T) {
	in := input{ticket: ticket, nonce: nonce, timestamp: 1414587457}
	tests := []struct {
		url  string
		made func(input) string // the signer's wrong string1
		want string
	}{
		{page + "&a=1#x", func(in input) string {
			return "jsapi_ticket=" + ticket + "&noncestr=" + nonce + "&timestamp=" + ts + "&url=" + page + "&a=1#x"
		}, "kept the URL's #fragment"},
		{page + "&a=1", func(in input) string { in.url = page + "&amp;a=1"; return in.string1() }, "HTML-escaped"},
		{page + "&amp;a=1", func(in input) string { in.url = page + "&a=1"; return in.string1() }, "HTML escapes"},
		{page, func(in input) string { in.url = "http%3A%2F%2Fmp.weixin.qq.com%3Fparams%3Dvalue"; return in.string1() }, "percent-encoded"},
		{page + "&q=a%20b", func(in input) string { in.url = page + "&q=a b"; return in.string1() }, "decoded the URL once too often"},
		{page, func(in input) string { in.url = "http://mp.weixin.qq.com"; return in.string1() }, "dropped the query"},
		{page, func(in input) string { in.url = "https://mp.weixin.qq.com?params=value"; return in.string1() }, "other scheme"},
		{"https://example.com/", func(in input) string { in.url = "https://example.com"; return in.string1() }, "trailing '/'"},
		{page, func(in input) string { in.timestamp *= 1000; return in.string1() }, "in milliseconds; wx.config"},
		{page, func(in input) string {
			return "jsapi_ticket=" + ticket + "&nonceStr=" + nonce + "&timestamp=" + ts + "&url=" + page
		}, "nonceStr"},
	}
	for _, tt := range tests {
		in.url = tt.url
		wrong := hexSHA1(tt.made(in))
		code, out := check(t, "-url", tt.url, "-signature", wrong)
		if code != 1 || !strings.Contains(out, "MISMATCH") || !strings.Contains(out, "found it") || !strings.Contains(out, tt.want) {
			t.Errorf("%s: exit %d, output:\n%s\nwant an explanation with %q", tt.url, code, out, tt.want)
		}
	}
}

func TestOtherAnswers(t *testing.T) {
	if code, out := check(t, "-url", page, "-signature", strings.ToUpper(good)); code != 1 || !strings.Contains(out, "letter case") {
		t.Errorf("upper case: %d %s", code, out)
	}
	if code, out := check(t, "-url", page, "-signature", "xyz"); code != 1 || !strings.Contains(out, "not a SHA-1") {
		t.Errorf("not hex: %d %s", code, out)
	}
	if code, out := check(t, "-url", page, "-signature", strings.Repeat("0", 40)); code != 1 || !strings.Contains(out, "no common mistake") {
		t.Errorf("unexplained: %d %s", code, out)
	}
	if code, out := check(t, "-url", page); code != 0 || !strings.Contains(out, "signature: "+good) {
		t.Errorf("no signature to check: %d %s", code, out)
	}
	if code, _ := check(t); code != 2 {
		t.Errorf("no url: exit %d, want 2", code)
	}
	if code, _ := check(t, "-url", page, "-timestamp", "soon"); code != 2 {
		t.Errorf("bad timestamp: exit %d, want 2", code)
	}
}
