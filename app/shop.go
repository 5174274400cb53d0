package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/gowx/gowx/wire"
)

// The card and pay pages need signatures, which a merchant's back end
// makes for what it decided: the demo shop (demo mode) picks the card's
// code and creates the order with WeChat Pay (the fake), then signs with
// the card ticket and the demo merchant keys. The page names no code and
// no prepay_id.

// fetcher posts a JSON body to a path of the page's origin and returns the
// answer's status and text: fetchJSON in the browser.
type fetcher func(ctx context.Context, path string, body []byte) (int, []byte, error)

// shop is the demo shop's counters as the page calls them.
type shop struct {
	fetch fetcher
}

// demoShop is the shop on the page's own server.
func demoShop() shop { return shop{fetch: fetchJSON} }

// shopError is the server's error answer: its stable code, its message,
// and what to check (Hint).
type shopError struct {
	wire.ErrorResponse
	status int
}

func (e *shopError) Error() string {
	return fmt.Sprintf("server: %s: %s (HTTP %d)", e.ErrorResponse.Error, e.Message, e.status)
}

// Hint says what to check, as the server knows it.
func (e *shopError) Hint() string { return e.ErrorResponse.Hint }

// post sends req to path and decodes the answer into a T; an error answer
// becomes a *shopError.
func post[T any](ctx context.Context, s shop, path string, req any) (T, error) {
	var out T
	body, err := json.Marshal(req)
	if err != nil {
		return out, err
	}
	status, answer, err := s.fetch(ctx, path, body)
	if err != nil {
		return out, fmt.Errorf("server: %s: %w", path, err)
	}
	if status != 200 {
		se := &shopError{status: status}
		if json.Unmarshal(answer, &se.ErrorResponse) != nil || se.ErrorResponse.Error == "" {
			return out, fmt.Errorf("server: %s: HTTP %d", path, status)
		}
		return out, se
	}
	if err := json.Unmarshal(answer, &out); err != nil {
		return out, fmt.Errorf("server: %s: %w", path, err)
	}
	return out, nil
}

// order creates an order of item and has its payment signed with
// signType's key (empty: the shop's default).
func (s shop) order(ctx context.Context, item, signType string) (wire.ShopOrderResponse, error) {
	return post[wire.ShopOrderResponse](ctx, s, wire.ShopOrderPath, wire.ShopOrderRequest{Item: item, SignType: signType})
}

// card has the shop pick a code of its card and sign addCard's cardExt.
func (s shop) card(ctx context.Context) (wire.CardExtResponse, error) {
	return post[wire.CardExtResponse](ctx, s, wire.ShopCardPath, struct{}{})
}

// cardFilter has the shop sign chooseCard's filter on cardType.
func (s shop) cardFilter(ctx context.Context, cardType string) (wire.CardSignResponse, error) {
	return post[wire.CardSignResponse](ctx, s, wire.ShopCardFilterPath, wire.CardSignRequest{CardType: cardType})
}

// unixTime reads a timestamp the server sent as a string.
func unixTime(field, s string) (int64, error) {
	ts, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("server: %s %q: %w", field, s, err)
	}
	return ts, nil
}
