//go:build js && wasm

package wx

import (
	"context"
	"errors"
	"testing"
	"time"
)

// stopRecording ends a recording an earlier test may have left running in
// the fake's recorder.
func stopRecording() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sdk.StopRecord(ctx).Await(ctx)
}

func TestRecordInBrowser(t *testing.T) {
	resetFake(t)
	stopRecording()
	ctx := context.Background()
	awaitStatus(t, sdk.StopRecord(ctx), "fail") // nothing to stop
	awaitOK(t, sdk.StartRecord(ctx))
	checkArgs(t, "startRecord", map[string]any{})
	awaitStatus(t, sdk.StartRecord(ctx), "recording")
	rec := awaitOK(t, sdk.StopRecord(ctx))
	checkArgs(t, "stopRecord", map[string]any{})
	if rec.LocalID == "" {
		t.Fatal("no localId")
	}

	voice := VoiceOptions{LocalID: rec.LocalID}
	for _, c := range []struct {
		api  API
		call func(context.Context, VoiceOptions) *Future[struct{}]
	}{{APIPlayVoice, sdk.PlayVoice}, {APIPauseVoice, sdk.PauseVoice}, {APIStopVoice, sdk.StopVoice}} {
		awaitOK(t, c.call(ctx, voice))
		checkArgs(t, string(c.api), map[string]any{"localId": rec.LocalID})
	}
	unknown := VoiceOptions{LocalID: "weixin://resourceid/unknown"}
	awaitStatus(t, sdk.PlayVoice(ctx, unknown), "arguments error")
	awaitStatus(t, sdk.StopVoice(ctx, unknown), "not playing")
}

func TestVoiceTransfersInBrowser(t *testing.T) {
	resetFake(t)
	stopRecording()
	ctx := context.Background()
	awaitOK(t, sdk.StartRecord(ctx))
	rec := awaitOK(t, sdk.StopRecord(ctx))

	up := awaitOK(t, sdk.UploadVoice(ctx, UploadOptions{LocalID: rec.LocalID, HideProgressTips: true}))
	checkArgs(t, "uploadVoice", map[string]any{"localId": rec.LocalID, "isShowProgressTips": 0.0})
	down := awaitOK(t, sdk.DownloadVoice(ctx, DownloadOptions{ServerID: up.ServerID}))
	checkArgs(t, "downloadVoice", map[string]any{"serverId": up.ServerID, "isShowProgressTips": 1.0})
	if up.ServerID == "" || down.LocalID == "" || down.LocalID == rec.LocalID {
		t.Fatalf("upload %+v, download %+v", up, down)
	}
	// The downloaded voice is the client's own: it plays and translates.
	awaitOK(t, sdk.PlayVoice(ctx, VoiceOptions{LocalID: down.LocalID}))
	text := awaitOK(t, sdk.TranslateVoice(ctx, TranslateVoiceOptions{LocalID: down.LocalID}))
	checkArgs(t, "translateVoice", map[string]any{"localId": down.LocalID, "isShowProgressTips": 1.0})
	if text.TranslateResult == "" {
		t.Fatal("nothing recognised")
	}
	awaitStatus(t, sdk.UploadVoice(ctx, UploadOptions{LocalID: "weixin://resourceid/unknown"}), "fail")
	awaitStatus(t, sdk.TranslateVoice(ctx, TranslateVoiceOptions{LocalID: "weixin://resourceid/unknown"}), "fail")
}

func TestVoiceRecordEndInBrowser(t *testing.T) {
	resetFake(t)
	sub := sdk.OnVoiceRecordEnd(context.Background())
	waitRegistered(t, APIOnVoiceRecordEnd)
	fire(t, APIOnVoiceRecordEnd, `{"localId":"weixin://resourceid/60s"}`)
	fire(t, APIOnVoiceRecordEnd, `{"err_msg":"onVoiceRecordEnd:fail"}`)
	if e := next(t, sub); e.LocalID != "weixin://resourceid/60s" || e.Err != nil {
		t.Fatalf("event %+v", e)
	}
	if e := next(t, sub); !errors.Is(e.Err, ErrFailed) {
		t.Fatalf("failed event %+v", e)
	}
	checkStopped(t, APIOnVoiceRecordEnd, sub, `{"localId":"weixin://resourceid/late"}`)
}

func TestVoiceOutcomesInBrowser(t *testing.T) {
	resetFake(t)
	defer resetFake(t)
	voice := VoiceOptions{LocalID: "L"}
	checkOutcomes(t, []outcomeCase{
		{APIStartRecord, func(ctx context.Context) error { return awaitErr(sdk.StartRecord(ctx)) }},
		{APIStopRecord, func(ctx context.Context) error { return awaitErr(sdk.StopRecord(ctx)) }},
		{APIPlayVoice, func(ctx context.Context) error { return awaitErr(sdk.PlayVoice(ctx, voice)) }},
		{APIPauseVoice, func(ctx context.Context) error { return awaitErr(sdk.PauseVoice(ctx, voice)) }},
		{APIStopVoice, func(ctx context.Context) error { return awaitErr(sdk.StopVoice(ctx, voice)) }},
		{APIUploadVoice, func(ctx context.Context) error { return awaitErr(sdk.UploadVoice(ctx, UploadOptions{LocalID: "L"})) }},
		{APIDownloadVoice, func(ctx context.Context) error {
			return awaitErr(sdk.DownloadVoice(ctx, DownloadOptions{ServerID: "S"}))
		}},
		{APITranslateVoice, func(ctx context.Context) error {
			return awaitErr(sdk.TranslateVoice(ctx, TranslateVoiceOptions{LocalID: "L"}))
		}},
	})
}
