package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
)

// fixedTickets hands out the same ticket forever: fuzzing exercises
// parsing, not WeChat.
type fixedTickets struct{}

func (fixedTickets) Ticket(context.Context, wechat.TicketType) (credential.Credential, error) {
	return credential.Credential{Value: "ticket", Expiry: time.Now().Add(time.Hour)}, nil
}

func fuzzServer(f *testing.F) *server.Server {
	d, err := sign.ParseDomains([]string{"example.com", "localhost:8000"})
	if err != nil {
		f.Fatal(err)
	}
	s, err := server.New(server.Options{AppID: appID, Domains: d, Tickets: fixedTickets{}, Pay: &server.PayKeys{V2: "key"},
		Authorize: allowAll, Logger: discardLogger()})
	if err != nil {
		f.Fatal(err)
	}
	return s
}

// checkAnswer requires a JSON answer with one of the statuses allowed, and
// an error code on every error.
func checkAnswer(t *testing.T, rec *httptest.ResponseRecorder, allowed ...int) map[string]any {
	t.Helper()
	ok := false
	for _, s := range allowed {
		ok = ok || rec.Code == s
	}
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || !ok {
		t.Fatalf("answer %d %q (%v); want JSON with a status in %v", rec.Code, rec.Body.String(), err, allowed)
	}
	if rec.Code != 200 && (body["error"] == nil || body["message"] == "") {
		t.Fatalf("error answer without a code: %q", rec.Body.String())
	}
	return body
}

// FuzzConfigQuery feeds raw query strings to GET /wx/config. The corpus in
// testdata/fuzz holds hostile ones: bad escapes, repeated and hidden url
// parameters, hosts in disguise.
func FuzzConfigQuery(f *testing.F) {
	s := fuzzServer(f)
	d, _ := sign.ParseDomains([]string{"example.com", "localhost:8000"})
	f.Add("url=https%3A%2F%2Fm.example.com%2Fa%3Fb%3D1%23c")
	f.Fuzz(func(t *testing.T, query string) {
		r := httptest.NewRequest("GET", server.ConfigPath, nil)
		r.URL.RawQuery = query
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		body := checkAnswer(t, rec, 200, 400, 403, 414)
		if rec.Code != 200 {
			return
		}
		page := r.URL.Query().Get("url")
		if err := d.Check(page); err != nil || len(page) > server.MaxURLLength {
			t.Fatalf("signed %q: %v", page, err)
		}
		ts := int64(body["timestamp"].(float64))
		if body["signature"] != sign.JSAPI("ticket", body["nonceStr"].(string), ts, page) {
			t.Fatalf("signature for %q is not over the page as sent", page)
		}
	})
}

// FuzzPostBodies feeds bodies to each POST endpoint.
func FuzzPostBodies(f *testing.F) {
	s := fuzzServer(f)
	paths := []string{server.CardExtPath, server.CardSignPath, server.PayPath}
	f.Add(uint8(0), []byte(`{"card_id":"pjZ8Yt1XGILfi-FUsewpnnolGgZk","code":"1434008071"}`))
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		path := paths[int(which)%len(paths)]
		r := httptest.NewRequest("POST", path, strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		got := checkAnswer(t, rec, http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge)
		if rec.Code == 200 && path == server.CardExtPath {
			var ext map[string]any
			if err := json.Unmarshal([]byte(got["cardExt"].(string)), &ext); err != nil || ext["signature"] == "" {
				t.Fatalf("cardExt %v: %v", got["cardExt"], err)
			}
		}
	})
}
