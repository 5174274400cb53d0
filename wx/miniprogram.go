package wx

import (
	"context"
	"strings"
)

// MiniProgram talks to the mini program whose web-view shows the page
// (wx.miniProgram). Its calls need no configuration. Outside WeChat, where
// jweixin never answers them, they fail at once with ErrNotInWeChat and
// GetEnv reports no mini program.
type MiniProgram struct{ s *SDK }

// MiniProgram returns the page's mini program handle.
// See https://developers.weixin.qq.com/miniprogram/dev/component/web-view.html
func (s *SDK) MiniProgram() MiniProgram { return MiniProgram{s} }

// GetEnvResult is what GetEnv returns.
type GetEnvResult struct {
	// MiniProgram is true in a mini program's web-view.
	MiniProgram bool
}

// GetEnv tells whether the page runs in a mini program's web-view
// (wx.miniProgram.getEnv). jweixin answers once WeChat's bridge is ready,
// without asking the client.
// See https://developers.weixin.qq.com/miniprogram/dev/component/web-view.html
func (m MiniProgram) GetEnv(ctx context.Context) *Future[GetEnvResult] {
	api := APIMiniProgramGetEnv
	if err := ctx.Err(); err != nil {
		return settled(GetEnvResult{}, wrapErr(api, err, err))
	}
	if !m.s.b.page().inWeChat() {
		return settled(GetEnvResult{}, nil)
	}
	f := newFuture[GetEnvResult]()
	settleFrom(ctx, f, api, func(reply func([]byte)) (func(), error) {
		return m.s.b.callFunc(string(api), reply)
	}, func(res []byte) (GetEnvResult, error) {
		w, err := decodeJSON[struct {
			MiniProgram flag `json:"miniprogram"`
		}](res)
		if err != nil {
			return GetEnvResult{}, wrapErr(api, ErrFailed, err)
		}
		return GetEnvResult{MiniProgram: bool(w.MiniProgram)}, nil
	})
	return f
}

// NavigateTo opens a page of the mini program, keeping the web-view's page
// in its stack (wx.miniProgram.navigateTo). url is the page's path, as
// "/pages/detail/detail?id=1".
// See https://developers.weixin.qq.com/miniprogram/dev/component/web-view.html
func (m MiniProgram) NavigateTo(ctx context.Context, url string) *Future[struct{}] {
	return m.toURL(ctx, APIMiniProgramNavigateTo, url)
}

// RedirectTo replaces the web-view's page with a page of the mini program
// (wx.miniProgram.redirectTo).
// See https://developers.weixin.qq.com/miniprogram/dev/component/web-view.html
func (m MiniProgram) RedirectTo(ctx context.Context, url string) *Future[struct{}] {
	return m.toURL(ctx, APIMiniProgramRedirectTo, url)
}

// SwitchTab opens a tab page of the mini program, closing the other pages
// (wx.miniProgram.switchTab). A tab's url takes no query.
// See https://developers.weixin.qq.com/miniprogram/dev/component/web-view.html
func (m MiniProgram) SwitchTab(ctx context.Context, url string) *Future[struct{}] {
	if strings.Contains(url, "?") {
		return settled(struct{}{}, badOptions(APIMiniProgramSwitchTab, "url %q has a query, which a tab page cannot take", url))
	}
	return m.toURL(ctx, APIMiniProgramSwitchTab, url)
}

// ReLaunch closes every page and opens a page of the mini program
// (wx.miniProgram.reLaunch).
// See https://developers.weixin.qq.com/miniprogram/dev/component/web-view.html
func (m MiniProgram) ReLaunch(ctx context.Context, url string) *Future[struct{}] {
	return m.toURL(ctx, APIMiniProgramReLaunch, url)
}

// NavigateBack goes back delta pages in the mini program
// (wx.miniProgram.navigateBack); 0 means 1.
// See https://developers.weixin.qq.com/miniprogram/dev/component/web-view.html
func (m MiniProgram) NavigateBack(ctx context.Context, delta int) *Future[struct{}] {
	if delta < 0 {
		return settled(struct{}{}, badOptions(APIMiniProgramNavigateBack, "delta %d is negative", delta))
	}
	args := map[string]any{}
	if delta > 0 {
		args["delta"] = delta
	}
	return m.call(ctx, APIMiniProgramNavigateBack, args)
}

// PostMessage sends data (any value JSON can hold; nil sends {}) to the
// mini program (wx.miniProgram.postMessage). The mini program receives the
// messages together, when the user goes back, shares or closes the page.
// See https://developers.weixin.qq.com/miniprogram/dev/component/web-view.html
func (m MiniProgram) PostMessage(ctx context.Context, data any) *Future[struct{}] {
	args := map[string]any{}
	if data != nil {
		args["data"] = data
	}
	return m.call(ctx, APIMiniProgramPostMessage, args)
}

// toURL calls a navigation that opens the page url, which is required.
// See https://developers.weixin.qq.com/miniprogram/dev/component/web-view.html
func (m MiniProgram) toURL(ctx context.Context, api API, url string) *Future[struct{}] {
	if err := requireOptions(api, need{"url", url != ""}); err != nil {
		return settled(struct{}{}, err)
	}
	return m.call(ctx, api, map[string]any{"url": url})
}

// call makes a call of wx.miniProgram, which jweixin sends to the client as
// invokeMiniProgramAPI (its errMsg is "invokeMiniProgramAPI:…").
// See https://developers.weixin.qq.com/miniprogram/dev/component/web-view.html
func (m MiniProgram) call(ctx context.Context, api API, args map[string]any) *Future[struct{}] {
	if !m.s.b.page().inWeChat() {
		return settled(struct{}{}, &Error{API: api, Status: "not inside WeChat: jweixin does not answer in this browser", kind: ErrNotInWeChat})
	}
	return m.s.command(ctx, api, args)
}
