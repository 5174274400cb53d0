//go:build js && wasm

package wx

import (
	"context"
	"testing"

	"github.com/hack-pad/safejs"
)

func TestMiniProgramInBrowser(t *testing.T) {
	mp := sdk.MiniProgram()
	nav := func(f func(MiniProgram, context.Context, string) *Future[struct{}], url string) func(context.Context) error {
		return func(ctx context.Context) error { return awaitErr(f(mp, ctx, url)) }
	}
	testInBrowser(t, []browserCase{
		{"navigateTo", APIMiniProgramNavigateTo, nav(MiniProgram.NavigateTo, "/pages/a/a?id=1"),
			map[string]any{"name": "navigateTo", "arg": map[string]any{"url": "/pages/a/a?id=1"}}},
		{"redirectTo", APIMiniProgramRedirectTo, nav(MiniProgram.RedirectTo, "/pages/b/b"),
			map[string]any{"name": "redirectTo", "arg": map[string]any{"url": "/pages/b/b"}}},
		{"switchTab", APIMiniProgramSwitchTab, nav(MiniProgram.SwitchTab, "/pages/tab/tab"),
			map[string]any{"name": "switchTab", "arg": map[string]any{"url": "/pages/tab/tab"}}},
		{"reLaunch", APIMiniProgramReLaunch, nav(MiniProgram.ReLaunch, "/pages/c/c"),
			map[string]any{"name": "reLaunch", "arg": map[string]any{"url": "/pages/c/c"}}},
		{"navigateBack", APIMiniProgramNavigateBack, func(ctx context.Context) error { return awaitErr(mp.NavigateBack(ctx, 0)) },
			map[string]any{"name": "navigateBack", "arg": map[string]any{"delta": 1.0}}},
		{"navigateBack 3", APIMiniProgramNavigateBack, func(ctx context.Context) error { return awaitErr(mp.NavigateBack(ctx, 3)) },
			map[string]any{"name": "navigateBack", "arg": map[string]any{"delta": 3.0}}},
		{"postMessage", APIMiniProgramPostMessage, func(ctx context.Context) error { return awaitErr(mp.PostMessage(ctx, nil)) },
			map[string]any{"name": "postMessage", "arg": map[string]any{}}},
		{"postMessage, data", APIMiniProgramPostMessage, func(ctx context.Context) error {
			return awaitErr(mp.PostMessage(ctx, map[string]any{"order": "o1"}))
		}, map[string]any{"name": "postMessage", "arg": map[string]any{"order": "o1"}}},
	})
	resetFake(t)
	if _, err := await(t, mp.NavigateTo(context.Background(), "/pages/a/a")); err != nil {
		t.Fatal(err)
	}
	if msg := pageResult(t, APIMiniProgramNavigateTo)["errMsg"]; msg != "invokeMiniProgramAPI:ok" {
		t.Fatalf("errMsg %q", msg)
	}
}

func TestMiniProgramGetEnvInBrowser(t *testing.T) {
	resetFake(t)
	ctx := context.Background()
	if env, err := await(t, sdk.MiniProgram().GetEnv(ctx)); err != nil || env.MiniProgram {
		t.Fatalf("in WeChat's browser: %+v, %v", env, err)
	}
	w := safejs.Global()
	w.Set("__wxjs_environment", "miniprogram")
	t.Cleanup(func() { w.Delete("__wxjs_environment") })
	if env, err := await(t, sdk.MiniProgram().GetEnv(ctx)); err != nil || !env.MiniProgram {
		t.Fatalf("in a mini program's web-view: %+v, %v", env, err)
	}
	loggedCall(t, APIMiniProgramGetEnv) // fails unless jweixin's getEnv was called
	if Env() != EnvMiniProgram {
		t.Fatalf("Env() = %v", Env())
	}
}
