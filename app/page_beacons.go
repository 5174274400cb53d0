package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

// beaconsPage: iBeacons around the device (WeChat Shake).
func beaconsPage() group {
	return group{path: "beacons", title: "Beacons", zh: "摇一摇周边",
		about: "iBeacons around the device (WeChat Shake).",
		specs: []spec{
			call[struct{}]{api: wx.APIStartSearchBeacons,
				fields: []field{{name: "ticket", label: "ticket (from the shake page URL)"}},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (struct{}, error) {
					return sdk.StartSearchBeacons(ctx, wx.StartSearchBeaconsOptions{Ticket: v.str("ticket")}).Await(ctx)
				},
			}.spec(),
			command(wx.APIStopSearchBeacons, (*wx.SDK).StopSearchBeacons),
			listener[wx.BeaconsEvent]{api: wx.APIOnSearchBeacons, text: beaconsEventText,
				on: func(ctx context.Context, sdk *wx.SDK, _ values) *wx.Subscription[wx.BeaconsEvent] {
					return sdk.OnSearchBeacons(ctx)
				},
			}.spec(),
		}}
}
