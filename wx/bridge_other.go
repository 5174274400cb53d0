//go:build !(js && wasm)

package wx

import "context"

// Load returns the SDK of the page. Outside a browser (GOOS is not js)
// there is no page: it fails with ErrNotInBrowser.
func Load(ctx context.Context) (*SDK, error) {
	return nil, &Error{API: APIConfig, Status: "not running in a browser", kind: ErrNotInBrowser}
}
