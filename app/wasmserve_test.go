//go:build !wasm

package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestServeWasm(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"app.wasm": "raw wasm bytes", "app.wasm.br": "brotli!", "app.wasm.gz": "gzip bytes"}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "page") })
	h := serveWasm(dir, next)
	tests := []struct {
		path, accept, rng string
		body, encoding    string
	}{
		{wasmPath, "gzip, deflate, br, zstd", "", "brotli!", "br"},
		{wasmPath, "gzip", "", "gzip bytes", "gzip"},
		{wasmPath, "br;q=0, gzip;q=0.8", "", "gzip bytes", "gzip"},
		{wasmPath, "", "", "raw wasm bytes", ""},
		{wasmPath, "identity", "", "raw wasm bytes", ""},
		{wasmPath, "br", "bytes=0-2", "brotli!", "br"},
		{"/", "br", "", "page", ""},
		{"/web/app.css", "br", "", "page", ""},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, tt.path, nil)
		if tt.accept != "" {
			req.Header.Set("Accept-Encoding", tt.accept)
		}
		if tt.rng != "" {
			req.Header.Set("Range", tt.rng)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || !bytes.Equal(body, []byte(tt.body)) || res.Header.Get("Content-Encoding") != tt.encoding {
			t.Errorf("%s with Accept-Encoding %q: %d %q encoded %q; want %q encoded %q",
				tt.path, tt.accept, res.StatusCode, body, res.Header.Get("Content-Encoding"), tt.body, tt.encoding)
		}
		if tt.path == wasmPath {
			if ct := res.Header.Get("Content-Type"); ct != "application/wasm" {
				t.Errorf("Content-Type %q", ct)
			}
			if res.Header.Get("Vary") != "Accept-Encoding" || res.Header.Get("Accept-Ranges") != "" && tt.encoding != "" {
				t.Errorf("headers %v", res.Header)
			}
			if cl := res.Header.Get("Content-Length"); cl != strconv.Itoa(len(tt.body)) {
				t.Errorf("Content-Length %s for %d bytes", cl, len(tt.body))
			}
		}
	}
	if got := wasmSize(dir); got != strconv.Itoa(len(files["app.wasm"])) {
		t.Errorf("wasmSize = %s", got)
	}
	if got := wasmSize(t.TempDir()); got != "" {
		t.Errorf("wasmSize without a file = %q", got)
	}
}
