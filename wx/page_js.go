//go:build js && wasm

package wx

import "github.com/hack-pad/safejs"

// page reads the page: what cannot change is read once, and location.href
// when it may have changed: after each change of URL the Navigation API
// reports (synchronously, for history.pushState and replaceState too), or
// on every call where the page has no Navigation API.
func (b *jsBridge) page() page {
	p := b.static
	b.hrefMu.Lock()
	defer b.hrefMu.Unlock()
	if !b.watching || b.hrefStale.Swap(false) {
		b.readHref()
	}
	p.href = b.href
	return p
}

// readHref reads location.href; its text crosses over only when it changed
// (JavaScript's equal strings are one value to syscall/js). b.hrefMu is held.
func (b *jsBridge) readHref() {
	href, err := b.loc.Get("href")
	if err != nil || href.Type() != safejs.TypeString {
		return
	}
	if !href.Equal(b.hrefValue) {
		b.hrefValue = href
		b.href, _ = href.String()
	}
}

// watchNavigation has the Navigation API, where the page has it, tell when
// the URL changes, so that page need not read it on every call.
func (b *jsBridge) watchNavigation() {
	nav, err := safejs.Global().Get("navigation")
	if err != nil || nav.Type() != safejs.TypeObject {
		return
	}
	// The handler serves the page's life, as the listener does.
	id, detach := b.d.Register(func(int, []safejs.Value) { b.hrefStale.Store(true) })
	fn, err := b.d.Bind(id, 0)
	if err == nil {
		_, err = nav.Call("addEventListener", "currententrychange", fn)
	}
	if err != nil {
		detach()
		return
	}
	b.hrefMu.Lock()
	b.watching = true
	b.hrefStale.Store(true)
	b.hrefMu.Unlock()
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
