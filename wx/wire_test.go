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

// TestPost: a page asks its own server, relative to the page, for
// parameters a call needs; the server's errors keep their message and hint.
func TestPost(t *testing.T) {
	var got map[string]string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json.NewDecoder(r.Body).Decode(&got)
		switch {
		case r.Method != "POST" || r.Header.Get("Content-Type") != "application/json":
			w.WriteHeader(415)
		case r.URL.Path == "/shop/pay":
			json.NewEncoder(w).Encode(wire.PayParams{TimeStamp: "1700000000", NonceStr: "n", Package: "prepay_id=p", SignType: "RSA", PaySign: "sig"})
		case r.URL.Path == "/shop/refused":
			w.WriteHeader(403)
			json.NewEncoder(w).Encode(wire.ErrorResponse{Error: wire.CodeForbidden, Message: "not your order", Hint: "sign in first"})
		case r.URL.Path == "/shop/garbled":
			w.Write([]byte(`{"timeStamp":"soon"}`))
		default:
			w.WriteHeader(500)
			w.Write([]byte("plain text"))
		}
	}))
	defer srv.Close()
	b := newFakeBridge()
	b.pg.href = srv.URL + "/shop/cart#/step"
	s := newSDK(b)
	ctx := context.Background()

	var pay PayRequest
	if err := s.Post(ctx, "pay", map[string]string{"item": "tea"}, &pay); err != nil || pay.PaySign != "sig" || pay.Timestamp != 1700000000 || got["item"] != "tea" {
		t.Fatalf("Post: %+v, %v (sent %v)", pay, err, got)
	}
	var we *Error
	err := s.Post(ctx, "/shop/refused", struct{}{}, &pay)
	if !errors.Is(err, ErrSigner) || !errors.As(err, &we) || we.Hint() != "sign in first" || we.Field("error") != wire.CodeForbidden || we.API != APIServer {
		t.Fatalf("refused: %v", err)
	}
	for _, path := range []string{"/shop/garbled", "/elsewhere"} {
		if err := s.Post(ctx, path, struct{}{}, &pay); !errors.Is(err, ErrSigner) {
			t.Errorf("%s: %v", path, err)
		}
	}
	if err := s.Post(ctx, "pay", func() {}, &pay); !errors.Is(err, ErrBadOptions) {
		t.Errorf("an unencodable request: %v", err)
	}
}
