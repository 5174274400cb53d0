//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

// TestScreenshots saves a picture of every page, after a call, with the
// fake's panel showing, in $GOWX_ARTIFACTS (default ../artifacts/screenshots):
// artifacts to look at, not committed.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("GOWX_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "artifacts", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t)
	ctx := open(t, srv.URL)
	do(t, ctx, chromedp.EmulateViewport(900, 1400), wxfakecdp.Panel(true))
	shoot := func(name string) {
		png := within(t, ctx, chromedp.FullScreenshot(100))
		if len(png) == 0 {
			t.Fatalf("empty screenshot of %s", name)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shoot("home")
	// The first control of each page is run, so that the picture shows a result.
	first := map[string]string{
		"share": "updateAppMessageShareData", "image": "chooseImage", "voice": "startRecord", "smart": "",
		"device": "getNetworkType", "location": "getLocation", "beacons": "startSearchBeacons", "menu": "hideOptionMenu",
		"scan": "scanQRCode", "card": "chooseCard", "pay": "chooseWXPay", "address": "openAddress", "miniprogram": "miniProgram-getEnv",
		"enterprise": "openEnterpriseChat",
	}
	for _, g := range groupCases {
		goTo(t, ctx, g.group)
		if id := first[g.group]; id != "" {
			runControl(t, ctx, id)
		}
		shoot(g.group)
	}
	t.Logf("screenshots in %s", dir)
}
