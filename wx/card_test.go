package wx

import (
	"context"
	"encoding/json"
	"testing"
)

const cardExt = `{"timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}`

func TestCardArgs(t *testing.T) {
	signed := ChooseCardOptions{Timestamp: 1404896688, NonceStr: "n", CardSign: "sig"}
	filtered := signed
	filtered.ShopID, filtered.CardType, filtered.CardID, filtered.SignType = "1234", "GROUPON", "p1Pj9jr90_SQRaVqYI239Ka1erk", SignSHA1

	testCalls(t, []callCase{
		{"addCard", callWith((*SDK).AddCard, AddCardOptions{CardList: []AddCardItem{{"c1", cardExt}, {"c2", "{}"}}}), "addCard",
			map[string]any{"cardList": []any{map[string]any{"cardId": "c1", "cardExt": cardExt}, map[string]any{"cardId": "c2", "cardExt": "{}"}}}},
		{"chooseCard, the signature alone", callWith((*SDK).ChooseCard, signed), "chooseCard",
			map[string]any{"timestamp": 1404896688.0, "nonceStr": "n", "cardSign": "sig"}},
		{"chooseCard, filtered", callWith((*SDK).ChooseCard, filtered), "chooseCard",
			map[string]any{"timestamp": 1404896688.0, "nonceStr": "n", "cardSign": "sig", "shopId": "1234", "cardType": "GROUPON",
				"cardId": "p1Pj9jr90_SQRaVqYI239Ka1erk", "signType": "SHA1"}},
		{"openCard", callWith((*SDK).OpenCard, OpenCardOptions{CardList: []OpenCardItem{{"c1", "123"}}}), "openCard",
			map[string]any{"cardList": []any{map[string]any{"cardId": "c1", "code": "123"}}}},
		{"consumeAndShareCard", callWith((*SDK).ConsumeAndShareCard, ConsumeAndShareCardOptions{CardID: "c1", Code: "123"}), "consumeAndShareCard",
			map[string]any{"cardId": "c1", "code": "123"}},
	})
	md5 := signed
	md5.SignType = SignMD5
	testRefusals(t, []refusalCase{
		{"addCard, no card", callWith((*SDK).AddCard, AddCardOptions{}), "CardList is empty"},
		{"addCard, no CardExt", callWith((*SDK).AddCard, AddCardOptions{CardList: []AddCardItem{{"c1", cardExt}, {"c2", ""}}}), "missing CardList[1].CardExt"},
		{"addCard, no CardID", callWith((*SDK).AddCard, AddCardOptions{CardList: []AddCardItem{{"", cardExt}}}), "missing CardList[0].CardID"},
		{"addCard, CardExt not an object", callWith((*SDK).AddCard, AddCardOptions{CardList: []AddCardItem{{"c1", `"signature"`}}}), "CardList[0].CardExt is not a JSON object"},
		{"addCard, CardExt not JSON", callWith((*SDK).AddCard, AddCardOptions{CardList: []AddCardItem{{"c1", `{signature}`}}}), "CardList[0].CardExt is not a JSON object"},
		{"chooseCard, unsigned", callWith((*SDK).ChooseCard, ChooseCardOptions{CardID: "c1"}), "missing Timestamp, NonceStr, CardSign"},
		{"chooseCard, not SHA1", callWith((*SDK).ChooseCard, md5), `SignType "MD5"`},
		{"openCard, no card", callWith((*SDK).OpenCard, OpenCardOptions{}), "CardList is empty"},
		{"openCard, no Code", callWith((*SDK).OpenCard, OpenCardOptions{CardList: []OpenCardItem{{CardID: "c1"}}}), "missing CardList[0].Code"},
		{"consumeAndShareCard, nothing", callWith((*SDK).ConsumeAndShareCard, ConsumeAndShareCardOptions{}), "missing CardID, Code"},
	})
}

func TestAddCardResults(t *testing.T) {
	call := func(ctx context.Context, s *SDK) *Future[AddCardResult] {
		return s.AddCard(ctx, AddCardOptions{CardList: []AddCardItem{{"c1", cardExt}}})
	}
	added := AddCardResult{CardList: []AddedCard{{CardID: "c1", CardExt: "{}", IsSuccess: true, Code: "enc"}}}
	withExtra := AddCardResult{CardList: []AddedCard{{CardID: "c1", IsSuccess: false, Extra: map[string]json.RawMessage{"outer_str": json.RawMessage(`"ch"`)}}}}
	testDecode(t, call, []decodeCase[AddCardResult]{
		{"as jweixin makes it", `{"errMsg":"addCard:ok","cardList":[{"cardId":"c1","cardExt":"{}","isSuccess":true,"code":"enc"}]}`, added, nil},
		{"a list left as a string", `{"errMsg":"addCard:ok","cardList":"[{\"cardId\":\"c1\",\"cardExt\":\"{}\",\"isSuccess\":true,\"code\":\"enc\"}]"}`, added, nil},
		{"the client's names", `{"errMsg":"addCard:ok","cardList":[{"card_id":"c1","card_ext":"{}","is_succ":1,"code":"enc"}]}`, added, nil},
		{"other fields kept", `{"errMsg":"addCard:ok","cardList":[{"cardId":"c1","isSuccess":false,"outer_str":"ch"}]}`, withExtra, nil},
		{"no list", `{"errMsg":"addCard:ok"}`, AddCardResult{}, nil},
		{"cancel", `{"errMsg":"addCard:cancel"}`, AddCardResult{}, ErrCancel},
		{"fail", `{"errMsg":"addCard:fail"}`, AddCardResult{}, ErrFailed},
		{"not a list", `{"errMsg":"addCard:ok","cardList":{"cardId":"c1"}}`, AddCardResult{}, ErrFailed},
	})
}

func TestChooseCardResults(t *testing.T) {
	call := func(ctx context.Context, s *SDK) *Future[ChooseCardResult] {
		return s.ChooseCard(ctx, ChooseCardOptions{Timestamp: 1, NonceStr: "n", CardSign: "s"})
	}
	chosen := ChooseCardResult{CardList: []ChosenCard{{CardID: "c1", EncryptCode: "e1"}, {CardID: "c2", EncryptCode: "e2"}}}
	extra := ChooseCardResult{CardList: []ChosenCard{{CardID: "c1", EncryptCode: "e1", Extra: map[string]json.RawMessage{"card_type": json.RawMessage(`"GROUPON"`)}}}}
	testDecode(t, call, []decodeCase[ChooseCardResult]{
		{"a JSON string, as the client sends it", `{"errMsg":"chooseCard:ok","cardList":"[{\"card_id\":\"c1\",\"encrypt_code\":\"e1\"},{\"card_id\":\"c2\",\"encrypt_code\":\"e2\"}]"}`, chosen, nil},
		{"a list", `{"errMsg":"chooseCard:ok","cardList":[{"card_id":"c1","encrypt_code":"e1"},{"card_id":"c2","encrypt_code":"e2"}]}`, chosen, nil},
		{"unknown fields kept", `{"errMsg":"chooseCard:ok","cardList":"[{\"card_id\":\"c1\",\"encrypt_code\":\"e1\",\"card_type\":\"GROUPON\"}]"}`, extra, nil},
		{"nothing chosen", `{"errMsg":"chooseCard:ok","cardList":""}`, ChooseCardResult{}, nil},
		{"cancel", `{"errMsg":"chooseCard:cancel"}`, ChooseCardResult{}, ErrCancel},
		{"fail", `{"errMsg":"chooseCard:fail"}`, ChooseCardResult{}, ErrFailed},
		{"not JSON", `{"errMsg":"chooseCard:ok","cardList":"c1,c2"}`, ChooseCardResult{}, ErrFailed},
	})
}

func TestCardOutcomes(t *testing.T) {
	call := func(ctx context.Context, s *SDK) *Future[struct{}] {
		return s.OpenCard(ctx, OpenCardOptions{CardList: []OpenCardItem{{"c1", "1"}}})
	}
	testDecode(t, call, []decodeCase[struct{}]{
		{"ok", `{"errMsg":"openCard:ok"}`, struct{}{}, nil},
		{"cancel", `{"errMsg":"openCard:cancel"}`, struct{}{}, ErrCancel},
		{"fail", `{"errMsg":"openCard:fail"}`, struct{}{}, ErrFailed},
	})
}
