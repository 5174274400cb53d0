package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gowx/gowx/wx"
)

// A call's run shows its typed result as JSON (or as its text says), and
// hands over the memos it keeps; a failure shows the error, its sentinel
// and its hint, and keeps nothing.
func TestCallRun(t *testing.T) {
	var fail error
	upload := call[wx.UploadResult]{api: wx.APIUploadImage,
		do: func(context.Context, *wx.SDK, values) (wx.UploadResult, error) {
			return wx.UploadResult{ServerID: "media-1"}, fail
		},
		keep: func(res wx.UploadResult) []memo { return memos("image.serverId", res.ServerID) },
	}.spec()
	r := upload.run(context.Background(), nil, values{})
	if !r.out.done || r.out.err != "" || !strings.Contains(r.out.text, `"ServerID": "media-1"`) {
		t.Errorf("ok: outcome %+v", r.out)
	}
	if !slices.Equal(r.keep, []memo{{"image.serverId", "media-1"}}) {
		t.Errorf("ok: keeps %v", r.keep)
	}

	fail = fmt.Errorf("uploadImage: %w", wx.ErrCancel)
	r = upload.run(context.Background(), nil, values{})
	if r.out.err != fail.Error() || r.out.sentinel != "ErrCancel" || r.keep != nil {
		t.Errorf("cancel: %+v, keeps %v", r.out, r.keep)
	}

	scan := call[wx.ScanQRCodeResult]{api: wx.APIScanQRCode,
		do: func(context.Context, *wx.SDK, values) (wx.ScanQRCodeResult, error) {
			return wx.ScanQRCodeResult{ResultStr: "x"}, nil
		},
		text: func(res wx.ScanQRCodeResult) string { return "scanned " + res.ResultStr },
	}.spec()
	if r := scan.run(context.Background(), nil, values{}); r.out.text != "scanned x" {
		t.Errorf("text: %q", r.out.text)
	}
}

type hinted struct{ error }

func (hinted) Hint() string { return "check the thing" }

func TestFailedOutcome(t *testing.T) {
	for _, c := range []struct {
		err            error
		sentinel, hint string
	}{
		{fmt.Errorf("x: %w", wx.ErrInvalidSignature), "ErrInvalidSignature", ""},
		{fmt.Errorf("wrapped: %w", hinted{errors.New("server said no")}), "", "check the thing"},
		{context.DeadlineExceeded, "DeadlineExceeded", ""},
		{fmt.Errorf("onVoicePlayEnd: %w", wx.ErrStopped), "ErrStopped", ""},
	} {
		o := failed(c.err)
		if !o.done || o.err != c.err.Error() || o.sentinel != c.sentinel || o.hint != c.hint {
			t.Errorf("failed(%v) = %+v, want sentinel %q, hint %q", c.err, o, c.sentinel, c.hint)
		}
	}
}

// An event shows as one line of JSON: its fields, and a failure's text and
// sentinel in place of its Err.
func TestEventText(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{shareEventText(wx.ShareEvent{Item: wx.ShareItemTimeline}), `{"Item":"timeline"}`},
		{shareEventText(wx.ShareEvent{Item: wx.ShareItemTimeline, Err: fmt.Errorf("shareTimeline:cancel: %w", wx.ErrCancel)}),
			`{"Err":"shareTimeline:cancel: wx: cancelled by the user","Item":"timeline","sentinel":"ErrCancel"}`},
		{voiceEventText(wx.VoiceEvent{LocalID: "weixin://voice/1"}), `{"LocalID":"weixin://voice/1"}`},
		{voiceEventText(wx.VoiceEvent{Err: errors.New("recorder broke")}), `{"Err":"recorder broke","LocalID":"","sentinel":""}`},
		{beaconsEventText(wx.BeaconsEvent{Beacons: []wx.Beacon{{UUID: "FDA50693"}}}), `{"Beacons":[{"UUID":"FDA50693"`},
	} {
		if !strings.HasPrefix(c.got, c.want) {
			t.Errorf("event shows as %s, want %s", c.got, c.want)
		}
	}
}
