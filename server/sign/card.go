package sign

import (
	"slices"
	"strconv"
	"strings"
)

// CardExtParams are the values a card extension (the cardExt of
// wx.addCard) is signed over. Code and OpenID may be empty: they take part
// in the signature as empty strings.
type CardExtParams struct {
	APITicket string // the card api_ticket (type wx_card), not the jsapi_ticket
	CardID    string
	Code      string
	OpenID    string
	Timestamp int64
	NonceStr  string
}

// CardExt returns the signature of a card extension: the SHA-1, in
// lower-case hex, of the values of p sorted as strings and concatenated.
// The same timestamp and nonce must go into the cardExt JSON.
func CardExt(p CardExtParams) string {
	return sortedSHA1(p.APITicket, strconv.FormatInt(p.Timestamp, 10), p.CardID, p.Code, p.OpenID, p.NonceStr)
}

// CardSignParams are the values chooseCard's cardSign is made of. Every
// filter (LocationID, CardID, CardType) may be empty.
type CardSignParams struct {
	APITicket  string // the card api_ticket
	AppID      string
	LocationID string // the shopId of chooseCard
	CardID     string
	CardType   string
	Timestamp  int64
	NonceStr   string
}

// CardSign returns chooseCard's cardSign: the SHA-1, in lower-case hex, of
// the values of p sorted as strings and concatenated (signType "SHA1").
func CardSign(p CardSignParams) string {
	return sortedSHA1(p.APITicket, p.AppID, p.LocationID, strconv.FormatInt(p.Timestamp, 10), p.NonceStr, p.CardID, p.CardType)
}

// sortedSHA1 is the card signature scheme: values, not names, sorted
// byte-wise, joined with nothing between them.
func sortedSHA1(values ...string) string {
	slices.Sort(values)
	return hexSHA1(strings.Join(values, ""))
}
