//go:build js && wasm

package wx

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestSearchBeaconsInBrowser(t *testing.T) {
	resetFake(t)
	ctx := context.Background()
	awaitErr(sdk.StopSearchBeacons(ctx)) // from an earlier run of the page
	awaitOK(t, sdk.StartSearchBeacons(ctx, StartSearchBeaconsOptions{Ticket: "shake-ticket"}))
	checkArgs(t, "startSearchBeacons", map[string]any{"ticket": "shake-ticket"})
	awaitStatus(t, sdk.StartSearchBeacons(ctx, StartSearchBeaconsOptions{}), BeaconsAlreadyStarted)
	checkArgs(t, "startSearchBeacons", map[string]any{})
	awaitOK(t, sdk.StopSearchBeacons(ctx))
	checkArgs(t, "stopSearchBeacons", map[string]any{})
	awaitOK(t, sdk.StartSearchBeacons(ctx, StartSearchBeaconsOptions{}))
	awaitOK(t, sdk.StopSearchBeacons(ctx))
}

func TestBeaconEventsInBrowser(t *testing.T) {
	resetFake(t)
	sub := sdk.OnSearchBeacons(context.Background())
	waitRegistered(t, APIOnSearchBeacons)
	fire(t, APIOnSearchBeacons, `{"beacons":[{"major":10001,"minor":12102,"uuid":"FDA50693-A4E2-4FB1-AFCF-C6EB07647825",`+
		`"accuracy":0.2353,"proximity":1,"rssi":-66,"heading":288.1}]}`)
	// As an Android client sends it: the list in a string, numbers as strings.
	fire(t, APIOnSearchBeacons, `{"beacons":"[{\"major\":\"10001\",\"minor\":\"12103\",\"uuid\":\"FDA50693-A4E2-4FB1-AFCF-C6EB07647825\",`+
		`\"accuracy\":\"3.5\",\"proximity\":\"3\",\"rssi\":\"-90\"}]"}`)
	fire(t, APIOnSearchBeacons, `{"beacons":[]}`)
	fire(t, APIOnSearchBeacons, `{"err_msg":"onBeaconsInRange:fail"}`)
	want := [][]Beacon{
		{{UUID: "FDA50693-A4E2-4FB1-AFCF-C6EB07647825", Major: 10001, Minor: 12102, Accuracy: 0.2353, Proximity: ProximityImmediate, RSSI: -66, Heading: 288.1}},
		{{UUID: "FDA50693-A4E2-4FB1-AFCF-C6EB07647825", Major: 10001, Minor: 12103, Accuracy: 3.5, Proximity: ProximityFar, RSSI: -90}},
		nil,
	}
	for i, w := range want {
		if e := next(t, sub); e.Err != nil || !reflect.DeepEqual(e.Beacons, w) {
			t.Fatalf("event %d: %+v, %v; want %+v", i, e.Beacons, e.Err, w)
		}
	}
	var we *Error
	if e := next(t, sub); !errors.Is(e.Err, ErrFailed) || !errors.As(e.Err, &we) || we.Msg != "onSearchBeacons:fail" {
		t.Fatalf("failed event: %#v", e.Err)
	}
	checkStopped(t, APIOnSearchBeacons, sub, `{"beacons":[]}`)
}

func TestBeaconOutcomesInBrowser(t *testing.T) {
	resetFake(t)
	defer resetFake(t)
	checkOutcomes(t, []outcomeCase{
		{APIStartSearchBeacons, func(ctx context.Context) error {
			return awaitErr(sdk.StartSearchBeacons(ctx, StartSearchBeaconsOptions{}))
		}},
		{APIStopSearchBeacons, func(ctx context.Context) error { return awaitErr(sdk.StopSearchBeacons(ctx)) }},
	})
}
