package server_test

import (
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

// BenchmarkSiteConfig measures GET /wx/config through the whole real-mode
// site (routing, metrics, CORS, signing), without the network.
func BenchmarkSiteConfig(b *testing.B) {
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}})
	if err != nil {
		b.Fatal(err)
	}
	defer fake.Close()
	site, err := server.NewSite(b.Context(), server.Config{AppID: appID, Secret: secret, Domains: []string{"example.com"}, APIBase: fake.URL,
		StateDir: filepath.Join(b.TempDir(), "state"), FetchTimeout: 5 * time.Second}, "", slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	defer site.Close()
	req := httptest.NewRequest("GET", configURL("", "https://m.example.com/shop?id=7&from=timeline"), nil)
	site.ServeHTTP(httptest.NewRecorder(), req)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		site.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
