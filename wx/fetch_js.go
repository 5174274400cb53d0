//go:build js && wasm

package wx

import (
	"context"

	"github.com/gowx/gowx/internal/jsx"
)

// get fetches url with the page's fetch, same-origin credentials.
func (b *jsBridge) get(ctx context.Context, url string) (int, []byte, error) {
	resp, err := b.d.Fetch(ctx, jsx.Request{URL: url, Header: map[string]string{"Accept": "application/json"}})
	return resp.Status, resp.Body, err
}
