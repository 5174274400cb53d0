package server

import (
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/gowx/gowx/wire"
)

// WebPrefix is where a Site serves the page's static files (go-app's
// resources: app.wasm, styles, icons).
const WebPrefix = "/web/"

// Web serves the files of one directory under WebPrefix and nothing else:
// no file outside it (the directory is opened as an os.Root, which no ..
// or symbolic link leaves), no hidden file, no directory listing. A file
// with a precompressed copy beside it (app.wasm.br, app.wasm.gz, as make
// wasm writes them) is sent compressed to clients that accept it.
type Web struct {
	root *os.Root
	fsys fs.FS
}

// OpenWeb opens dir for serving. Close it when done.
func OpenWeb(dir string) (*Web, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("web directory: %w", err)
	}
	return &Web{root: root, fsys: root.FS()}, nil
}

// Close releases the directory.
func (wb *Web) Close() error { return wb.root.Close() }

// OfficialScriptName is the official jweixin-1.6.0.js in a web directory,
// as make jweixin puts it there.
const OfficialScriptName = "jweixin-1.6.0.js"

// Has reports whether the directory holds a file name that it serves.
func (wb *Web) Has(name string) bool {
	f, _, ok := wb.open(name)
	if ok {
		f.Close()
	}
	return ok && servableName(name)
}

// WasmContentLength is the size of app.wasm in bytes, as go-app's
// Handler.WasmContentLength wants it when the file travels compressed
// (its loading bar counts raw bytes); "" if there is no app.wasm.
func (wb *Web) WasmContentLength() string {
	st, err := fs.Stat(wb.fsys, "app.wasm")
	if err != nil {
		return ""
	}
	return strconv.FormatInt(st.Size(), 10)
}

// precompressed are the content codings a file may have a copy in, most
// compact first, and the extension of that copy.
var precompressed = []struct{ coding, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// ServeHTTP serves GET and HEAD of WebPrefix + name.
func (wb *Web) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeError(w, http.StatusMethodNotAllowed, wire.CodeMethodNotAllowed, "use GET")
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, WebPrefix)
	if !ok || !servableName(name) {
		notFound(w)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if path.Ext(name) == ".wasm" {
		ctype = "application/wasm" // whatever the system's MIME table says
	}
	h := w.Header()
	for _, p := range precompressed {
		if !acceptsCoding(r.Header.Get("Accept-Encoding"), p.coding) {
			continue
		}
		if f, st, ok := wb.open(name + p.ext); ok {
			defer f.Close()
			h.Add("Vary", "Accept-Encoding")
			h.Set("Content-Encoding", p.coding)
			wb.serve(w, r, f, st, ctype, p.coding)
			return
		}
	}
	f, st, ok := wb.open(name)
	if !ok {
		notFound(w)
		return
	}
	defer f.Close()
	if _, err := fs.Stat(wb.fsys, name+precompressed[0].ext); err == nil {
		h.Add("Vary", "Accept-Encoding")
	}
	wb.serve(w, r, f, st, ctype, "")
}

// serve sends f; coding is its content coding, if any.
func (wb *Web) serve(w http.ResponseWriter, r *http.Request, f fs.File, st fs.FileInfo, ctype, coding string) {
	h := w.Header()
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	// A strong validator of this representation: size and time of the file sent.
	h.Set("ETag", fmt.Sprintf(`"%x-%x%s"`, st.ModTime().UnixNano(), st.Size(), coding))
	rs, ok := f.(interface {
		Read([]byte) (int, error)
		Seek(int64, int) (int64, error)
	})
	if !ok {
		writeError(w, http.StatusInternalServerError, wire.CodeInternal, "the file cannot be read")
		return
	}
	if coding != "" {
		// A range of compressed bytes is of no use to anyone: send it whole.
		r = r.Clone(r.Context())
		r.Header.Del("Range")
		r.Header.Del("If-Range")
		w = noRanges{w}
	}
	http.ServeContent(w, r, "", st.ModTime(), rs)
}

// open opens a regular file of the directory.
func (wb *Web) open(name string) (fs.File, fs.FileInfo, bool) {
	f, err := wb.fsys.Open(name)
	if err != nil {
		return nil, nil, false
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, false
	}
	return f, st, true
}

// servableName reports whether name (the path below WebPrefix) may name a
// file to serve: no empty, hidden (dot) or backslashed component.
func servableName(name string) bool {
	if name == "" || !fs.ValidPath(name) {
		return false
	}
	for part := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(part, ".") || strings.ContainsAny(part, "\\\x00") {
			return false
		}
	}
	return true
}

// noRanges hides Accept-Ranges from the answer.
type noRanges struct{ http.ResponseWriter }

func (n noRanges) WriteHeader(code int) {
	n.Header().Del("Accept-Ranges")
	n.ResponseWriter.WriteHeader(code)
}

// acceptsCoding reports whether an Accept-Encoding header allows coding:
// named with a q above zero. Clients that send nothing get identity.
func acceptsCoding(header, coding string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		for p := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				return err == nil && q > 0
			}
		}
		return true
	}
	return false
}

// WebResources is the go-app Handler.Resources of a page whose static
// files a Site serves: it resolves /web/ paths to themselves and, unlike
// go-app's default (which serves the working directory), serves nothing.
type WebResources struct{}

// Resolve returns location as the page must ask for it.
func (WebResources) Resolve(location string) string {
	if location == "" {
		return "/"
	}
	return location
}

// routable reports whether a request path may be routed at all. A path
// whose decoded form has a "." or ".." segment, a backslash or a NUL, or
// whose escaped form encodes a slash or a backslash, is refused: nothing
// the site serves is named so, and a handler that decodes it again or
// cleans it could reach outside what it means to serve. Up to three
// layers of percent-encoding are looked through.
func routable(u *url.URL) bool {
	if lower := strings.ToLower(u.EscapedPath()); strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") || strings.Contains(lower, "%00") {
		return false
	}
	p := u.Path
	for range 4 {
		if strings.ContainsAny(p, "\\\x00") {
			return false
		}
		for seg := range strings.SplitSeq(p, "/") {
			if seg == "." || seg == ".." {
				return false
			}
		}
		q, err := url.PathUnescape(p)
		if err != nil || q == p {
			return true // nothing more to decode
		}
		if strings.Count(q, "/") != strings.Count(p, "/") {
			return false // a slash was encoded
		}
		p = q
	}
	return false // still encoded after that many layers: not a real page
}

// notFound answers 404 in JSON.
func notFound(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, wire.CodeNotFound, "nothing is served here")
}

// writeError answers an error without logging it.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, ErrorResponse{Error: code, Message: msg})
}
