package wechatfake_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
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

func TestSignAndAnyHost(t *testing.T) {
	for _, anyHost := range []bool{false, true} {
		f, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxapp", Secret: "secret", Domains: []string{"example.com"}, AnyHost: anyHost})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, page := range []string{"https://example.com/a?b=1", "http://127.0.0.1:4321/wasm"} {
			resp, err := http.Get(f.URL + wechatfake.SignPath + "?url=" + url.QueryEscape(page))
			if err != nil {
				t.Fatal(err)
			}
			var sg struct {
				AppID     string `json:"appId"`
				Timestamp int64  `json:"timestamp"`
				NonceStr  string `json:"nonceStr"`
				Signature string `json:"signature"`
			}
			err = json.NewDecoder(resp.Body).Decode(&sg)
			resp.Body.Close()
			if err != nil || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
				t.Fatalf("sign: %v, CORS %q", err, resp.Header.Get("Access-Control-Allow-Origin"))
			}
			got := f.Verify(wechatfake.VerifyRequest{AppID: sg.AppID, Timestamp: json.RawMessage(strconv.FormatInt(sg.Timestamp, 10)),
				NonceStr: sg.NonceStr, Signature: sg.Signature, URL: page})
			want := "config:ok"
			if page != "https://example.com/a?b=1" && !anyHost {
				want = "config:invalid url domain"
			}
			if got.ErrMsg != want {
				t.Errorf("AnyHost=%v %s: %s, want %s", anyHost, page, got.ErrMsg, want)
			}
		}
	}
}
