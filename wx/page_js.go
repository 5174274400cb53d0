//go:build js && wasm

package wx

import "github.com/hack-pad/safejs"

// page reads the page: what cannot change is read once, so a call costs
// one read of location.href.
func (b *jsBridge) page() page {
	p := b.static
	if href, err := b.loc.Get("href"); err == nil && href.Type() == safejs.TypeString {
		p.href, _ = href.String()
	}
	return p
}

// currentPage reads what the binding needs of the page.
func currentPage() page {
	var p page
	g := safejs.Global()
	p.href = stringAt(g, "location", "href")
	p.landing = landingURL()
	if p.landing == "" {
		p.landing = p.href
	}
	p.userAgent = stringAt(g, "navigator", "userAgent")
	p.miniProgram = stringAt(g, "__wxjs_environment") == "miniprogram"
	if f, err := g.Get("wxfake"); err == nil && f.Type() == safejs.TypeObject {
		p.fake = true
	}
	return p
}

// stringAt reads the string at a property path of v, or "".
func stringAt(v safejs.Value, path ...string) string {
	for _, p := range path {
		next, err := v.Get(p)
		if err != nil || next.IsUndefined() || next.IsNull() {
			return ""
		}
		v = next
	}
	if v.Type() != safejs.TypeString {
		return ""
	}
	s, _ := v.String()
	return s
}

// Env tells where the page runs: an ordinary browser, WeChat (or the fake
// jWeixin), or a mini program's web-view.
func Env() Environment { return currentPage().env() }

// InWeChat reports whether jweixin can answer on this page: inside WeChat,
// or with the fake jWeixin loaded.
func InWeChat() bool { return currentPage().inWeChat() }

// landingURL is the URL the document was loaded with: the first entry of
// the navigation timeline, which history.pushState does not change.
func landingURL() string {
	perf, err := safejs.Global().Get("performance")
	if err != nil || perf.IsUndefined() {
		return ""
	}
	entries, err := perf.Call("getEntriesByType", "navigation")
	if err != nil {
		return ""
	}
	if n, err := entries.Length(); err != nil || n == 0 {
		return ""
	}
	first, err := entries.Index(0)
	if err != nil {
		return ""
	}
	return stringAt(first, "name")
}
