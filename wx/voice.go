package wx

import "context"

// StartRecord starts recording from the microphone (wx.startRecord); the
// client asks the user's permission the first time. A recording ends with
// StopRecord, or by itself after 60 seconds, when OnVoiceRecordEnd delivers
// it. While one runs, another start fails with the Status "recording".
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#25
func (s *SDK) StartRecord(ctx context.Context) *Future[struct{}] {
	return s.command(ctx, APIStartRecord, nil)
}

// StopRecordResult is what StopRecord returns.
type StopRecordResult struct {
	// LocalID identifies the recording on the device.
	LocalID string
}

// StopRecord ends the recording and returns it (wx.stopRecord). It fails
// when nothing is recording, as after the 60-second limit.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#26
func (s *SDK) StopRecord(ctx context.Context) *Future[StopRecordResult] {
	return invoke(ctx, s, APIStopRecord, nil, func(res []byte) (StopRecordResult, error) {
		id, err := resultText(res, "localId")
		return StopRecordResult{LocalID: id}, err
	})
}

// VoiceEvent is an event of a voice listener.
type VoiceEvent struct {
	// LocalID identifies the recording on the device.
	LocalID string
	// Err is nil, or why the client reported a failure.
	Err error
}

func decodeVoiceEvent(res []byte) (VoiceEvent, error) {
	w, err := decodeJSON[struct {
		LocalID text `json:"localId"`
	}](res)
	return VoiceEvent{LocalID: string(w.LocalID)}, err
}

func voiceEventErr(err error) VoiceEvent { return VoiceEvent{Err: err} }

// OnVoiceRecordEnd delivers the recording each time one reaches the
// 60-second limit and stops by itself (wx.onVoiceRecordEnd); StopRecord
// then has nothing to stop. A second registration replaces the first,
// which ends with ErrReplaced.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#27
func (s *SDK) OnVoiceRecordEnd(ctx context.Context) *Subscription[VoiceEvent] {
	return listenEvents(ctx, s, APIOnVoiceRecordEnd, nil, decodeVoiceEvent, voiceEventErr)
}

// VoiceOptions name the voice that PlayVoice, PauseVoice and StopVoice act on.
type VoiceOptions struct {
	// LocalID is the voice, from StopRecord, OnVoiceRecordEnd or
	// DownloadVoice. Required.
	LocalID string
}

// PlayVoice plays a voice, or resumes it where PauseVoice left it
// (wx.playVoice). OnVoicePlayEnd reports when it ends.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#28
func (s *SDK) PlayVoice(ctx context.Context, o VoiceOptions) *Future[struct{}] {
	return resourceCall(ctx, s, APIPlayVoice, byLocalID, o.LocalID, false, noResult)
}

// PauseVoice pauses a playing voice (wx.pauseVoice).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#29
func (s *SDK) PauseVoice(ctx context.Context, o VoiceOptions) *Future[struct{}] {
	return resourceCall(ctx, s, APIPauseVoice, byLocalID, o.LocalID, false, noResult)
}

// StopVoice stops a playing voice (wx.stopVoice).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#30
func (s *SDK) StopVoice(ctx context.Context, o VoiceOptions) *Future[struct{}] {
	return resourceCall(ctx, s, APIStopVoice, byLocalID, o.LocalID, false, noResult)
}

// OnVoicePlayEnd delivers an event each time a voice played by PlayVoice
// ends (wx.onVoicePlayEnd). A second registration replaces the first,
// which ends with ErrReplaced.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#31
func (s *SDK) OnVoicePlayEnd(ctx context.Context) *Subscription[VoiceEvent] {
	return listenEvents(ctx, s, APIOnVoicePlayEnd, nil, decodeVoiceEvent, voiceEventErr)
}

// UploadVoice uploads a voice of the device to WeChat's servers
// (wx.uploadVoice), where it is kept for 3 days.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#32
func (s *SDK) UploadVoice(ctx context.Context, o UploadOptions) *Future[UploadResult] {
	return upload(ctx, s, APIUploadVoice, o)
}

// DownloadVoice downloads a voice from WeChat's servers to the device
// (wx.downloadVoice).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#33
func (s *SDK) DownloadVoice(ctx context.Context, o DownloadOptions) *Future[DownloadResult] {
	return download(ctx, s, APIDownloadVoice, o)
}

// TranslateVoiceOptions are the options of TranslateVoice.
type TranslateVoiceOptions struct {
	// LocalID is the voice to recognise. Required.
	LocalID string
	// HideProgressTips hides the client's progress indicator, shown by default.
	HideProgressTips bool
}

// TranslateVoiceResult is what TranslateVoice returns.
type TranslateVoiceResult struct {
	// TranslateResult is the recognised speech as text.
	TranslateResult string
}

// TranslateVoice recognises the speech of a voice (wx.translateVoice).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#35
func (s *SDK) TranslateVoice(ctx context.Context, o TranslateVoiceOptions) *Future[TranslateVoiceResult] {
	return resourceCall(ctx, s, APITranslateVoice, byLocalID, o.LocalID, o.HideProgressTips, func(res []byte) (TranslateVoiceResult, error) {
		t, err := resultText(res, "translateResult")
		return TranslateVoiceResult{TranslateResult: t}, err
	})
}
