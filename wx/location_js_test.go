//go:build js && wasm

package wx

import (
	"context"
	"reflect"
	"testing"
)

func TestOpenLocationInBrowser(t *testing.T) {
	resetFake(t)
	ctx := context.Background()
	awaitOK(t, sdk.OpenLocation(ctx, OpenLocationOptions{Latitude: 22.5405, Longitude: 113.9345}))
	checkArgs(t, "openLocation", map[string]any{
		"latitude": 22.5405, "longitude": 113.9345, "name": "", "address": "", "scale": 28.0, "infoUrl": "",
	})
	awaitOK(t, sdk.OpenLocation(ctx, OpenLocationOptions{
		Latitude: -33.8568, Longitude: 151.2153, Name: "Opera House", Address: "Bennelong Point", Scale: 12, InfoURL: "https://example.com/opera",
	}))
	checkArgs(t, "openLocation", map[string]any{
		"latitude": -33.8568, "longitude": 151.2153, "name": "Opera House", "address": "Bennelong Point", "scale": 12.0, "infoUrl": "https://example.com/opera",
	})
}

func TestGetLocationInBrowser(t *testing.T) {
	ctx := context.Background()
	// The fake's device, in both systems; Android sends the numbers as strings.
	wgs84 := GetLocationResult{Latitude: 39.9075, Longitude: 116.3912, Accuracy: 30}
	gcj02 := GetLocationResult{Latitude: 39.9089, Longitude: 116.3974, Accuracy: 30}
	for _, flavour := range []string{"android", "ios"} {
		t.Run(flavour, func(t *testing.T) {
			resetFake(t)
			withFlavour(t, flavour)
			if got := awaitOK(t, sdk.GetLocation(ctx, GetLocationOptions{})); !reflect.DeepEqual(got, wgs84) {
				t.Fatalf("default: %+v, want %+v", got, wgs84)
			}
			checkArgs(t, "getLocation", map[string]any{"type": "wgs84"})
			if got := awaitOK(t, sdk.GetLocation(ctx, GetLocationOptions{Type: LocationGCJ02})); !reflect.DeepEqual(got, gcj02) {
				t.Fatalf("gcj02: %+v, want %+v (jweixin deletes the echoed type)", got, gcj02)
			}
			checkArgs(t, "getLocation", map[string]any{"type": "gcj02"})
		})
	}
}

func TestLocationOutcomesInBrowser(t *testing.T) {
	resetFake(t)
	defer resetFake(t)
	checkOutcomes(t, []outcomeCase{
		{APIOpenLocation, func(ctx context.Context) error { return awaitErr(sdk.OpenLocation(ctx, OpenLocationOptions{})) }},
		{APIGetLocation, func(ctx context.Context) error { return awaitErr(sdk.GetLocation(ctx, GetLocationOptions{})) }},
	})
}
