package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
)

// recordingMedia is a MediaSource that serves every id it is asked and
// records them.
type recordingMedia struct {
	mu    sync.Mutex
	asked []string
}

func (m *recordingMedia) Media(_ context.Context, id string) (io.ReadCloser, wechat.MediaInfo, error) {
	m.mu.Lock()
	m.asked = append(m.asked, id)
	m.mu.Unlock()
	return io.NopCloser(strings.NewReader("bytes")), wechat.MediaInfo{MediaID: id, ContentType: "image/png", Size: 5}, nil
}

func (m *recordingMedia) HDVoice(ctx context.Context, id string) (io.ReadCloser, wechat.MediaInfo, error) {
	return m.Media(ctx, id)
}

// FuzzMediaBodies feeds bodies to POST /wx/media: every answer is JSON,
// and only a well-formed media_id is ever asked of WeChat.
func FuzzMediaBodies(f *testing.F) {
	d, _ := sign.ParseDomains([]string{"example.com"})
	src := &recordingMedia{}
	s, err := server.New(server.Options{AppID: appID, Domains: d, Tickets: fixedTickets{}, Media: src, Logger: discardLogger(),
		Authorize: server.Authorizers{Media: allowMedia(func(_ context.Context, _ server.MediaInfo, r io.Reader) error {
			_, err := io.Copy(io.Discard, r)
			return err
		})}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`{"media_id":"M1","hd":true}`))
	f.Add([]byte(`{"media_id":"../../etc/passwd"}`))
	f.Add([]byte(`{"media_id":"M1","Media_ID":"M2"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest("POST", server.MediaPath, strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		checkAnswer(t, rec, http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge)
		src.mu.Lock()
		defer src.mu.Unlock()
		for _, id := range src.asked {
			if !wechat.ValidMediaID(id) {
				t.Fatalf("WeChat was asked for media %q", id)
			}
		}
		src.asked = src.asked[:0]
	})
}
