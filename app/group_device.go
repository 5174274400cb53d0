package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

func deviceSpecs() []spec {
	return []spec{{
		api: wx.APIGetNetworkType,
		run: func(ctx context.Context, sdk *wx.SDK, _ values) (any, error) {
			return sdk.GetNetworkType(ctx).Await(ctx)
		},
	}, checkJSAPISpec()}
}
