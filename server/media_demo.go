package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/wire"
)

// DemoMediaName is where, under the prefix, demo mode serves the copies
// of the media its server fetched (GET <prefix>demo/media/<media_id>).
const DemoMediaName = "demo/media/"

// Bounds of demo mode's copies: past them the oldest go first.
const (
	demoMediaCount = 16
	demoMediaBytes = 16 << 20
)

// demoMedia is demo mode's media sink: it keeps the last copies fetched
// in memory, for the page to show what the server got. Anyone may fetch
// in demo mode, which has no users and no real WeChat.
type demoMedia struct {
	mu    sync.Mutex
	byID  map[string]demoCopy
	order []string
	bytes int
}

type demoCopy struct {
	contentType string
	data        []byte
}

func newDemoMedia() *demoMedia { return &demoMedia{byID: make(map[string]demoCopy)} }

// authorize is the demo's Authorizers.Media.
func (d *demoMedia) authorize(*http.Request, MediaRequest) (MediaSink, error) { return d.keep, nil }

// keep is the sink: the media is read whole (FetchMedia bounds it), then
// kept under its media_id (with ".hd" for a high-definition voice).
func (d *demoMedia) keep(_ context.Context, info MediaInfo, r io.Reader) error {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, io.LimitReader(r, demoMediaBytes+1)); err != nil {
		return err
	}
	if buf.Len() > demoMediaBytes {
		return fmt.Errorf("demo media: over %d bytes", demoMediaBytes)
	}
	key := info.MediaID
	if info.HD {
		key += ".hd"
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if old, ok := d.byID[key]; ok {
		d.bytes -= len(old.data)
		delete(d.byID, key)
		d.order = removeKey(d.order, key)
	}
	for len(d.order) > 0 && (len(d.order) >= demoMediaCount || d.bytes+buf.Len() > demoMediaBytes) {
		d.bytes -= len(d.byID[d.order[0]].data)
		delete(d.byID, d.order[0])
		d.order = d.order[1:]
	}
	d.byID[key] = demoCopy{contentType: info.ContentType, data: buf.Bytes()}
	d.order = append(d.order, key)
	d.bytes += buf.Len()
	return nil
}

func removeKey(keys []string, key string) []string {
	out := keys[:0]
	for _, k := range keys {
		if k != key {
			out = append(out, k)
		}
	}
	return out
}

// serve answers GET <prefix>demo/media/{id}: the copy kept, with its
// type, or a JSON not_found. The copy came from upstream: the browser is
// told not to sniff it, and to run nothing of it.
func (d *demoMedia) serve(api *Server, prefix string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.PathValue("id")
		id, _ := strings.CutSuffix(key, ".hd")
		d.mu.Lock()
		c, ok := d.byID[key]
		d.mu.Unlock()
		if !wechat.ValidMediaID(id) || !ok {
			api.fail(w, r, http.StatusNotFound, wire.CodeNotFound, "no copy of this media: fetch it first (POST "+prefix+"media)", nil)
			return
		}
		h := w.Header()
		h.Set("Content-Type", c.contentType)
		h.Set("Content-Length", strconv.Itoa(len(c.data)))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
		h.Set("Cache-Control", "no-store")
		w.Write(c.data)
	}
}
