//go:build js && wasm

package wx

import (
	"context"

	"github.com/gowx/gowx/internal/jsx"
)

// fetch makes the request with the page's fetch, same-origin credentials.
func (b *jsBridge) fetch(ctx context.Context, method, url string, body []byte) (int, []byte, error) {
	h := map[string]string{"Accept": "application/json"}
	if body != nil {
		h["Content-Type"] = "application/json"
	}
	resp, err := b.d.Fetch(ctx, jsx.Request{Method: method, URL: url, Header: h, Body: body})
	return resp.Status, resp.Body, err
}
