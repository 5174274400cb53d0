package wx

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestMiniProgramArgs(t *testing.T) {
	nav := func(f func(MiniProgram, context.Context, string) *Future[struct{}], url string) func(context.Context, *SDK) error {
		return func(ctx context.Context, s *SDK) error { return awaitErr(f(s.MiniProgram(), ctx, url)) }
	}
	back := func(delta int) func(context.Context, *SDK) error {
		return func(ctx context.Context, s *SDK) error { return awaitErr(s.MiniProgram().NavigateBack(ctx, delta)) }
	}
	post := func(data any) func(context.Context, *SDK) error {
		return func(ctx context.Context, s *SDK) error { return awaitErr(s.MiniProgram().PostMessage(ctx, data)) }
	}
	testCalls(t, []callCase{
		{"navigateTo", nav(MiniProgram.NavigateTo, "/pages/a/a?id=1"), "miniProgram.navigateTo", map[string]any{"url": "/pages/a/a?id=1"}},
		{"redirectTo", nav(MiniProgram.RedirectTo, "/pages/b/b"), "miniProgram.redirectTo", map[string]any{"url": "/pages/b/b"}},
		{"switchTab", nav(MiniProgram.SwitchTab, "/pages/tab/tab"), "miniProgram.switchTab", map[string]any{"url": "/pages/tab/tab"}},
		{"reLaunch", nav(MiniProgram.ReLaunch, "/pages/c/c?x=y"), "miniProgram.reLaunch", map[string]any{"url": "/pages/c/c?x=y"}},
		{"navigateBack, jweixin's default", back(0), "miniProgram.navigateBack", nil},
		{"navigateBack 2", back(2), "miniProgram.navigateBack", map[string]any{"delta": 2.0}},
		{"postMessage, jweixin's default", post(nil), "miniProgram.postMessage", nil},
		{"postMessage, an object", post(map[string]int{"n": 1}), "miniProgram.postMessage", map[string]any{"data": map[string]any{"n": 1.0}}},
		{"postMessage, a string", post("foo"), "miniProgram.postMessage", map[string]any{"data": "foo"}},
	})
	testRefusals(t, []refusalCase{
		{"navigateTo nowhere", nav(MiniProgram.NavigateTo, ""), "miniProgram.navigateTo: invalid options: missing url"},
		{"redirectTo nowhere", nav(MiniProgram.RedirectTo, ""), "missing url"},
		{"switchTab nowhere", nav(MiniProgram.SwitchTab, ""), "missing url"},
		{"reLaunch nowhere", nav(MiniProgram.ReLaunch, ""), "missing url"},
		{"switchTab with a query", nav(MiniProgram.SwitchTab, "/pages/tab/tab?x=1"), "a tab page cannot take"},
		{"navigateBack -1", back(-1), "delta -1"},
		{"postMessage, not JSON", post(func() {}), "miniProgram.postMessage: invalid options"},
	})
}

func TestMiniProgramWithoutConfig(t *testing.T) {
	b := newFakeBridge()
	b.answer = func(string, map[string]any) (string, bool) { return `{"errMsg":"invokeMiniProgramAPI:ok"}`, true }
	s := newSDK(b)
	ctx := context.Background()
	if err := awaitErr(s.MiniProgram().NavigateTo(ctx, "/pages/a/a")); err != nil {
		t.Fatalf("a mini program call waited for configuration: %v", err)
	}
	b.answer = func(string, map[string]any) (string, bool) { return `{"miniprogram":true}`, true }
	if env, err := s.MiniProgram().GetEnv(ctx).Await(ctx); err != nil || !env.MiniProgram {
		t.Fatalf("GetEnv = %+v, %v", env, err)
	}
}

func TestMiniProgramOutcomes(t *testing.T) {
	call := func(ctx context.Context, s *SDK) *Future[struct{}] {
		return s.MiniProgram().NavigateTo(ctx, "/pages/a/a")
	}
	testDecode(t, call, []decodeCase[struct{}]{
		{"ok", `{"errMsg":"invokeMiniProgramAPI:ok"}`, struct{}{}, nil},
		{"cancel", `{"errMsg":"invokeMiniProgramAPI:cancel"}`, struct{}{}, ErrCancel},
		{"fail", `{"errMsg":"invokeMiniProgramAPI:fail"}`, struct{}{}, ErrFailed},
	})
	s, b := allConfigured(t)
	b.answer = func(string, map[string]any) (string, bool) {
		return `{"errMsg":"invokeMiniProgramAPI:fail not in a mini program"}`, true
	}
	var we *Error
	err := awaitErr(s.MiniProgram().NavigateBack(context.Background(), 1))
	if !errors.As(err, &we) || we.API != APIMiniProgramNavigateBack || we.Msg != "invokeMiniProgramAPI:fail not in a mini program" {
		t.Fatalf("err = %#v", err)
	}
}

func TestMiniProgramGetEnv(t *testing.T) {
	for _, tt := range []struct {
		res     string
		want    bool
		wantErr error
	}{
		{`{"miniprogram":true}`, true, nil},
		{`{"miniprogram":false}`, false, nil},
		{`{}`, false, nil},
		{`{"miniprogram":"maybe"}`, false, ErrFailed},
	} {
		s, b := allConfigured(t)
		b.answer = func(string, map[string]any) (string, bool) { return tt.res, true }
		env, err := s.MiniProgram().GetEnv(context.Background()).Await(context.Background())
		if env.MiniProgram != tt.want || !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
			t.Errorf("%s: %+v, %v", tt.res, env, err)
		}
		if c := b.lastCall(); c.method != "miniProgram.getEnv" || b.live() != 0 {
			t.Errorf("%s: called %+v, %d attached", tt.res, c, b.live())
		}
	}

	s, b := allConfigured(t)
	b.answer = nil // never answered
	ctx, cancel := context.WithCancel(context.Background())
	f := s.MiniProgram().GetEnv(ctx)
	cancel()
	if _, err := f.Await(context.Background()); !errors.Is(err, context.Canceled) || b.live() != 0 {
		t.Fatalf("unanswered GetEnv after its context ended: %v, %d attached", err, b.live())
	}
	if _, err := s.MiniProgram().GetEnv(ctx).Await(context.Background()); !errors.Is(err, context.Canceled) {
		t.Fatalf("GetEnv with an ended context: %v", err)
	}
}

func TestMiniProgramOutsideWeChat(t *testing.T) {
	b := newFakeBridge()
	b.pg.userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156"
	s := newSDK(b)
	ctx := context.Background()
	if err := awaitErr(s.MiniProgram().NavigateTo(ctx, "/pages/a/a")); !errors.Is(err, ErrNotInWeChat) {
		t.Fatalf("NavigateTo = %v", err)
	}
	if env, err := s.MiniProgram().GetEnv(ctx).Await(ctx); err != nil || env.MiniProgram {
		t.Fatalf("GetEnv = %+v, %v", env, err)
	}
	if len(b.calls) != 0 {
		t.Fatalf("calls reached jweixin, which never answers outside WeChat: %+v", b.calls)
	}
}

// A mini program call's error names the interface called, whatever the
// path that failed it; Msg keeps jweixin's errMsg, which names the client's
// invokeMiniProgramAPI.
func TestMiniProgramErrorsNameTheInterface(t *testing.T) {
	s, b := allConfigured(t)
	b.answer = func(string, map[string]any) (string, bool) {
		return `{"errMsg":"invokeMiniProgramAPI:fail not in a mini program"}`, true
	}
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	for name, call := range map[string]func() error{
		"failed":      func() error { return awaitErr(s.MiniProgram().NavigateTo(context.Background(), "/pages/a/a")) },
		"ended":       func() error { return awaitErr(s.MiniProgram().NavigateTo(ended, "/pages/a/a")) },
		"bad options": func() error { return awaitErr(s.MiniProgram().NavigateTo(context.Background(), "")) },
	} {
		var we *Error
		err := call()
		if !errors.As(err, &we) || we.API != APIMiniProgramNavigateTo || !strings.HasPrefix(err.Error(), "wx: miniProgram.navigateTo: ") || strings.Contains(err.Error(), "invokeMiniProgramAPI") {
			t.Errorf("%s: %#v (%v)", name, err, err)
		}
		if name == "failed" && we.Msg != "invokeMiniProgramAPI:fail not in a mini program" {
			t.Errorf("Msg %q is not jweixin's errMsg", we.Msg)
		}
	}
}
