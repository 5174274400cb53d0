package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gowx/gowx/wx"
)

// miniProgramPage: a web-view talking to its mini program, and launching
// a mini program.
func miniProgramPage() group {
	return group{path: "miniprogram", title: "Mini program", zh: "小程序",
		about: "A web-view talking to its mini program, and launching a mini program.",
		specs: []spec{
			call[wx.GetEnvResult]{api: wx.APIMiniProgramGetEnv,
				do: func(ctx context.Context, sdk *wx.SDK, _ values) (wx.GetEnvResult, error) {
					return sdk.MiniProgram().GetEnv(ctx).Await(ctx)
				},
			}.spec(),
			miniProgramPath(wx.APIMiniProgramNavigateTo, wx.MiniProgram.NavigateTo, "/pages/detail/detail?id=1"),
			call[struct{}]{api: wx.APIMiniProgramNavigateBack,
				fields: []field{{name: "delta", label: "delta (empty: 1)", kind: numberField}},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					return sdk.MiniProgram().NavigateBack(ctx, v.int("delta")).Await(ctx)
				},
			}.spec(),
			miniProgramPath(wx.APIMiniProgramRedirectTo, wx.MiniProgram.RedirectTo, "/pages/detail/detail?id=2"),
			miniProgramPath(wx.APIMiniProgramSwitchTab, wx.MiniProgram.SwitchTab, "/pages/index/index"),
			miniProgramPath(wx.APIMiniProgramReLaunch, wx.MiniProgram.ReLaunch, "/pages/index/index"),
			call[struct{}]{api: wx.APIMiniProgramPostMessage,
				fields: []field{{name: "data", label: "data (JSON)", value: `{"from":"gowx"}`}},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					var data any
					if err := json.Unmarshal([]byte(v.str("data")), &data); err != nil {
						return struct{}{}, fmt.Errorf("data is not JSON: %w", err)
					}
					return sdk.MiniProgram().PostMessage(ctx, data).Await(ctx)
				},
			}.spec(),
			call[struct{}]{api: wx.APILaunchMiniProgram,
				fields: []field{
					{name: "targetAppId", label: "targetAppId", value: "wx0123456789abcdef"},
					{name: "path", label: "path", value: "pages/index/index?from=gowx"},
					envVersionField(),
				},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					return sdk.LaunchMiniProgram(ctx, wx.LaunchMiniProgramOptions{
						TargetAppID: v.str("targetAppId"), Path: v.str("path"), EnvVersion: wx.EnvVersion(v.str("envVersion")),
					}).Await(ctx)
				},
			}.spec(),
		}}
}

// envVersionField is the version of a mini program to open.
func envVersionField() field {
	return field{name: "envVersion", label: "envVersion", kind: choiceField, choices: []string{"", "release", "trial", "develop"}}
}

// miniProgramPath is the control of the mini program's page changes.
func miniProgramPath(api wx.API, do func(wx.MiniProgram, context.Context, string) *wx.Future[struct{}], url string) spec {
	return call[struct{}]{api: api, fields: []field{{name: "url", label: "url", value: url}},
		do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
			return do(sdk.MiniProgram(), ctx, v.str("url")).Await(ctx)
		}}.spec()
}
