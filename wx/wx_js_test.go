//go:build js && wasm

package wx

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/hack-pad/safejs"

	"github.com/gowx/gowx/internal/jsx"
)

// These tests run in headless Chromium (wasmbrowsertest) against the fake
// jWeixin, which verifies wx.config through the wechatfake server at
// $WXFAKE_URL (make test starts one).

var (
	sdk           *SDK
	fakeURL       = os.Getenv("WXFAKE_URL")
	missingScript = fakeURL + "/no-such-script.js"
	fakeScript    = fakeURL + "/wxfake.js?verify=" + fakeURL + "/fake/jsapi/verify"
	signEndpoint  = fakeURL + "/fake/control/sign"
)

func TestMain(m *testing.M) {
	if fakeURL == "" {
		println("WXFAKE_URL is not set: run the wasm tests with make test")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// The loader falls back to the second address, which serves the fake.
	var err error
	if sdk, err = LoadFrom(ctx, missingScript, fakeScript); err != nil {
		println("LoadFrom:", err.Error())
		os.Exit(2)
	}
	if err := sdk.SignedConfig(ctx, signEndpoint, APIs()...); err != nil {
		println("SignedConfig:", err.Error())
		os.Exit(2)
	}
	os.Exit(m.Run())
}

// respond scripts the fake's next answers to api.
func respond(t *testing.T, api API, outcome string) {
	t.Helper()
	ctl, err := safejs.Global().Get("wxfake")
	if err != nil {
		t.Fatal(err)
	}
	o, err := jsx.ParseJSON([]byte(outcome))
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

func TestLoaderFallback(t *testing.T) {
	doc, _ := safejs.Global().Get("document")
	scripts, err := doc.Call("querySelectorAll", "script[src]")
	if err != nil {
		t.Fatal(err)
	}
	n, _ := scripts.Length()
	var srcs []string
	for i := range n {
		el, _ := scripts.Index(i)
		srcs = append(srcs, stringAt(el, "src"))
	}
	if !slices.Contains(srcs, missingScript) || !slices.Contains(srcs, fakeScript) {
		t.Fatalf("the loader did not try both addresses: %v", srcs)
	}
	if again, err := Load(context.Background()); err != nil || again != sdk {
		t.Fatalf("Load after LoadFrom: %v, %v; want the page's one SDK", again, err)
	}
	if !InWeChat() || Env() != EnvWeChat {
		t.Fatalf("with the fake jWeixin: InWeChat %v, Env %v", InWeChat(), Env())
	}
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
	if err := sdk.SignedConfig(ctx, signEndpoint, APIs()...); err != nil {
		t.Fatalf("second SignedConfig: %v", err)
	}
	err := sdk.Config(ctx, Config{AppID: "wxgowxdemo", Timestamp: 1700000000, NonceStr: "x", Signature: "forged", JSAPIList: []API{APIChooseImage}})
	if !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("a forged second config reported %v, want its own failure", err)
	}
	if err := sdk.SignedConfig(ctx, signEndpoint, APIs()...); err != nil {
		t.Fatalf("SignedConfig after a failure: %v", err)
	}
	if _, err := await(t, sdk.GetNetworkType(ctx)); err != nil {
		t.Fatalf("call after re-configuration: %v", err)
	}
}

// After 10,000 calls, answered ok, cancel or fail, or never answered and
// abandoned with a cancelled context, the page's dispatcher holds no more
// callback handlers than before (and the binding makes no js.Func per call:
// the dispatcher is the page's only one).
func TestNoLeaks(t *testing.T) {
	resetFake(t)
	d := sdk.b.(*jsBridge).d
	before := d.Len()
	const perOutcome, batch = 2500, 250
	for _, outcome := range []string{`{"result":"ok"}`, `{"result":"cancel"}`, `{"result":"fail"}`, `{"result":"never"}`} {
		resetFake(t)
		respond(t, APIChooseImage, outcome)
		for range perOutcome / batch {
			ctx, cancel := context.WithCancel(context.Background())
			futures := make([]*Future[ChooseImageResult], batch)
			for i := range futures {
				futures[i] = sdk.ChooseImage(ctx, ChooseImageOptions{})
			}
			if outcome == `{"result":"never"}` {
				cancel()
			}
			for _, f := range futures {
				_, err := await(t, f)
				if outcome == `{"result":"ok"}` && err != nil || outcome != `{"result":"ok"}` && err == nil {
					t.Fatalf("%s: %v", outcome, err)
				}
			}
			cancel()
		}
	}
	resetFake(t)
	if h := d.Len(); h != before {
		t.Fatalf("after 10,000 calls: %d handlers, was %d", h, before)
	}
}

func TestListenerInBrowser(t *testing.T) {
	resetFake(t)
	ctx := context.Background()
	sub := sdk.OnVoicePlayEnd(ctx)
	defer sub.Stop()
	waitRegistered(t, APIOnVoicePlayEnd)
	fire(t, APIOnVoicePlayEnd, `{"localId":"weixin://voice/1"}`)
	fire(t, APIOnVoicePlayEnd, `{"localId":"weixin://voice/2","err_msg":"onVoicePlayEnd:fail"}`)
	if e := next(t, sub); e.LocalID != "weixin://voice/1" || e.Err != nil {
		t.Fatalf("event %+v", e)
	}
	if e := next(t, sub); !errors.Is(e.Err, ErrFailed) {
		t.Fatalf("failed event %+v", e)
	}

	// A second registration replaces the first, as the client keeps one handler.
	second := sdk.OnVoicePlayEnd(ctx)
	<-sub.Done()
	if !errors.Is(sub.Err(), ErrReplaced) {
		t.Fatalf("first subscription: %v", sub.Err())
	}
	fire(t, APIOnVoicePlayEnd, `{"localId":"weixin://voice/3"}`)
	if e := next(t, second); e.LocalID != "weixin://voice/3" {
		t.Fatalf("second subscription got %+v", e)
	}
	second.Stop()
	if !fire(t, APIOnVoicePlayEnd, `{"localId":"weixin://voice/4"}`) {
		t.Fatal("Stop left no handler: it must register a no-op")
	}
	if _, ok := <-second.Events(); ok {
		t.Fatal("a stopped subscription received an event")
	}
}

func TestShareInBrowser(t *testing.T) {
	resetFake(t)
	triggered := make(chan string, 4)
	sub := sdk.OnMenuShareTimeline(context.Background(), MenuShareTimelineOptions{
		Title: "gowx", Link: "https://example.com/share",
		Trigger: func(tr ShareTrigger) { triggered <- string(tr.Raw["scene"]) },
	})
	defer sub.Stop()
	waitRegistered(t, APIOnMenuShareTimeline)
	fire(t, APIOnMenuShareTimeline, `{"scene":"timeline"}`)
	select {
	case scene := <-triggered:
		if scene != `"timeline"` {
			t.Fatalf("Trigger got scene %s", scene)
		}
	default:
		t.Fatal("Trigger did not run before the share")
	}
	if e := next(t, sub); e.Err != nil {
		t.Fatalf("share: %v", e.Err)
	}
	respond(t, APIOnMenuShareTimeline, `{"result":"cancel","once":true}`)
	fire(t, APIOnMenuShareTimeline, `{}`)
	e := next(t, sub)
	var we *Error
	if !errors.As(e.Err, &we) || !errors.Is(e.Err, ErrCancel) || we.Msg != "shareTimeline:cancel" {
		t.Fatalf("cancelled share: %#v", e.Err)
	}
	calls := fakeCalls(t)
	last := calls[len(calls)-1]
	if last["api"] != "shareTimeline" {
		t.Fatalf("last call %v", last)
	}
	args := last["args"].(map[string]any)
	if args["title"] != "gowx" || args["desc"] != "gowx" || args["link"] != "https://example.com/share" || args["type"] != "link" {
		t.Fatalf("share args %v", args)
	}
}

// fire delivers a client event through the fake, reporting whether the page had a handler.
func fire(t *testing.T, event API, payload string) bool {
	t.Helper()
	ctl, _ := safejs.Global().Get("wxfake")
	p, err := jsx.ParseJSON([]byte(payload))
	if err != nil {
		t.Fatal(err)
	}
	v, err := ctl.Call("fire", string(event), p)
	if err != nil {
		t.Fatal(err)
	}
	ok, _ := v.Bool()
	return ok
}

// fakeCalls returns the fake's call log.
func fakeCalls(t *testing.T) []map[string]any {
	t.Helper()
	ctl, _ := safejs.Global().Get("wxfake")
	v, err := ctl.Call("calls")
	if err != nil {
		t.Fatal(err)
	}
	var calls []map[string]any
	if err := json.Unmarshal(stringify(v), &calls); err != nil {
		t.Fatal(err)
	}
	return calls
}

// waitRegistered waits until the fake logged the registration of listener api.
func waitRegistered(t *testing.T, api API) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		for _, c := range fakeCalls(t) {
			if c["api"] == string(api) && c["listener"] == true {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s was never registered", api)
}
