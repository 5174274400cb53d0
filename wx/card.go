package wx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gowx/gowx/wire"
)

// The card interfaces are signed by the server with the card api_ticket
// (package server's POST /wx/card/ext and /wx/card/sign), apart from the
// signature of wx.config: the options take those signatures as given.

// AddCardItem is a card to add to the user's card wallet.
type AddCardItem struct {
	CardID string
	// CardExt is the signed extension the server made for this card: a
	// JSON object as a string (code, openid, timestamp, nonce_str,
	// signature, …).
	CardExt string
}

// AddCardOptions are the options of AddCard.
type AddCardOptions struct {
	// CardList lists the cards to add; at least one.
	CardList []AddCardItem
}

// AddCardResult is what AddCard returns.
type AddCardResult struct {
	CardList []AddedCard
}

// AddedCard is the outcome for one card of AddCard.
type AddedCard struct {
	CardID  string
	CardExt string
	// IsSuccess tells whether the user received the card.
	IsSuccess bool
	// Code is the card's code, encrypted (decrypt it with the server's
	// card API), when the client gives it.
	Code string
	// Extra holds the other fields the client gave, as it gave them.
	Extra map[string]json.RawMessage
}

// AddCard lets the user add cards to their card wallet (wx.addCard).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#56
func (s *SDK) AddCard(ctx context.Context, o AddCardOptions) *Future[AddCardResult] {
	list, err := cardList(APIAddCard, o.CardList, "CardExt", "cardExt", func(c AddCardItem) (string, string) { return c.CardID, c.CardExt })
	if err == nil {
		err = checkCardExts(o.CardList)
	}
	if err != nil {
		return settled(AddCardResult{}, err)
	}
	return invoke(ctx, s, APIAddCard, map[string]any{"cardList": list}, func(res []byte) (AddCardResult, error) {
		w, err := decodeJSON[struct {
			CardList embedded[[]addedCard] `json:"cardList"`
		}](res)
		r := AddCardResult{}
		for _, c := range w.CardList.v {
			r.CardList = append(r.CardList, AddedCard(c))
		}
		return r, err
	})
}

// checkCardExts refuses a CardExt that is not a JSON object (a signature
// alone, say): the client would fail the card without saying why.
func checkCardExts(cards []AddCardItem) error {
	for i, c := range cards {
		if ext := strings.TrimSpace(c.CardExt); !strings.HasPrefix(ext, "{") || !json.Valid([]byte(ext)) {
			return badOptions(APIAddCard, "CardList[%d].CardExt is not a JSON object: give the card_ext the server signed", i)
		}
	}
	return nil
}

// addedCard decodes an AddedCard from jweixin's result (cardId, cardExt,
// isSuccess, code), or from the client's (card_id, card_ext, is_succ).
type addedCard AddedCard

func (c *addedCard) UnmarshalJSON(b []byte) error {
	f, err := parseFields(b)
	if err != nil {
		return err
	}
	var id, ext, code text
	var ok flag
	err = errors.Join(f.take(&id, "cardId", "card_id"), f.take(&ext, "cardExt", "card_ext"), f.take(&ok, "isSuccess", "is_succ"), f.take(&code, "code"))
	*c = addedCard{CardID: string(id), CardExt: string(ext), IsSuccess: bool(ok), Code: string(code), Extra: f.rest()}
	return err
}

// ChooseCardOptions are the options of ChooseCard. ShopID, CardType and
// CardID filter the list; they must be the values the server signed.
type ChooseCardOptions struct {
	// ShopID limits the list to cards usable at this store.
	ShopID string
	// CardType limits the list to cards of this type (such as "GROUPON").
	CardType string
	// CardID limits the list to this card.
	CardID string
	// Timestamp, NonceStr and CardSign are the server's card signature;
	// all are required.
	Timestamp int64
	NonceStr  string
	CardSign  string
	// SignType is how CardSign was made; empty means SignSHA1, the only
	// method WeChat supports.
	SignType SignType
}

// AddCardItemOf is the cardList entry of a card extension a server signed
// (a gowx server's card endpoint's answer).
func AddCardItemOf(r wire.CardExtResponse) AddCardItem {
	return AddCardItem{CardID: r.CardID, CardExt: r.CardExt}
}

// ChooseCardOptionsOf is the ChooseCardOptions of filters a server signed
// (a gowx server's card signature endpoint's answer).
func ChooseCardOptionsOf(r wire.CardSignResponse) (ChooseCardOptions, error) {
	ts, err := strconv.ParseInt(r.Timestamp, 10, 64)
	if err != nil || ts <= 0 {
		return ChooseCardOptions{}, badOptions(APIChooseCard, "the server's timestamp %q is not a time in seconds", r.Timestamp)
	}
	return ChooseCardOptions{ShopID: r.ShopID, CardType: r.CardType, CardID: r.CardID, Timestamp: ts,
		NonceStr: r.NonceStr, CardSign: r.CardSign, SignType: SignType(r.SignType)}, nil
}

// ChooseCardResult is what ChooseCard returns.
type ChooseCardResult struct {
	CardList []ChosenCard
}

// ChosenCard is a card the user picked.
type ChosenCard struct {
	CardID string
	// EncryptCode is the card's code, encrypted: decrypt it with the
	// server's card API.
	EncryptCode string
	// Extra holds the other fields the client gave, as it gave them.
	Extra map[string]json.RawMessage
}

// chosenCard decodes a ChosenCard from the client's choose_card_info item.
type chosenCard ChosenCard

func (c *chosenCard) UnmarshalJSON(b []byte) error {
	f, err := parseFields(b)
	if err != nil {
		return err
	}
	var id, code text
	err = errors.Join(f.take(&id, "card_id", "cardId"), f.take(&code, "encrypt_code", "encryptCode"))
	*c = chosenCard{CardID: string(id), EncryptCode: string(code), Extra: f.rest()}
	return err
}

// ChooseCard lets the user pick cards from their wallet (wx.chooseCard).
// An empty list often means a wrong signature or timestamp, or filters
// that match no card.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#55
func (s *SDK) ChooseCard(ctx context.Context, o ChooseCardOptions) *Future[ChooseCardResult] {
	err := firstErr(
		requireOptions(APIChooseCard, need{"Timestamp", o.Timestamp > 0}, need{"NonceStr", o.NonceStr != ""}, need{"CardSign", o.CardSign != ""}),
		checkEnum(APIChooseCard, "SignType", o.SignType, SignSHA1),
	)
	if err != nil {
		return settled(ChooseCardResult{}, err)
	}
	args := map[string]any{"timestamp": o.Timestamp, "nonceStr": o.NonceStr, "cardSign": o.CardSign}
	setString(args, "shopId", o.ShopID)
	setString(args, "cardType", o.CardType)
	setString(args, "cardId", o.CardID)
	setString(args, "signType", string(o.SignType))
	return invoke(ctx, s, APIChooseCard, args, func(res []byte) (ChooseCardResult, error) {
		// jweixin hands over the client's choose_card_info untouched: a
		// JSON string, or on some clients the list itself.
		w, err := decodeJSON[struct {
			CardList embedded[[]chosenCard] `json:"cardList"`
		}](res)
		r := ChooseCardResult{}
		for _, c := range w.CardList.v {
			r.CardList = append(r.CardList, ChosenCard(c))
		}
		return r, err
	})
}

// OpenCardItem is a card of the user's to show.
type OpenCardItem struct {
	CardID string
	// Code is the card's code, decrypted.
	Code string
}

// OpenCardOptions are the options of OpenCard.
type OpenCardOptions struct {
	// CardList lists the cards to show; at least one.
	CardList []OpenCardItem
}

// OpenCard shows cards of the user's card wallet (wx.openCard).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#57
func (s *SDK) OpenCard(ctx context.Context, o OpenCardOptions) *Future[struct{}] {
	list, err := cardList(APIOpenCard, o.CardList, "Code", "code", func(c OpenCardItem) (string, string) { return c.CardID, c.Code })
	if err != nil {
		return settled(struct{}{}, err)
	}
	return s.command(ctx, APIOpenCard, map[string]any{"cardList": list})
}

// cardList checks a non-empty list of cards, each with its CardID and a
// second field (name in Go, key in jweixin's arguments) required, and
// returns it as jweixin takes it.
func cardList[C any](api API, cards []C, name, key string, fields func(C) (id, second string)) ([]map[string]string, error) {
	if len(cards) == 0 {
		return nil, badOptions(api, "CardList is empty")
	}
	list := make([]map[string]string, len(cards))
	for i, c := range cards {
		id, second := fields(c)
		if err := requireOptions(api, need{fmt.Sprintf("CardList[%d].CardID", i), id != ""}, need{fmt.Sprintf("CardList[%d].%s", i, name), second != ""}); err != nil {
			return nil, err
		}
		list[i] = map[string]string{"cardId": id, key: second}
	}
	return list, nil
}

// ConsumeAndShareCardOptions are the options of ConsumeAndShareCard; both
// are required.
type ConsumeAndShareCardOptions struct {
	CardID string
	// Code is the card's code, decrypted.
	Code string
}

// ConsumeAndShareCard marks a card used and offers the user to share it
// (wx.consumeAndShareCard).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#53
func (s *SDK) ConsumeAndShareCard(ctx context.Context, o ConsumeAndShareCardOptions) *Future[struct{}] {
	if err := requireOptions(APIConsumeAndShareCard, need{"CardID", o.CardID != ""}, need{"Code", o.Code != ""}); err != nil {
		return settled(struct{}{}, err)
	}
	return s.command(ctx, APIConsumeAndShareCard, map[string]any{"cardId": o.CardID, "code": o.Code})
}
