//go:build !(js && wasm)

package wx

import "context"

// Load returns the SDK of the page. Outside a browser (GOOS is not js)
// there is no page: it fails with ErrNotInBrowser.
func Load(ctx context.Context) (*SDK, error) {
	return LoadFrom(ctx, ScriptURL, FallbackScriptURL)
}

// LoadFrom is Load with the script's addresses to try. Outside a browser it
// fails with ErrNotInBrowser.
func LoadFrom(ctx context.Context, urls ...string) (*SDK, error) {
	return nil, &Error{API: APIConfig, Status: "not running in a browser", kind: ErrNotInBrowser}
}

// Env tells where the page runs: outside a browser, EnvBrowser.
func Env() Environment { return EnvBrowser }

// InWeChat reports whether jweixin can answer: never outside a browser.
func InWeChat() bool { return false }
