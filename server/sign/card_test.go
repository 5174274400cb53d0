package sign

import "testing"

// The vector of the seed's appendix "Card Extension Field and Signature
// Generation Algorithm".
func TestCardExtVector(t *testing.T) {
	got := CardExt(CardExtParams{
		APITicket: "ojZ8YtyVyr30HheH3CM73y7h4jJE", CardID: "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
		Code: "1434008071", Timestamp: 1404896688, NonceStr: "123",
	})
	if want := "f137ab68b7f8112d20ee528ab6074564e2796250"; got != want {
		t.Fatalf("CardExt = %s, want %s", got, want)
	}
}

func TestCardSign(t *testing.T) {
	p := CardSignParams{APITicket: "ticket", AppID: "wxapp", Timestamp: 1700000000, NonceStr: "n", CardID: "card", CardType: "GROUPON"}
	// Values sorted byte-wise: "1700000000" < "GROUPON" < "card" < "n" < "ticket" < "wxapp"; the empty location_id adds nothing.
	if got, want := CardSign(p), hexSHA1("1700000000GROUPONcardnticketwxapp"); got != want {
		t.Fatalf("CardSign = %s, want %s", got, want)
	}
	q := p
	q.LocationID = "1234"
	if CardSign(q) == CardSign(p) {
		t.Fatal("the location id does not take part in cardSign")
	}
	// The value order is what counts, not which field holds it.
	r := p
	r.CardID, r.CardType = p.CardType, p.CardID
	if CardSign(r) != CardSign(p) {
		t.Fatal("cardSign depends on field order; WeChat sorts the values")
	}
}
