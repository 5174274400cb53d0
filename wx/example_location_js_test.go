//go:build js && wasm

package wx_test

import (
	"context"
	"fmt"

	"github.com/gowx/gowx/wx"
)

// Showing the user where they are on WeChat's map, which takes GCJ-02
// coordinates.
func ExampleSDK_GetLocation() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	here, err := sdk.GetLocation(ctx, wx.GetLocationOptions{Type: wx.LocationGCJ02}).Await(ctx)
	if err != nil {
		fmt.Println(err) // errors.Is(err, wx.ErrCancel) when the user refused
		return
	}
	fmt.Printf("%.4f, %.4f\n", here.Latitude, here.Longitude)
	_, err = sdk.OpenLocation(ctx, wx.OpenLocationOptions{
		Latitude: here.Latitude, Longitude: here.Longitude, Name: "You are here", Scale: 16,
	}).Await(ctx)
	fmt.Println("map opened:", err == nil)
	// Output:
	// 39.9089, 116.3974
	// map opened: true
}
