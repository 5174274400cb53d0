//go:build js && wasm

package wx_test

import (
	"context"
	"fmt"

	"github.com/gowx/gowx/wx"
)

func ExampleSDK_OpenEnterpriseChat() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = sdk.OpenEnterpriseChat(ctx, wx.OpenEnterpriseChatOptions{UserIDs: []string{"zhangsan", "lisi"}, GroupName: "Orders"}).Await(ctx)
	fmt.Println("chat opened:", err == nil)
	// Output: chat opened: true
}
