package wx

import "context"

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

// OnVoicePlayEnd delivers an event each time a voice played by PlayVoice
// ends (wx.onVoicePlayEnd).
func (s *SDK) OnVoicePlayEnd(ctx context.Context) *Subscription[VoiceEvent] {
	return listenEvents(ctx, s, APIOnVoicePlayEnd, nil, decodeVoiceEvent, voiceEventErr)
}
