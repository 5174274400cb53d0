package main

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/gowx/gowx/wire"
)

// fetchAnswer answers every request with status and body, and records
// what was asked.
type fetchAnswer struct {
	status int
	body   string
	path   string
	asked  []byte
}

func (f *fetchAnswer) fetch(_ context.Context, path string, body []byte) (int, []byte, error) {
	f.path, f.asked = path, body
	return f.status, []byte(f.body), nil
}

func TestShopOrder(t *testing.T) {
	f := &fetchAnswer{status: 200, body: `{"outTradeNo":"demo1","total":1500,"pay":{"timeStamp":"1700000000","paySign":"sig"}}`}
	order, err := shop{fetch: f.fetch}.order(context.Background(), "coffee", wire.SignTypeMD5)
	if err != nil || order.OutTradeNo != "demo1" || order.Pay.PaySign != "sig" {
		t.Fatalf("order: %+v, %v", order, err)
	}
	var asked wire.ShopOrderRequest
	if f.path != wire.ShopOrderPath || json.Unmarshal(f.asked, &asked) != nil || asked != (wire.ShopOrderRequest{Item: "coffee", SignType: "MD5"}) {
		t.Errorf("asked %s %s", f.path, f.asked)
	}
	if ts, err := unixTime("timeStamp", order.Pay.TimeStamp); err != nil || ts != 1700000000 {
		t.Errorf("timeStamp: %d, %v", ts, err)
	}
	if _, err := unixTime("timeStamp", "soon"); err == nil {
		t.Error("a timestamp of letters was read")
	}
}

// The server's error answers become errors that keep the code, the message
// and the hint, which the page shows.
func TestShopError(t *testing.T) {
	f := &fetchAnswer{status: 403, body: `{"error":"forbidden","message":"not this card","hint":"ask the shop"}`}
	_, err := shop{fetch: f.fetch}.cardFilter(context.Background(), "CASH")
	var se *shopError
	if !errors.As(err, &se) || se.ErrorResponse.Error != wire.CodeForbidden || se.status != 403 {
		t.Fatalf("error %v", err)
	}
	if o := failed(err); o.hint != "ask the shop" || o.err != "server: forbidden: not this card (HTTP 403)" {
		t.Errorf("shown as %+v", o)
	}
	f = &fetchAnswer{status: 502, body: `<html>bad gateway</html>`}
	if _, err := (shop{fetch: f.fetch}).card(context.Background()); err == nil || errors.As(err, &se) || err.Error() != "server: /wx/demo/shop/card: HTTP 502" {
		t.Errorf("a non-JSON answer: %v", err)
	}
}
