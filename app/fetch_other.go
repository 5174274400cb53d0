//go:build !wasm

package main

import (
	"context"
	"errors"
)

// fetchJSON posts to the page's server: only in the browser.
func fetchJSON(context.Context, string, []byte) (int, []byte, error) {
	return 0, nil, errors.New("fetch: not in a browser")
}
