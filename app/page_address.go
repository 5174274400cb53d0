package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

// addressPage: the user's shipping addresses.
func addressPage() group {
	return group{path: "address", title: "Address", zh: "快捷输入",
		about: "The user's shipping addresses.",
		specs: []spec{
			call[wx.Address]{api: wx.APIOpenAddress,
				do: func(ctx context.Context, sdk *wx.SDK, _ values) (wx.Address, error) {
					return sdk.OpenAddress(ctx).Await(ctx)
				},
			}.spec(),
		}}
}
