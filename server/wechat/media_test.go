package wechat_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// hostile serves h as a WeChat that answers media downloads badly.
func hostile(t *testing.T, h http.HandlerFunc) *wechat.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &wechat.Client{BaseURL: srv.URL, AppID: appID, Secret: secret}
}

const token = "tok-0123456789abcdef"

func TestMediaRefusesBadIDsBeforeCalling(t *testing.T) {
	called := false
	c := hostile(t, func(w http.ResponseWriter, r *http.Request) { called = true })
	for _, id := range []string{"", "../etc/passwd", "a b", "a&access_token=x", strings.Repeat("a", 129), "媒体", "id\n"} {
		if _, _, err := c.Media(context.Background(), token, id); !errors.Is(err, wechat.ErrBadMediaID) {
			t.Errorf("Media(%q) = %v, want ErrBadMediaID", id, err)
		}
		if _, _, err := c.HDVoice(context.Background(), token, id); !errors.Is(err, wechat.ErrBadMediaID) {
			t.Errorf("HDVoice(%q) = %v, want ErrBadMediaID", id, err)
		}
	}
	if called {
		t.Fatal("a bad media_id reached upstream")
	}
}

func TestMediaHostileUpstream(t *testing.T) {
	for _, c := range []struct {
		name string
		h    http.HandlerFunc
		want error
	}{
		{"HTML from a proxy", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<html>hello</html>"))
		}, wechat.ErrUnavailable},
		{"no Content-Type", func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = nil
			w.Write([]byte{0xff, 0xd8, 0xff})
		}, wechat.ErrUnavailable},
		{"HTTP 502", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/jpeg")
			w.WriteHeader(http.StatusBadGateway)
		}, wechat.ErrUnavailable},
		{"JSON that is neither", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"hello":1}`))
		}, wechat.ErrUnavailable},
		{"JSON cut short", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte(`{"errcode":400`))
		}, wechat.ErrUnavailable},
		{"video_url no URL", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte(`{"video_url":"javascript:alert(1)"}`))
		}, wechat.ErrUnavailable},
		{"announced over the limit", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/jpeg")
			w.Header().Set("Content-Length", "20000000")
			w.WriteHeader(http.StatusOK)
		}, wechat.ErrMediaTooLarge},
		{"40007", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json; encoding=utf-8")
			w.Write([]byte(`{"errcode":40007,"errmsg":"invalid media_id"}`))
		}, wechat.ErrMediaNotFound},
		{"48001", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte(`{"errcode":48001,"errmsg":"api unauthorized"}`))
		}, wechat.ErrAPIUnauthorized},
		{"42001", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"errcode":42001,"errmsg":"access_token expired"}`))
		}, wechat.ErrTokenRejected},
	} {
		t.Run(c.name, func(t *testing.T) {
			body, _, err := hostile(t, c.h).Media(context.Background(), token, "M1")
			if body != nil {
				body.Close()
				t.Fatal("a body handed out with an error")
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("Media = %v, want %v", err, c.want)
			}
		})
	}
}

func TestMediaHints(t *testing.T) {
	for _, code := range []int{40007, 48001} {
		e := &wechat.APIError{Endpoint: wechat.PathMedia, Code: code}
		if e.Hint() == "" {
			t.Errorf("errcode %d has no hint", code)
		}
	}
}

func TestMediaErrmsgRedacted(t *testing.T) {
	c := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"errcode":40001,"errmsg":"bad ` + r.URL.RawQuery + `"}`))
	})
	_, _, err := c.Media(context.Background(), token, "M1")
	if !errors.Is(err, wechat.ErrTokenRejected) || strings.Contains(err.Error(), token) {
		t.Fatalf("Media = %v: want a rejected token, not named", err)
	}
}

func TestMediaVideo(t *testing.T) {
	c := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(`{"video_url":"http://vd.example.com/v.mp4"}`))
	})
	_, _, err := c.Media(context.Background(), token, "V1")
	var v *wechat.VideoError
	if !errors.Is(err, wechat.ErrVideo) || !errors.As(err, &v) || v.URL != "http://vd.example.com/v.mp4" || v.MediaID != "V1" {
		t.Fatalf("Media = %v, want a VideoError", err)
	}
}

func TestMediaBodyOverLimitFails(t *testing.T) {
	// Chunked, so that no Content-Length warns: the reader stops the flood.
	c := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		chunk := make([]byte, 64<<10)
		for i := 0; i <= wechat.MaxMediaBytes/len(chunk)+1; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	body, info, err := c.Media(context.Background(), token, "M1")
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	if info.Size != -1 {
		t.Fatalf("Size = %d, want -1 (not announced)", info.Size)
	}
	n, err := io.Copy(io.Discard, body)
	if !errors.Is(err, wechat.ErrMediaTooLarge) || n != wechat.MaxMediaBytes {
		t.Fatalf("copied %d bytes, %v; want %d then ErrMediaTooLarge", n, err, wechat.MaxMediaBytes)
	}
}

func TestMediaStreams(t *testing.T) {
	// The upstream sends a first part and waits for the test to have read
	// it before sending the rest: Media cannot be buffering the body.
	read := make(chan struct{})
	c := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Content-Disposition", `attachment; filename="../../M1.png"`)
		w.Write([]byte("first"))
		w.(http.Flusher).Flush()
		select {
		case <-read:
		case <-r.Context().Done():
			return
		}
		w.Write([]byte("-rest"))
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	body, info, err := c.Media(ctx, token, "M1")
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	if info.ContentType != "image/png" || info.Filename != "M1.png" || info.MediaID != "M1" || info.HD {
		t.Fatalf("info = %+v", info)
	}
	first := make([]byte, 5)
	if _, err := io.ReadFull(body, first); err != nil || string(first) != "first" {
		t.Fatalf("first part %q, %v", first, err)
	}
	close(read)
	rest, err := io.ReadAll(body)
	if err != nil || string(rest) != "-rest" {
		t.Fatalf("rest %q, %v", rest, err)
	}
}

func TestMediaFilenameClamped(t *testing.T) {
	for disp, want := range map[string]string{
		`attachment; filename="a.jpg"`:                            "a.jpg",
		`attachment; filename="/tmp/x/b.jpg"`:                     "b.jpg",
		`attachment; filename="..\\c.jpg"`:                        "c.jpg",
		`attachment; filename=".hidden"`:                          "",
		`attachment; filename="a b.jpg"`:                          "",
		`attachment; filename="` + strings.Repeat("a", 200) + `"`: "",
		`garbage;;`: "",
	} {
		c := hostile(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/jpeg")
			w.Header().Set("Content-Disposition", disp)
		})
		body, info, err := c.Media(context.Background(), token, "M1")
		if err != nil {
			t.Fatal(err)
		}
		body.Close()
		if info.Filename != want {
			t.Errorf("%s: Filename = %q, want %q", disp, info.Filename, want)
		}
	}
}

func TestMediaFromFake(t *testing.T) {
	clk := wechatfake.NewClock(time.Unix(1_700_000_000, 0))
	f := newFake(t, clk)
	c := &wechat.Client{BaseURL: f.URL, AppID: appID, Secret: secret}
	ctx := context.Background()
	tok, err := c.AccessToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	png := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1000)
	img := f.PutMedia(wechatfake.MediaImage, "image/png", png)
	voice := f.PutMedia(wechatfake.MediaVoice, "audio/amr", []byte("#!AMR\n..."))

	get := func(hd bool, id string) ([]byte, wechat.MediaInfo, error) {
		fetch := c.Media
		if hd {
			fetch = c.HDVoice
		}
		body, info, err := fetch(ctx, tok.Value, id)
		if err != nil {
			return nil, info, err
		}
		defer body.Close()
		data, err := io.ReadAll(body)
		return data, info, err
	}
	data, info, err := get(false, img)
	if err != nil || !bytes.Equal(data, png) || info.ContentType != "image/png" || info.Size != int64(len(png)) || info.Filename != img+".png" {
		t.Fatalf("image: %d bytes, %+v, %v", len(data), info, err)
	}
	data, info, err = get(true, voice)
	if err != nil || string(data) != wechatfake.SpeexMagic+"#!AMR\n..." || info.ContentType != "voice/speex" || !info.HD {
		t.Fatalf("HD voice: %q, %+v, %v", data, info, err)
	}
	var apiErr *wechat.APIError
	if _, _, err := get(true, img); !errors.Is(err, wechat.ErrMediaNotFound) {
		t.Fatalf("HD of an image: %v, want 40007", err)
	}
	if _, _, err := get(false, "unknown-media"); !errors.Is(err, wechat.ErrMediaNotFound) || !errors.As(err, &apiErr) || apiErr.Code != 40007 {
		t.Fatalf("unknown media: %v, want 40007", err)
	}
	if _, _, err := c.Media(ctx, "bad-token", img); !errors.Is(err, wechat.ErrTokenRejected) {
		t.Fatalf("bad token: %v, want 40001", err)
	}
	clk.Add(wechatfake.MediaTTL - time.Second)
	tok, _ = c.AccessToken(ctx) // the first one has expired meanwhile
	if _, _, err := get(false, img); err != nil {
		t.Fatalf("a second before expiry: %v", err)
	}
	clk.Add(time.Second)
	if _, _, err := get(false, img); !errors.Is(err, wechat.ErrMediaNotFound) {
		t.Fatalf("after 3 days: %v, want 40007", err)
	}
	if calls := f.Calls(); calls[wechat.PathMedia] != 5 || calls[wechat.PathMediaJSSDK] != 2 {
		t.Fatalf("calls = %v", calls)
	}
}
