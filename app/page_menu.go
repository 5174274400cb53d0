package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

// menuPage: the items of WeChat's menu for this page, and closing the page.
func menuPage() group {
	return group{path: "menu", title: "Menu", zh: "界面操作",
		about: "The items of WeChat's menu for this page, and closing the page.",
		specs: []spec{
			command(wx.APIHideOptionMenu, (*wx.SDK).HideOptionMenu),
			command(wx.APIShowOptionMenu, (*wx.SDK).ShowOptionMenu),
			menuItems(wx.APIHideMenuItems, (*wx.SDK).HideMenuItems),
			menuItems(wx.APIShowMenuItems, (*wx.SDK).ShowMenuItems),
			command(wx.APIHideAllNonBaseMenuItem, (*wx.SDK).HideAllNonBaseMenuItem),
			command(wx.APIShowAllNonBaseMenuItem, (*wx.SDK).ShowAllNonBaseMenuItem),
			command(wx.APICloseWindow, (*wx.SDK).CloseWindow),
		}}
}

// menuItems is the control of the interfaces that take menu items.
func menuItems(api wx.API, do func(*wx.SDK, context.Context, ...wx.MenuItem) *wx.Future[struct{}]) spec {
	return call[struct{}]{api: api,
		fields: []field{{name: "menuList", label: "menuList", kind: listField, value: "menuItem:share:qq, menuItem:share:weiboApp"}},
		do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
			return do(sdk, ctx, listOf[wx.MenuItem](v, "menuList")...).Await(ctx)
		}}.spec()
}
