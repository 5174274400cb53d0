package wechatfake_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

func TestCheckPay(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	f, err := wechatfake.New(wechatfake.Config{AppID: "wxapp", Secret: "s", Domains: []string{"example.com"},
		Merchant: &wechatfake.Merchant{V3: &key.PublicKey, V2: "merchant-v2-key"}})
	if err != nil {
		t.Fatal(err)
	}
	v3 := func(k *rsa.PrivateKey, appID string) sign.PayParams {
		p, err := sign.PayV3(k, appID, 1700000000, "nonce", "wx201410272009395522657a690389285100")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	v2 := func(apiKey string, m sign.PayV2Method) sign.PayParams {
		p, err := sign.PayV2(apiKey, m, "wxapp", 1700000000, "nonce", "wx1")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	tampered := v3(key, "wxapp")
	tampered.Package = "prepay_id=wx2"
	legacy := v2("merchant-v2-key", sign.PayV2MD5)
	legacy.SignType = "SHA1"
	for _, tt := range []struct {
		name string
		p    sign.PayParams
		ok   bool
	}{
		{"v3", v3(key, "wxapp"), true},
		{"v2 MD5", v2("merchant-v2-key", sign.PayV2MD5), true},
		{"v2 HMAC-SHA256", v2("merchant-v2-key", sign.PayV2HMACSHA256), true},
		{"another merchant's v3 key", v3(other, "wxapp"), false},
		{"another account", v3(key, "wxother"), false},
		{"another order", tampered, false},
		{"another v2 key", v2("not-the-key", sign.PayV2MD5), false},
		{"jweixin's SHA1 default", legacy, false},
		{"no signature", sign.PayParams{AppID: "wxapp", SignType: "RSA"}, false},
	} {
		err := f.CheckPay(tt.p)
		if tt.ok != (err == nil) || err != nil && !errors.Is(err, wechatfake.ErrInvalidSignature) {
			t.Errorf("%s: CheckPay = %v", tt.name, err)
		}
	}
	// Without a merchant the fake cannot tell: tests with made-up
	// signatures pass.
	bare, err := wechatfake.New(wechatfake.Config{AppID: "wxapp", Secret: "s", Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := bare.CheckPay(sign.PayParams{PaySign: "sig"}); err != nil {
		t.Errorf("no merchant: %v", err)
	}
}

func TestCheckCards(t *testing.T) {
	f, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "s", Domains: []string{"example.com"}, CheckCards: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := &wechat.Client{BaseURL: f.URL, AppID: "wxapp", Secret: "s"}
	ctx := context.Background()
	tok, err := c.AccessToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	card, err := c.Ticket(ctx, tok.Value, wechat.TicketCard)
	if err != nil {
		t.Fatal(err)
	}
	jsapi, err := c.Ticket(ctx, tok.Value, wechat.TicketJSAPI)
	if err != nil {
		t.Fatal(err)
	}
	// extAs is a cardExt showing code, signed over signedCode.
	extAs := func(ticket, cardID, code, signedCode string) string {
		b, _ := json.Marshal(map[string]string{"code": code, "timestamp": "1700000000", "nonce_str": "n1",
			"signature": sign.CardExt(sign.CardExtParams{APITicket: ticket, CardID: cardID, Code: signedCode, Timestamp: 1700000000, NonceStr: "n1"})})
		return string(b)
	}
	ext := func(ticket, cardID, code string) string { return extAs(ticket, cardID, code, code) }
	if err := f.CheckCardExt("p1", ext(card.Value, "p1", "c1")); err != nil {
		t.Errorf("signed with the card ticket: %v", err)
	}
	for name, e := range map[string]string{
		"jsapi_ticket":  ext(jsapi.Value, "p1", "c1"),
		"another card":  ext(card.Value, "p2", "c1"),
		"another code":  extAs(card.Value, "p1", "c2", "c1"),
		"not JSON":      "{}x",
		"no signature":  `{"timestamp":"1700000000","nonce_str":"n1"}`,
		"no timestamp ": `{"nonce_str":"n1","signature":"x"}`,
	} {
		if err := f.CheckCardExt("p1", e); !errors.Is(err, wechatfake.ErrInvalidSignature) {
			t.Errorf("%s: CheckCardExt = %v", name, err)
		}
	}

	choose := wechatfake.ChooseCardArgs{AppID: "wxapp", LocationID: "1234", SignType: "SHA1", CardType: "GROUPON", TimeStamp: "1700000000", NonceStr: "n2"}
	choose.CardSign = sign.CardSign(sign.CardSignParams{APITicket: card.Value, AppID: "wxapp", LocationID: "1234", CardType: "GROUPON", Timestamp: 1700000000, NonceStr: "n2"})
	if err := f.CheckCardSign(choose); err != nil {
		t.Errorf("chooseCard signed with the card ticket: %v", err)
	}
	otherShop := choose
	otherShop.LocationID = "5678"
	if err := f.CheckCardSign(otherShop); !errors.Is(err, wechatfake.ErrInvalidSignature) {
		t.Errorf("chooseCard of another shop: %v", err)
	}

	// Over HTTP, in the client's words; a revoked ticket signs nothing.
	check := func(name string, args any) wechatfake.CheckResult {
		t.Helper()
		a, _ := json.Marshal(args)
		body, _ := json.Marshal(wechatfake.CheckRequest{Name: name, Args: a})
		resp, err := http.Post(f.URL+wechatfake.CheckPath, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r wechatfake.CheckResult
		if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&r) != nil {
			t.Fatalf("%s: status %d", name, resp.StatusCode)
		}
		return r
	}
	added := map[string]any{"card_list": []map[string]string{{"card_id": "p1", "card_ext": ext(card.Value, "p1", "c1")}}}
	if r := check("batchAddCard", added); r.ErrMsg != "" {
		t.Errorf("batchAddCard: %+v", r)
	}
	if r := check("chooseCard", otherShop); r.ErrMsg != "chooseCard:fail_invalid signature" {
		t.Errorf("chooseCard of another shop: %+v", r)
	}
	if r := check("getNetworkType", map[string]any{}); r.ErrMsg != "" {
		t.Errorf("a call without signatures: %+v", r)
	}
	f.RevokeTickets()
	if r := check("batchAddCard", added); r.ErrMsg != "batchAddCard:fail_invalid signature" {
		t.Errorf("batchAddCard after the tickets were revoked: %+v", r)
	}
	resp, err := http.Post(f.URL+wechatfake.CheckPath, "application/json", bytes.NewReader([]byte(`{"args":{}}`)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a check without a name: %d", resp.StatusCode)
	}
}

// Without CheckCards every card passes, as the tests with made-up cards want.
func TestCheckCardsOff(t *testing.T) {
	f, err := wechatfake.New(wechatfake.Config{AppID: "wxapp", Secret: "s", Domains: []string{"example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.CheckCardExt("p1", "{}"); err != nil {
		t.Error(err)
	}
	if r := f.Check(wechatfake.CheckRequest{Name: "chooseCard", Args: json.RawMessage(`{"card_sign":"sig","time_stamp":"1"}`)}); r.ErrMsg != "" {
		t.Error(r)
	}
}
