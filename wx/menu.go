package wx

import (
	"context"
	"strings"
)

// MenuItem is an item of the menu WeChat opens from the page's "…" button,
// for HideMenuItems and ShowMenuItems.
type MenuItem string

// The menu items, by group. Basic items cannot be hidden one by one.
const (
	// Basic items.
	MenuItemExposeArticle MenuItem = "menuItem:exposeArticle" // Report
	MenuItemSetFont       MenuItem = "menuItem:setFont"       // Font size
	MenuItemDayMode       MenuItem = "menuItem:dayMode"       // Day mode
	MenuItemNightMode     MenuItem = "menuItem:nightMode"     // Night mode
	MenuItemRefresh       MenuItem = "menuItem:refresh"       // Refresh
	MenuItemProfile       MenuItem = "menuItem:profile"       // The official account, when followed
	MenuItemAddContact    MenuItem = "menuItem:addContact"    // The official account, when not followed

	// Share items.
	MenuItemShareAppMessage MenuItem = "menuItem:share:appMessage" // Send to a chat
	MenuItemShareTimeline   MenuItem = "menuItem:share:timeline"   // Share to Moments
	MenuItemShareQQ         MenuItem = "menuItem:share:qq"         // Share to QQ
	MenuItemShareWeiboApp   MenuItem = "menuItem:share:weiboApp"   // Share to Weibo
	MenuItemFavorite        MenuItem = "menuItem:favorite"         // Add to favourites
	MenuItemShareFacebook   MenuItem = "menuItem:share:facebook"   // Share to Facebook
	MenuItemShareQZone      MenuItem = "menuItem:share:QZone"      // Share to QQ Zone

	// Protected items.
	MenuItemEditTag           MenuItem = "menuItem:editTag"           // Edit tags
	MenuItemDelete            MenuItem = "menuItem:delete"            // Delete
	MenuItemCopyURL           MenuItem = "menuItem:copyUrl"           // Copy link
	MenuItemOriginPage        MenuItem = "menuItem:originPage"        // Original page
	MenuItemReadMode          MenuItem = "menuItem:readMode"          // Reading mode
	MenuItemOpenWithQQBrowser MenuItem = "menuItem:openWithQQBrowser" // Open in QQ Browser
	MenuItemOpenWithSafari    MenuItem = "menuItem:openWithSafari"    // Open in Safari
	MenuItemShareEmail        MenuItem = "menuItem:share:email"       // Email
	MenuItemShareBrand        MenuItem = "menuItem:share:brand"       // Some special accounts
)

// MenuGroup is the group WeChat puts a menu item in.
type MenuGroup int

// The groups of menu items.
const (
	// MenuGroupUnknown: not an item WeChat documents.
	MenuGroupUnknown MenuGroup = iota
	// MenuGroupBasic: always shown; HideAllNonBaseMenuItem leaves them.
	MenuGroupBasic
	// MenuGroupShare: the items that spread the page.
	MenuGroupShare
	// MenuGroupProtected: the items that expose the page's address or content.
	MenuGroupProtected
)

func (g MenuGroup) String() string {
	switch g {
	case MenuGroupBasic:
		return "basic"
	case MenuGroupShare:
		return "share"
	case MenuGroupProtected:
		return "protected"
	}
	return "unknown"
}

// menuItems lists every item with its group, in WeChat's order.
var menuItems = []struct {
	item  MenuItem
	group MenuGroup
}{
	{MenuItemExposeArticle, MenuGroupBasic},
	{MenuItemSetFont, MenuGroupBasic},
	{MenuItemDayMode, MenuGroupBasic},
	{MenuItemNightMode, MenuGroupBasic},
	{MenuItemRefresh, MenuGroupBasic},
	{MenuItemProfile, MenuGroupBasic},
	{MenuItemAddContact, MenuGroupBasic},
	{MenuItemShareAppMessage, MenuGroupShare},
	{MenuItemShareTimeline, MenuGroupShare},
	{MenuItemShareQQ, MenuGroupShare},
	{MenuItemShareWeiboApp, MenuGroupShare},
	{MenuItemFavorite, MenuGroupShare},
	{MenuItemShareFacebook, MenuGroupShare},
	{MenuItemShareQZone, MenuGroupShare},
	{MenuItemEditTag, MenuGroupProtected},
	{MenuItemDelete, MenuGroupProtected},
	{MenuItemCopyURL, MenuGroupProtected},
	{MenuItemOriginPage, MenuGroupProtected},
	{MenuItemReadMode, MenuGroupProtected},
	{MenuItemOpenWithQQBrowser, MenuGroupProtected},
	{MenuItemOpenWithSafari, MenuGroupProtected},
	{MenuItemShareEmail, MenuGroupProtected},
	{MenuItemShareBrand, MenuGroupProtected},
}

// Group returns the group of m; MenuGroupUnknown for an item WeChat does
// not document.
func (m MenuItem) Group() MenuGroup {
	for _, e := range menuItems {
		if e.item == m {
			return e.group
		}
	}
	return MenuGroupUnknown
}

// MenuItems returns the items of group g, in WeChat's order.
func MenuItems(g MenuGroup) []MenuItem {
	var items []MenuItem
	for _, e := range menuItems {
		if e.group == g {
			items = append(items, e.item)
		}
	}
	return items
}

// HideOptionMenu hides the "…" button of the page, and with it the whole
// menu (wx.hideOptionMenu).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#45
func (s *SDK) HideOptionMenu(ctx context.Context) *Future[struct{}] {
	return s.command(ctx, APIHideOptionMenu, nil)
}

// ShowOptionMenu shows the "…" button again (wx.showOptionMenu).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#45
func (s *SDK) ShowOptionMenu(ctx context.Context) *Future[struct{}] {
	return s.command(ctx, APIShowOptionMenu, nil)
}

// HideMenuItems hides items of the menu (wx.hideMenuItems). Only share and
// protected items can be hidden: a basic item is refused with
// ErrBadOptions, as WeChat would ignore it.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#47
func (s *SDK) HideMenuItems(ctx context.Context, items ...MenuItem) *Future[struct{}] {
	if err := checkMenuItems(APIHideMenuItems, items); err != nil {
		return settled(struct{}{}, err)
	}
	for _, m := range items {
		if m.Group() == MenuGroupBasic {
			return settled(struct{}{}, badOptions(APIHideMenuItems, "%s is a basic menu item, which WeChat cannot hide", m))
		}
	}
	return s.command(ctx, APIHideMenuItems, map[string]any{"menuList": items})
}

// ShowMenuItems shows items of the menu that HideMenuItems or
// HideAllNonBaseMenuItem hid (wx.showMenuItems).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#48
func (s *SDK) ShowMenuItems(ctx context.Context, items ...MenuItem) *Future[struct{}] {
	if err := checkMenuItems(APIShowMenuItems, items); err != nil {
		return settled(struct{}{}, err)
	}
	return s.command(ctx, APIShowMenuItems, map[string]any{"menuList": items})
}

// checkMenuItems refuses an empty list, and names that are no menu item at
// all. Items missing from WeChat's list but named like one pass, for the
// items newer clients add.
func checkMenuItems(api API, items []MenuItem) error {
	if len(items) == 0 {
		return badOptions(api, "no menu item given")
	}
	for _, m := range items {
		if !strings.HasPrefix(string(m), "menuItem:") {
			return badOptions(api, "%q is not a menu item (they are named \"menuItem:…\")", m)
		}
	}
	return nil
}

// HideAllNonBaseMenuItem hides every share and protected item of the menu,
// leaving the basic ones (wx.hideAllNonBaseMenuItem).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#49
func (s *SDK) HideAllNonBaseMenuItem(ctx context.Context) *Future[struct{}] {
	return s.command(ctx, APIHideAllNonBaseMenuItem, nil)
}

// ShowAllNonBaseMenuItem shows every share and protected item of the menu
// again (wx.showAllNonBaseMenuItem).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#50
func (s *SDK) ShowAllNonBaseMenuItem(ctx context.Context) *Future[struct{}] {
	return s.command(ctx, APIShowAllNonBaseMenuItem, nil)
}

// CloseWindow closes the page's window in WeChat (wx.closeWindow). The
// Future may never settle, since the page goes with the window: call it
// with a context that ends.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#46
func (s *SDK) CloseWindow(ctx context.Context) *Future[struct{}] {
	return s.command(ctx, APICloseWindow, nil)
}
