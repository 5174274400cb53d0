package main

import (
	"context"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// voiceField is a voice's localId, the last recorded one when left empty.
func voiceField() field { return field{name: "localId", label: "localId", memo: "voice.localId"} }

// voicePage: record, play, upload and download voices.
func voicePage() group {
	return group{path: "voice", title: "Voice", zh: "音频",
		about: "Record, play, upload and download voices; the recorder's state is shown.",
		specs: []spec{
			call[struct{}]{api: wx.APIStartRecord,
				do: func(ctx context.Context, sdk *wx.SDK, _ values) (struct{}, error) {
					return sdk.StartRecord(ctx).Await(ctx)
				},
				show: recorder[struct{}]("recording"),
			}.spec(),
			call[wx.StopRecordResult]{api: wx.APIStopRecord,
				do: func(ctx context.Context, sdk *wx.SDK, _ values) (wx.StopRecordResult, error) {
					return sdk.StopRecord(ctx).Await(ctx)
				},
				keep: func(res wx.StopRecordResult) []memo { return memos("voice.localId", res.LocalID) },
				show: recorder[wx.StopRecordResult]("stopped"),
			}.spec(),
			listener[wx.VoiceEvent]{api: wx.APIOnVoiceRecordEnd, text: voiceEventText,
				on: func(ctx context.Context, sdk *wx.SDK, _ values) *wx.Subscription[wx.VoiceEvent] {
					return sdk.OnVoiceRecordEnd(ctx)
				},
				keep: func(e wx.VoiceEvent) []memo { return memos("voice.localId", e.LocalID) },
			}.spec(),
			playback(wx.APIPlayVoice, (*wx.SDK).PlayVoice),
			playback(wx.APIPauseVoice, (*wx.SDK).PauseVoice),
			playback(wx.APIStopVoice, (*wx.SDK).StopVoice),
			listener[wx.VoiceEvent]{api: wx.APIOnVoicePlayEnd, text: voiceEventText,
				on: func(ctx context.Context, sdk *wx.SDK, _ values) *wx.Subscription[wx.VoiceEvent] {
					return sdk.OnVoicePlayEnd(ctx)
				},
			}.spec(),
			call[wx.UploadResult]{api: wx.APIUploadVoice,
				fields: []field{voiceField(), hideProgressTips()},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.UploadResult, error) {
					return sdk.UploadVoice(ctx, wx.UploadOptions{LocalID: v.str("localId"), HideProgressTips: v.flag("hideProgressTips")}).Await(ctx)
				},
				keep: func(res wx.UploadResult) []memo { return memos("voice.serverId", res.ServerID) },
			}.spec(),
			call[wx.DownloadResult]{api: wx.APIDownloadVoice,
				fields: []field{{name: "serverId", label: "serverId", memo: "voice.serverId"}, hideProgressTips()},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.DownloadResult, error) {
					return sdk.DownloadVoice(ctx, wx.DownloadOptions{ServerID: v.str("serverId"), HideProgressTips: v.flag("hideProgressTips")}).Await(ctx)
				},
				keep: func(res wx.DownloadResult) []memo { return memos("voice.localId", res.LocalID) },
			}.spec(),
		}}
}

// recorder shows the recorder's state after a call that changed it.
func recorder[T any](state string) func(context.Context, *wx.SDK, T) func() app.UI {
	return func(context.Context, *wx.SDK, T) func() app.UI {
		return func() app.UI {
			return app.P().ID("voice-state").Class("state " + state).Text("recorder: " + state)
		}
	}
}

// playback is the control of the interfaces that act on a voice.
func playback(api wx.API, do func(*wx.SDK, context.Context, wx.VoiceOptions) *wx.Future[struct{}]) spec {
	return call[struct{}]{api: api, fields: []field{voiceField()},
		do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
			return do(sdk, ctx, wx.VoiceOptions{LocalID: v.str("localId")}).Await(ctx)
		}}.spec()
}
