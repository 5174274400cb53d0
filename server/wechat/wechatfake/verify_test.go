package wechatfake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

func TestVerify(t *testing.T) {
	f, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "secret", Domains: []string{"example.com", "localhost:8000"}})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := &wechat.Client{BaseURL: f.URL, AppID: "wxapp", Secret: "secret"}
	ctx := context.Background()
	tok, err := c.AccessToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ticket, err := c.Ticket(ctx, tok.Value, wechat.TicketJSAPI)
	if err != nil {
		t.Fatal(err)
	}
	card, err := c.Ticket(ctx, tok.Value, wechat.TicketCard)
	if err != nil {
		t.Fatal(err)
	}
	req := func(ticket, page, appID string) wechatfake.VerifyRequest {
		return wechatfake.VerifyRequest{
			AppID: appID, Timestamp: json.RawMessage("1700000000"), NonceStr: "abc",
			Signature: sign.JSAPI(ticket, "abc", 1700000000, page), URL: page,
		}
	}
	tests := []struct {
		name string
		req  wechatfake.VerifyRequest
		want string
	}{
		{"ok", req(ticket.Value, "https://example.com/a?b=1", "wxapp"), "config:ok"},
		{"subdomain, fragment", req(ticket.Value, "https://m.example.com/#/x", "wxapp"), "config:ok"},
		{"demo port", req(ticket.Value, "http://localhost:8000/", "wxapp"), "config:ok"},
		{"wrong ticket", req("forged", "https://example.com/", "wxapp"), "config:invalid signature"},
		{"card ticket", req(card.Value, "https://example.com/", "wxapp"), "config:invalid signature"},
		{"wrong appid", req(ticket.Value, "https://example.com/", "wxother"), "config:invalid signature"},
		{"domain", req(ticket.Value, "https://evil.org/", "wxapp"), "config:invalid url domain"},
		{"ip", req(ticket.Value, "http://127.0.0.1:8000/", "wxapp"), "config:invalid url domain"},
		{"missing", wechatfake.VerifyRequest{URL: "https://example.com/"}, "config:fail"},
	}
	for _, tt := range tests {
		if got := f.Verify(tt.req); got.ErrMsg != tt.want {
			t.Errorf("%s: Verify = %+v, want %s", tt.name, got, tt.want)
		}
	}
	// The string timestamp a page may pass is accepted too.
	r := req(ticket.Value, "https://example.com/", "wxapp")
	r.Timestamp = json.RawMessage(`"1700000000"`)
	if got := f.Verify(r); !got.OK() {
		t.Errorf("string timestamp: %+v", got)
	}

	// Over HTTP, then after revocation.
	post := func() wechatfake.VerifyResult {
		body, _ := json.Marshal(req(ticket.Value, "https://example.com/p#h", "wxapp"))
		resp, err := http.Post(f.URL+wechatfake.VerifyPath, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("CORS header %q", got)
		}
		var out wechatfake.VerifyResult
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got := post(); !got.OK() || got.RealAuthURL != "https://example.com/p" {
		t.Fatalf("POST verify = %+v", got)
	}
	resp, err := http.Post(f.URL+wechatfake.RevokePath, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := post(); got.ErrMsg != "config:invalid signature" {
		t.Fatalf("after revoke: %+v", got)
	}
}
