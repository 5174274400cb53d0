//go:build js && wasm

package wx

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/hack-pad/safejs"
)

// verifications returns the verifications in the fake's log.
func verifications(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, c := range fakeCalls(t) {
		if c["api"] == string(APIConfig) {
			out = append(out, c)
		}
	}
	return out
}

// Each configuration, the first or a later one, makes one verification
// with the arguments jweixin's wx.config gives it, and nothing beside it.
func TestOneVerificationPerConfig(t *testing.T) {
	ctx := context.Background()
	resetFake(t)
	for i := 1; i <= 3; i++ {
		if err := sdk.SignedConfig(ctx, signEndpoint, APIs()...); err != nil {
			t.Fatal(err)
		}
		v := verifications(t)
		if len(v) != i {
			t.Fatalf("after %d configurations the client verified %d times: %v", i, len(v), v)
		}
		last := v[len(v)-1]
		if last["raw"] == true {
			t.Fatalf("a verification was made through wx.invoke: %v", last)
		}
		if _, ok := last["args"].(map[string]any)["verifyOpenTagList"]; ok {
			t.Fatalf("verifyOpenTagList sent without open tags: %v", last["args"])
		}
	}
	err := sdk.Config(ctx, Config{AppID: "wxgowxtest", Timestamp: 1700000000, NonceStr: "x", Signature: "forged", JSAPIList: []API{APIChooseImage}})
	if !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("a forged configuration: %v", err)
	}
	if v := verifications(t); len(v) != 4 {
		t.Fatalf("a failed configuration verified %d times", len(v)-3)
	}
	if err := sdk.SignedConfig(ctx, signEndpoint, APIs()...); err != nil {
		t.Fatal(err)
	}
}

// A configuration's open tags reach the verification, in the client's names.
func TestVerificationOpenTags(t *testing.T) {
	ctx := context.Background()
	resetFake(t)
	err := sdk.SignedConfigWith(ctx, signEndpoint, SignedConfigOptions{JSAPIList: APIs(), OpenTagList: []OpenTag{OpenTagAudio, OpenTagLaunchWeapp}})
	if err != nil {
		t.Fatal(err)
	}
	v := verifications(t)
	if len(v) != 1 {
		t.Fatalf("%d verifications", len(v))
	}
	if got := v[0]["args"].(map[string]any)["verifyOpenTagList"]; !reflect.DeepEqual(got, []any{"wx-open-audio", "wx-open-launch-weapp"}) {
		t.Fatalf("verifyOpenTagList %v", got)
	}
}

// A wx.config that throws fails its Config; the next one verifies once.
func TestConfigThatThrows(t *testing.T) {
	ctx := context.Background()
	resetFake(t)
	wx, _ := safejs.Global().Get("jWeixin")
	config, _ := wx.Get("config")
	thrower, err := safejs.Global().Get("Function")
	if err != nil {
		t.Fatal(err)
	}
	throw, err := thrower.New(`throw new Error("broken config")`)
	if err != nil {
		t.Fatal(err)
	}
	wx.Set("config", throw)
	err = sdk.SignedConfig(ctx, signEndpoint, APIs()...)
	wx.Set("config", config)
	if !errors.Is(err, ErrConfigFailed) {
		t.Fatalf("Config over a throwing wx.config: %v", err)
	}
	if _, err := await(t, sdk.GetNetworkType(ctx)); !errors.Is(err, ErrConfigFailed) {
		t.Fatalf("a call after it: %v", err)
	}
	if err := sdk.SignedConfig(ctx, signEndpoint, APIs()...); err != nil {
		t.Fatal(err)
	}
	if v := verifications(t); len(v) != 1 {
		t.Fatalf("%d verifications, want 1", len(v))
	}
	if _, err := await(t, sdk.GetNetworkType(ctx)); err != nil {
		t.Fatal(err)
	}
}

// A change of URL by history.pushState (which the Navigation API reports)
// has the next call signed and configured again, once: the fake plays
// Android, which verifies the current URL.
func TestResignAfterPushState(t *testing.T) {
	ctx := context.Background()
	if err := sdk.SignedConfig(ctx, signEndpoint, APIs()...); err != nil {
		t.Fatal(err)
	}
	resetFake(t)
	history, _ := safejs.Global().Get("history")
	back := stringAt(safejs.Global(), "location", "href")
	if _, err := history.Call("pushState", safejs.Null(), "", "/moved?x=1"); err != nil {
		t.Fatal(err)
	}
	defer history.Call("pushState", safejs.Null(), "", back)
	for range 2 {
		if _, err := await(t, sdk.GetNetworkType(ctx)); err != nil {
			t.Fatal(err)
		}
	}
	v := verifications(t)
	if len(v) != 1 {
		t.Fatalf("%d verifications after the URL changed, want 1", len(v))
	}
	if u, _ := v[0]["result"].(map[string]any)["realAuthUrl"].(string); !strings.HasSuffix(u, "/moved?x=1") {
		t.Fatalf("the client verified %q", u)
	}
}
