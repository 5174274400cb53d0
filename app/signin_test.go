package main

import (
	"context"
	"net/url"
	"testing"

	"github.com/gowx/gowx/wire"
)

func TestSignInURL(t *testing.T) {
	u, err := url.Parse(signInURL("http://localhost:8000", "snsapi_userinfo"))
	if err != nil || u.Path != wire.OAuthStartPath || u.Query().Get("scope") != "snsapi_userinfo" ||
		u.Query().Get("return") != "http://localhost:8000/signin?signed=1" {
		t.Fatalf("signInURL = %v, %v", u, err)
	}
}

func TestReadSession(t *testing.T) {
	f := &fetchAnswer{status: 200, body: `{"signed_in":true,"openid":"oU1","scope":"snsapi_base"}`}
	s, err := readSession(context.Background(), f.fetch)
	if err != nil || !s.SignedIn || s.OpenID != "oU1" || f.path != wire.SessionPath || f.asked != nil {
		t.Fatalf("session %+v, %v; asked %s %q (a GET has no body)", s, err, f.path, f.asked)
	}
	f = &fetchAnswer{status: 500, body: `{}`}
	if _, err := readSession(context.Background(), f.fetch); err == nil {
		t.Fatal("an error answer read as a session")
	}
}
