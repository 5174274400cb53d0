package wechatfake

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
)

// VerifyRequest is what the fake jWeixin sends for a wx.config: the
// configuration as the page passed it and the address of the page.
type VerifyRequest struct {
	AppID     string          `json:"appId"`
	Timestamp json.RawMessage `json:"timestamp"` // a number or a string, as pages pass either
	NonceStr  string          `json:"nonceStr"`
	Signature string          `json:"signature"`
	URL       string          `json:"url"`
}

// VerifyResult is the client's answer to wx.config, in the shape the WeChat
// client hands jweixin: err_msg is "config:ok" or "config:<reason>".
type VerifyResult struct {
	ErrMsg string `json:"err_msg"`
	// RealAuthURL is the address the signature was checked against.
	RealAuthURL string `json:"realAuthUrl,omitempty"`
}

// OK reports whether the configuration passed.
func (v VerifyResult) OK() bool { return v.ErrMsg == "config:ok" }

// Verify checks a wx.config as the WeChat client does: every field present,
// the page on a JS safe domain, the AppID this account's, and the signature
// made with a ticket the fake issued and has not revoked, over the page URL
// without its fragment.
func (f *Fake) Verify(req VerifyRequest) VerifyResult {
	page := sign.StripFragment(req.URL)
	fail := func(reason string) VerifyResult {
		return VerifyResult{ErrMsg: "config:" + reason, RealAuthURL: page}
	}
	ts, err := parseTimestamp(req.Timestamp)
	if req.AppID == "" || req.NonceStr == "" || req.Signature == "" || err != nil {
		return fail("fail")
	}
	if err := f.domains.Check(page); err != nil {
		switch {
		case errors.Is(err, sign.ErrBadURL):
			return fail("fail")
		case !f.cfg.AnyHost:
			return fail("invalid url domain")
		}
	}
	if req.AppID != f.cfg.AppID {
		return fail("invalid signature")
	}
	now := f.cfg.Now()
	f.mu.Lock()
	defer f.mu.Unlock()
	for ticket, is := range f.tickets {
		if is.typ == wechat.TicketJSAPI && now.Before(is.end) && sign.JSAPI(ticket, req.NonceStr, ts, page) == req.Signature {
			return VerifyResult{ErrMsg: "config:ok", RealAuthURL: page}
		}
	}
	return fail("invalid signature")
}

func parseTimestamp(raw json.RawMessage) (int64, error) {
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, err
		}
		n = json.Number(s)
	}
	return strconv.ParseInt(n.String(), 10, 64)
}

// serveSign answers SignPath with a configuration for the page at ?url=,
// signed with a jsapi_ticket issued for the occasion.
func (f *Fake) serveSign(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	page := r.URL.Query().Get("url")
	if page == "" {
		writeStatusJSON(w, http.StatusBadRequest, map[string]string{"error": "bad_request", "message": "give the page address as ?url="})
		return
	}
	now := f.cfg.Now()
	ticket := randomString(86)
	f.mu.Lock()
	f.tickets[ticket] = issued{typ: wechat.TicketJSAPI, end: now.Add(f.cfg.TicketTTL)}
	f.mu.Unlock()
	nonce := sign.Nonce()
	writeJSON(w, map[string]any{
		"appId": f.cfg.AppID, "timestamp": now.Unix(), "nonceStr": nonce,
		"signature": sign.JSAPI(ticket, nonce, now.Unix(), page),
	})
}

// serveVerify answers VerifyPath. Pages of any origin may ask (the fake
// jWeixin runs on the page under test), so CORS is open.
func (f *Fake) serveVerify(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
	w.Header().Set("Access-Control-Allow-Methods", "POST")
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	var req VerifyRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16<<10)).Decode(&req); err != nil {
		writeStatusJSON(w, http.StatusBadRequest, map[string]string{"error": "bad_request", "message": "verify wants a JSON wx.config with the page url"})
		return
	}
	writeJSON(w, f.Verify(req))
}
