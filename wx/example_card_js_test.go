//go:build js && wasm

package wx_test

import (
	"context"
	"fmt"

	"github.com/gowx/gowx/wx"
)

func ExampleSDK_AddCard() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	// cardExt comes from the server (POST /wx/card/ext), signed with the card api_ticket.
	cardExt := `{"timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}`
	res, err := sdk.AddCard(ctx, wx.AddCardOptions{CardList: []wx.AddCardItem{
		{CardID: "pDF3iY9tv9zCGCj4jTXFOo1DxHdo", CardExt: cardExt},
	}}).Await(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.CardList {
		fmt.Println(c.CardID, "received:", c.IsSuccess)
	}
	// Output: pDF3iY9tv9zCGCj4jTXFOo1DxHdo received: true
}
