package wx

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestBeaconCalls(t *testing.T) {
	testCalls(t, []callCase{
		{"startSearchBeacons, zero options", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.StartSearchBeacons(ctx, StartSearchBeaconsOptions{}))
		}, "startSearchBeacons", nil},
		{"startSearchBeacons with a ticket", func(ctx context.Context, s *SDK) error {
			return awaitErr(s.StartSearchBeacons(ctx, StartSearchBeaconsOptions{Ticket: "t-1"}))
		}, "startSearchBeacons", map[string]any{"ticket": "t-1"}},
		{"stopSearchBeacons", func(ctx context.Context, s *SDK) error { return awaitErr(s.StopSearchBeacons(ctx)) }, "stopSearchBeacons", nil},
	})
}

func TestStartSearchBeaconsStatus(t *testing.T) {
	for _, status := range []string{BeaconsAlreadyStarted, BeaconsBluetoothOff, BeaconsLocationOff, BeaconsUnsupported} {
		s, b := allConfigured(t)
		b.answer = func(string, map[string]any) (string, bool) {
			return `{"errMsg":"startSearchBeacons:` + status + `"}`, true
		}
		err := awaitErr(s.StartSearchBeacons(context.Background(), StartSearchBeaconsOptions{}))
		var we *Error
		if !errors.As(err, &we) || !errors.Is(err, ErrFailed) || we.Status != status {
			t.Errorf("%s: %v", status, err)
		}
	}
}

func TestBeaconEvents(t *testing.T) {
	s, b := allConfigured(t)
	b.answer = nil // events come only from the test
	sub := s.OnSearchBeacons(context.Background())
	defer sub.Stop()
	reg := registration(t, b, "onSearchBeacons")
	one := Beacon{UUID: "FDA50693-A4E2-4FB1-AFCF-C6EB07647825", Major: 10001, Minor: 12102, Accuracy: 0.235344, Proximity: ProximityImmediate, RSSI: -66, Heading: 288.1355}
	tests := []struct {
		name    string
		res     string
		want    []Beacon
		wantErr error
	}{
		{"numbers", `{"errMsg":"onSearchBeacons:ok","beacons":[{"major":10001,"minor":12102,"uuid":"FDA50693-A4E2-4FB1-AFCF-C6EB07647825",` +
			`"accuracy":0.235344,"proximity":1,"rssi":-66,"heading":288.1355}]}`, []Beacon{one}, nil},
		{"strings", `{"errMsg":"onSearchBeacons:ok","beacons":[{"major":"10001","minor":"12102","uuid":"FDA50693-A4E2-4FB1-AFCF-C6EB07647825",` +
			`"accuracy":"0.235344","proximity":"1","rssi":"-66","heading":"288.1355"}]}`, []Beacon{one}, nil},
		{"list as a JSON string", `{"errMsg":"onSearchBeacons:ok","beacons":"[{\"major\":10001,\"minor\":\"12102\",` +
			`\"uuid\":\"FDA50693-A4E2-4FB1-AFCF-C6EB07647825\",\"accuracy\":0.235344,\"proximity\":\"immediate\",\"rssi\":-66,\"heading\":288.1355}]"}`, []Beacon{one}, nil},
		{"two, fields missing", `{"errMsg":"onSearchBeacons:ok","beacons":[{"uuid":"A","major":1,"minor":2,"proximity":3},{"uuid":"B","rssi":-90}]}`,
			[]Beacon{{UUID: "A", Major: 1, Minor: 2, Proximity: ProximityFar}, {UUID: "B", RSSI: -90}}, nil},
		{"none", `{"errMsg":"onSearchBeacons:ok","beacons":[]}`, nil, nil},
		{"empty string", `{"errMsg":"onSearchBeacons:ok","beacons":""}`, nil, nil},
		{"no list", `{"errMsg":"onSearchBeacons:ok"}`, nil, nil},
		{"bad list", `{"errMsg":"onSearchBeacons:ok","beacons":"[{"}`, nil, ErrFailed},
		{"bad number", `{"errMsg":"onSearchBeacons:ok","beacons":[{"major":"ten"}]}`, nil, ErrFailed},
		{"failure", `{"errMsg":"onSearchBeacons:fail"}`, nil, ErrFailed},
	}
	for _, tc := range tests {
		cb := "success" // jweixin calls fail for a failure; any callback is an event
		if strings.Contains(tc.res, ":fail") {
			cb = "fail"
		}
		b.reply(reg.id, cb, tc.res)
	}
	for _, tc := range tests {
		e := next(t, sub)
		if !errors.Is(e.Err, tc.wantErr) || (tc.wantErr == nil) != (e.Err == nil) || !reflect.DeepEqual(e.Beacons, tc.want) {
			t.Errorf("%s: got %+v, %v; want %+v, %v", tc.name, e.Beacons, e.Err, tc.want, tc.wantErr)
		}
	}
}

func TestProximity(t *testing.T) {
	for _, tc := range []struct {
		json string
		want Proximity
		name string
	}{
		{`0`, ProximityUnknown, "unknown"},
		{`"1"`, ProximityImmediate, "immediate"},
		{`2`, ProximityNear, "near"},
		{`" Far "`, ProximityFar, "far"},
		{`null`, ProximityUnknown, "unknown"},
		{`7`, 7, "Proximity(7)"},
	} {
		var p Proximity
		if err := json.Unmarshal([]byte(tc.json), &p); err != nil || p != tc.want || p.String() != tc.name {
			t.Errorf("%s: %v (%s), %v; want %v (%s)", tc.json, int(p), p, err, int(tc.want), tc.name)
		}
	}
	var p Proximity
	if err := json.Unmarshal([]byte(`"close"`), &p); err == nil {
		t.Error(`"close" decoded without error`)
	}
}
