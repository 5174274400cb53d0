package wx

import (
	"context"
	"encoding/json"
	"math"
	"testing"
)

func TestLocationCalls(t *testing.T) {
	testCalls(t, []callCase{
		{"openLocation, zero options", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.OpenLocation(ctx, OpenLocationOptions{}))
		}, "openLocation", map[string]any{"latitude": 0.0, "longitude": 0.0}},
		{"openLocation, every option", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.OpenLocation(ctx, OpenLocationOptions{
				Latitude: 22.5405, Longitude: 113.9345, Name: "Tencent", Address: "Shenzhen", Scale: 16, InfoURL: "https://e.com/info",
			}))
		}, "openLocation", map[string]any{
			"latitude": 22.5405, "longitude": 113.9345, "name": "Tencent", "address": "Shenzhen", "scale": 16.0, "infoUrl": "https://e.com/info",
		}},
		{"openLocation at the limits", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.OpenLocation(ctx, OpenLocationOptions{Latitude: -90, Longitude: 180, Scale: 1}))
		}, "openLocation", map[string]any{"latitude": -90.0, "longitude": 180.0, "scale": 1.0}},
		{"getLocation, zero options", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.GetLocation(ctx, GetLocationOptions{}))
		}, "getLocation", nil},
		{"getLocation, wgs84", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.GetLocation(ctx, GetLocationOptions{Type: LocationWGS84}))
		}, "getLocation", map[string]any{"type": "wgs84"}},
		{"getLocation, gcj02", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.GetLocation(ctx, GetLocationOptions{Type: LocationGCJ02}))
		}, "getLocation", map[string]any{"type": "gcj02"}},
	})
}

func TestLocationRefusals(t *testing.T) {
	open := func(o OpenLocationOptions) func(context.Context, *SDK) error {
		return func(ctx context.Context, s *SDK) error { return awaitErr(s.OpenLocation(ctx, o)) }
	}
	testRefusals(t, []refusalCase{
		{"latitude above 90", open(OpenLocationOptions{Latitude: 90.01}), "Latitude"},
		{"latitude below -90", open(OpenLocationOptions{Latitude: -91}), "Latitude"},
		{"latitude NaN", open(OpenLocationOptions{Latitude: math.NaN()}), "Latitude"},
		{"longitude above 180", open(OpenLocationOptions{Longitude: 180.5}), "Longitude"},
		{"longitude -Inf", open(OpenLocationOptions{Longitude: math.Inf(-1)}), "Longitude"},
		{"scale 29", open(OpenLocationOptions{Scale: 29}), "Scale"},
		{"scale -1", open(OpenLocationOptions{Scale: -1}), "Scale"},
		{"relative infoUrl", open(OpenLocationOptions{InfoURL: "/info"}), "InfoURL"},
		{"location type", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.GetLocation(ctx, GetLocationOptions{Type: "bd09"}))
		}, "Type"},
	})
}

func TestGetLocationResults(t *testing.T) {
	get := func(ctx context.Context, s *SDK) *Future[GetLocationResult] {
		return s.GetLocation(ctx, GetLocationOptions{})
	}
	testDecode(t, get, []decodeCase[GetLocationResult]{
		{"numbers", `{"errMsg":"getLocation:ok","latitude":39.9075,"longitude":116.3912,"speed":1.5,"accuracy":30}`,
			GetLocationResult{Latitude: 39.9075, Longitude: 116.3912, Speed: 1.5, Accuracy: 30}, nil},
		{"strings", `{"errMsg":"getLocation:ok","latitude":"39.9075","longitude":"116.3912","speed":"0.0","accuracy":"65.0"}`,
			GetLocationResult{Latitude: 39.9075, Longitude: 116.3912, Accuracy: 65}, nil},
		{"unknown speed", `{"errMsg":"getLocation:ok","latitude":-33.86,"longitude":151.2,"speed":-1,"accuracy":""}`,
			GetLocationResult{Latitude: -33.86, Longitude: 151.2, Speed: -1}, nil},
		{"extras kept", `{"errMsg":"getLocation:ok","latitude":1,"longitude":2,"altitude":"12.5","indoor":{"floor":3}}`,
			GetLocationResult{Latitude: 1, Longitude: 2, Extra: map[string]json.RawMessage{
				"altitude": json.RawMessage(`"12.5"`), "indoor": json.RawMessage(`{"floor":3}`),
			}}, nil},
		{"no latitude", `{"errMsg":"getLocation:ok","longitude":2}`, GetLocationResult{}, ErrFailed},
		{"null longitude", `{"errMsg":"getLocation:ok","latitude":1,"longitude":null}`, GetLocationResult{}, ErrFailed},
		{"not a number", `{"errMsg":"getLocation:ok","latitude":"north","longitude":2}`, GetLocationResult{}, ErrFailed},
		{"denied", `{"errMsg":"getLocation:permission denied"}`, GetLocationResult{}, ErrPermissionDenied},
		{"cancel", `{"errMsg":"getLocation:cancel"}`, GetLocationResult{}, ErrCancel},
	})
	open := func(ctx context.Context, s *SDK) *Future[struct{}] { return s.OpenLocation(ctx, OpenLocationOptions{}) }
	testDecode(t, open, []decodeCase[struct{}]{
		{"ok", `{"errMsg":"openLocation:ok"}`, struct{}{}, nil},
		{"invalid coordinate", `{"errMsg":"openLocation:fail invalid_coordinate"}`, struct{}{}, ErrFailed},
	})
}
