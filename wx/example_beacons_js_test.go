//go:build js && wasm

package wx_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/gowx/gowx/wx"
)

// Searching for the official account's iBeacons on a page opened by
// "Shake Nearby", and telling the user what to turn on.
func ExampleSDK_StartSearchBeacons() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	found := sdk.OnSearchBeacons(ctx)
	defer found.Stop()
	_, err = sdk.StartSearchBeacons(ctx, wx.StartSearchBeaconsOptions{}).Await(ctx)
	var we *wx.Error
	switch {
	case errors.As(err, &we) && we.Status == wx.BeaconsBluetoothOff:
		fmt.Println("please turn Bluetooth on")
		return
	case err != nil:
		fmt.Println(err)
		return
	}
	fmt.Println("searching")
	// A goroutine of the page then reads the reports:
	//	for e := range found.Events() {
	//		for _, b := range e.Beacons { … b.Major, b.Minor, b.Accuracy … }
	//	}
	if _, err := sdk.StopSearchBeacons(ctx).Await(ctx); err == nil {
		fmt.Println("stopped")
	}
	// Output:
	// searching
	// stopped
}
