package wx

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/gowx/gowx/wire"
)

// APIServer names the errors of Post: the page's own server, not jweixin.
const APIServer API = "server"

// Post asks the page's server for what a call needs: it posts request as
// JSON to path (relative to the page; its cookies go along) and decodes a
// 200 answer into answer, such as a *PayRequest (which takes the
// parameters a gowx server signs as they come), a *wire.CardExtResponse or
// a *wire.CardSignResponse. Any other answer is an *Error matching
// ErrSigner, with the server's message and, in Hint, its hint (a gowx
// server's errors are wire.ErrorResponse). It blocks: call it from a
// goroutine (ctx.Async in go-app).
//
// It is for the few requests a page makes of its signer, not an HTTP
// client: the page's fetch does the work, so net/http (megabytes of wasm)
// stays out.
func (s *SDK) Post(ctx context.Context, path string, request, answer any) error {
	body, err := json.Marshal(request)
	if err != nil {
		return wrapErr(APIServer, ErrBadOptions, err)
	}
	base, err := url.Parse(s.b.page().href)
	if err != nil {
		return wrapErr(APIServer, ErrSigner, err)
	}
	ref, err := url.Parse(path)
	if err != nil {
		return wrapErr(APIServer, ErrBadOptions, err)
	}
	status, got, err := s.b.fetch(ctx, "POST", base.ResolveReference(ref).String(), body)
	switch {
	case err != nil && ctx.Err() != nil:
		return wrapErr(APIServer, ctx.Err(), err)
	case err != nil:
		return wrapErr(APIServer, ErrSigner, err)
	case status != 200:
		var e wire.ErrorResponse
		if json.Unmarshal(got, &e) != nil || e.Error == "" {
			return &Error{API: APIServer, Status: fmt.Sprintf("%s: HTTP %d", path, status), kind: ErrSigner}
		}
		return &Error{API: APIServer, Status: fmt.Sprintf("%s: %s: %s", path, e.Error, e.Message), kind: ErrSigner, hint: e.Hint,
			Fields: map[string]json.RawMessage{"error": mustJSON(e.Error)}}
	}
	if err := json.Unmarshal(got, answer); err != nil {
		return &Error{API: APIServer, Status: fmt.Sprintf("%s: the answer does not fit: %v", path, err), kind: ErrSigner, cause: err}
	}
	return nil
}
