//go:build js && wasm

package wx

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
)

// withFlavour makes the fake answer as the given client ("android" or
// "ios") until the test ends.
func withFlavour(t *testing.T, flavour string) {
	t.Helper()
	opts := fakeOptions(t)
	before, _ := opts.Get("flavour")
	if err := opts.Set("flavour", flavour); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { opts.Set("flavour", before) })
}

func fakeOptions(t *testing.T) safejs.Value {
	t.Helper()
	ctl, err := safejs.Global().Get("wxfake")
	if err != nil {
		t.Fatal(err)
	}
	opts, err := ctl.Get("options")
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

// loggedCall returns the last entry of the fake's call log for api.
func loggedCall(t *testing.T, api API) map[string]any {
	t.Helper()
	calls := fakeCalls(t)
	for i := len(calls) - 1; i >= 0; i-- {
		if calls[i]["api"] == string(api) {
			return calls[i]
		}
	}
	t.Fatalf("%s was never called", api)
	return nil
}

// pageResult returns the result the page last received from api, as the
// fake logged it: what jweixin made of the client's answer. The fake logs
// it once the page's callbacks return, which may be after the Future
// settled, so it waits for it.
func pageResult(t *testing.T, api API) map[string]any {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if res, ok := loggedCall(t, api)["result"].(map[string]any); ok {
			return res
		}
	}
	t.Fatalf("the result of %s was never logged", api)
	return nil
}

// browserCase is a call through the fake jWeixin, and the arguments its
// client must receive (JSON's types; undefined ones are left out).
type browserCase struct {
	name string
	api  API
	call func(context.Context) error
	args map[string]any
}

// testInBrowser makes each call answered ok (checking what reached the
// client), then cancelled, then failed, checking the errors.
func testInBrowser(t *testing.T, cases []browserCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			resetFake(t)
			t.Cleanup(func() { resetFake(t) })
			call := func() error {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				return tt.call(ctx)
			}
			if err := call(); err != nil {
				t.Fatalf("ok: %v", err)
			}
			if c := loggedCall(t, tt.api); !reflect.DeepEqual(c["args"], tt.args) {
				t.Fatalf("the client received %v\nwant %v", c["args"], tt.args)
			}
			respond(t, tt.api, `{"result":"cancel","once":true}`)
			if err := call(); !errors.Is(err, ErrCancel) {
				t.Fatalf("cancel: %v", err)
			}
			respond(t, tt.api, `{"result":"fail","message":"out_of_order","once":true}`)
			var we *Error
			if err := call(); !errors.As(err, &we) || !errors.Is(err, ErrFailed) || we.API != tt.api || we.Status != "out of order" {
				t.Fatalf("fail: %#v", err)
			}
		})
	}
}

func TestCheckJSAPIInBrowser(t *testing.T) {
	ctx := context.Background()
	testInBrowser(t, []browserCase{{"checkJsApi", APICheckJSAPI, func(ctx context.Context) error {
		return awaitErr(sdk.CheckJSAPI(ctx, APIChooseWXPay))
	}, map[string]any{"jsApiList": []any{"getBrandWCPayRequest"}}}})

	for _, flavour := range []string{"android", "ios"} {
		t.Run(flavour, func(t *testing.T) {
			withFlavour(t, flavour)
			got, err := await(t, sdk.CheckJSAPI(ctx, APIChooseWXPay, APIOnMenuShareTimeline, APIScanQRCode, "noSuchAPI"))
			want := map[API]bool{APIChooseWXPay: true, APIOnMenuShareTimeline: true, APIScanQRCode: true, "noSuchAPI": false}
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("default answer: %v, %v", got, err)
			}
			// jweixin parses Android's string and renames the client's names.
			if res := pageResult(t, APICheckJSAPI)["checkResult"]; !reflect.DeepEqual(res, map[string]any{
				"chooseWXPay": true, "onMenuShareTimeline": true, "scanQRCode": true, "noSuchAPI": false}) {
				t.Fatalf("the page received checkResult %#v", res)
			}
			respond(t, APICheckJSAPI, `{"result":"ok","once":true,"data":{"checkResult":{"chooseWXPay":false,"openAddress":true}}}`)
			got, err = await(t, sdk.CheckJSAPI(ctx, APIChooseWXPay, APIOpenAddress))
			if want := map[API]bool{APIChooseWXPay: false, APIOpenAddress: true}; err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("scripted answer: %v, %v", got, err)
			}
		})
	}
}

// The raw escape hatch reaches the client untouched: no defaults, the
// client's names and its own answer.
func TestRawInBrowser(t *testing.T) {
	resetFake(t)
	ctx := context.Background()
	res, err := await(t, sdk.Invoke(ctx, "getBrandWCPayRequest", map[string]any{"timeStamp": "1700000000", "package": "prepay_id=1"}))
	if err != nil || string(res["err_msg"]) != `"get_brand_wcpay_request:ok"` || res["errMsg"] != nil {
		t.Fatalf("raw invoke: %v, %v", res, err)
	}
	c := loggedCall(t, APIChooseWXPay)
	if c["raw"] != true || !reflect.DeepEqual(c["args"], map[string]any{"timeStamp": "1700000000", "package": "prepay_id=1"}) {
		t.Fatalf("raw call logged as %v", c)
	}
	respond(t, APIChooseWXPay, `{"result":"cancel","once":true}`)
	if _, err := await(t, sdk.Invoke(ctx, "getBrandWCPayRequest", nil)); !errors.Is(err, ErrCancel) {
		t.Fatalf("raw invoke, cancelled: %v", err)
	}

	sub := sdk.On(ctx, "gowx:test")
	deadline := time.Now().Add(5 * time.Second)
	for !fire(t, "gowx:test", `{"scene":"x","err_msg":"gowx:test:ok"}`) {
		if time.Now().After(deadline) {
			t.Fatal("raw on never registered")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if e := next(t, sub); string(e["scene"]) != `"x"` || string(e["err_msg"]) != `"gowx:test:ok"` {
		t.Fatalf("raw event %v", e)
	}
	sub.Stop()
	fire(t, "gowx:test", `{"scene":"y"}`)
	if _, ok := <-sub.Events(); ok {
		t.Fatal("a stopped raw subscription received an event")
	}
}
