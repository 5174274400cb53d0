package wx

import (
	"context"
	"encoding/json"
	"math"
)

// LocationType is the coordinate system of a position.
type LocationType string

// Coordinate systems.
const (
	// LocationWGS84 is GPS's system, the default of GetLocation.
	LocationWGS84 LocationType = "wgs84"
	// LocationGCJ02 is China's obfuscated system ("Mars coordinates"), the
	// one OpenLocation's maps use.
	LocationGCJ02 LocationType = "gcj02"
)

// OpenLocationOptions are the options of OpenLocation. Empty fields take
// jweixin's defaults: no name, address or link, the closest zoom.
type OpenLocationOptions struct {
	// Latitude and Longitude place the pin, in GCJ-02 coordinates (from
	// GetLocation with LocationGCJ02): WGS-84 ones show a few hundred
	// metres off in China. Latitude is within ±90, Longitude within ±180;
	// both are always sent, zero included.
	Latitude  float64
	Longitude float64
	// Name and Address describe the place.
	Name    string
	Address string
	// Scale is the map's zoom, 1 (the world) to 28 (the closest); 0 means 28.
	Scale int
	// InfoURL is a link shown under the map: an absolute http(s) URL.
	InfoURL string
}

// OpenLocation shows a place on WeChat's built-in map (wx.openLocation).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#39
func (s *SDK) OpenLocation(ctx context.Context, o OpenLocationOptions) *Future[struct{}] {
	api := APIOpenLocation
	var err error
	switch {
	case !within(o.Latitude, 90):
		err = badOptions(api, "Latitude %v is outside ±90", o.Latitude)
	case !within(o.Longitude, 180):
		err = badOptions(api, "Longitude %v is outside ±180", o.Longitude)
	case o.Scale < 0 || o.Scale > 28:
		err = badOptions(api, "Scale %d is outside 1..28", o.Scale)
	default:
		err = checkURL(api, "InfoURL", o.InfoURL)
	}
	if err != nil {
		return settled(struct{}{}, err)
	}
	// The coordinates go as numbers: iOS refuses strings ("invalid_coordinate").
	args := map[string]any{"latitude": o.Latitude, "longitude": o.Longitude}
	setString(args, "name", o.Name)
	setString(args, "address", o.Address)
	setString(args, "infoUrl", o.InfoURL)
	if o.Scale > 0 {
		args["scale"] = o.Scale
	}
	return s.command(ctx, api, args)
}

// within reports whether v is a number in ±limit.
func within(v, limit float64) bool {
	return !math.IsNaN(v) && v >= -limit && v <= limit
}

// GetLocationOptions are the options of GetLocation.
type GetLocationOptions struct {
	// Type is the coordinate system of the result; empty means LocationWGS84.
	Type LocationType
}

// GetLocationResult is the device's position, as GetLocation returns it.
type GetLocationResult struct {
	// Latitude and Longitude, in the coordinate system asked for.
	Latitude  float64
	Longitude float64
	// Speed is in metres per second; some clients give -1 when they do
	// not know it.
	Speed float64
	// Accuracy is the position's accuracy radius, in metres.
	Accuracy float64
	// Extra holds the result's other fields as the client gave them (they
	// vary with the client and version), nil if there are none.
	Extra map[string]json.RawMessage
}

// GetLocation reports the device's position (wx.getLocation); the client
// asks the user's permission the first time.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#40
func (s *SDK) GetLocation(ctx context.Context, o GetLocationOptions) *Future[GetLocationResult] {
	api := APIGetLocation
	switch o.Type {
	case "", LocationWGS84, LocationGCJ02:
	default:
		return settled(GetLocationResult{}, error(badOptions(api, "Type %q is not wgs84 or gcj02", o.Type)))
	}
	args := map[string]any{}
	setString(args, "type", string(o.Type))
	return invoke(ctx, s, api, args, decodeLocation)
}

// decodeLocation reads a position, whose numbers come as JSON numbers or,
// from some clients, as strings.
func decodeLocation(res []byte) (GetLocationResult, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(res, &fields); err != nil {
		return GetLocationResult{}, err
	}
	var r GetLocationResult
	for _, f := range []struct {
		key      string
		v        *float64
		required bool
	}{
		{"latitude", &r.Latitude, true},
		{"longitude", &r.Longitude, true},
		{"speed", &r.Speed, false},
		{"accuracy", &r.Accuracy, false},
	} {
		raw, ok := fields[f.key]
		if !ok || string(raw) == "null" {
			if f.required {
				return GetLocationResult{}, errNoField(f.key)
			}
			continue
		}
		var n number
		if err := json.Unmarshal(raw, &n); err != nil {
			return GetLocationResult{}, err
		}
		*f.v = float64(n)
		delete(fields, f.key)
	}
	delete(fields, "errMsg")
	if len(fields) > 0 {
		r.Extra = fields
	}
	return r, nil
}
