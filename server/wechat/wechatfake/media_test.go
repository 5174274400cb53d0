package wechatfake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

func newMediaFake(t *testing.T) *wechatfake.Server {
	t.Helper()
	f, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "s", Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	return f
}

// upload posts data as the fake client does and returns the errcode and
// media_id answered.
func upload(t *testing.T, f *wechatfake.Server, kind, contentType string, data []byte) (int, string) {
	t.Helper()
	resp, err := http.Post(f.URL+wechatfake.UploadPath+"?type="+kind, contentType, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		ErrCode int    `json:"errcode"`
		MediaID string `json:"media_id"`
		Type    string `json:"type"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("upload answer: %v, CORS %q", err, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	if out.ErrCode == 0 && (out.MediaID == "" || out.Type != kind) {
		t.Fatalf("upload answered %+v", out)
	}
	return out.ErrCode, out.MediaID
}

func TestUploadThenMediaGet(t *testing.T) {
	f := newMediaFake(t)
	png := []byte("\x89PNG\r\n\x1a\nnot really")
	code, id := upload(t, f, wechatfake.MediaImage, "image/png", png)
	if code != 0 || !wechat.ValidMediaID(id) {
		t.Fatalf("upload: errcode %d, media_id %q", code, id)
	}
	if got, ok := f.Media(id); !ok || !bytes.Equal(got, png) {
		t.Fatalf("Media(%s) = %q, %v", id, got, ok)
	}
	c := &wechat.Client{BaseURL: f.URL, AppID: "wxapp", Secret: "s"}
	ctx := context.Background()
	tok, err := c.AccessToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	body, info, err := c.Media(ctx, tok.Value, id)
	if err != nil {
		t.Fatal(err)
	}
	defer body.Close()
	got, err := io.ReadAll(body)
	if err != nil || !bytes.Equal(got, png) || info.ContentType != "image/png" {
		t.Fatalf("media/get: %q, %+v, %v", got, info, err)
	}
}

func TestUploadRefusals(t *testing.T) {
	f := newMediaFake(t)
	for _, c := range []struct {
		name, kind, contentType string
		data                    []byte
		want                    int
	}{
		{"unknown type", "video", "video/mp4", []byte("x"), 40004},
		{"image as audio", wechatfake.MediaVoice, "image/png", []byte("x"), 40005},
		{"HTML as image", wechatfake.MediaImage, "text/html", []byte("<p>"), 40005},
		{"no content type", wechatfake.MediaImage, "", []byte("x"), 40005},
		{"empty", wechatfake.MediaImage, "image/png", nil, 40006},
		{"too large", wechatfake.MediaImage, "image/png", make([]byte, wechatfake.MaxUploadBytes+1), 40006},
	} {
		if code, _ := upload(t, f, c.kind, c.contentType, c.data); code != c.want {
			t.Errorf("%s: errcode %d, want %d", c.name, code, c.want)
		}
	}
}

func TestUploadPreflight(t *testing.T) {
	f := newMediaFake(t)
	req, _ := http.NewRequest(http.MethodOptions, f.URL+wechatfake.UploadPath, nil)
	req.Header.Set("Origin", "http://example.com")
	req.Header.Set("Access-Control-Request-Method", "POST")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || !strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Fatalf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
}

func TestMediaStoreBounded(t *testing.T) {
	f := newMediaFake(t)
	first := f.PutMedia(wechatfake.MediaImage, "image/png", []byte("first"))
	for range wechatfake.MaxMediaCount {
		f.PutMedia(wechatfake.MediaImage, "image/png", []byte("more"))
	}
	if _, ok := f.Media(first); ok {
		t.Fatalf("%d uploads later the first is still kept", wechatfake.MaxMediaCount)
	}
	big := make([]byte, wechatfake.MaxUploadBytes)
	ids := []string{}
	for range wechatfake.MaxStoredBytes/len(big) + 1 {
		ids = append(ids, f.PutMedia(wechatfake.MediaImage, "image/png", big))
	}
	if _, ok := f.Media(ids[0]); ok {
		t.Fatalf("over %d bytes the oldest is still kept", wechatfake.MaxStoredBytes)
	}
	if _, ok := f.Media(ids[len(ids)-1]); !ok {
		t.Fatal("the newest is gone")
	}
}

func TestMediaFaultsInjectable(t *testing.T) {
	f := newMediaFake(t)
	body, _ := json.Marshal(wechatfake.FaultRequest{Path: wechat.PathMedia, Fault: wechatfake.Fault{Errcode: 48001, Times: 1}})
	resp, err := http.Post(f.URL+wechatfake.FaultPath, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("fault on media/get: HTTP %d", resp.StatusCode)
	}
	_, _, err = (&wechat.Client{BaseURL: f.URL}).Media(context.Background(), "t", "M1")
	var apiErr *wechat.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != 48001 {
		t.Fatalf("Media = %v, want 48001", err)
	}
}

// Aged past MediaTTL through the control endpoint, an upload is 40007,
// while the fake's tokens stay good; a bad age changes nothing.
func TestAgeMedia(t *testing.T) {
	f := newMediaFake(t)
	_, id := upload(t, f, wechatfake.MediaImage, "image/png", []byte("\x89PNG"))
	c := &wechat.Client{BaseURL: f.URL, AppID: "wxapp", Secret: "s"}
	ctx := context.Background()
	tok, err := c.AccessToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	age := func(body string) int {
		t.Helper()
		resp, err := http.Post(f.URL+wechatfake.MediaAgePath, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Errcode int `json:"errcode"`
		}
		json.NewDecoder(resp.Body).Decode(&out)
		return out.Errcode
	}
	for _, bad := range []string{`{"seconds": -1}`, `{"seconds": "x"}`, `not json`, `{"seconds": 99999999999}`} {
		if code := age(bad); code == 0 {
			t.Errorf("age %s accepted", bad)
		}
	}
	if code := age(`{"seconds": 259000}`); code != 0 { // just under 3 days
		t.Fatalf("age: errcode %d", code)
	}
	body, _, err := c.Media(ctx, tok.Value, id)
	if err != nil {
		t.Fatalf("under 3 days old: %v", err)
	}
	body.Close()
	if code := age(`{"seconds": 200}`); code != 0 {
		t.Fatalf("age: errcode %d", code)
	}
	if _, _, err := c.Media(ctx, tok.Value, id); !errors.Is(err, wechat.ErrMediaNotFound) {
		t.Fatalf("over 3 days old: %v, want ErrMediaNotFound", err)
	}
}
