package wx

import (
	"context"
	"slices"
	"testing"
)

func TestMenuArgs(t *testing.T) {
	plain := []struct {
		method string
		call   func(*SDK, context.Context) *Future[struct{}]
	}{
		{"hideOptionMenu", (*SDK).HideOptionMenu},
		{"showOptionMenu", (*SDK).ShowOptionMenu},
		{"hideAllNonBaseMenuItem", (*SDK).HideAllNonBaseMenuItem},
		{"showAllNonBaseMenuItem", (*SDK).ShowAllNonBaseMenuItem},
		{"closeWindow", (*SDK).CloseWindow},
	}
	var cases []callCase
	for _, p := range plain {
		cases = append(cases, callCase{p.method, func(ctx context.Context, s *SDK) error { return awaitErr(p.call(s, ctx)) }, p.method, nil})
	}
	cases = append(cases,
		callCase{"hide", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.HideMenuItems(ctx, MenuItemShareTimeline, MenuItemCopyURL, MenuItemShareEmail))
		}, "hideMenuItems", map[string]any{"menuList": []any{"menuItem:share:timeline", "menuItem:copyUrl", "menuItem:share:email"}}},
		callCase{"show, basic items too", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.ShowMenuItems(ctx, MenuItemRefresh, MenuItemShareQZone))
		}, "showMenuItems", map[string]any{"menuList": []any{"menuItem:refresh", "menuItem:share:QZone"}}},
		callCase{"an item newer than the list", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.HideMenuItems(ctx, "menuItem:share:newThing"))
		}, "hideMenuItems", map[string]any{"menuList": []any{"menuItem:share:newThing"}}},
	)
	testCalls(t, cases)
	testRefusals(t, []refusalCase{
		{"hide a basic item", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.HideMenuItems(ctx, MenuItemCopyURL, MenuItemAddContact))
		}, "menuItem:addContact is a basic menu item"},
		{"hide nothing", func(ctx context.Context, s *SDK) error { return awaitErr(s.HideMenuItems(ctx)) }, "no menu item"},
		{"show nothing", func(ctx context.Context, s *SDK) error { return awaitErr(s.ShowMenuItems(ctx)) }, "no menu item"},
		{"not an item", func(ctx context.Context, s *SDK) error { return awaitErr(s.ShowMenuItems(ctx, "copyUrl")) }, `"copyUrl" is not a menu item`},
	})
}

func TestMenuOutcomes(t *testing.T) {
	call := func(ctx context.Context, s *SDK) *Future[struct{}] { return s.HideMenuItems(ctx, MenuItemShareQQ) }
	testDecode(t, call, []decodeCase[struct{}]{
		{"ok", `{"errMsg":"hideMenuItems:ok"}`, struct{}{}, nil},
		{"cancel", `{"errMsg":"hideMenuItems:cancel"}`, struct{}{}, ErrCancel},
		{"fail", `{"errMsg":"hideMenuItems:fail"}`, struct{}{}, ErrFailed},
		{"denied", `{"errMsg":"hideMenuItems:permission denied"}`, struct{}{}, ErrPermissionDenied},
	})
}

// The menu items of WeChat's appendix, by group.
var appendixMenuItems = map[MenuGroup][]string{
	MenuGroupBasic: {"menuItem:exposeArticle", "menuItem:setFont", "menuItem:dayMode", "menuItem:nightMode",
		"menuItem:refresh", "menuItem:profile", "menuItem:addContact"},
	MenuGroupShare: {"menuItem:share:appMessage", "menuItem:share:timeline", "menuItem:share:qq",
		"menuItem:share:weiboApp", "menuItem:favorite", "menuItem:share:facebook", "menuItem:share:QZone"},
	MenuGroupProtected: {"menuItem:editTag", "menuItem:delete", "menuItem:copyUrl", "menuItem:originPage",
		"menuItem:readMode", "menuItem:openWithQQBrowser", "menuItem:openWithSafari", "menuItem:share:email",
		"menuItem:share:brand"},
}

func TestMenuItemGroups(t *testing.T) {
	for g, want := range appendixMenuItems {
		var got []string
		for _, m := range MenuItems(g) {
			got = append(got, string(m))
			if m.Group() != g {
				t.Errorf("%s.Group() = %v, want %v", m, m.Group(), g)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("MenuItems(%v) = %v\nwant %v", g, got, want)
		}
	}
	if got := MenuItem("menuItem:share:newThing").Group(); got != MenuGroupUnknown || got.String() != "unknown" {
		t.Errorf("an unlisted item is in group %v", got)
	}
	if MenuItems(MenuGroupUnknown) != nil {
		t.Error("MenuItems(MenuGroupUnknown) lists items")
	}
	for g, name := range map[MenuGroup]string{MenuGroupBasic: "basic", MenuGroupShare: "share", MenuGroupProtected: "protected"} {
		if g.String() != name {
			t.Errorf("%d.String() = %q", g, g.String())
		}
	}
	items := MenuItems(MenuGroupShare)
	items[0] = "changed"
	if MenuItems(MenuGroupShare)[0] != MenuItemShareAppMessage {
		t.Error("MenuItems hands out the package's own list")
	}
}

func TestCommandResult(t *testing.T) {
	s, b := allConfigured(t)
	b.answer = func(string, map[string]any) (string, bool) {
		return `{"errMsg":"closeWindow:ok","whatever":[1]}`, true
	}
	if err := awaitErr(s.CloseWindow(context.Background())); err != nil {
		t.Fatalf("extra fields must not fail a call without result: %v", err)
	}
}
