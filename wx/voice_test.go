package wx

import (
	"context"
	"errors"
	"testing"
)

func TestVoiceCalls(t *testing.T) {
	voice := VoiceOptions{LocalID: "L1"}
	testCalls(t, []callCase{
		{"startRecord", func(ctx context.Context, s *SDK) error { return awaitErr(s.StartRecord(ctx)) }, "startRecord", nil},
		{"stopRecord", func(ctx context.Context, s *SDK) error { return awaitErr(s.StopRecord(ctx)) }, "stopRecord", nil},
		{"playVoice", func(ctx context.Context, s *SDK) error { return awaitErr(s.PlayVoice(ctx, voice)) }, "playVoice", map[string]any{"localId": "L1"}},
		{"pauseVoice", func(ctx context.Context, s *SDK) error { return awaitErr(s.PauseVoice(ctx, voice)) }, "pauseVoice", map[string]any{"localId": "L1"}},
		{"stopVoice", func(ctx context.Context, s *SDK) error { return awaitErr(s.StopVoice(ctx, voice)) }, "stopVoice", map[string]any{"localId": "L1"}},
		{"uploadVoice", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UploadVoice(ctx, UploadOptions{LocalID: "L1"}))
		}, "uploadVoice", map[string]any{"localId": "L1"}},
		{"uploadVoice without tips", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UploadVoice(ctx, UploadOptions{LocalID: "L1", HideProgressTips: true}))
		}, "uploadVoice", map[string]any{"localId": "L1", "isShowProgressTips": 0.0}},
		{"downloadVoice", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.DownloadVoice(ctx, DownloadOptions{ServerID: "S1"}))
		}, "downloadVoice", map[string]any{"serverId": "S1"}},
		{"downloadVoice without tips", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.DownloadVoice(ctx, DownloadOptions{ServerID: "S1", HideProgressTips: true}))
		}, "downloadVoice", map[string]any{"serverId": "S1", "isShowProgressTips": 0.0}},
		{"translateVoice", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.TranslateVoice(ctx, TranslateVoiceOptions{LocalID: "L1"}))
		}, "translateVoice", map[string]any{"localId": "L1"}},
		{"translateVoice without tips", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.TranslateVoice(ctx, TranslateVoiceOptions{LocalID: "L1", HideProgressTips: true}))
		}, "translateVoice", map[string]any{"localId": "L1", "isShowProgressTips": 0.0}},
	})
}

func TestVoiceRefusals(t *testing.T) {
	testRefusals(t, []refusalCase{
		{"playVoice", func(ctx context.Context, s *SDK) error { return awaitErr(s.PlayVoice(ctx, VoiceOptions{})) }, "LocalID"},
		{"pauseVoice", func(ctx context.Context, s *SDK) error { return awaitErr(s.PauseVoice(ctx, VoiceOptions{})) }, "LocalID"},
		{"stopVoice", func(ctx context.Context, s *SDK) error { return awaitErr(s.StopVoice(ctx, VoiceOptions{})) }, "LocalID"},
		{"uploadVoice", func(ctx context.Context, s *SDK) error { return awaitErr(s.UploadVoice(ctx, UploadOptions{})) }, "LocalID"},
		{"downloadVoice", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.DownloadVoice(ctx, DownloadOptions{HideProgressTips: true}))
		}, "ServerID"},
		{"translateVoice", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.TranslateVoice(ctx, TranslateVoiceOptions{}))
		}, "LocalID"},
	})
}

func TestVoiceResults(t *testing.T) {
	testDecode(t, func(ctx context.Context, s *SDK) *Future[struct{}] { return s.StartRecord(ctx) }, []decodeCase[struct{}]{
		{"ok", `{"errMsg":"startRecord:ok"}`, struct{}{}, nil},
		{"recording already", `{"errMsg":"startRecord:recording"}`, struct{}{}, ErrFailed},
		{"user refused the microphone", `{"errMsg":"startRecord:cancel"}`, struct{}{}, ErrCancel},
	})
	testDecode(t, func(ctx context.Context, s *SDK) *Future[StopRecordResult] { return s.StopRecord(ctx) }, []decodeCase[StopRecordResult]{
		{"ok", `{"errMsg":"stopRecord:ok","localId":"weixin://resourceid/3"}`, StopRecordResult{LocalID: "weixin://resourceid/3"}, nil},
		{"not recording", `{"errMsg":"stopRecord:fail"}`, StopRecordResult{}, ErrFailed},
		{"ok without localId", `{"errMsg":"stopRecord:ok"}`, StopRecordResult{}, ErrFailed},
	})
	testDecode(t, func(ctx context.Context, s *SDK) *Future[struct{}] {
		return s.PlayVoice(ctx, VoiceOptions{LocalID: "L1"})
	}, []decodeCase[struct{}]{
		{"ok", `{"errMsg":"playVoice:ok"}`, struct{}{}, nil},
		{"unknown voice", `{"errMsg":"playVoice:arguments error"}`, struct{}{}, ErrFailed},
	})
	testDecode(t, func(ctx context.Context, s *SDK) *Future[UploadResult] {
		return s.UploadVoice(ctx, UploadOptions{LocalID: "L1"})
	}, []decodeCase[UploadResult]{
		{"ok", `{"errMsg":"uploadVoice:ok","serverId":"media-2"}`, UploadResult{ServerID: "media-2"}, nil},
		{"fail", `{"errMsg":"uploadVoice:fail"}`, UploadResult{}, ErrFailed},
	})
	testDecode(t, func(ctx context.Context, s *SDK) *Future[DownloadResult] {
		return s.DownloadVoice(ctx, DownloadOptions{ServerID: "S1"})
	}, []decodeCase[DownloadResult]{
		{"ok", `{"errMsg":"downloadVoice:ok","localId":"weixin://resourceid/4"}`, DownloadResult{LocalID: "weixin://resourceid/4"}, nil},
		{"invalid serverId", `{"errMsg":"downloadVoice:invaild serverid"}`, DownloadResult{}, ErrFailed},
	})
	testDecode(t, func(ctx context.Context, s *SDK) *Future[TranslateVoiceResult] {
		return s.TranslateVoice(ctx, TranslateVoiceOptions{LocalID: "L1"})
	}, []decodeCase[TranslateVoiceResult]{
		{"ok", `{"errMsg":"translateVoice:ok","translateResult":"你好"}`, TranslateVoiceResult{TranslateResult: "你好"}, nil},
		{"nothing recognised", `{"errMsg":"translateVoice:fail"}`, TranslateVoiceResult{}, ErrFailed},
	})
}

func TestVoiceRecordEnd(t *testing.T) {
	s, b := allConfigured(t)
	b.answer = nil // events come only from the test
	sub := s.OnVoiceRecordEnd(context.Background())
	reg := registration(t, b, "onVoiceRecordEnd")
	if len(reg.args) != 0 || len(reg.cbs) != len(resultCallbacks) {
		t.Fatalf("registered %+v", reg)
	}
	b.reply(reg.id, "success", `{"errMsg":"onVoiceRecordEnd:ok","localId":"weixin://resourceid/7"}`)
	b.reply(reg.id, "fail", `{"errMsg":"onVoiceRecordEnd:fail"}`)
	if e := next(t, sub); e.LocalID != "weixin://resourceid/7" || e.Err != nil {
		t.Fatalf("event %+v", e)
	}
	if e := next(t, sub); !errors.Is(e.Err, ErrFailed) {
		t.Fatalf("failed event %+v", e)
	}
	sub.Stop()
	if b.reply(reg.id, "success", `{"errMsg":"onVoiceRecordEnd:ok","localId":"late"}`) {
		t.Fatal("a stopped subscription still receives")
	}
}
