package oauth_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/oauth"
)

// orders is a merchant's own record of whose order a prepay_id is.
var orders = map[string]string{"wx201410272009395522657a690389285100": "oUser1234567890123456789012"}

// A pay authoriser signs only the signed-in user's own orders. In a
// server.Handler with Config.OAuthCallback set, every request carries the
// session, so oauth.User reads it.
func ExampleUser() {
	authorize := server.Authorizers{
		Pay: func(r *http.Request, req server.PayRequest) (server.PayRequest, error) {
			u, ok := oauth.User(r) // false without a session, and for a snapshot page's visitor
			if !ok {
				return req, server.ErrUnauthorized
			}
			if orders[req.PrepayID] != u.OpenID {
				return req, errors.New("not your order")
			}
			return req, nil
		},
	}
	// A request without a session cookie.
	r := httptest.NewRequest(http.MethodPost, "/wx/pay/params", nil)
	_, err := authorize.Pay(r, server.PayRequest{PrepayID: "wx201410272009395522657a690389285100"})
	fmt.Println(errors.Is(err, server.ErrUnauthorized))
	// Output: true
}
