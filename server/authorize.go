package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/gowx/gowx/wire"
)

// Authorizers decide, per request, what the card and pay endpoints sign,
// and which media the media endpoint fetches where.
// Each sees the request (the caller's session, say) and what it asks for,
// and returns what may be signed (the code and openid the back end picked
// for this user, the prepay_id of this user's order), or an error: the
// endpoint then answers 403 {"error":wire.CodeForbidden} with the error's text as
// the message, or 401 {"error":wire.CodeUnauthorized} if the error is
// ErrUnauthorized. In WeChat's model the merchant's back end decides which
// code and openid a user gets and which order is paid; a back end that
// creates the order itself may rather call Server.SignPay (and SignCardExt,
// SignCardSign) in its own handler and mount none of these.
//
// Media decides whether the caller may have the server fetch the media it
// names (one its user uploaded, say) and returns where it goes: the sink
// that POST /wx/media streams it into.
type Authorizers struct {
	CardExt  func(r *http.Request, req CardExtRequest) (CardExtRequest, error)
	CardSign func(r *http.Request, req CardSignRequest) (CardSignRequest, error)
	Pay      func(r *http.Request, req PayRequest) (PayRequest, error)
	Media    func(r *http.Request, req MediaRequest) (MediaSink, error)
}

// ErrUnauthorized is what an authoriser returns for a caller it does not
// know (no session, no token): the endpoint answers 401.
var ErrUnauthorized = errors.New("the caller is not authenticated")

// refusal is the Error of an authoriser's refusal.
func refusal(err error) *Error {
	if errors.Is(err, ErrUnauthorized) {
		return &Error{Status: http.StatusUnauthorized, Code: wire.CodeUnauthorized, Message: err.Error()}
	}
	return &Error{Status: http.StatusForbidden, Code: wire.CodeForbidden, Message: err.Error()}
}

// MinTokenLength is the shortest bearer token BearerToken accepts.
const MinTokenLength = 16

// BearerToken returns Authorizers that sign what a caller holding token
// asks for, and nothing for anyone else: the request must carry
// "Authorization: Bearer <token>". It is for a merchant's back end calling
// the signer over the network (as the binary does with WX_SIGNER_TOKEN),
// never for a browser. token must be at least MinTokenLength bytes.
func BearerToken(token string) (Authorizers, error) {
	check, err := bearer(token)
	if err != nil {
		return Authorizers{}, err
	}
	return Authorizers{
		CardExt:  func(r *http.Request, req CardExtRequest) (CardExtRequest, error) { return req, check(r) },
		CardSign: func(r *http.Request, req CardSignRequest) (CardSignRequest, error) { return req, check(r) },
		Pay:      func(r *http.Request, req PayRequest) (PayRequest, error) { return req, check(r) },
	}, nil
}

// BearerMedia returns an Authorizers.Media that lets a caller holding
// token fetch any media into sink, and nobody else, as BearerToken does
// for the signing endpoints (the binary's WX_SIGNER_TOKEN with
// WX_MEDIA_DIR).
func BearerMedia(token string, sink MediaSink) (func(*http.Request, MediaRequest) (MediaSink, error), error) {
	check, err := bearer(token)
	if err != nil {
		return nil, err
	}
	if sink == nil {
		return nil, errors.New("server: BearerMedia needs a sink")
	}
	return func(r *http.Request, _ MediaRequest) (MediaSink, error) {
		if err := check(r); err != nil {
			return nil, err
		}
		return sink, nil
	}, nil
}

// bearer returns a check that a request carries token.
func bearer(token string) (func(*http.Request) error, error) {
	if len(token) < MinTokenLength {
		return nil, errors.New("server: a signer token has at least 16 characters")
	}
	want := sha256.Sum256([]byte(token))
	check := func(r *http.Request) error {
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		// Hashes compare in constant time whatever the lengths.
		got := sha256.Sum256([]byte(strings.TrimSpace(given)))
		if !ok || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			return ErrUnauthorized
		}
		return nil
	}
	return check, nil
}
