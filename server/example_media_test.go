package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

func ExampleServer_FetchMedia() {
	fake, _ := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "secret", Domains: []string{"example.com"}})
	defer fake.Close()
	// What a page's wx.uploadImage sent WeChat; its serverId is the media_id.
	mediaID := fake.PutMedia(wechatfake.MediaImage, "image/jpeg", []byte("a photo"))

	client := &wechat.Client{BaseURL: fake.URL, AppID: "wxapp", Secret: "secret"}
	acct := credential.NewAccount(client, &store.Memory{}, credential.Options{})
	domains, _ := sign.ParseDomains([]string{"example.com"})
	api, err := server.New(server.Options{AppID: "wxapp", Domains: domains, Tickets: acct, Media: acct})
	if err != nil {
		panic(err)
	}
	// In the back end's handler that learns of the upload: the file goes
	// to a directory of its own as it streams from WeChat.
	dir, _ := os.MkdirTemp("", "uploads")
	defer os.RemoveAll(dir)
	sink, _ := server.DirSink(dir)
	got, err := api.FetchMedia(context.Background(), server.MediaRequest{MediaID: mediaID}, sink)
	if err != nil {
		panic(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, mediaID+".jpg"))
	fmt.Println(got.ContentType, got.Size, string(data))
	// Output: image/jpeg 7 a photo
}

func ExampleAuthorizers_media() {
	fake, _ := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "secret", Domains: []string{"example.com"}})
	defer fake.Close()
	mediaID := fake.PutMedia(wechatfake.MediaVoice, "audio/amr", []byte("#!AMR\n"))
	client := &wechat.Client{BaseURL: fake.URL, AppID: "wxapp", Secret: "secret"}
	acct := credential.NewAccount(client, &store.Memory{}, credential.Options{})
	domains, _ := sign.ParseDomains([]string{"example.com"})

	// POST /wx/media for signed-in users only, into the team's own storage.
	var mu sync.Mutex
	uploads := map[string]int{}
	api, err := server.New(server.Options{AppID: "wxapp", Domains: domains, Tickets: acct, Media: acct,
		Authorize: server.Authorizers{
			Media: func(r *http.Request, req server.MediaRequest) (server.MediaSink, error) {
				user := r.Header.Get("X-User") // the team's session, in truth
				if user == "" {
					return nil, server.ErrUnauthorized
				}
				return func(_ context.Context, info server.MediaInfo, body io.Reader) error {
					n, err := io.Copy(io.Discard, body) // to the team's object store
					mu.Lock()
					uploads[user+"/"+info.MediaID] = int(n)
					mu.Unlock()
					return err
				}, nil
			},
		}})
	if err != nil {
		panic(err)
	}
	srv := httptest.NewServer(api)
	defer srv.Close()
	for _, user := range []string{"", "alice"} {
		req, _ := http.NewRequest("POST", srv.URL+server.MediaPath, strings.NewReader(`{"media_id":"`+mediaID+`"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-User", user)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Printf("%q: %d\n", user, resp.StatusCode)
	}
	fmt.Println(uploads["alice/"+mediaID], "bytes kept")
	// Output:
	// "": 401
	// "alice": 200
	// 6 bytes kept
}
