package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

func imageSpecs() []spec {
	return []spec{{
		api: wx.APIChooseImage,
		fields: []field{
			{name: "count", label: "count (1–9, empty: 9)", kind: numberField},
			{name: "sizeType", label: "sizeType (original, compressed)", kind: listField},
			{name: "sourceType", label: "sourceType (album, camera)", kind: listField},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.ChooseImage(ctx, wx.ChooseImageOptions{
				Count:      v.int("count"),
				SizeType:   listOf[wx.SizeType](v, "sizeType"),
				SourceType: listOf[wx.SourceType](v, "sourceType"),
			}).Await(ctx)
		},
	}}
}
