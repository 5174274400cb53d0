package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

// smartPage: speech recognition of a recorded voice.
func smartPage() group {
	return group{path: "smart", title: "Smart", zh: "智能",
		about: "Speech recognition of a recorded voice.",
		specs: []spec{
			call[wx.TranslateVoiceResult]{api: wx.APITranslateVoice,
				fields: []field{voiceField(), hideProgressTips()},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.TranslateVoiceResult, error) {
					return sdk.TranslateVoice(ctx, wx.TranslateVoiceOptions{LocalID: v.str("localId"), HideProgressTips: v.flag("hideProgressTips")}).Await(ctx)
				},
			}.spec(),
		}}
}
