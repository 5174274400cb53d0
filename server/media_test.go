package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/internal/servertest"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wire"
)

// memorySink keeps what a sink was given, per media_id.
type memorySink struct {
	mu   sync.Mutex
	got  map[string][]byte
	info map[string]server.MediaInfo
}

func newMemorySink() *memorySink {
	return &memorySink{got: map[string][]byte{}, info: map[string]server.MediaInfo{}}
}

func (m *memorySink) sink(_ context.Context, info server.MediaInfo, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.got[info.MediaID], m.info[info.MediaID] = data, info
	return nil
}

func (m *memorySink) has(id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.got[id]
	return ok
}

func allowMedia(sink server.MediaSink) func(*http.Request, server.MediaRequest) (server.MediaSink, error) {
	return func(*http.Request, server.MediaRequest) (server.MediaSink, error) { return sink, nil }
}

func mediaCalls(f *wechatfake.Server) int {
	c := f.Calls()
	return c[wechat.PathMedia] + c[wechat.PathMediaJSSDK]
}

// TestMediaNeedsAnAuthorizer: without Authorize.Media nobody has the
// server fetch a media.
func TestMediaNeedsAnAuthorizer(t *testing.T) {
	h := newHarness(t)
	srv := h.start(t, nil)
	id := h.Fake.PutMedia(wechatfake.MediaImage, "image/png", []byte("png"))
	if a := do(t, nil, "POST", srv.URL+server.MediaPath, `{"media_id":"`+id+`"}`); a.status != 404 || a.code() != wire.CodeNotFound {
		t.Fatalf("POST /wx/media without an authoriser: %d %v", a.status, a.body)
	}
	if n := mediaCalls(h.Fake); n != 0 {
		t.Fatalf("%d media downloads", n)
	}
	if _, err := server.New(server.Options{AppID: appID, Domains: mustDomains(t, "example.com"), Tickets: fixedTickets{},
		Authorize: server.Authorizers{Media: allowMedia(newMemorySink().sink)}}); err == nil {
		t.Fatal("New accepts a media authoriser without a media source")
	}
}

// TestMediaHostileRequests: whatever a caller sends that is not a media_id
// gets a JSON error, reaches neither the authoriser nor WeChat.
func TestMediaHostileRequests(t *testing.T) {
	h := newHarness(t)
	asked := 0
	srv := h.start(t, func(o *server.Options, _ *wechat.Client) {
		o.Authorize.Media = func(*http.Request, server.MediaRequest) (server.MediaSink, error) {
			asked++
			return newMemorySink().sink, nil
		}
	})
	for _, c := range []struct{ body, ct, code string }{
		{`{"media_id":""}`, "", wire.CodeBadRequest},
		{`{"media_id":"../../etc/passwd"}`, "", wire.CodeBadRequest},
		{`{"media_id":"a/b"}`, "", wire.CodeBadRequest},
		{`{"media_id":"a&access_token=x"}`, "", wire.CodeBadRequest},
		{`{"media_id":"` + strings.Repeat("a", 129) + `"}`, "", wire.CodeBadRequest},
		{`{"media_id":"媒体"}`, "", wire.CodeBadRequest},
		{`{"media_id":"a\u0000"}`, "", wire.CodeBadRequest},
		{`{"media_id":"ok","MEDIA_ID":"../x"}`, "", wire.CodeBadRequest},
		{`{"media_id":"ok","path":"/tmp"}`, "", wire.CodeBadRequest},
		{`{"media_id":1}`, "", wire.CodeBadRequest},
		{`["ok"]`, "", wire.CodeBadRequest},
		{`{"media_id":"ok"}`, "text/plain", wire.CodeUnsupportedMediaType},
		{`{"media_id":"` + strings.Repeat("a", server.MaxBodyBytes) + `"}`, "", wire.CodeRequestTooLarge},
	} {
		header := []string{}
		if c.ct != "" {
			header = []string{"Content-Type", c.ct}
		}
		a := do(t, nil, "POST", srv.URL+server.MediaPath, c.body, header...)
		if a.code() != c.code || a.status < 400 || a.status >= 500 {
			t.Errorf("%.60s: %d %v, want %s", c.body, a.status, a.body, c.code)
		}
	}
	if a := do(t, nil, "GET", srv.URL+server.MediaPath+"?media_id=x", ""); a.status != 405 || a.code() != wire.CodeMethodNotAllowed {
		t.Errorf("GET /wx/media: %d %v", a.status, a.body)
	}
	if asked != 0 || mediaCalls(h.Fake) != 0 {
		t.Fatalf("hostile requests reached the authoriser %d times, WeChat %d", asked, mediaCalls(h.Fake))
	}
}

// TestMediaAuthorizerDecides: a refusal is 403, an unknown caller 401,
// and neither downloads anything.
func TestMediaAuthorizerDecides(t *testing.T) {
	h := newHarness(t)
	mine := h.Fake.PutMedia(wechatfake.MediaImage, "image/png", []byte("mine"))
	theirs := h.Fake.PutMedia(wechatfake.MediaImage, "image/png", []byte("theirs"))
	sink := newMemorySink()
	srv := h.start(t, func(o *server.Options, _ *wechat.Client) {
		o.Authorize.Media = func(r *http.Request, req server.MediaRequest) (server.MediaSink, error) {
			switch {
			case r.Header.Get("X-Session") == "":
				return nil, server.ErrUnauthorized
			case req.MediaID != mine:
				return nil, errors.New("not your upload")
			}
			return sink.sink, nil
		}
	})
	if a := do(t, nil, "POST", srv.URL+server.MediaPath, `{"media_id":"`+mine+`"}`); a.status != 401 || a.code() != wire.CodeUnauthorized {
		t.Errorf("no session: %d %v", a.status, a.body)
	}
	if a := do(t, nil, "POST", srv.URL+server.MediaPath, `{"media_id":"`+theirs+`"}`, "X-Session", "s1"); a.status != 403 || a.code() != wire.CodeForbidden {
		t.Errorf("another's media: %d %v", a.status, a.body)
	}
	if n := mediaCalls(h.Fake); n != 0 || sink.has(theirs) {
		t.Fatalf("refusals downloaded %d times", n)
	}
	if a := do(t, nil, "POST", srv.URL+server.MediaPath, `{"media_id":"`+mine+`"}`, "X-Session", "s1"); a.status != 200 || string(sink.got[mine]) != "mine" {
		t.Fatalf("own media: %d %v, sink %q", a.status, a.body, sink.got[mine])
	}
}

func TestMediaRoundTrip(t *testing.T) {
	h := newHarness(t)
	sink := newMemorySink()
	srv := h.start(t, func(o *server.Options, _ *wechat.Client) { o.Authorize.Media = allowMedia(sink.sink) })
	png := bytes.Repeat([]byte("\x89PNG-bytes"), 10_000)
	img := h.Fake.PutMedia(wechatfake.MediaImage, "image/png", png)
	a := do(t, nil, "POST", srv.URL+server.MediaPath, `{"media_id":"`+img+`"}`)
	if a.status != 200 || a.body["content_type"] != "image/png" || a.body["size"] != float64(len(png)) || a.body["filename"] != img+".png" {
		t.Fatalf("image: %d %v", a.status, a.body)
	}
	if !bytes.Equal(sink.got[img], png) {
		t.Fatalf("the sink got %d bytes, not the %d uploaded", len(sink.got[img]), len(png))
	}
	voice := h.Fake.PutMedia(wechatfake.MediaVoice, "audio/amr", []byte("#!AMR\nframes"))
	a = do(t, nil, "POST", srv.URL+server.MediaPath, `{"media_id":"`+voice+`","hd":true}`)
	if a.status != 200 || a.body["content_type"] != "voice/speex" || a.body["hd"] != true || string(sink.got[voice]) != wechatfake.SpeexMagic+"#!AMR\nframes" {
		t.Fatalf("HD voice: %d %v, sink %q", a.status, a.body, sink.got[voice])
	}
}

// TestMediaUpstreamErrors: WeChat's errcodes become stable codes, with
// hints; a rejected token is renewed once, unseen by the caller.
func TestMediaUpstreamErrors(t *testing.T) {
	h := newHarness(t)
	sink := newMemorySink()
	srv := h.start(t, func(o *server.Options, _ *wechat.Client) { o.Authorize.Media = allowMedia(sink.sink) })
	id := h.Fake.PutMedia(wechatfake.MediaImage, "image/jpeg", []byte("jpeg"))
	post := func(body string) answer { return do(t, nil, "POST", srv.URL+server.MediaPath, body) }

	var e *server.Error
	if _, err := srv.api.FetchMedia(context.Background(), server.MediaRequest{MediaID: "no-such-media"}, sink.sink); !errors.As(err, &e) || e.Code != wire.CodeMediaNotFound || e.Hint() == "" || !errors.Is(err, wechat.ErrMediaNotFound) {
		t.Errorf("FetchMedia of an unknown media: %v", err)
	}
	if a := post(`{"media_id":"no-such-media"}`); a.status != 404 || a.code() != wire.CodeMediaNotFound || a.body["hint"] == nil {
		t.Errorf("unknown media: %d %v", a.status, a.body)
	}
	if a := post(`{"media_id":"` + id + `","hd":true}`); a.status != 404 || a.code() != wire.CodeMediaNotFound {
		t.Errorf("HD of an image: %d %v", a.status, a.body)
	}
	h.Fake.Inject(wechat.PathMedia, wechatfake.Fault{Errcode: 48001, Times: 1})
	if a := post(`{"media_id":"` + id + `"}`); a.status != 502 || a.code() != wire.CodeUpstreamRefused || a.body["hint"] == nil {
		t.Errorf("48001: %d %v", a.status, a.body)
	}
	h.Fake.Inject(wechat.PathMedia, wechatfake.Fault{Errcode: -1, Times: 1})
	if a := post(`{"media_id":"` + id + `"}`); a.status != 503 || a.code() != wire.CodeUpstreamUnavailable {
		t.Errorf("busy: %d %v", a.status, a.body)
	}
	h.Fake.Inject(wechat.PathMedia, wechatfake.Fault{Status: 502, Times: 1})
	if a := post(`{"media_id":"` + id + `"}`); a.status != 503 || a.code() != wire.CodeUpstreamUnavailable {
		t.Errorf("HTML 502: %d %v", a.status, a.body)
	}
	tokens := h.Fake.Calls()[wechat.PathToken]
	h.Fake.Inject(wechat.PathMedia, wechatfake.Fault{Errcode: 40001, Times: 1})
	if a := post(`{"media_id":"` + id + `"}`); a.status != 200 || string(sink.got[id]) != "jpeg" {
		t.Errorf("40001 once: %d %v", a.status, a.body)
	}
	if n := h.Fake.Calls()[wechat.PathToken]; n != tokens+1 {
		t.Errorf("40001 once: %d token fetches, want 1", n-tokens)
	}
	for _, tok := range h.Fake.Tokens() {
		if strings.Contains(h.Log.String(), tok) {
			t.Fatal("an access_token is in the log")
		}
	}
	// WeChat keeps a media 3 days.
	h.Clock.Add(wechatfake.MediaTTL)
	if a := post(`{"media_id":"` + id + `"}`); a.status != 404 || a.code() != wire.CodeMediaNotFound {
		t.Errorf("after 3 days: %d %v", a.status, a.body)
	}
}

// TestMediaBounded: a media over the server's limit is refused, even by
// a sink that ignores read errors; a sink's failure is a 500 that tells
// nothing of it.
func TestMediaBounded(t *testing.T) {
	h := newHarness(t)
	var kept int
	srv := h.start(t, func(o *server.Options, _ *wechat.Client) {
		o.MaxMediaBytes = 1000
		o.Authorize.Media = func(_ *http.Request, req server.MediaRequest) (server.MediaSink, error) {
			if req.MediaID == "failing" {
				return nil, errors.New("unused")
			}
			return func(_ context.Context, _ server.MediaInfo, r io.Reader) error {
				n, _ := io.Copy(io.Discard, r) // careless: the error is dropped
				kept = int(n)
				return nil
			}, nil
		}
	})
	small := h.Fake.PutMedia(wechatfake.MediaImage, "image/png", make([]byte, 1000))
	big := h.Fake.PutMedia(wechatfake.MediaImage, "image/png", make([]byte, 1001))
	if a := do(t, nil, "POST", srv.URL+server.MediaPath, `{"media_id":"`+small+`"}`); a.status != 200 || kept != 1000 {
		t.Errorf("at the limit: %d %v, %d bytes", a.status, a.body, kept)
	}
	if a := do(t, nil, "POST", srv.URL+server.MediaPath, `{"media_id":"`+big+`"}`); a.status != 502 || a.code() != wire.CodeMediaTooLarge {
		t.Errorf("over the limit: %d %v", a.status, a.body)
	}

	failing := h.start(t, func(o *server.Options, _ *wechat.Client) {
		o.Authorize.Media = allowMedia(func(context.Context, server.MediaInfo, io.Reader) error {
			return errors.New("disk full at /secret/path")
		})
	})
	a := do(t, nil, "POST", failing.URL+server.MediaPath, `{"media_id":"`+small+`"}`)
	if a.status != 500 || a.code() != wire.CodeInternal || strings.Contains(a.raw, "/secret/path") {
		t.Errorf("failing sink: %d %s", a.status, a.raw)
	}
}

// TestFetchMediaStreams: the sink reads the media while WeChat is still
// sending it: the server holds no more of it than a read's buffer.
func TestFetchMediaStreams(t *testing.T) {
	sent := make(chan struct{})
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == wechat.PathToken {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"access_token":"t0123456789","expires_in":7200}`))
			return
		}
		w.Header().Set("Content-Type", "audio/amr")
		w.Write([]byte("#!AMR\n"))
		w.(http.Flusher).Flush()
		select { // the rest only once the sink has had the start
		case <-sent:
		case <-r.Context().Done():
			return
		}
		w.Write(bytes.Repeat([]byte{0}, 1<<20))
	}))
	defer upstream.Close()
	client := &wechat.Client{BaseURL: upstream.URL, AppID: appID, Secret: secret}
	api, err := server.New(server.Options{AppID: appID, Domains: mustDomains(t, "example.com"), Tickets: fixedTickets{},
		Media: credential.NewAccount(client, &store.Memory{}, credential.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := api.FetchMedia(ctx, server.MediaRequest{MediaID: "V1"}, func(_ context.Context, info server.MediaInfo, r io.Reader) error {
		start := make([]byte, 6)
		if _, err := io.ReadFull(r, start); err != nil || string(start) != "#!AMR\n" {
			return errors.New("no start")
		}
		close(sent)
		_, err := io.Copy(io.Discard, r)
		return err
	})
	if err != nil || resp.Size != 6+1<<20 || resp.ContentType != "audio/amr" {
		t.Fatalf("FetchMedia = %+v, %v", resp, err)
	}
}

func TestDirSink(t *testing.T) {
	if _, err := server.DirSink(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("DirSink accepts a missing directory")
	}
	dir := t.TempDir()
	sink, err := server.DirSink(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := sink(ctx, server.MediaInfo{MediaID: "M1", ContentType: "image/jpeg"}, strings.NewReader("jpeg")); err != nil {
		t.Fatal(err)
	}
	if err := sink(ctx, server.MediaInfo{MediaID: "V1", ContentType: "voice/speex", HD: true}, strings.NewReader("spx")); err != nil {
		t.Fatal(err)
	}
	if err := sink(ctx, server.MediaInfo{MediaID: "../escape", ContentType: "image/jpeg"}, strings.NewReader("x")); err == nil {
		t.Fatal("DirSink writes a media_id with a path in it")
	}
	broken := io.MultiReader(strings.NewReader("half"), iotestErr{})
	if err := sink(ctx, server.MediaInfo{MediaID: "M2", ContentType: "image/png"}, broken); err == nil {
		t.Fatal("DirSink hides a failing stream")
	}
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if p != dir {
			names = append(names, d.Name())
		}
		return nil
	})
	if strings.Join(names, " ") != "M1.jpg V1.hd.speex" {
		t.Fatalf("files %v, want M1.jpg V1.hd.speex (no half file, no temporary one)", names)
	}
	fi, _ := os.Stat(filepath.Join(dir, "M1.jpg"))
	data, _ := os.ReadFile(filepath.Join(dir, "M1.jpg"))
	if fi.Mode().Perm() != 0o600 || string(data) != "jpeg" {
		t.Fatalf("M1.jpg: %v %q", fi.Mode(), data)
	}
}

type iotestErr struct{}

func (iotestErr) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

// TestMediaDirFromEnv: the binary serves POST /wx/media to its operator's
// token, into WX_MEDIA_DIR, and refuses a WX_MEDIA_DIR it cannot use. It
// needs no merchant key: without one, POST /wx/pay/params is not served.
func TestMediaDirFromEnv(t *testing.T) {
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	const token = "0123456789abcdef0123456789abcdef"
	dir := t.TempDir()
	env := map[string]string{"WX_APPID": appID, "WX_SECRET": secret, "WX_DOMAINS": "example.com", "WX_API_BASE": fake.URL,
		"WX_ADDR": "127.0.0.1:0", "WX_STATE_DIR": t.TempDir(), "WX_WEB_DIR": t.TempDir(), "WX_SIGNER_TOKEN": token, "WX_MEDIA_DIR": dir}
	config := func(extra map[string]string) (server.Config, error) {
		return server.ConfigFromEnv(func(k string) string {
			if v, ok := extra[k]; ok {
				return v
			}
			return env[k]
		})
	}
	for _, bad := range []map[string]string{{"WX_SIGNER_TOKEN": ""}, {"WX_MEDIA_DIR": filepath.Join(dir, "missing")}} {
		if _, err := config(bad); err == nil {
			t.Errorf("ConfigFromEnv accepts %v", bad)
		}
	}
	cfg, err := config(nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := run(t, cfg, &servertest.Buffer{}, nil)
	url := strings.TrimSuffix(srv.url, "/") + server.MediaPath
	id := fake.PutMedia(wechatfake.MediaImage, "image/jpeg", []byte("the picture"))
	if a := do(t, nil, "POST", url, `{"media_id":"`+id+`"}`); a.status != 401 || a.code() != wire.CodeUnauthorized {
		t.Errorf("without the token: %d %v", a.status, a.body)
	}
	if a := do(t, nil, "POST", url, `{"media_id":"`+id+`"}`, "Authorization", "Bearer "+token); a.status != 200 {
		t.Fatalf("with the token: %d %v", a.status, a.body)
	}
	if data, err := os.ReadFile(filepath.Join(dir, id+".jpg")); err != nil || string(data) != "the picture" {
		t.Fatalf("%s.jpg: %q, %v", id, data, err)
	}
	pay := strings.TrimSuffix(srv.url, "/") + server.PayPath
	if a := do(t, nil, "POST", pay, `{"prepay_id":"p1"}`, "Authorization", "Bearer "+token); a.status != 404 {
		t.Errorf("POST /wx/pay/params without a merchant key: %d %v", a.status, a.body)
	}
}

// TestDemoMedia: in demo mode what the page uploads to the fake WeChat
// (the fake client's upload) is fetched by the server and served back,
// byte for byte.
func TestDemoMedia(t *testing.T) {
	h, err := server.NewHandler(t.Context(), server.Config{}, server.HandlerOptions{PublicURL: "http://localhost:8000/", Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	srv := httptest.NewServer(h)
	defer srv.Close()
	png := bytes.Repeat([]byte("\x89PNG demo"), 300)
	resp, err := http.Post(srv.URL+server.FakeWeChatPath+wechatfake.UploadPath+"?type=image", "image/png", bytes.NewReader(png))
	if err != nil {
		t.Fatal(err)
	}
	var up struct {
		MediaID string `json:"media_id"`
	}
	err = json.NewDecoder(resp.Body).Decode(&up)
	resp.Body.Close()
	if err != nil || up.MediaID == "" {
		t.Fatalf("upload: %v", err)
	}
	if a := do(t, nil, "GET", srv.URL+wire.DemoMediaPath+up.MediaID, ""); a.status != 404 || a.code() != wire.CodeNotFound {
		t.Fatalf("a copy before the fetch: %d %v", a.status, a.body)
	}
	if a := do(t, nil, "POST", srv.URL+wire.MediaPath, `{"media_id":"`+up.MediaID+`"}`); a.status != 200 || a.body["size"] != float64(len(png)) {
		t.Fatalf("fetch: %d %v", a.status, a.body)
	}
	got, err := http.Get(srv.URL + wire.DemoMediaPath + up.MediaID)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Body.Close()
	data, _ := io.ReadAll(got.Body)
	if got.StatusCode != 200 || got.Header.Get("Content-Type") != "image/png" || got.Header.Get("X-Content-Type-Options") != "nosniff" || !bytes.Equal(data, png) {
		t.Fatalf("the copy: %d %v, %d bytes", got.StatusCode, got.Header, len(data))
	}
	if a := do(t, nil, "POST", srv.URL+wire.MediaPath, `{"media_id":"expired-or-unknown"}`); a.status != 404 || a.code() != wire.CodeMediaNotFound {
		t.Fatalf("unknown media: %d %v", a.status, a.body)
	}
	for _, p := range []string{"../config", "a%2Fb", "x.hd.hd"} {
		if a := do(t, nil, "GET", srv.URL+wire.DemoMediaPath+p, ""); a.status != 404 {
			t.Errorf("GET demo/media/%s: %d %v", p, a.status, a.body)
		}
	}
}

// TestFetchMediaMemory: streaming a media of 8 MiB into a sink allocates
// a small part of it: the server never holds the file whole.
func TestFetchMediaMemory(t *testing.T) {
	const size = 8 << 20
	chunk := make([]byte, 64<<10)
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == wechat.PathToken {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"access_token":"t0123456789","expires_in":7200}`))
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		w.Header().Set("Content-Length", strconv.Itoa(size))
		for range size / len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer upstream.Close()
	client := &wechat.Client{BaseURL: upstream.URL, AppID: appID, Secret: secret}
	acct := credential.NewAccount(client, &store.Memory{}, credential.Options{})
	api, err := server.New(server.Options{AppID: appID, Domains: mustDomains(t, "example.com"), Tickets: fixedTickets{}, Media: acct})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := acct.Token.Credential(ctx); err != nil { // the token's fetch is not the media's
		t.Fatal(err)
	}
	discard := func(_ context.Context, _ server.MediaInfo, r io.Reader) error {
		_, err := io.Copy(io.Discard, r)
		return err
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	resp, err := api.FetchMedia(ctx, server.MediaRequest{MediaID: "M1"}, discard)
	runtime.ReadMemStats(&after)
	if err != nil || resp.Size != size {
		t.Fatalf("FetchMedia = %+v, %v", resp, err)
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("streamed %d bytes; %d bytes allocated meanwhile (client and upstream together)", resp.Size, allocated)
	if allocated > size/8 {
		t.Fatalf("%d bytes allocated to stream %d: the media is being buffered", allocated, size)
	}
}
