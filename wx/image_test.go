package wx

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

func TestImageCalls(t *testing.T) {
	testCalls(t, []callCase{
		{"previewImage", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.PreviewImage(ctx, PreviewImageOptions{Current: "https://e.com/2.jpg", URLs: []string{"https://e.com/1.jpg", "https://e.com/2.jpg"}}))
		}, "previewImage", map[string]any{"current": "https://e.com/2.jpg", "urls": []any{"https://e.com/1.jpg", "https://e.com/2.jpg"}}},
		{"uploadImage", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UploadImage(ctx, UploadOptions{LocalID: "L1"}))
		}, "uploadImage", map[string]any{"localId": "L1"}},
		{"uploadImage without tips", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UploadImage(ctx, UploadOptions{LocalID: "L1", HideProgressTips: true}))
		}, "uploadImage", map[string]any{"localId": "L1", "isShowProgressTips": 0.0}},
		{"downloadImage", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.DownloadImage(ctx, DownloadOptions{ServerID: "S1"}))
		}, "downloadImage", map[string]any{"serverId": "S1"}},
		{"downloadImage without tips", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.DownloadImage(ctx, DownloadOptions{ServerID: "S1", HideProgressTips: true}))
		}, "downloadImage", map[string]any{"serverId": "S1", "isShowProgressTips": 0.0}},
		{"getLocalImgData", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.GetLocalImgData(ctx, GetLocalImgDataOptions{LocalID: "L1"}))
		}, "getLocalImgData", map[string]any{"localId": "L1"}},
	})
}

func TestImageRefusals(t *testing.T) {
	testRefusals(t, []refusalCase{
		{"preview without current", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.PreviewImage(ctx, PreviewImageOptions{URLs: []string{"https://e.com/1.jpg"}}))
		}, "Current"},
		{"preview without urls", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.PreviewImage(ctx, PreviewImageOptions{Current: "https://e.com/1.jpg"}))
		}, "URLs"},
		{"preview with an empty url", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.PreviewImage(ctx, PreviewImageOptions{Current: "https://e.com/1.jpg", URLs: []string{"https://e.com/1.jpg", ""}}))
		}, "URLs[1]"},
		{"upload without localId", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.UploadImage(ctx, UploadOptions{HideProgressTips: true}))
		}, "LocalID"},
		{"download without serverId", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.DownloadImage(ctx, DownloadOptions{}))
		}, "ServerID"},
		{"getLocalImgData without localId", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.GetLocalImgData(ctx, GetLocalImgDataOptions{}))
		}, "LocalID"},
	})
}

func TestImageResults(t *testing.T) {
	upload := func(ctx context.Context, s *SDK) *Future[UploadResult] {
		return s.UploadImage(ctx, UploadOptions{LocalID: "L1"})
	}
	testDecode(t, upload, []decodeCase[UploadResult]{
		{"ok", `{"errMsg":"uploadImage:ok","serverId":"media-1"}`, UploadResult{ServerID: "media-1"}, nil},
		{"ok without serverId", `{"errMsg":"uploadImage:ok"}`, UploadResult{}, ErrFailed},
		{"cancel", `{"errMsg":"uploadImage:cancel"}`, UploadResult{}, ErrCancel},
		{"missing arguments", `{"errMsg":"uploadImage:missing arguments"}`, UploadResult{}, ErrFailed},
	})
	download := func(ctx context.Context, s *SDK) *Future[DownloadResult] {
		return s.DownloadImage(ctx, DownloadOptions{ServerID: "S1"})
	}
	testDecode(t, download, []decodeCase[DownloadResult]{
		{"ok", `{"errMsg":"downloadImage:ok","localId":"weixin://resourceid/9"}`, DownloadResult{LocalID: "weixin://resourceid/9"}, nil},
		{"ok without localId", `{"errMsg":"downloadImage:ok","localId":""}`, DownloadResult{}, ErrFailed},
		{"fail", `{"errMsg":"downloadImage:fail"}`, DownloadResult{}, ErrFailed},
	})
	data := func(ctx context.Context, s *SDK) *Future[GetLocalImgDataResult] {
		return s.GetLocalImgData(ctx, GetLocalImgDataOptions{LocalID: "L1"})
	}
	testDecode(t, data, []decodeCase[GetLocalImgDataResult]{
		{"bare", `{"errMsg":"getLocalImgData:ok","localData":"/9j/4AAQ"}`, GetLocalImgDataResult{LocalData: "/9j/4AAQ"}, nil},
		{"data URL", `{"errMsg":"getLocalImgData:ok","localData":"data:image/jgp;base64,/9j/"}`, GetLocalImgDataResult{LocalData: "data:image/jgp;base64,/9j/"}, nil},
		{"no data", `{"errMsg":"getLocalImgData:ok"}`, GetLocalImgDataResult{}, ErrFailed},
		{"invalid localId", `{"errMsg":"getLocalImgData:invaild localid"}`, GetLocalImgDataResult{}, ErrFailed},
		{"permission denied", `{"errMsg":"getLocalImgData:permission denied"}`, GetLocalImgDataResult{}, ErrPermissionDenied},
	})
	preview := func(ctx context.Context, s *SDK) *Future[struct{}] {
		return s.PreviewImage(ctx, PreviewImageOptions{Current: "https://e.com/1.jpg", URLs: []string{"https://e.com/1.jpg"}})
	}
	testDecode(t, preview, []decodeCase[struct{}]{
		{"ok", `{"errMsg":"previewImage:ok"}`, struct{}{}, nil},
		{"invalid data", `{"errMsg":"previewImage:invalid data"}`, struct{}{}, ErrFailed},
	})
}

func TestLocalDataURL(t *testing.T) {
	for _, tc := range []struct{ localData, want string }{
		{"", ""},
		{"  \n", ""},
		{"/9j/4AAQSkZJRg==", "data:image/jpeg;base64,/9j/4AAQSkZJRg=="},
		{"/9j/4AAQ\nSkZJ\r\nRg==\n", "data:image/jpeg;base64,/9j/4AAQSkZJRg=="},
		{"iVBORw0KGgoAAAANSUhEUg==", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="},
		{"R0lGODlhAQABAA==", "data:image/gif;base64,R0lGODlhAQABAA=="},
		{"UklGRiQAAABXRUJQ", "data:image/webp;base64,UklGRiQAAABXRUJQ"},
		{"Qk0+AAAAAAAAAD4A", "data:image/bmp;base64,Qk0+AAAAAAAAAD4A"},
		{"AAAA", "data:image/jpeg;base64,AAAA"},
		{"data:image/jpeg;base64,/9j/4AAQ", "data:image/jpeg;base64,/9j/4AAQ"},
		{"data:image/jgp;base64,/9j/4AAQ", "data:image/jpeg;base64,/9j/4AAQ"},
		{"data:image/png;base64,iVBO\nRw0K", "data:image/png;base64,iVBORw0K"},
	} {
		if got := (GetLocalImgDataResult{LocalData: tc.localData}).DataURL(); got != tc.want {
			t.Errorf("DataURL(%q) = %q, want %q", tc.localData, got, tc.want)
		}
	}
}

// jweixin queues getLocalImgData; whatever order the answers come in,
// every concurrent call settles with its own image.
func TestGetLocalImgDataConcurrent(t *testing.T) {
	s, b := allConfigured(t)
	b.answer = nil // held: answered below, last call first
	ctx := context.Background()
	const n = 20
	futures := make([]*Future[GetLocalImgDataResult], n)
	var wg sync.WaitGroup
	for i := range futures {
		wg.Add(1)
		go func() {
			defer wg.Done()
			futures[i] = s.GetLocalImgData(ctx, GetLocalImgDataOptions{LocalID: fmt.Sprint("L", i)})
		}()
	}
	wg.Wait()
	b.mu.Lock()
	calls := append([]fakeCall(nil), b.calls...)
	b.mu.Unlock()
	for i := len(calls) - 1; i >= 0; i-- {
		c := calls[i]
		b.reply(c.id, "success", `{"errMsg":"getLocalImgData:ok","localData":"data-of-`+c.args["localId"].(string)+`"}`)
	}
	for i, f := range futures {
		got, err := f.Await(ctx)
		if want := fmt.Sprint("data-of-L", i); err != nil || got.LocalData != want {
			t.Fatalf("call %d: %+v, %v; want %s", i, got, err, want)
		}
	}
	if b.live() != 0 {
		t.Fatalf("%d replies still attached", b.live())
	}
}
