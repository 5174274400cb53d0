//go:build js && wasm

package wx

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
)

// configuredAppID is the AppID the tests configured the page with, which
// jweixin hands to chooseCard.
func configuredAppID(t *testing.T) string {
	t.Helper()
	_, body, err := sdk.b.fetch(context.Background(), "GET", signEndpoint+"?url=https://example.com/", nil)
	var sg signed
	if err == nil {
		err = json.Unmarshal(body, &sg)
	}
	if err != nil || sg.AppID == "" {
		t.Fatalf("signing server: %s, %v", body, err)
	}
	return sg.AppID
}

func TestCardInBrowser(t *testing.T) {
	add := AddCardOptions{CardList: []AddCardItem{{"pDF3iY9tv9zCGCj4jTXFOo1DxHdo", cardExt}, {"pDF3iY0_dVjb_Pua96MMewA96qvA", "{}"}}}
	choose := ChooseCardOptions{ShopID: "1234", CardType: "GROUPON", Timestamp: 1404896688, NonceStr: "n", CardSign: "sig"}
	testInBrowser(t, []browserCase{
		{"addCard", APIAddCard, func(ctx context.Context) error { return awaitErr(sdk.AddCard(ctx, add)) },
			map[string]any{"card_list": []any{
				map[string]any{"card_id": "pDF3iY9tv9zCGCj4jTXFOo1DxHdo", "card_ext": cardExt},
				map[string]any{"card_id": "pDF3iY0_dVjb_Pua96MMewA96qvA", "card_ext": "{}"},
			}}},
		{"chooseCard", APIChooseCard, func(ctx context.Context) error { return awaitErr(sdk.ChooseCard(ctx, choose)) },
			map[string]any{"app_id": configuredAppID(t), "location_id": "1234", "sign_type": "SHA1", "card_id": "", "card_type": "GROUPON",
				"card_sign": "sig", "time_stamp": "1404896688", "nonce_str": "n"}},
		{"openCard", APIOpenCard, func(ctx context.Context) error {
			return awaitErr(sdk.OpenCard(ctx, OpenCardOptions{CardList: []OpenCardItem{{"pDF3iY9tv9zCGCj4jTXFOo1DxHdo", "1434008071"}}}))
		}, map[string]any{"card_list": []any{map[string]any{"card_id": "pDF3iY9tv9zCGCj4jTXFOo1DxHdo", "code": "1434008071"}}}},
		{"consumeAndShareCard", APIConsumeAndShareCard, func(ctx context.Context) error {
			return awaitErr(sdk.ConsumeAndShareCard(ctx, ConsumeAndShareCardOptions{CardID: "pDF3iY9tv9zCGCj4jTXFOo1DxHdo", Code: "1434008071"}))
		}, map[string]any{"consumedCardId": "pDF3iY9tv9zCGCj4jTXFOo1DxHdo", "consumedCode": "1434008071"}},
	})

	ctx := context.Background()
	resetFake(t)
	added, err := await(t, sdk.AddCard(ctx, add))
	if err != nil || len(added.CardList) != 2 {
		t.Fatalf("addCard: %+v, %v", added, err)
	}
	if c := added.CardList[0]; c.CardID != "pDF3iY9tv9zCGCj4jTXFOo1DxHdo" || c.CardExt != cardExt || !c.IsSuccess || c.Code == "" || c.Extra != nil {
		t.Fatalf("added card %+v", c)
	}
	// jweixin parses the client's string and renames its fields.
	if list, _ := pageResult(t, APIAddCard)["cardList"].([]any); len(list) != 2 || list[1].(map[string]any)["isSuccess"] != true {
		t.Fatalf("the page received cardList %#v", pageResult(t, APIAddCard)["cardList"])
	}
	respond(t, APIAddCard, `{"result":"ok","once":true,"data":{"cardList":[{"cardId":"c1","cardExt":"{}","isSuccess":false,"outer_str":"ch"}]}}`)
	added, err = await(t, sdk.AddCard(ctx, add))
	want := []AddedCard{{CardID: "c1", CardExt: "{}", Extra: map[string]json.RawMessage{"outer_str": json.RawMessage(`"ch"`)}}}
	if err != nil || !reflect.DeepEqual(added.CardList, want) {
		t.Fatalf("scripted addCard: %+v, %v", added, err)
	}

	chosen, err := await(t, sdk.ChooseCard(ctx, choose))
	if err != nil || len(chosen.CardList) != 1 || chosen.CardList[0].CardID != "pDF3iY9tv9zCGCj4jTXFOo1DxHdo" || chosen.CardList[0].EncryptCode == "" {
		t.Fatalf("chooseCard: %+v, %v", chosen, err)
	}
	if res := pageResult(t, APIChooseCard)["cardList"]; reflect.TypeOf(res).Kind() != reflect.String {
		t.Fatalf("jweixin hands choose_card_info over as the client sent it, a string: %#v", res)
	}
	respond(t, APIChooseCard, `{"result":"ok","once":true,"data":{"cardList":[{"card_id":"c1","encrypt_code":"e1"}]}}`)
	chosen, err = await(t, sdk.ChooseCard(ctx, choose))
	if err != nil || !reflect.DeepEqual(chosen.CardList, []ChosenCard{{CardID: "c1", EncryptCode: "e1"}}) {
		t.Fatalf("a client sending a list: %+v, %v", chosen, err)
	}
}
