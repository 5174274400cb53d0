package main

import (
	"context"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// locationPage: where the device is, and WeChat's map. openLocation shows
// the last location got when its coordinates are left empty.
func locationPage() group {
	return group{path: "location", title: "Location", zh: "地理位置",
		about: "Where the device is, and WeChat's map.",
		specs: []spec{
			call[wx.GetLocationResult]{api: wx.APIGetLocation,
				fields: []field{{name: "type", label: "type", kind: choiceField, choices: []string{"", "wgs84", "gcj02"}}},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.GetLocationResult, error) {
					return sdk.GetLocation(ctx, wx.GetLocationOptions{Type: wx.LocationType(v.str("type"))}).Await(ctx)
				},
				keep: func(res wx.GetLocationResult) []memo {
					return memos("location.latitude", fmt.Sprint(res.Latitude), "location.longitude", fmt.Sprint(res.Longitude))
				},
				show: func(_ context.Context, _ *wx.SDK, w wx.GetLocationResult) func() app.UI {
					return func() app.UI {
						return app.P().ID("getLocation-coordinates").Class("coordinates").Text(
							fmt.Sprintf("%.5f, %.5f (± %g m, %g m/s)", w.Latitude, w.Longitude, w.Accuracy, w.Speed))
					}
				},
			}.spec(),
			call[struct{}]{api: wx.APIOpenLocation,
				fields: []field{
					{name: "latitude", label: "latitude (empty: the last location)", kind: numberField, memo: "location.latitude"},
					{name: "longitude", label: "longitude", kind: numberField, memo: "location.longitude"},
					{name: "name", label: "name", value: "Tiananmen"},
					{name: "address", label: "address", value: "Dongcheng, Beijing"},
					{name: "scale", label: "scale (1–28, empty: 28)", kind: numberField},
					{name: "infoUrl", label: "infoUrl"},
				},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					return sdk.OpenLocation(ctx, wx.OpenLocationOptions{
						Latitude: v.float("latitude"), Longitude: v.float("longitude"), Name: v.str("name"),
						Address: v.str("address"), Scale: v.int("scale"), InfoURL: v.str("infoUrl"),
					}).Await(ctx)
				},
			}.spec(),
		}}
}
