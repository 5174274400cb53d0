package wx_test

import (
	"encoding/json"
	"fmt"

	"github.com/gowx/gowx/wire"
	"github.com/gowx/gowx/wx"
)

func ExamplePayRequestOf() {
	// What a gowx server's pay endpoint (or a back end's SignPay) answers.
	answer := []byte(`{"appId":"wxapp","timeStamp":"1700000000","nonceStr":"n","package":"prepay_id=wx2014","signType":"RSA","paySign":"c2ln"}`)
	var pay wx.PayRequest // decodes the answer as it comes: no copies by hand
	if err := json.Unmarshal(answer, &pay); err != nil {
		panic(err)
	}
	// Then: sdk.ChooseWXPay(ctx, pay).Await(ctx)
	fmt.Println(pay.Timestamp, pay.Package, pay.SignType)
	// Output: 1700000000 prepay_id=wx2014 RSA
}

func ExampleChooseCardOptionsOf() {
	var signed wire.CardSignResponse // a gowx server's card signature endpoint's answer
	json.Unmarshal([]byte(`{"cardType":"CASH","timestamp":"1700000000","nonceStr":"n","signType":"SHA1","cardSign":"s"}`), &signed)
	o, err := wx.ChooseCardOptionsOf(signed)
	if err != nil {
		panic(err)
	}
	// Then: sdk.ChooseCard(ctx, o).Await(ctx)
	fmt.Println(o.CardType, o.Timestamp, o.SignType)
	// Output: CASH 1700000000 SHA1
}
