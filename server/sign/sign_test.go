package sign

import (
	"strings"
	"testing"
)

// The vector from WeChat's JS-SDK documentation, appendix "JS-SDK Permission
// Signature Algorithm".
const (
	vecTicket    = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"
	vecNonce     = "Wm3WZYTPz0wzccnW"
	vecTimestamp = 1414587457
	vecURL       = "http://mp.weixin.qq.com?params=value"
	vecSignature = "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
)

func TestJSAPIVector(t *testing.T) {
	if got := JSAPI(vecTicket, vecNonce, vecTimestamp, vecURL); got != vecSignature {
		t.Fatalf("JSAPI = %s, want %s", got, vecSignature)
	}
	want1 := "jsapi_ticket=" + vecTicket + "&noncestr=" + vecNonce + "&timestamp=1414587457&url=" + vecURL
	if got := JSAPIString(vecTicket, vecNonce, vecTimestamp, vecURL); got != want1 {
		t.Fatalf("JSAPIString = %q, want %q", got, want1)
	}
}

func TestJSAPIFragment(t *testing.T) {
	for _, u := range []string{vecURL + "#", vecURL + "#/route", vecURL + "#a#b"} {
		if got := JSAPI(vecTicket, vecNonce, vecTimestamp, u); got != vecSignature {
			t.Errorf("JSAPI(%q) = %s, want the fragment-free signature %s", u, got, vecSignature)
		}
	}
	// Only the fragment goes: the query, "null" and escapes are signed as given.
	for _, u := range []string{
		"http://mp.weixin.qq.com?params=null",
		"http://mp.weixin.qq.com/a%20b?x=1&y=2",
		"http://mp.weixin.qq.com?a=1&amp;b=2",
	} {
		if got := StripFragment(u + "#frag"); got != u {
			t.Errorf("StripFragment(%q#frag) = %q", u, got)
		}
		if JSAPI(vecTicket, vecNonce, vecTimestamp, u) == vecSignature {
			t.Errorf("JSAPI(%q) collides with the vector", u)
		}
	}
}

func TestNonce(t *testing.T) {
	seen := make(map[string]bool)
	for range 1000 {
		n := Nonce()
		if len(n) != NonceLength {
			t.Fatalf("Nonce() = %q: length %d, want %d", n, len(n), NonceLength)
		}
		if strings.Trim(n, nonceAlphabet) != "" {
			t.Fatalf("Nonce() = %q has characters outside [A-Za-z0-9]", n)
		}
		if seen[n] {
			t.Fatalf("Nonce() repeated %q", n)
		}
		seen[n] = true
	}
}

func BenchmarkJSAPI(b *testing.B) {
	for b.Loop() {
		JSAPI(vecTicket, vecNonce, vecTimestamp, vecURL)
	}
}
