//go:build e2e

package e2e

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wx"
	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

// fetchedCopy is what the page's #uploadImage-fetched image holds, as the
// browser fetches it again: its type and bytes.
type fetchedCopy struct {
	Type   string `json:"type"`
	Base64 string `json:"b64"`
	Width  int    `json:"width"`
}

const readCopyJS = `(async () => {
	const img = document.querySelector("#uploadImage-fetched img");
	if (!img || !img.complete || img.naturalWidth === 0) return null;
	const r = await fetch(img.src);
	const b = new Uint8Array(await r.arrayBuffer());
	let s = "";
	for (const x of b) s += String.fromCharCode(x);
	return {type: r.headers.get("Content-Type"), b64: btoa(s), width: img.naturalWidth};
})()`

// TestMediaRoundTrip: the picture chooseImage gave, uploaded with
// uploadImage to the fake WeChat, fetched by the server from
// /cgi-bin/media/get with its access_token, and shown by the page, is the
// same picture byte for byte.
func TestMediaRoundTrip(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL)
	goTo(t, ctx, "image")
	if _, errText, _ := runControl(t, ctx, "chooseImage"); errText != "" {
		t.Fatalf("chooseImage: %s", errText)
	}
	// The field stands for the last image chosen, as the page shows.
	ids, _ := lastCall(within(t, ctx, wxfakecdp.Calls()), "chooseImage").Result["localIds"].([]any)
	if len(ids) == 0 {
		t.Fatal("chooseImage gave no localId")
	}
	localID, _ := ids[len(ids)-1].(string)
	result, errText, _ := runControl(t, ctx, "uploadImage")
	if errText != "" || !strings.Contains(result, "ServerID") {
		t.Fatalf("uploadImage: %q %q", result, errText)
	}
	waitText(t, ctx, "uploadImage-fetched", "from WeChat")
	got := within(t, ctx, chromedp.Poll[*fetchedCopy](readCopyJS, chromedp.WithPollingTimeout(30*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	copied, err := base64.StdEncoding.DecodeString(got.Base64)
	if err != nil {
		t.Fatal(err)
	}
	chosen := within(t, ctx, chromedp.Evaluate[string](`wxfake.image(`+strconv.Quote(localID)+`)`))
	picture, err := base64.StdEncoding.DecodeString(chosen[strings.Index(chosen, ",")+1:])
	if err != nil || len(picture) == 0 {
		t.Fatalf("the chosen picture %.40q: %v", chosen, err)
	}
	if !bytes.Equal(copied, picture) || got.Type != "image/png" || got.Width != 96 {
		t.Fatalf("the server's copy: %d bytes of %s, %d px wide; the chosen picture: %d bytes", len(copied), got.Type, got.Width, len(picture))
	}
	up := lastCall(within(t, ctx, wxfakecdp.Calls()), "uploadImage")
	if up.Args["localId"] != localID || up.ErrMsg != "uploadImage:ok" {
		t.Fatalf("uploadImage call %+v", up)
	}
	t.Logf("round trip of %d bytes, identical", len(copied))

	// Three days on, WeChat no longer has it: the fake ages its uploads,
	// and the server's fetch of the same serverId is 40007, media_not_found.
	serverID, _ := up.Result["serverId"].(string)
	resp, err := http.Post(srv.URL+"wx/wechatfake"+wechatfake.MediaAgePath, "application/json", strings.NewReader(`{"seconds": 259201}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	again := within(t, ctx, chromedp.Evaluate[map[string]any](`fetch("/wx/media", {method: "POST", headers: {"Content-Type": "application/json"},
		body: JSON.stringify({media_id: `+strconv.Quote(serverID)+`})}).then(async r => ({status: r.status, body: await r.json()}))`, chromedp.EvalAwaitPromise))
	body, _ := again["body"].(map[string]any)
	if again["status"] != float64(404) || body["error"] != "media_not_found" || !strings.Contains(fmt.Sprint(body["message"]), "40007") {
		t.Fatalf("the same serverId 3 days later: %v", again)
	}
}

// TestMediaExpired: a serverId WeChat no longer knows (what an upload is
// after its 3 days) is WeChat's errcode 40007, which the page shows as
// the server's media_not_found, with the hint.
func TestMediaExpired(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL)
	goTo(t, ctx, "image")
	do(t, ctx, wxfakecdp.Respond(wx.APIUploadImage, wxfakecdp.Outcome{Result: wxfakecdp.OK, Once: true,
		Data: map[string]any{"serverId": "expired-media-id-0123456789"}}))
	setField(t, ctx, "uploadImage-localId", "weixin://resourceid/1")
	if _, errText, _ := runControl(t, ctx, "uploadImage"); errText != "" {
		t.Fatalf("uploadImage: %s", errText)
	}
	text := waitText(t, ctx, "uploadImage-fetched", "media_not_found")
	if !strings.Contains(text, "40007") {
		t.Fatalf("#uploadImage-fetched = %q; want WeChat's errcode named", text)
	}
	if n := within(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#uploadImage-fetched img").length`)); n != 0 {
		t.Fatalf("%d images shown for a media WeChat does not have", n)
	}
}
