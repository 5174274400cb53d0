package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wire"
)

// The Image page asks its server for the upload, and shows the copy the
// server kept, or the server's refusal.
func TestFetchMedia(t *testing.T) {
	f := &fetchAnswer{status: 200, body: `{"media_id":"M1","content_type":"image/png","size":321}`}
	got, err := fetchMedia(context.Background(), shop{fetch: f.fetch}, "M1")
	var asked wire.MediaRequest
	if err != nil || f.path != wire.MediaPath || json.Unmarshal(f.asked, &asked) != nil || asked.MediaID != "M1" || got.Size != 321 {
		t.Fatalf("fetchMedia = %+v, %v; asked %s %s", got, err, f.path, f.asked)
	}
	html := app.HTMLString(fetchedMedia("x", got, nil)())
	if !strings.Contains(html, `src="`+wire.DemoMediaPath+`M1"`) || !strings.Contains(html, "321 bytes (image/png)") {
		t.Errorf("shown as %s", html)
	}

	f = &fetchAnswer{status: 404, body: `{"error":"media_not_found","message":"WeChat has no media M2","hint":"3 days"}`}
	_, err = fetchMedia(context.Background(), shop{fetch: f.fetch}, "M2")
	var se *shopError
	if !errors.As(err, &se) || se.ErrorResponse.Error != wire.CodeMediaNotFound {
		t.Fatalf("error %v", err)
	}
	if html := app.HTMLString(fetchedMedia("x", wire.MediaResponse{}, err)()); !strings.Contains(html, "media_not_found") || !strings.Contains(html, "3 days") || strings.Contains(html, "<img") {
		t.Errorf("refusal shown as %s", html)
	}
}
