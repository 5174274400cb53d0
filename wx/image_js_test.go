//go:build js && wasm

package wx

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
)

// Helpers of the media groups' browser tests.

// loggedArgs returns the arguments of the fake's last call named name (a
// public name, or a share call's name), as they reached the client.
func loggedArgs(t *testing.T, name string) map[string]any {
	t.Helper()
	calls := fakeCalls(t)
	for i := len(calls) - 1; i >= 0; i-- {
		if calls[i]["api"] == name && calls[i]["listener"] != true {
			args, _ := calls[i]["args"].(map[string]any)
			return args
		}
	}
	t.Fatalf("the fake logged no call of %s", name)
	return nil
}

func checkArgs(t *testing.T, name string, want map[string]any) {
	t.Helper()
	if got := loggedArgs(t, name); !reflect.DeepEqual(got, want) {
		t.Fatalf("%s reached the client with %v, want %v", name, got, want)
	}
}

// outcomeCase is a call of one interface, for checkOutcomes.
type outcomeCase struct {
	api  API
	call func(ctx context.Context) error
}

// checkOutcomes scripts a cancel, then a failure, of each call: the first
// must fail with ErrCancel, the second with ErrFailed and the message.
func checkOutcomes(t *testing.T, cases []outcomeCase) {
	t.Helper()
	// The calls' own deadline settles them if the fake never answers.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, c := range cases {
		respond(t, c.api, `{"result":"cancel","once":true}`)
		if err := c.call(ctx); !errors.Is(err, ErrCancel) {
			t.Errorf("%s, scripted cancel: %v", c.api, err)
		}
		respond(t, c.api, `{"result":"fail","message":"scripted_failure","once":true}`)
		var we *Error
		err := c.call(ctx)
		if !errors.As(err, &we) || !errors.Is(err, ErrFailed) || we.API != c.api || we.Msg != string(c.api)+":scripted failure" {
			t.Errorf("%s, scripted failure: %#v", c.api, err)
		}
	}
}

// awaitOK awaits f, failing the test on an error.
func awaitOK[T any](t *testing.T, f *Future[T]) T {
	t.Helper()
	v, err := await(t, f)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// awaitStatus awaits f, which must fail with the client's status.
func awaitStatus[T any](t *testing.T, f *Future[T], status string) {
	t.Helper()
	_, err := await(t, f)
	var we *Error
	if !errors.As(err, &we) || we.Status != status {
		t.Fatalf("err = %#v, want the status %q", err, status)
	}
}

// checkStopped stops sub, then fires its listener's event: the client
// still has a handler (Stop registers a no-op, since none can be removed),
// and sub receives nothing.
func checkStopped[E any](t *testing.T, api API, sub *Subscription[E], payload string) {
	t.Helper()
	sub.Stop()
	if !fire(t, api, payload) {
		t.Fatal("Stop left no handler: it must register a no-op")
	}
	if e, ok := <-sub.Events(); ok {
		t.Fatalf("a stopped subscription received %+v", e)
	}
}

// fakeImage returns the data URL of an image the fake handed out.
func fakeImage(t *testing.T, localID string) string {
	t.Helper()
	ctl, _ := safejs.Global().Get("wxfake")
	v, err := ctl.Call("image", localID)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := v.String()
	if s == "" {
		t.Fatalf("the fake has no image %s", localID)
	}
	return s
}

// chooseOne has the fake choose one image and returns its localId.
func chooseOne(t *testing.T) string {
	t.Helper()
	img := awaitOK(t, sdk.ChooseImage(context.Background(), ChooseImageOptions{Count: 1}))
	if len(img.LocalIDs) != 1 {
		t.Fatalf("chose %v", img.LocalIDs)
	}
	return img.LocalIDs[0]
}

func TestPreviewImageInBrowser(t *testing.T) {
	resetFake(t)
	ctx := context.Background()
	o := PreviewImageOptions{Current: "https://example.com/2.jpg", URLs: []string{"https://example.com/1.jpg", "https://example.com/2.jpg"}}
	awaitOK(t, sdk.PreviewImage(ctx, o))
	checkArgs(t, "previewImage", map[string]any{"current": o.Current, "urls": []any{o.URLs[0], o.URLs[1]}})
}

func TestUploadDownloadImageInBrowser(t *testing.T) {
	resetFake(t)
	ctx := context.Background()
	id := chooseOne(t)
	up := awaitOK(t, sdk.UploadImage(ctx, UploadOptions{LocalID: id}))
	if up.ServerID == "" {
		t.Fatal("no serverId")
	}
	checkArgs(t, "uploadImage", map[string]any{"localId": id, "isShowProgressTips": 1.0})

	down := awaitOK(t, sdk.DownloadImage(ctx, DownloadOptions{ServerID: up.ServerID, HideProgressTips: true}))
	checkArgs(t, "downloadImage", map[string]any{"serverId": up.ServerID, "isShowProgressTips": 0.0})
	if down.LocalID == "" || down.LocalID == id || fakeImage(t, down.LocalID) != fakeImage(t, id) {
		t.Fatalf("downloading the upload gave %q, not a copy of %q", down.LocalID, id)
	}

	awaitStatus(t, sdk.UploadImage(ctx, UploadOptions{LocalID: "weixin://resourceid/unknown"}), "fail")
	// Any media_id downloads: the page's server may have uploaded it.
	if other := awaitOK(t, sdk.DownloadImage(ctx, DownloadOptions{ServerID: "media-from-the-server"})); other.LocalID == "" {
		t.Fatal("no localId")
	}
}

func TestGetLocalImgDataInBrowser(t *testing.T) {
	ctx := context.Background()
	for _, flavour := range []string{"android", "ios"} {
		t.Run(flavour, func(t *testing.T) {
			resetFake(t)
			withFlavour(t, flavour)
			id := chooseOne(t)
			got := awaitOK(t, sdk.GetLocalImgData(ctx, GetLocalImgDataOptions{LocalID: id}))
			checkArgs(t, "getLocalImgData", map[string]any{"localId": id})
			image := fakeImage(t, id) // data:image/png;base64,…
			base64 := image[strings.Index(image, ",")+1:]
			switch flavour {
			case "android":
				if !strings.Contains(got.LocalData, "\n") || got.DataURL() != image {
					t.Fatalf("android: localData %.40q… makes %.40q…, want %.40q…", got.LocalData, got.DataURL(), image)
				}
			case "ios":
				if want := "data:image/jpeg;base64," + base64; !strings.HasPrefix(got.LocalData, "data:image/jgp;") || got.DataURL() != want {
					t.Fatalf("ios: localData %.40q… makes %.40q…", got.LocalData, got.DataURL())
				}
			}
			awaitStatus(t, sdk.GetLocalImgData(ctx, GetLocalImgDataOptions{LocalID: "weixin://resourceid/unknown"}), "fail")
		})
	}
}

// jweixin lets one getLocalImgData reach the client at a time; concurrent
// calls all settle, each with its own image, and one abandoned while it
// waits does not hold up the others.
func TestGetLocalImgDataQueueInBrowser(t *testing.T) {
	resetFake(t)
	defer resetFake(t)
	ctx := context.Background()
	const n, delay = 4, 150 * time.Millisecond
	ids := make([]string, n)
	for i := range ids {
		ids[i] = chooseOne(t)
	}
	respond(t, APIGetLocalImgData, fmt.Sprintf(`{"result":"ok","delay":%d}`, delay.Milliseconds()))
	start := time.Now()
	futures := make([]*Future[GetLocalImgDataResult], n)
	abandoned, cancel := context.WithCancel(ctx)
	for i, id := range ids {
		callCtx := ctx
		if i == 1 {
			callCtx = abandoned
		}
		futures[i] = sdk.GetLocalImgData(callCtx, GetLocalImgDataOptions{LocalID: id})
	}
	cancel()
	for i, f := range futures {
		got, err := await(t, f)
		if i == 1 {
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("the abandoned call: %v", err)
			}
			continue
		}
		if err != nil || got.DataURL() != fakeImage(t, ids[i]) {
			t.Fatalf("call %d: %.40q…, %v", i, got.DataURL(), err)
		}
	}
	// The abandoned call still took its turn at the client.
	if elapsed := time.Since(start); elapsed < n*delay {
		t.Fatalf("%d calls answered after %v each took %v: they did not wait for each other", n, delay, elapsed)
	}
	logged := 0
	for _, c := range fakeCalls(t) {
		if c["api"] == "getLocalImgData" {
			logged++
		}
	}
	if logged != n {
		t.Fatalf("%d calls reached the client, want %d", logged, n)
	}
}

func TestImageOutcomesInBrowser(t *testing.T) {
	resetFake(t)
	defer resetFake(t)
	checkOutcomes(t, []outcomeCase{
		{APIPreviewImage, func(ctx context.Context) error {
			return awaitErr(sdk.PreviewImage(ctx, PreviewImageOptions{Current: "https://example.com/1.jpg", URLs: []string{"https://example.com/1.jpg"}}))
		}},
		{APIUploadImage, func(ctx context.Context) error { return awaitErr(sdk.UploadImage(ctx, UploadOptions{LocalID: "L"})) }},
		{APIDownloadImage, func(ctx context.Context) error {
			return awaitErr(sdk.DownloadImage(ctx, DownloadOptions{ServerID: "S"}))
		}},
		{APIGetLocalImgData, func(ctx context.Context) error {
			return awaitErr(sdk.GetLocalImgData(ctx, GetLocalImgDataOptions{LocalID: "L"}))
		}},
	})
}

// Called without options, the fake throws where jweixin reads them at once
// (getLocalImgData too, but that would leave its queue blocked for the
// tests that follow, as in jweixin), and not where jweixin supplies {}.
func TestWithoutOptionsInBrowser(t *testing.T) {
	resetFake(t)
	fn, _ := safejs.Global().Get("Function")
	thrown, err := fn.New("name", `try { jWeixin[name](); return ""; } catch (e) { return e.name; }`)
	if err != nil {
		t.Fatal(err)
	}
	for _, api := range []API{
		APIUpdateAppMessageShareData, APIUpdateTimelineShareData, APIPreviewImage, APIUploadImage, APIDownloadImage,
		APIPlayVoice, APIPauseVoice, APIStopVoice, APIUploadVoice, APIDownloadVoice, APITranslateVoice,
		APIOpenLocation, APIStartSearchBeacons,
		APIGetLocation, APIStopSearchBeacons,
	} {
		want := "TypeError"
		if api == APIGetLocation || api == APIStopSearchBeacons {
			want = ""
		}
		v, err := thrown.Invoke(string(api))
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := v.String(); got != want {
			t.Errorf("jWeixin.%s() threw %q, want %q", api, got, want)
		}
	}
}
