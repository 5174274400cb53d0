package wechatfake

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gowx/gowx/server/wechat"
)

// UploadPath (POST ?type=image|voice, the file as the body with its
// Content-Type) is where the fake client sends what wx.uploadImage and
// wx.uploadVoice upload, as the WeChat client sends it to WeChat's
// servers. It answers {"errcode":0,"media_id":...,"type":...,
// "created_at":...}; CORS is open, as for VerifyPath.
const UploadPath = "/fake/jsapi/upload"

// MediaTTL is how long WeChat keeps an uploaded media: 3 days, on the
// fake's clock.
const MediaTTL = 3 * 24 * time.Hour

// Bounds of the fake's media store: an upload of more than MaxUploadBytes
// is refused (40006); past MaxMediaCount media or MaxStoredBytes bytes the
// oldest are forgotten first.
const (
	MaxUploadBytes = 2 << 20
	MaxMediaCount  = 64
	MaxStoredBytes = 32 << 20
)

// What the store's media are.
const (
	MediaImage = "image"
	MediaVoice = "voice"
)

// SpeexMagic begins the fake's high-definition voices: a stand-in for
// WeChat's speex, the recording's bytes after it.
const SpeexMagic = "Speex   "

// media is one uploaded file.
type media struct {
	kind, contentType string
	data              []byte
	created           time.Time
}

// mediaStore holds the uploads, oldest first in order.
type mediaStore struct {
	byID  map[string]media
	order []string
	bytes int
}

// PutMedia stores data as WeChat stores an upload of the kind (MediaImage,
// MediaVoice), and returns its media_id: a test's way to upload. It expires
// MediaTTL later on the fake's clock.
func (f *Fake) PutMedia(kind, contentType string, data []byte) string {
	id := randomString(64)
	m := media{kind: kind, contentType: contentType, data: append([]byte(nil), data...), created: f.cfg.Now()}
	f.mu.Lock()
	defer f.mu.Unlock()
	st := &f.media
	if st.byID == nil {
		st.byID = make(map[string]media)
	}
	for len(st.order) > 0 && (len(st.order) >= MaxMediaCount || st.bytes+len(data) > MaxStoredBytes) {
		old := st.order[0]
		st.order = st.order[1:]
		st.bytes -= len(st.byID[old].data)
		delete(st.byID, old)
	}
	st.byID[id] = m
	st.order = append(st.order, id)
	st.bytes += len(m.data)
	return id
}

// MediaAgePath (POST {"seconds": n}) ages every stored media by n
// seconds, as AgeMedia does: a test's way past the 3 days WeChat keeps
// an upload, with the fake's clock, and so its tokens, left as they are.
const MediaAgePath = "/fake/control/age-media"

// AgeMedia moves the upload time of every media the fake holds d into the
// past: aged by MediaTTL, each is expired.
func (f *Fake) AgeMedia(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for id, m := range f.media.byID {
		m.created = m.created.Add(-d)
		f.media.byID[id] = m
	}
}

func (f *Fake) serveAgeMedia(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Seconds int64 `json:"seconds"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10)).Decode(&req); err != nil || req.Seconds < 0 || req.Seconds > 10*365*24*3600 {
		writeErr(w, 40097, "invalid args: want {\"seconds\": n}, 0 <= n <= ten years")
		return
	}
	f.AgeMedia(time.Duration(req.Seconds) * time.Second)
	writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok"})
}

// Media returns the bytes of the media id as uploaded, whether or not it
// has expired, and whether the fake holds it.
func (f *Fake) Media(id string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, ok := f.media.byID[id]
	return append([]byte(nil), m.data...), ok
}

func (f *Fake) serveUpload(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if r.Method == http.MethodOptions {
		w.Header().Set("Access-Control-Allow-Methods", "POST")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	kind := r.URL.Query().Get("type")
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	top, _, _ := strings.Cut(mt, "/")
	switch {
	case kind != MediaImage && kind != MediaVoice:
		writeErr(w, 40004, "invalid media type")
		return
	case err != nil || len(mt) > 100 || kind == MediaImage && top != "image" || kind == MediaVoice && top != "audio":
		writeErr(w, 40005, "invalid file type")
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxUploadBytes))
	if err != nil || len(data) == 0 {
		writeErr(w, 40006, "invalid file size")
		return
	}
	id := f.PutMedia(kind, mt, data)
	writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok", "type": kind, "media_id": id, "created_at": f.cfg.Now().Unix()})
}

// serveMedia answers /cgi-bin/media/get and, with hd, /cgi-bin/media/get/jssdk
// (voices only, in the speex stand-in).
func (f *Fake) serveMedia(hd bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		now := f.cfg.Now()
		f.mu.Lock()
		end, known := f.tokens[q.Get("access_token")]
		id := q.Get("media_id")
		m, found := f.media.byID[id]
		f.mu.Unlock()
		switch {
		case !known:
			writeErr(w, 40001, errmsgs[40001])
			return
		case !now.Before(end):
			writeErr(w, 42001, errmsgs[42001])
			return
		case !found || !now.Before(m.created.Add(MediaTTL)) || hd && m.kind != MediaVoice:
			writeErr(w, 40007, errmsgs[40007])
			return
		}
		body, ct, ext := m.data, m.contentType, wechat.MediaExtension(m.contentType)
		if hd {
			body, ct, ext = append([]byte(SpeexMagic), m.data...), "voice/speex", ".speex"
		}
		h := w.Header()
		h.Set("Content-Type", ct)
		h.Set("Content-Disposition", `attachment; filename="`+id+ext+`"`)
		h.Set("Content-Length", strconv.Itoa(len(body)))
		h.Set("Cache-Control", "no-cache, must-revalidate")
		w.Write(body)
	}
}

// mediaPaths are the media endpoints, which faults may name.
var mediaPaths = []string{wechat.PathMedia, wechat.PathMediaJSSDK}
