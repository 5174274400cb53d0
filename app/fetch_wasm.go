//go:build wasm

package main

import (
	"context"

	"github.com/gowx/gowx/internal/jsx"
)

// fetchJSON posts body, a JSON text, to path on the page's origin with the
// page's fetch (net/http would add megabytes to the wasm), and returns the
// status and the answer's text. A nil body is a GET.
func fetchJSON(ctx context.Context, path string, body []byte) (int, []byte, error) {
	d, err := jsx.Page()
	if err != nil {
		return 0, nil, err
	}
	method := "POST"
	if body == nil {
		method = "GET"
	}
	resp, err := d.Fetch(ctx, jsx.Request{
		Method: method,
		URL:    path,
		Header: map[string]string{"Content-Type": "application/json", "Accept": "application/json"},
		Body:   body,
	})
	return resp.Status, resp.Body, err
}
