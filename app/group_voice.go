package main

import (
	"context"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// voiceField is a voice's localId, the last recorded one when left empty.
var voiceField = field{name: "localId", label: "localId", memo: "voice.localId"}

// recording is what the page shows of the recorder's state.
type recording string

func voiceSpecs() []spec {
	state := func(s recording) func(context.Context, *wx.SDK, any) any {
		return func(context.Context, *wx.SDK, any) any { return s }
	}
	showState := func(extra any) app.UI {
		s, _ := extra.(recording)
		return app.P().ID("voice-state").Class("state " + string(s)).Text("recorder: " + string(s))
	}
	play := func(api wx.API, call func(*wx.SDK) func(context.Context, wx.VoiceOptions) *wx.Future[struct{}]) spec {
		return spec{api: api, fields: []field{voiceField}, run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return call(sdk)(ctx, wx.VoiceOptions{LocalID: v.str("localId")}).Await(ctx)
		}}
	}
	return []spec{{
		api: wx.APIStartRecord,
		run: func(ctx context.Context, sdk *wx.SDK, _ values) (any, error) {
			return sdk.StartRecord(ctx).Await(ctx)
		},
		after: state("recording"),
		show:  showState,
	}, {
		api: wx.APIStopRecord,
		run: func(ctx context.Context, sdk *wx.SDK, _ values) (any, error) {
			res, err := sdk.StopRecord(ctx).Await(ctx)
			remember("voice.localId", res.LocalID)
			return res, err
		},
		after: state("stopped"),
		show:  showState,
	}, {
		api: wx.APIOnVoiceRecordEnd,
		listen: func(ctx context.Context, sdk *wx.SDK, _ values) events {
			sub := sdk.OnVoiceRecordEnd(ctx)
			return subscribeEach(sub, func(e wx.VoiceEvent) { remember("voice.localId", e.LocalID) })
		},
	},
		play(wx.APIPlayVoice, func(s *wx.SDK) func(context.Context, wx.VoiceOptions) *wx.Future[struct{}] { return s.PlayVoice }),
		play(wx.APIPauseVoice, func(s *wx.SDK) func(context.Context, wx.VoiceOptions) *wx.Future[struct{}] { return s.PauseVoice }),
		play(wx.APIStopVoice, func(s *wx.SDK) func(context.Context, wx.VoiceOptions) *wx.Future[struct{}] { return s.StopVoice }),
		{
			api: wx.APIOnVoicePlayEnd,
			listen: func(ctx context.Context, sdk *wx.SDK, _ values) events {
				return subscribe(sdk.OnVoicePlayEnd(ctx))
			},
		}, {
			api:    wx.APIUploadVoice,
			fields: []field{voiceField, {name: "hideProgressTips", label: "hide progress tips", kind: boolField}},
			run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
				res, err := sdk.UploadVoice(ctx, wx.UploadOptions{LocalID: v.str("localId"), HideProgressTips: v.flag("hideProgressTips")}).Await(ctx)
				remember("voice.serverId", res.ServerID)
				return res, err
			},
		}, {
			api:    wx.APIDownloadVoice,
			fields: []field{{name: "serverId", label: "serverId", memo: "voice.serverId"}, {name: "hideProgressTips", label: "hide progress tips", kind: boolField}},
			run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
				res, err := sdk.DownloadVoice(ctx, wx.DownloadOptions{ServerID: v.str("serverId"), HideProgressTips: v.flag("hideProgressTips")}).Await(ctx)
				remember("voice.localId", res.LocalID)
				return res, err
			},
		}}
}

func smartSpecs() []spec {
	return []spec{{
		api:    wx.APITranslateVoice,
		fields: []field{voiceField, {name: "hideProgressTips", label: "hide progress tips", kind: boolField}},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.TranslateVoice(ctx, wx.TranslateVoiceOptions{LocalID: v.str("localId"), HideProgressTips: v.flag("hideProgressTips")}).Await(ctx)
		},
	}}
}
