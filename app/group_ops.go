package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gowx/gowx/wx"
)

// Controls of the pages that work without the server's help: menu, scan,
// address, mini program and enterprise, and checkJsApi on the device page.

// command is a control whose call takes no options and gives no result.
func command(api wx.API, call func(*wx.SDK, context.Context) *wx.Future[struct{}]) spec {
	return spec{api: api, run: func(ctx context.Context, sdk *wx.SDK, _ values) (any, error) {
		return call(sdk, ctx).Await(ctx)
	}}
}

func checkJSAPISpec() spec {
	return spec{
		api:    wx.APICheckJSAPI,
		fields: []field{{name: "jsApiList", label: "jsApiList", kind: listField, value: "chooseImage, openAddress, chooseWXPay"}},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.CheckJSAPI(ctx, listOf[wx.API](v, "jsApiList")...).Await(ctx)
		},
	}
}

func menuSpecs() []spec {
	items := func(call func(*wx.SDK, context.Context, ...wx.MenuItem) *wx.Future[struct{}]) func(context.Context, *wx.SDK, values) (any, error) {
		return func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return call(sdk, ctx, listOf[wx.MenuItem](v, "menuList")...).Await(ctx)
		}
	}
	menuList := []field{{name: "menuList", label: "menuList", kind: listField, value: "menuItem:share:qq, menuItem:share:weiboApp"}}
	return []spec{
		command(wx.APIHideOptionMenu, (*wx.SDK).HideOptionMenu),
		command(wx.APIShowOptionMenu, (*wx.SDK).ShowOptionMenu),
		{api: wx.APIHideMenuItems, fields: menuList, run: items((*wx.SDK).HideMenuItems)},
		{api: wx.APIShowMenuItems, fields: menuList, run: items((*wx.SDK).ShowMenuItems)},
		command(wx.APIHideAllNonBaseMenuItem, (*wx.SDK).HideAllNonBaseMenuItem),
		command(wx.APIShowAllNonBaseMenuItem, (*wx.SDK).ShowAllNonBaseMenuItem),
		command(wx.APICloseWindow, (*wx.SDK).CloseWindow),
	}
}

func scanSpecs() []spec {
	return []spec{{
		api: wx.APIScanQRCode,
		fields: []field{
			{name: "needResult", label: "needResult (return the text)", kind: boolField, value: "true"},
			{name: "scanType", label: "scanType (qrCode, barCode)", kind: listField},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			res, err := sdk.ScanQRCode(ctx, wx.ScanQRCodeOptions{NeedResult: v.flag("needResult"), ScanType: listOf[wx.ScanType](v, "scanType")}).Await(ctx)
			if err != nil {
				return nil, err
			}
			shown := map[string]any{"ResultStr": res.ResultStr}
			if format, code, ok := res.Barcode(); ok {
				shown["barcode"] = map[string]string{"format": format, "code": code}
			}
			return shown, nil
		},
	}}
}

func addressSpecs() []spec {
	return []spec{{
		api: wx.APIOpenAddress,
		run: func(ctx context.Context, sdk *wx.SDK, _ values) (any, error) {
			return sdk.OpenAddress(ctx).Await(ctx)
		},
	}}
}

func miniProgramSpecs() []spec {
	page := func(api wx.API, call func(wx.MiniProgram, context.Context, string) *wx.Future[struct{}], url string) spec {
		return spec{api: api, fields: []field{{name: "url", label: "url", value: url}}, run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return call(sdk.MiniProgram(), ctx, v.str("url")).Await(ctx)
		}}
	}
	return []spec{
		{api: wx.APIMiniProgramGetEnv, run: func(ctx context.Context, sdk *wx.SDK, _ values) (any, error) {
			return sdk.MiniProgram().GetEnv(ctx).Await(ctx)
		}},
		page(wx.APIMiniProgramNavigateTo, wx.MiniProgram.NavigateTo, "/pages/detail/detail?id=1"),
		{api: wx.APIMiniProgramNavigateBack, fields: []field{{name: "delta", label: "delta (empty: 1)", kind: numberField}},
			run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
				return sdk.MiniProgram().NavigateBack(ctx, v.int("delta")).Await(ctx)
			}},
		page(wx.APIMiniProgramRedirectTo, wx.MiniProgram.RedirectTo, "/pages/detail/detail?id=2"),
		page(wx.APIMiniProgramSwitchTab, wx.MiniProgram.SwitchTab, "/pages/index/index"),
		page(wx.APIMiniProgramReLaunch, wx.MiniProgram.ReLaunch, "/pages/index/index"),
		{api: wx.APIMiniProgramPostMessage, fields: []field{{name: "data", label: "data (JSON)", value: `{"from":"gowx"}`}},
			run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
				var data any
				if err := json.Unmarshal([]byte(v.str("data")), &data); err != nil {
					return nil, fmt.Errorf("data is not JSON: %w", err)
				}
				return sdk.MiniProgram().PostMessage(ctx, data).Await(ctx)
			}},
		{api: wx.APILaunchMiniProgram, fields: []field{
			{name: "targetAppId", label: "targetAppId", value: "wx0123456789abcdef"},
			{name: "path", label: "path", value: "pages/index/index?from=gowx"},
			{name: "envVersion", label: "envVersion", kind: choiceField, choices: []string{"", "release", "trial", "develop"}},
		}, run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.LaunchMiniProgram(ctx, wx.LaunchMiniProgramOptions{
				TargetAppID: v.str("targetAppId"), Path: v.str("path"), EnvVersion: wx.EnvVersion(v.str("envVersion")),
			}).Await(ctx)
		}},
	}
}

func enterpriseSpecs() []spec {
	return []spec{{
		api: wx.APIOpenEnterpriseChat,
		fields: []field{
			{name: "userIds", label: "userIds", kind: listField, value: "zhangsan, lisi"},
			{name: "groupName", label: "groupName", value: "gowx"},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.OpenEnterpriseChat(ctx, wx.OpenEnterpriseChatOptions{UserIDs: v.list("userIds"), GroupName: v.str("groupName")}).Await(ctx)
		},
	}}
}
