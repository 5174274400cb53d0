//go:build !wasm

package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// wasmPath is where go-app's loader fetches the program.
const wasmPath = "/web/app.wasm"

// wasmEncodings are the precompressed copies of app.wasm (made by make
// wasm beside it), most compact first.
var wasmEncodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// serveWasm serves app.wasm from dir precompressed, brotli or gzip as the
// client accepts (go-app never compresses it), and leaves every other
// request to next.
func serveWasm(dir string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != wasmPath || r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		raw := filepath.Join(dir, "app.wasm")
		w.Header().Set("Vary", "Accept-Encoding")
		w.Header().Set("Cache-Control", "no-cache")
		for _, enc := range wasmEncodings {
			if !accepts(r.Header.Get("Accept-Encoding"), enc.name) {
				continue
			}
			f, err := os.Open(raw + enc.ext)
			if err != nil {
				continue // not precompressed: try the next, or send it raw
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil {
				continue
			}
			w.Header().Set("Content-Type", "application/wasm")
			w.Header().Set("Content-Encoding", enc.name)
			// ServeContent would answer ranges of the compressed bytes: send it whole.
			w.Header().Set("Content-Length", strconv.FormatInt(st.Size(), 10))
			http.ServeContent(noRanges{w}, stripRange(r), "", st.ModTime(), f)
			return
		}
		w.Header().Set("Content-Type", "application/wasm")
		http.ServeFile(w, r, raw)
	})
}

// wasmSize is the size of app.wasm in dir, as go-app's progress bar needs
// it when the file travels compressed; "" if there is no file yet.
func wasmSize(dir string) string {
	st, err := os.Stat(filepath.Join(dir, "app.wasm"))
	if err != nil {
		return ""
	}
	return strconv.FormatInt(st.Size(), 10)
}

// accepts reports whether an Accept-Encoding header allows coding (q=0
// refuses it).
func accepts(header, coding string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

func stripRange(r *http.Request) *http.Request {
	if r.Header.Get("Range") == "" {
		return r
	}
	r = r.Clone(r.Context())
	r.Header.Del("Range")
	return r
}

// noRanges hides Accept-Ranges: a range of compressed bytes is useless.
type noRanges struct{ http.ResponseWriter }

func (n noRanges) WriteHeader(code int) {
	n.Header().Del("Accept-Ranges")
	n.ResponseWriter.WriteHeader(code)
}
