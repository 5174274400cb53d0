//go:build js && wasm

package wx

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/hack-pad/safejs"

	"github.com/gowx/gowx/wx/wxfake"
)

// These tests run in headless Chromium (wasmbrowsertest) against the fake
// jWeixin, which verifies wx.config through the wechatfake server at
// $WXFAKE_URL (make test starts one).

var (
	sdk     *SDK
	fakeURL = os.Getenv("WXFAKE_URL")
)

func TestMain(m *testing.M) {
	if fakeURL == "" {
		println("WXFAKE_URL is not set: run the wasm tests with make test")
		os.Exit(2)
	}
	if err := injectFake(fakeURL + "/fake/jsapi/verify"); err != nil {
		println("injecting the fake jWeixin:", err.Error())
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var err error
	if sdk, err = Load(ctx); err != nil {
		println("Load:", err.Error())
		os.Exit(2)
	}
	if err := sdk.SignedConfig(ctx, fakeURL+"/fake/control/sign", APIChooseImage, APIGetNetworkType); err != nil {
		println("SignedConfig:", err.Error())
		os.Exit(2)
	}
	os.Exit(m.Run())
}

// injectFake runs the embedded fake jWeixin on the page, as a page's
// <script> tag would.
func injectFake(verify string) error {
	g := safejs.Global()
	opts, err := parseJSON([]byte(`{"verify":` + quote(verify) + `}`))
	if err != nil {
		return err
	}
	if err := g.Set("wxfakeOptions", opts); err != nil {
		return err
	}
	doc, err := g.Get("document")
	if err != nil {
		return err
	}
	el, err := doc.Call("createElement", "script")
	if err != nil {
		return err
	}
	if err := el.Set("text", string(wxfake.Script())); err != nil {
		return err
	}
	head, err := doc.Get("head")
	if err != nil {
		return err
	}
	_, err = head.Call("appendChild", el)
	return err
}

func quote(s string) string { return string(mustJSON(s)) }

// respond scripts the fake's next answers to api.
func respond(t *testing.T, api API, outcome string) {
	t.Helper()
	ctl, err := safejs.Global().Get("wxfake")
	if err != nil {
		t.Fatal(err)
	}
	o, err := parseJSON([]byte(outcome))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ctl.Call("respond", string(api), o); err != nil {
		t.Fatal(err)
	}
}

func resetFake(t *testing.T) {
	t.Helper()
	ctl, _ := safejs.Global().Get("wxfake")
	if _, err := ctl.Call("reset"); err != nil {
		t.Fatal(err)
	}
}

func await[T any](t *testing.T, f *Future[T]) (T, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return f.Await(ctx)
}

func TestChooseImageInBrowser(t *testing.T) {
	ctx := context.Background()
	resetFake(t)
	got, err := await(t, sdk.ChooseImage(ctx, ChooseImageOptions{Count: 2}))
	if err != nil || len(got.LocalIDs) == 0 || len(got.LocalIDs) > 2 {
		t.Fatalf("default answer: %+v, %v", got, err)
	}

	respond(t, APIChooseImage, `{"result":"ok","once":true,"data":{"localIds":["weixin://resourceid/a","weixin://resourceid/b"],"sourceType":"camera"}}`)
	got, err = await(t, sdk.ChooseImage(ctx, ChooseImageOptions{}))
	if err != nil || len(got.LocalIDs) != 2 || got.LocalIDs[1] != "weixin://resourceid/b" || got.SourceType != SourceCamera {
		t.Fatalf("scripted ok: %+v, %v", got, err)
	}

	respond(t, APIChooseImage, `{"result":"cancel","once":true}`)
	_, err = await(t, sdk.ChooseImage(ctx, ChooseImageOptions{}))
	if !errors.Is(err, ErrCancel) {
		t.Fatalf("scripted cancel: %v", err)
	}

	respond(t, APIChooseImage, `{"result":"fail","message":"no camera","once":true}`)
	_, err = await(t, sdk.ChooseImage(ctx, ChooseImageOptions{}))
	var we *Error
	if !errors.As(err, &we) || !errors.Is(err, ErrFailed) || we.Status != "no camera" || we.Msg != "chooseImage:no camera" {
		t.Fatalf("scripted fail: %#v", err)
	}
}

func TestGetNetworkTypeInBrowser(t *testing.T) {
	resetFake(t)
	for _, nt := range []NetworkType{NetworkWiFi, Network4G, Network5G, NetworkEdge} {
		respond(t, APIGetNetworkType, `{"result":"ok","once":true,"data":{"networkType":"`+string(nt)+`"}}`)
		got, err := await(t, sdk.GetNetworkType(context.Background()))
		if err != nil || got.NetworkType != nt {
			t.Fatalf("%s: %+v, %v", nt, got, err)
		}
	}
}

func TestReconfigInBrowser(t *testing.T) {
	ctx := context.Background()
	if err := sdk.SignedConfig(ctx, fakeURL+"/fake/control/sign", APIChooseImage, APIGetNetworkType); err != nil {
		t.Fatalf("second SignedConfig: %v", err)
	}
	err := sdk.Config(ctx, Config{AppID: "wxgowxdemo", Timestamp: 1700000000, NonceStr: "x", Signature: "forged", JSAPIList: []API{APIChooseImage}})
	if !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("a forged second config reported %v, want its own failure", err)
	}
	if err := sdk.SignedConfig(ctx, fakeURL+"/fake/control/sign", APIChooseImage, APIGetNetworkType); err != nil {
		t.Fatalf("SignedConfig after a failure: %v", err)
	}
	if _, err := await(t, sdk.GetNetworkType(ctx)); err != nil {
		t.Fatalf("call after re-configuration: %v", err)
	}
}

func TestNoLeaks(t *testing.T) {
	resetFake(t)
	b := sdk.b.(*jsBridge)
	b.mu.Lock()
	handlersBefore := len(b.handlers)
	b.mu.Unlock()
	funcsBefore := liveFuncs.Load()
	outcomes := []string{`{"result":"ok"}`, `{"result":"cancel"}`, `{"result":"fail"}`, `{"result":"never"}`}
	for i := range 2000 {
		if i%500 == 0 {
			resetFake(t)
			respond(t, APIChooseImage, outcomes[i/500])
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		sdk.ChooseImage(ctx, ChooseImageOptions{}).Await(context.Background())
		cancel()
	}
	b.mu.Lock()
	handlersAfter := len(b.handlers)
	b.mu.Unlock()
	if handlersAfter != handlersBefore || liveFuncs.Load() != funcsBefore {
		t.Fatalf("after 2000 calls: %d handlers (was %d), %d js.Funcs (was %d)", handlersAfter, handlersBefore, liveFuncs.Load(), funcsBefore)
	}
}
