//go:build !(js && wasm)

package wx

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestWeappPath(t *testing.T) {
	for in, want := range map[string]string{
		"pages/home/index":          "pages/home/index.html",
		"pages/home/index?user=123": "pages/home/index.html?user=123",
		"pages/home/index.html?a=1": "pages/home/index.html?a=1",
		"pages/home/index.html":     "pages/home/index.html",
		"":                          "",
		"?a=1":                      "?a=1",
	} {
		if got := WeappPath(in); got != want {
			t.Errorf("WeappPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDataAttr(t *testing.T) {
	for _, tt := range []struct {
		in   any
		want string
	}{{nil, ""}, {"raw text", "raw text"}, {map[string]int{"a": 1}, `{"a":1}`}, {[]string{"x"}, `["x"]`}} {
		if got, err := DataAttr(tt.in); err != nil || got != tt.want {
			t.Errorf("DataAttr(%v) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := DataAttr(func() {}); err == nil {
		t.Error("DataAttr of a func")
	}
}

func TestSubscribeResultOf(t *testing.T) {
	for _, detail := range []string{
		// As the client sends it: a JSON string of an object of JSON strings.
		`{"errMsg":"subscribe:ok","subscribeDetails":"{\"t1\":\"{\\\"status\\\":\\\"accept\\\"}\",\"t2\":\"{\\\"status\\\":\\\"reject\\\"}\",\"t3\":\"{\\\"status\\\":\\\"filter\\\"}\"}"}`,
		`{"subscribeDetails":{"t1":{"status":"accept"},"t2":{"status":"reject"},"t3":{"status":"filter"}}}`,
		`{"subscribeDetails":"{\"t1\":\"accept\",\"t2\":\"reject\",\"t3\":\"filter\"}"}`,
	} {
		r, err := SubscribeResultOf([]byte(detail))
		want := map[string]SubscribeStatus{"t1": SubscribeAccept, "t2": SubscribeReject, "t3": SubscribeFilter}
		if err != nil || !reflect.DeepEqual(r.Templates, want) || !reflect.DeepEqual(r.Accepted(), []string{"t1"}) {
			t.Errorf("%s: %+v, %v", detail, r, err)
		}
	}
	for _, bad := range []string{`[]`, `{"subscribeDetails":"not json"}`, `{"subscribeDetails":{"t1":5}}`} {
		if _, err := SubscribeResultOf([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}

func TestOpenTagErrors(t *testing.T) {
	for _, tt := range []struct {
		tag    OpenTag
		detail string
		kind   error
		hint   string
	}{
		{OpenTagLaunchApp, `{"errMsg":"launch:fail"}`, ErrLaunchFailed, "not installed"},
		{OpenTagLaunchWeapp, `{"errMsg":"launch:fail_check fail"}`, ErrLaunchCheckFailed, "bound to this official account"},
		{OpenTagLaunchApp, `{"errMsg":"launch:fail_check fail"}`, ErrLaunchCheckFailed, "open platform"},
		{OpenTagSubscribe, `{"errCode":49003,"errMsg":"subscribe:fail"}`, ErrSubscribeFailed, "49003"},
		{OpenTagSubscribe, `{"errCode":40001,"errMsg":"subscribe:fail"}`, ErrSubscribeFailed, "template IDs"},
		{OpenTagAudio, `{"errMsg":"audio:fail"}`, ErrFailed, ""},
		{OpenTagLaunchWeapp, `{}`, ErrLaunchFailed, "username"},
	} {
		e := OpenTagErrorOf(tt.tag, []byte(tt.detail))
		if !errors.Is(e, tt.kind) || e.API != API(tt.tag) || !strings.Contains(e.Hint(), tt.hint) || !strings.Contains(e.Error(), string(tt.tag)) {
			t.Errorf("%s %s: %v (hint %q); want %v with a hint on %q", tt.tag, tt.detail, e, e.Hint(), tt.kind, tt.hint)
		}
	}
	if e := OpenTagErrorOf(OpenTagSubscribe, []byte(`{"errCode":49001,"errMsg":"subscribe:fail"}`)); e.Field("errCode") != "" || string(e.Fields["errCode"]) != "49001" {
		t.Errorf("errCode not kept: %+v", e.Fields)
	}
	if e := OpenTagsErrorOf([]byte(`{"errMsg":"WeChat version too low"}`)); !errors.Is(e, ErrOpenTagsUnsupported) || e.Hint() == "" {
		t.Errorf("WeixinOpenTagsError: %v", e)
	}
}

// TestUseOpenTags: the tags a page mounts are declared in its next
// configuration; a signed configuration without them is made again, once;
// a hand-made one cannot be, and says so.
func TestUseOpenTags(t *testing.T) {
	sv := newSigner(t)
	ctx := context.Background()
	tags := func(b *fakeBridge, i int) any { return b.configs[i]["openTagList"] }

	// Declared before the configuration: it declares them.
	b := newFakeBridge()
	s := newSDK(b)
	if err := s.UseOpenTags(ctx, OpenTagLaunchWeapp); err != nil {
		t.Fatal(err)
	}
	if err := s.SignedConfig(ctx, sv.url, APIChooseImage); err != nil {
		t.Fatal(err)
	}
	if got := tags(b, 0); !reflect.DeepEqual(got, []any{"wx-open-launch-weapp"}) {
		t.Fatalf("openTagList %v", got)
	}

	// Mounted after: one more configuration, with every tag, and no more.
	if err := s.UseOpenTags(ctx, OpenTagAudio); err != nil || len(b.configs) != 2 {
		t.Fatalf("UseOpenTags after config: %v, %d configs", err, len(b.configs))
	}
	if got := tags(b, 1); !reflect.DeepEqual(got, []any{"wx-open-audio", "wx-open-launch-weapp"}) {
		t.Fatalf("openTagList %v", got)
	}
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() { s.UseOpenTags(ctx, OpenTagAudio, OpenTagLaunchWeapp) })
	}
	wg.Wait()
	if len(b.configs) != 2 {
		t.Fatalf("declared tags configured again: %d configs", len(b.configs))
	}
	wg.Go(func() { s.UseOpenTags(ctx, OpenTagSubscribe) })
	wg.Go(func() { s.UseOpenTags(ctx, OpenTagSubscribe) })
	wg.Wait()
	if len(b.configs) != 3 {
		t.Fatalf("two mounts of a new tag: %d configs, want 3", len(b.configs))
	}

	// Tags that mount while a re-configuration is pending are declared
	// together by the next one.
	b = newFakeBridge()
	s = newSDK(b)
	if err := s.SignedConfig(ctx, sv.url, APIChooseImage); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	b.holdConfigs = true
	b.mu.Unlock()
	wg.Go(func() { s.UseOpenTags(ctx, OpenTagLaunchWeapp) })
	eventually(t, "the weapp's re-configuration ran", func() bool { return b.pendingConfigs() == 1 })
	wg.Go(func() { s.UseOpenTags(ctx, OpenTagLaunchApp) })
	wg.Go(func() { s.UseOpenTags(ctx, OpenTagAudio) })
	eventually(t, "the app and audio tags were recorded", func() bool {
		s.tagsMu.Lock()
		defer s.tagsMu.Unlock()
		return s.tags[OpenTagLaunchApp] && s.tags[OpenTagAudio]
	})
	b.answerConfig(0, `{"errMsg":"config:ok"}`)
	eventually(t, "the next re-configuration ran", func() bool { return b.pendingConfigs() == 2 })
	b.answerConfig(1, `{"errMsg":"config:ok"}`)
	wg.Wait()
	if n := len(b.configs); n != 3 {
		t.Fatalf("three tags, two of them mounted during a re-configuration: %d configs, want 3", n)
	}
	if got := tags(b, 2); !reflect.DeepEqual(got, []any{"wx-open-audio", "wx-open-launch-app", "wx-open-launch-weapp"}) {
		t.Fatalf("openTagList %v", got)
	}

	// By hand: no signer to sign again with.
	b = newFakeBridge()
	s = newSDK(b)
	if err := s.Config(ctx, Config{AppID: "wxapp", Timestamp: 1700000000, NonceStr: "n", Signature: "s", JSAPIList: []API{APIChooseImage}}); err != nil {
		t.Fatal(err)
	}
	err := s.UseOpenTags(ctx, OpenTagLaunchApp)
	var we *Error
	if !errors.Is(err, ErrOpenTagNotDeclared) || !errors.As(err, &we) || we.Hint() == "" || len(b.configs) != 1 {
		t.Fatalf("hand-made config: %v, %d configs", err, len(b.configs))
	}

	// A failed configuration: its error.
	b = newFakeBridge()
	b.config = func(map[string]any) string { return `{"errMsg":"config:invalid signature"}` }
	s = newSDK(b)
	s.SignedConfig(ctx, sv.url, APIChooseImage)
	if err := s.UseOpenTags(ctx, OpenTagAudio); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("after a failed config: %v", err)
	}
}
