package wx

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// The Status of a StartSearchBeacons that failed (Error.Status), as the
// client words it.
const (
	BeaconsAlreadyStarted = "already started"          // searching already: call StopSearchBeacons first
	BeaconsBluetoothOff   = "bluetooth power off"      // ask the user to turn Bluetooth on
	BeaconsLocationOff    = "location service disable" // ask the user to turn location services on
	BeaconsUnsupported    = "system unsupported"       // the device cannot search
)

// StartSearchBeaconsOptions are the options of StartSearchBeacons.
type StartSearchBeaconsOptions struct {
	// Ticket is the "Shake Nearby" ticket that WeChat adds to the URL of a
	// page opened by shaking; optional.
	Ticket string
}

// StartSearchBeacons starts searching for the iBeacons the official
// account registered nearby (wx.startSearchBeacons, WeChat's "Shake
// Nearby"); OnSearchBeacons then delivers what the client finds, about
// once a second. A failure's Status is one of the Beacons* constants.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#42
func (s *SDK) StartSearchBeacons(ctx context.Context, o StartSearchBeaconsOptions) *Future[struct{}] {
	args := map[string]any{}
	setString(args, "ticket", o.Ticket)
	return s.command(ctx, APIStartSearchBeacons, args)
}

// StopSearchBeacons stops the search (wx.stopSearchBeacons).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#43
func (s *SDK) StopSearchBeacons(ctx context.Context) *Future[struct{}] {
	return s.command(ctx, APIStopSearchBeacons, nil)
}

// Proximity is how near a beacon is, as iOS ranks it.
type Proximity int

// Proximities.
const (
	ProximityUnknown   Proximity = iota // the client cannot tell
	ProximityImmediate                  // within centimetres
	ProximityNear                       // within a few metres
	ProximityFar                        // further
)

var proximityNames = []string{"unknown", "immediate", "near", "far"}

// String returns the name of p: "unknown", "immediate", "near" or "far".
func (p Proximity) String() string {
	if p >= 0 && int(p) < len(proximityNames) {
		return proximityNames[p]
	}
	return fmt.Sprintf("Proximity(%d)", int(p))
}

// UnmarshalJSON accepts the client's number, as a number or a string, and
// a name as String gives it.
func (p *Proximity) UnmarshalJSON(b []byte) error {
	var name string
	if json.Unmarshal(b, &name) == nil {
		for i, n := range proximityNames {
			if strings.EqualFold(strings.TrimSpace(name), n) {
				*p = Proximity(i)
				return nil
			}
		}
	}
	var n number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*p = Proximity(n)
	return nil
}

// Beacon is one iBeacon the client found.
type Beacon struct {
	// UUID, Major and Minor identify the beacon.
	UUID  string
	Major int
	Minor int
	// Accuracy is the estimated distance, in metres.
	Accuracy  float64
	Proximity Proximity
	// RSSI is the received signal strength, in dBm (negative).
	RSSI int
	// Heading is the device's compass heading, in degrees, when the client
	// gives it.
	Heading float64
}

// BeaconsEvent is one report of OnSearchBeacons.
type BeaconsEvent struct {
	// Beacons are the beacons in range; none when the client reports an
	// empty neighbourhood.
	Beacons []Beacon
	// Err is nil, or why the client reported a failure.
	Err error
}

// OnSearchBeacons delivers the beacons in range each time the client
// reports them, while a search started by StartSearchBeacons runs
// (wx.onSearchBeacons). A second registration replaces the first, which
// ends with ErrReplaced.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#44
func (s *SDK) OnSearchBeacons(ctx context.Context) *Subscription[BeaconsEvent] {
	return listenEvents(ctx, s, APIOnSearchBeacons, nil, decodeBeacons, func(err error) BeaconsEvent { return BeaconsEvent{Err: err} })
}

// decodeBeacons reads the beacons of an event. Clients send the list as an
// array or as a string holding one, and numbers as numbers or strings.
func decodeBeacons(res []byte) (BeaconsEvent, error) {
	type wireBeacon struct {
		UUID      text      `json:"uuid"`
		Major     number    `json:"major"`
		Minor     number    `json:"minor"`
		Accuracy  number    `json:"accuracy"`
		Proximity Proximity `json:"proximity"`
		RSSI      number    `json:"rssi"`
		Heading   number    `json:"heading"`
	}
	w, err := decodeJSON[struct {
		Beacons jsonList[wireBeacon] `json:"beacons"`
	}](res)
	if err != nil {
		return BeaconsEvent{}, err
	}
	var e BeaconsEvent
	for _, b := range w.Beacons {
		e.Beacons = append(e.Beacons, Beacon{
			UUID:      string(b.UUID),
			Major:     int(math.Round(float64(b.Major))),
			Minor:     int(math.Round(float64(b.Minor))),
			Accuracy:  float64(b.Accuracy),
			Proximity: b.Proximity,
			RSSI:      int(math.Round(float64(b.RSSI))),
			Heading:   float64(b.Heading),
		})
	}
	return e, nil
}

// jsonList decodes a JSON array of T, or a string holding one (as Android
// sends some lists); null and "" are empty.
type jsonList[T any] []T

func (l *jsonList[T]) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		if strings.TrimSpace(s) == "" {
			*l = nil
			return nil
		}
		b = []byte(s)
	}
	var v []T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*l = v
	return nil
}
