//go:build !(js && wasm)

package wx

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/wire"
)

// TestPayRequestFromTheServer: the parameters a server signs decode
// straight into a PayRequest, and a mangled one is refused.
func TestPayRequestFromTheServer(t *testing.T) {
	p, err := sign.PayV2("192006250b4c09247ec02edce69f6a2d", sign.PayV2HMACSHA256, "wxapp", 1700000000, "nonce", "wx2014")
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := json.Marshal(p)
	var r PayRequest
	if err := json.Unmarshal(answer, &r); err != nil {
		t.Fatal(err)
	}
	want := PayRequest{Timestamp: 1700000000, NonceStr: "nonce", Package: "prepay_id=wx2014", SignType: SignHMACSHA256, PaySign: p.PaySign}
	if r != want {
		t.Fatalf("decoded %+v, want %+v", r, want)
	}
	for _, ts := range []string{"", "soon", "-5", "1.5"} {
		if _, err := PayRequestOf(wire.PayParams{TimeStamp: ts, PaySign: "x"}); !errors.Is(err, ErrBadOptions) {
			t.Errorf("timeStamp %q: %v", ts, err)
		}
	}
}

func TestChooseCardOptionsOf(t *testing.T) {
	o, err := ChooseCardOptionsOf(wire.CardSignResponse{ShopID: "12", CardType: "CASH", Timestamp: "1700000000", NonceStr: "n", SignType: "SHA1", CardSign: "s"})
	want := ChooseCardOptions{ShopID: "12", CardType: "CASH", Timestamp: 1700000000, NonceStr: "n", CardSign: "s", SignType: SignSHA1}
	if err != nil || o != want {
		t.Fatalf("%+v, %v", o, err)
	}
	if _, err := ChooseCardOptionsOf(wire.CardSignResponse{Timestamp: "x"}); !errors.Is(err, ErrBadOptions) {
		t.Fatalf("bad timestamp: %v", err)
	}
	if it := AddCardItemOf(wire.CardExtResponse{CardID: "c", CardExt: `{"code":"1"}`}); it != (AddCardItem{CardID: "c", CardExt: `{"code":"1"}`}) {
		t.Fatalf("%+v", it)
	}
}

// TestSignerHint: what the signing server says to check replaces the
// generic hint (demo mode knows the one address it signs).
func TestSignerHint(t *testing.T) {
	const hint = "Demo mode signs pages on localhost:8000 only."
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(403)
		json.NewEncoder(w).Encode(wire.ErrorResponse{Error: wire.CodeURLNotAllowed, Message: "127.0.0.1 is an IP address", Hint: hint})
	}))
	defer srv.Close()
	b := newFakeBridge()
	b.pg.href = "http://127.0.0.1:8000/"
	err := newSDK(b).SignedConfig(context.Background(), srv.URL+wire.ConfigPath, APIChooseImage)
	var we *Error
	if !errors.Is(err, ErrInvalidURLDomain) || !errors.As(err, &we) || we.Hint() != hint {
		t.Fatalf("%v; hint %q", err, we.Hint())
	}
}
