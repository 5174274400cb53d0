package main

import (
	"context"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// where is a location the page shows.
type where wx.GetLocationResult

func locationSpecs() []spec {
	return []spec{{
		api:    wx.APIGetLocation,
		fields: []field{{name: "type", label: "type", kind: choiceField, choices: []string{"", "wgs84", "gcj02"}}},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			res, err := sdk.GetLocation(ctx, wx.GetLocationOptions{Type: wx.LocationType(v.str("type"))}).Await(ctx)
			if err == nil {
				remember("location.latitude", fmt.Sprint(res.Latitude))
				remember("location.longitude", fmt.Sprint(res.Longitude))
			}
			return res, err
		},
		after: func(_ context.Context, _ *wx.SDK, res any) any { return where(res.(wx.GetLocationResult)) },
		show: func(extra any) app.UI {
			w, _ := extra.(where)
			return app.P().ID("getLocation-coordinates").Class("coordinates").Text(
				fmt.Sprintf("%.5f, %.5f (± %g m, %g m/s)", w.Latitude, w.Longitude, w.Accuracy, w.Speed))
		},
	}, {
		api: wx.APIOpenLocation,
		fields: []field{
			{name: "latitude", label: "latitude (empty: the last location)", kind: numberField, memo: "location.latitude"},
			{name: "longitude", label: "longitude", kind: numberField, memo: "location.longitude"},
			{name: "name", label: "name", value: "Tiananmen"},
			{name: "address", label: "address", value: "Dongcheng, Beijing"},
			{name: "scale", label: "scale (1–28, empty: 28)", kind: numberField},
			{name: "infoUrl", label: "infoUrl"},
		},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.OpenLocation(ctx, wx.OpenLocationOptions{
				Latitude: v.float("latitude"), Longitude: v.float("longitude"), Name: v.str("name"),
				Address: v.str("address"), Scale: v.int("scale"), InfoURL: v.str("infoUrl"),
			}).Await(ctx)
		},
	}}
}

func beaconSpecs() []spec {
	return []spec{{
		api:    wx.APIStartSearchBeacons,
		fields: []field{{name: "ticket", label: "ticket (from the shake page URL)"}},
		run: func(ctx context.Context, sdk *wx.SDK, v values) (any, error) {
			return sdk.StartSearchBeacons(ctx, wx.StartSearchBeaconsOptions{Ticket: v.str("ticket")}).Await(ctx)
		},
	}, {
		api: wx.APIStopSearchBeacons,
		run: func(ctx context.Context, sdk *wx.SDK, _ values) (any, error) {
			return sdk.StopSearchBeacons(ctx).Await(ctx)
		},
	}, {
		api: wx.APIOnSearchBeacons,
		listen: func(ctx context.Context, sdk *wx.SDK, _ values) events {
			return subscribe(sdk.OnSearchBeacons(ctx))
		},
	}}
}
