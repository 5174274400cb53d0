//go:build js && wasm

package wx

import (
	"context"
	"testing"
)

func TestMenuInBrowser(t *testing.T) {
	plain := []struct {
		api  API
		call func(*SDK, context.Context) *Future[struct{}]
	}{
		{APIHideOptionMenu, (*SDK).HideOptionMenu},
		{APIShowOptionMenu, (*SDK).ShowOptionMenu},
		{APIHideAllNonBaseMenuItem, (*SDK).HideAllNonBaseMenuItem},
		{APIShowAllNonBaseMenuItem, (*SDK).ShowAllNonBaseMenuItem},
		{APICloseWindow, (*SDK).CloseWindow},
	}
	var cases []browserCase
	for _, p := range plain {
		cases = append(cases, browserCase{string(p.api), p.api, func(ctx context.Context) error { return awaitErr(p.call(sdk, ctx)) }, map[string]any{}})
	}
	cases = append(cases,
		browserCase{"hideMenuItems", APIHideMenuItems, func(ctx context.Context) error {
			return awaitErr(sdk.HideMenuItems(ctx, MenuItemShareTimeline, MenuItemCopyURL))
		}, map[string]any{"menuList": []any{"menuItem:share:timeline", "menuItem:copyUrl"}}},
		browserCase{"showMenuItems", APIShowMenuItems, func(ctx context.Context) error {
			return awaitErr(sdk.ShowMenuItems(ctx, MenuItems(MenuGroupProtected)...))
		}, map[string]any{"menuList": []any{"menuItem:editTag", "menuItem:delete", "menuItem:copyUrl", "menuItem:originPage",
			"menuItem:readMode", "menuItem:openWithQQBrowser", "menuItem:openWithSafari", "menuItem:share:email", "menuItem:share:brand"}}},
	)
	testInBrowser(t, cases)
}
