package wx

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"
)

var okConfig = Config{AppID: "wxapp", Timestamp: 1700000000, NonceStr: "n", Signature: "s", JSAPIList: []API{APIChooseImage, APIGetNetworkType}}

func configured(t *testing.T) (*SDK, *fakeBridge) {
	t.Helper()
	return configuredWith(t)
}

// configuredWith is configured with more APIs in the jsApiList.
func configuredWith(t *testing.T, more ...API) (*SDK, *fakeBridge) {
	t.Helper()
	b := newFakeBridge()
	s := newSDK(b)
	cfg := okConfig
	cfg.JSAPIList = append(append([]API(nil), okConfig.JSAPIList...), more...)
	if err := s.Config(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	return s, b
}

func TestChooseImageResults(t *testing.T) {
	tests := []struct {
		name    string
		res     string
		want    ChooseImageResult
		wantErr error
	}{
		{"iOS array", `{"errMsg":"chooseImage:ok","localIds":["wxLocalResource://a","wxLocalResource://b"],"sourceType":"album"}`,
			ChooseImageResult{LocalIDs: []string{"wxLocalResource://a", "wxLocalResource://b"}, SourceType: SourceAlbum}, nil},
		{"Android JSON string", `{"errMsg":"chooseImage:ok","localIds":"[\"weixin://resourceid/1\"]","sourceType":"camera"}`,
			ChooseImageResult{LocalIDs: []string{"weixin://resourceid/1"}, SourceType: SourceCamera}, nil},
		{"unparsable string kept", `{"errMsg":"chooseImage:ok","localIds":"weixin://resourceid/2"}`,
			ChooseImageResult{LocalIDs: []string{"weixin://resourceid/2"}}, nil},
		{"cancel", `{"errMsg":"chooseImage:cancel"}`, ChooseImageResult{}, ErrCancel},
		{"fail", `{"errMsg":"chooseImage:fail"}`, ChooseImageResult{}, ErrFailed},
		{"bad shape", `{"errMsg":"chooseImage:ok","localIds":{"a":1}}`, ChooseImageResult{}, ErrFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, b := configured(t)
			b.answer = func(string, map[string]any) (string, bool) { return tt.res, true }
			got, err := s.ChooseImage(context.Background(), ChooseImageOptions{}).Await(context.Background())
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			if b.live() != 0 {
				t.Fatalf("%d replies still attached", b.live())
			}
		})
	}
}

func TestChooseImageArgs(t *testing.T) {
	s, b := configured(t)
	b.answer = func(string, map[string]any) (string, bool) { return `{"errMsg":"chooseImage:ok","localIds":[]}`, true }
	ctx := context.Background()
	if _, err := s.ChooseImage(ctx, ChooseImageOptions{}).Await(ctx); err != nil {
		t.Fatal(err)
	}
	if c := b.lastCall(); c.method != "chooseImage" || len(c.args) != 0 || !reflect.DeepEqual(c.cbs, resultCallbacks) {
		t.Fatalf("zero options: %+v (jweixin's defaults apply to absent keys)", c)
	}
	o := ChooseImageOptions{Count: 1, SizeType: []SizeType{SizeCompressed}, SourceType: []SourceType{SourceCamera}}
	if _, err := s.ChooseImage(ctx, o).Await(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"count": 1.0, "sizeType": []any{"compressed"}, "sourceType": []any{"camera"}}
	if c := b.lastCall(); !reflect.DeepEqual(c.args, want) {
		t.Fatalf("args = %v, want %v", c.args, want)
	}
	for _, n := range []int{-1, 10} {
		_, err := s.ChooseImage(ctx, ChooseImageOptions{Count: n}).Await(ctx)
		if !errors.Is(err, ErrBadOptions) {
			t.Errorf("Count %d: %v, want ErrBadOptions", n, err)
		}
	}
	if len(b.calls) != 2 {
		t.Fatalf("refused options reached the SDK: %d calls", len(b.calls))
	}
}

func TestGetNetworkType(t *testing.T) {
	s, b := configured(t)
	b.answer = func(string, map[string]any) (string, bool) {
		return `{"errMsg":"getNetworkType:ok","networkType":"4g"}`, true
	}
	got, err := s.GetNetworkType(context.Background()).Await(context.Background())
	if err != nil || got.NetworkType != Network4G {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestContextEndsCall(t *testing.T) {
	s, b := configured(t)
	ctx, cancel := context.WithCancel(context.Background())
	f := s.ChooseImage(ctx, ChooseImageOptions{})
	if b.live() != 1 {
		t.Fatalf("live = %d", b.live())
	}
	cancel()
	_, err := f.Await(context.Background())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	var we *Error
	if !errors.As(err, &we) || we.API != APIChooseImage {
		t.Fatalf("the error does not name the API: %v", err)
	}
	if b.live() != 0 {
		t.Fatal("the reply is still attached after the context ended")
	}
	if b.reply(b.lastCall().id, "success", `{"errMsg":"chooseImage:ok"}`) {
		t.Fatal("a late reply reached the call")
	}
}

func TestManyCallsReleaseEverything(t *testing.T) {
	s, b := configured(t)
	var n int
	var mu sync.Mutex
	b.answer = func(string, map[string]any) (string, bool) {
		mu.Lock()
		defer mu.Unlock()
		n++
		switch n % 4 {
		case 0:
			return `{"errMsg":"chooseImage:ok","localIds":["a"]}`, true
		case 1:
			return `{"errMsg":"chooseImage:cancel"}`, true
		case 2:
			return `{"errMsg":"chooseImage:fail"}`, true
		}
		return "", false // never answered
	}
	for range 1000 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		s.ChooseImage(ctx, ChooseImageOptions{}).Await(context.Background())
		cancel()
	}
	if b.live() != 0 {
		t.Fatalf("%d replies still attached", b.live())
	}
}

func TestCallsWaitForConfig(t *testing.T) {
	b := newFakeBridge()
	b.answer = func(m string, _ map[string]any) (string, bool) { return `{"errMsg":"` + m + `:ok"}`, true }
	s := newSDK(b)
	ctx := context.Background()
	first := s.GetNetworkType(ctx)
	second := s.ChooseImage(ctx, ChooseImageOptions{})
	if len(b.calls) != 0 {
		t.Fatal("a call reached the SDK before configuration")
	}
	if err := s.Config(ctx, okConfig); err != nil {
		t.Fatal(err)
	}
	if _, err := first.Await(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := second.Await(ctx); err != nil {
		t.Fatal(err)
	}
	if b.calls[0].method != "getNetworkType" || b.calls[1].method != "chooseImage" {
		t.Fatalf("queued calls ran out of order: %v, %v", b.calls[0].method, b.calls[1].method)
	}
}

func TestQueuedCallContext(t *testing.T) {
	s := newSDK(newFakeBridge())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	_, err := s.GetNetworkType(ctx).Await(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	s.life.mu.Lock()
	defer s.life.mu.Unlock()
	if s.life.waiting.Len() != 0 {
		t.Fatalf("the expired call is still queued")
	}
}

func TestConfigFailureFailsCalls(t *testing.T) {
	b := newFakeBridge()
	b.config = func(map[string]any) string {
		return `{"errMsg":"config:invalid signature","realAuthUrl":"https://example.com/app?x=1"}`
	}
	s := newSDK(b)
	ctx := context.Background()
	queued := s.ChooseImage(ctx, ChooseImageOptions{})
	err := s.Config(ctx, okConfig)
	if !errors.Is(err, ErrInvalidSignature) || !errors.Is(err, ErrConfigFailed) {
		t.Fatalf("Config = %v", err)
	}
	var we *Error
	if !errors.As(err, &we) || we.RealAuthURL() != "https://example.com/app?x=1" {
		t.Fatalf("realAuthUrl lost: %#v", err)
	}
	if _, err := queued.Await(ctx); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("queued call: %v", err)
	}
	if _, err := s.ChooseImage(ctx, ChooseImageOptions{}).Await(ctx); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("later call: %v", err)
	}
	if len(b.calls) != 0 {
		t.Fatal("calls reached the SDK after a failed configuration")
	}
}

func TestNotInJSAPIList(t *testing.T) {
	s, b := configured(t)
	narrow := okConfig
	narrow.JSAPIList = []API{APIChooseImage}
	if err := s.Config(context.Background(), narrow); err != nil {
		t.Fatal(err)
	}
	_, err := s.GetNetworkType(context.Background()).Await(context.Background())
	if !errors.Is(err, ErrNotInJSAPIList) {
		t.Fatalf("err = %v", err)
	}
	if len(b.calls) != 0 {
		t.Fatal("the call reached the SDK")
	}
}

func TestConfigArgsAndChecks(t *testing.T) {
	s, b := configured(t)
	want := map[string]any{"debug": false, "appId": "wxapp", "timestamp": 1700000000.0, "nonceStr": "n", "signature": "s",
		"jsApiList": []any{"chooseImage", "getNetworkType"}}
	if !reflect.DeepEqual(b.configs[0], want) {
		t.Fatalf("config args = %v", b.configs[0])
	}
	err := s.Config(context.Background(), Config{AppID: "wxapp"})
	if !errors.Is(err, ErrBadOptions) || !errors.Is(err, ErrConfigFailed) {
		t.Fatalf("incomplete config: %v", err)
	}
	if len(b.configs) != 1 {
		t.Fatal("an incomplete config reached jweixin")
	}
}

// Each configuration takes its own outcome from jweixin's result of its
// verification.
func TestReconfigOutcomes(t *testing.T) {
	s, b := configured(t)
	b.config = func(map[string]any) string { return `{"errMsg":"config:invalid signature"}` }
	if err := s.Config(context.Background(), okConfig); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("second config reports %v, want its own failure", err)
	}
	if st, _ := s.life.now(); st != failed {
		t.Fatalf("state %v after a failed configuration", st)
	}
	b.config = func(map[string]any) string { return `{"errMsg":"config:ok"}` }
	if err := s.Config(context.Background(), okConfig); err != nil {
		t.Fatalf("third config: %v", err)
	}
	if st, _ := s.life.now(); st != ready {
		t.Fatalf("state %v after config:ok", st)
	}
}

func TestNotInWeChat(t *testing.T) {
	b := newFakeBridge()
	b.pg.userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156"
	s := newSDK(b)
	queued := s.GetNetworkType(context.Background())
	if err := s.SignedConfig(context.Background(), "/wx/config", APIGetNetworkType); !errors.Is(err, ErrNotInWeChat) {
		t.Fatalf("SignedConfig = %v", err)
	}
	if _, err := queued.Await(context.Background()); !errors.Is(err, ErrNotInWeChat) {
		t.Fatalf("queued call = %v", err)
	}
	b.pg.fake = true
	if err := s.Config(context.Background(), okConfig); err != nil {
		t.Fatalf("with the fake jWeixin: %v", err)
	}
}
