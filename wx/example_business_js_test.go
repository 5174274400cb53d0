//go:build js && wasm

package wx_test

import (
	"context"
	"fmt"

	"github.com/gowx/gowx/wx"
)

func ExampleSDK_OpenAddress() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := sdk.OpenAddress(ctx).Await(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.UserName, a.TelNumber)
	fmt.Println(a.ProvinceName + a.CityName + a.CountryName + a.DetailInfo)
	// Output:
	// 张三 020-81167888
	// 广东省广州市天河区天河路 385 号
}
