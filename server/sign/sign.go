// Package sign computes the signatures WeChat asks of a web page's back end.
//
// Everything here is pure: no I/O, no clock, no hidden state. The caller
// supplies tickets, nonces and timestamps, so every function can be checked
// against WeChat's published vectors.
package sign

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
)

// JSAPI returns the wx.config signature for the page at pageURL: the SHA-1,
// in lower-case hex, of
//
//	jsapi_ticket=T&noncestr=N&timestamp=TS&url=U
//
// with the values used raw (no escaping). U is pageURL cut at its first '#',
// since WeChat verifies the page address without its fragment.
func JSAPI(ticket, nonceStr string, timestamp int64, pageURL string) string {
	return hexSHA1(JSAPIString(ticket, nonceStr, timestamp, pageURL))
}

// JSAPIString returns the string JSAPI hashes (WeChat calls it string1).
// It is exposed so that a mismatch can be explained, not only detected.
func JSAPIString(ticket, nonceStr string, timestamp int64, pageURL string) string {
	var b strings.Builder
	u := StripFragment(pageURL)
	b.Grow(len("jsapi_ticket=&noncestr=&timestamp=&url=") + len(ticket) + len(nonceStr) + 20 + len(u))
	b.WriteString("jsapi_ticket=")
	b.WriteString(ticket)
	b.WriteString("&noncestr=")
	b.WriteString(nonceStr)
	b.WriteString("&timestamp=")
	var num [20]byte
	b.Write(strconv.AppendInt(num[:0], timestamp, 10))
	b.WriteString("&url=")
	b.WriteString(u)
	return b.String()
}

// StripFragment returns pageURL without its fragment: everything from the
// first '#' on is dropped. Nothing else of the URL is touched.
func StripFragment(pageURL string) string {
	if i := strings.IndexByte(pageURL, '#'); i >= 0 {
		return pageURL[:i]
	}
	return pageURL
}

// nonceAlphabet is the set of characters nonces are drawn from; WeChat
// recommends letters and digits.
const nonceAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// NonceLength is the length of the nonces Nonce returns. WeChat accepts up to 32.
const NonceLength = 16

// Nonce returns a random string of NonceLength letters and digits drawn from
// crypto/rand.
func Nonce() string {
	// 62 symbols: take bytes below 248 (= 4*62) so every symbol is equally likely.
	var out [NonceLength]byte
	var buf [NonceLength * 2]byte
	for n := 0; n < NonceLength; {
		rand.Read(buf[:]) // never fails: crypto/rand.Read panics on an unusable source
		for _, c := range buf {
			if c < 248 && n < NonceLength {
				out[n] = nonceAlphabet[c%62]
				n++
			}
		}
	}
	return string(out[:])
}

func hexSHA1(s string) string {
	sum := sha1.Sum([]byte(s))
	var out [2 * sha1.Size]byte
	hex.Encode(out[:], sum[:])
	return string(out[:])
}
