package server_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
)

func TestConfigSigns(t *testing.T) {
	h := newHarness(t)
	srv := h.start(t, nil)
	page := "https://m.example.com/shop?id=7&from=timeline#/cart"
	a := do(t, nil, "GET", configURL(srv.URL, page), "")
	if a.status != 200 || a.body["appId"] != appID || a.body["nonceStr"] == "" || len(a.body) != 4 {
		t.Fatalf("got %d %v", a.status, a.body)
	}
	if ts, _ := a.body["timestamp"].(float64); ts != float64(h.Clock.Now().Unix()) {
		t.Fatalf("timestamp %v, want the clock's %d", a.body["timestamp"], h.Clock.Now().Unix())
	}
	if a.header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", a.header.Get("Cache-Control"))
	}
	if !verifies(h.Fake, page, a) {
		t.Fatalf("the fake WeChat refuses the signature: %v", a.body)
	}
	// The answer is exactly what encoding/json makes of a ConfigResponse.
	var resp server.ConfigResponse
	json.Unmarshal([]byte(a.raw), &resp)
	if want, _ := json.Marshal(resp); a.raw != string(want)+"\n" {
		t.Fatalf("answer %q, want %q", a.raw, want)
	}
}

func TestConfigErrors(t *testing.T) {
	srv := newHarness(t).start(t, nil)
	tests := []struct {
		query  string
		status int
		code   string
	}{
		{"", 400, "bad_request"},
		{"?url=", 400, "bad_request"},
		{"?url=a&url=b", 400, "bad_request"},
		{"?url=%zz", 400, "bad_request"},
		{"?url=" + url.QueryEscape("/relative"), 400, "bad_request"},
		{"?url=" + url.QueryEscape("ftp://example.com/"), 400, "bad_request"},
		{"?url=" + url.QueryEscape("https://example.com/"+strings.Repeat("a", server.MaxURLLength)), 414, "request_too_large"},
		{"?url=" + strings.Repeat("a", 3*server.MaxURLLength+65), 414, "request_too_large"},
		{"?url=" + url.QueryEscape("https://evil.org/"), 403, "url_not_allowed"},
		{"?url=" + url.QueryEscape("https://example.com.evil.org/"), 403, "url_not_allowed"},
		{"?url=" + url.QueryEscape("https://example.com@evil.org/"), 403, "url_not_allowed"},
		{"?url=" + url.QueryEscape("http://127.0.0.1/"), 403, "url_not_allowed"},
		{"?url=" + url.QueryEscape("https://example.com:8443/"), 403, "url_not_allowed"},
	}
	for _, tt := range tests {
		if a := do(t, nil, "GET", srv.URL+server.ConfigPath+tt.query, ""); a.status != tt.status || a.code() != tt.code {
			t.Errorf("GET %s = %d %v, want %d %s", tt.query, a.status, a.body, tt.status, tt.code)
		}
	}
	for _, tt := range []struct{ method, path, code string }{
		{"GET", "/nope", "not_found"},
		{"POST", server.ConfigPath, "method_not_allowed"},
		{"GET", server.HealthPath + "/x", "not_found"},
		{"POST", server.CardExtPath, "not_found"}, // no authoriser
		{"POST", server.PayPath, "not_found"},
	} {
		if a := do(t, nil, tt.method, srv.URL+tt.path, "{}"); a.code() != tt.code {
			t.Errorf("%s %s = %d %v, want %s", tt.method, tt.path, a.status, a.body, tt.code)
		}
	}
}

// signer is an instance whose signing endpoints sign whatever they are asked.
func signer(t *testing.T, h *harness, pay *server.PayKeys) *instance {
	return h.start(t, func(o *server.Options, _ *wechat.Client) {
		o.Authorize, o.Pay = allowAll, pay
		if pay == nil {
			o.Authorize.Pay = nil
		}
	})
}

func TestCardExt(t *testing.T) {
	h := newHarness(t)
	srv := signer(t, h, nil)
	a := do(t, nil, "POST", srv.URL+server.CardExtPath, `{"card_id":"pjZ8Yt1XGILfi-FUsewpnnolGgZk","code":"1434008071","outer_str":"qr"}`)
	if a.status != 200 || a.body["cardId"] != "pjZ8Yt1XGILfi-FUsewpnnolGgZk" {
		t.Fatalf("got %d %v", a.status, a.body)
	}
	var ext map[string]any
	if err := json.Unmarshal([]byte(a.body["cardExt"].(string)), &ext); err != nil {
		t.Fatalf("cardExt is not a JSON string: %v", err)
	}
	ticket, err := h.store.Load(t.Context(), srv.acct.CardTicket.Key())
	if err != nil {
		t.Fatalf("no card ticket was fetched: %v", err)
	}
	ts, _ := strconv.ParseInt(ext["timestamp"].(string), 10, 64)
	want := sign.CardExt(sign.CardExtParams{APITicket: ticket.Value, CardID: "pjZ8Yt1XGILfi-FUsewpnnolGgZk", Code: "1434008071", Timestamp: ts, NonceStr: ext["nonce_str"].(string)})
	if ext["signature"] != want || ext["code"] != "1434008071" || ext["outer_str"] != "qr" || ts != h.Clock.Now().Unix() {
		t.Fatalf("cardExt = %v, want signature %s", ext, want)
	}
	if _, has := ext["openid"]; has {
		t.Errorf("cardExt carries an empty openid: %v", ext)
	}
	if calls := h.Fake.Calls(); calls[wechat.PathTicket] != 1 {
		t.Errorf("calls = %v", calls)
	}
}

func TestCardSign(t *testing.T) {
	h := newHarness(t)
	srv := signer(t, h, nil)
	a := do(t, nil, "POST", srv.URL+server.CardSignPath, `{"shop_id":"1234","card_type":"GROUPON"}`)
	if a.status != 200 || a.body["signType"] != "SHA1" || a.body["shopId"] != "1234" || a.body["cardId"] != "" {
		t.Fatalf("got %d %v", a.status, a.body)
	}
	ticket, _ := h.store.Load(t.Context(), srv.acct.CardTicket.Key())
	ts, _ := strconv.ParseInt(a.body["timestamp"].(string), 10, 64)
	want := sign.CardSign(sign.CardSignParams{APITicket: ticket.Value, AppID: appID, LocationID: "1234", CardType: "GROUPON", Timestamp: ts, NonceStr: a.body["nonceStr"].(string)})
	if a.body["cardSign"] != want {
		t.Fatalf("cardSign = %v, want %s", a.body["cardSign"], want)
	}
}

func TestPayParams(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t)
	v3 := signer(t, h, &server.PayKeys{V3: key})
	a := do(t, nil, "POST", v3.URL+server.PayPath, `{"prepay_id":"wx201410272009395522657a690389285100"}`)
	if a.status != 200 || a.body["signType"] != "RSA" || a.body["package"] != "prepay_id=wx201410272009395522657a690389285100" || a.body["appId"] != appID {
		t.Fatalf("v3: %d %v", a.status, a.body)
	}
	msg := sign.PayV3String(appID, h.Clock.Now().Unix(), a.body["nonceStr"].(string), "wx201410272009395522657a690389285100")
	sig, _ := base64.StdEncoding.DecodeString(a.body["paySign"].(string))
	sum := sha256.Sum256([]byte(msg))
	if err := rsa.VerifyPKCS1v15(&key.PublicKey, crypto.SHA256, sum[:], sig); err != nil || a.body["timeStamp"] != strconv.FormatInt(h.Clock.Now().Unix(), 10) {
		t.Fatalf("v3 paySign does not verify: %v (%v)", err, a.body)
	}

	v2 := signer(t, h, &server.PayKeys{V2: "192006250b4c09247ec02edce69f6a2d", V2Method: sign.PayV2HMACSHA256})
	a = do(t, nil, "POST", v2.URL+server.PayPath, `{"prepay_id":"pp"}`)
	want, _ := sign.PayV2Sign(map[string]string{"appId": appID, "timeStamp": a.body["timeStamp"].(string), "nonceStr": a.body["nonceStr"].(string),
		"package": "prepay_id=pp", "signType": "HMAC-SHA256"}, "192006250b4c09247ec02edce69f6a2d", sign.PayV2HMACSHA256)
	if a.status != 200 || a.body["signType"] != "HMAC-SHA256" || a.body["paySign"] != want {
		t.Fatalf("v2: %d %v, want paySign %s", a.status, a.body, want)
	}
	both := signer(t, h, &server.PayKeys{V3: key, V2: "k"})
	for signType, want := range map[string]string{"": "RSA", "RSA": "RSA", "MD5": "MD5", "HMAC-SHA256": "HMAC-SHA256"} {
		a := do(t, nil, "POST", both.URL+server.PayPath, `{"prepay_id":"pp","sign_type":"`+signType+`"}`)
		if a.status != 200 || a.body["signType"] != want {
			t.Errorf("sign_type %q: %d %v, want signType %s", signType, a.status, a.body, want)
		}
	}
	for _, body := range []string{`{"prepay_id":"pp","sign_type":"RSA"}`, `{"prepay_id":"pp","sign_type":"SHA1"}`} {
		if a := do(t, nil, "POST", v2.URL+server.PayPath, body); a.status != 400 || a.code() != "bad_request" {
			t.Errorf("%s with a v2 key only: %d %v", body, a.status, a.body)
		}
	}
	if calls := h.Fake.Calls(); len(calls) != 0 {
		t.Errorf("signing a payment called WeChat: %v", calls)
	}
}

func TestBodies(t *testing.T) {
	srv := signer(t, newHarness(t), &server.PayKeys{V2: "k"})
	tests := []struct {
		path, body string
		status     int
		code       string
	}{
		{server.CardExtPath, `{"card_id":"c","CARD_ID":"d"}`, 400, "bad_request"},
		{server.CardExtPath, `{"card_id":"c","card_id":"c"}`, 400, "bad_request"},
		{server.PayPath, `{"prepay_id":"p","sign_type":"MD5","ſign_type":"HMAC-SHA256"}`, 400, "bad_request"},
		{server.PayPath, `{"prepay_id":"p","Prepay_Id":"q"}`, 400, "bad_request"},
		{server.PayPath, `{"prepay_id":"p&sign_type=MD5"}`, 400, "bad_request"},
		{server.PayPath, `{"prepay_id":"p\n"}`, 400, "bad_request"},
		{server.PayPath, `{"prepay_id":"prepay_id=p"}`, 400, "bad_request"},
		{server.CardSignPath, `{"shop_id":"12a"}`, 400, "bad_request"},
		{server.CardSignPath, `{"card_type":"groupon"}`, 400, "bad_request"},
		{server.CardSignPath, `{"card_type":"NOT_A_TYPE"}`, 400, "bad_request"},
		{server.CardSignPath, `{"card_id":"c d"}`, 400, "bad_request"},
		{server.CardExtPath, `{"card_id":"c","openid":"o;1"}`, 400, "bad_request"},
		{server.CardExtPath, `{"card_id":"c","fixed_begintimestamp":-1}`, 400, "bad_request"},
		{server.CardExtPath, ``, 400, "bad_request"},
		{server.CardExtPath, `null`, 400, "bad_request"},
		{server.CardExtPath, `[]`, 400, "bad_request"},
		{server.CardExtPath, `{}`, 400, "bad_request"},
		{server.CardExtPath, `{"card_id":"c","extra":1}`, 400, "bad_request"},
		{server.CardExtPath, `{"card_id":"c"} {"card_id":"d"}`, 400, "bad_request"},
		{server.CardExtPath, `{"card_id":5}`, 400, "bad_request"},
		{server.CardExtPath, `{"card_id":"a\nb"}`, 400, "bad_request"},
		{server.CardExtPath, `{"card_id":"` + strings.Repeat("c", 65) + `"}`, 400, "bad_request"},
		{server.CardExtPath, `{"card_id":"` + strings.Repeat("c", server.MaxBodyBytes) + `"}`, 413, "request_too_large"},
		{server.CardSignPath, `{"shop_id":"` + strings.Repeat("1", 25) + `"}`, 400, "bad_request"},
		{server.CardSignPath, `{"card_type":"卡"}`, 400, "bad_request"},
		{server.PayPath, `{}`, 400, "bad_request"},
		{server.PayPath, `{"prepay_id":"` + strings.Repeat("p", 65) + `"}`, 400, "bad_request"},
	}
	for _, tt := range tests {
		if a := do(t, nil, "POST", srv.URL+tt.path, tt.body); a.status != tt.status || a.code() != tt.code {
			t.Errorf("POST %s %.40q = %d %v, want %d %s", tt.path, tt.body, a.status, a.body, tt.status, tt.code)
		}
	}
}

func TestCORS(t *testing.T) {
	srv := newHarness(t).start(t, func(o *server.Options, _ *wechat.Client) { o.Origins = []string{"https://m.example.com"} })
	page := configURL(srv.URL, "https://m.example.com/")
	a := do(t, nil, "GET", page, "", "Origin", "https://m.example.com")
	if a.status != 200 || a.header.Get("Access-Control-Allow-Origin") != "https://m.example.com" {
		t.Fatalf("allowed origin: %d, Access-Control-Allow-Origin %q", a.status, a.header.Get("Access-Control-Allow-Origin"))
	}
	a = do(t, nil, "GET", page, "", "Origin", "https://evil.org")
	if a.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("other origin allowed: %q", a.header.Get("Access-Control-Allow-Origin"))
	}
	// Pages may ask for their configuration; the signing endpoints are for
	// back ends, and no page of another origin is let post to them.
	a = do(t, nil, "OPTIONS", page, "", "Origin", "https://m.example.com", "Access-Control-Request-Method", "GET")
	if a.status != 204 || a.header.Get("Access-Control-Allow-Methods") != "GET" || a.header.Get("Access-Control-Allow-Headers") != "" {
		t.Fatalf("preflight: %d %v", a.status, a.header)
	}
	a = do(t, nil, "OPTIONS", srv.URL+server.CardExtPath, "", "Origin", "https://evil.org", "Access-Control-Request-Method", "POST")
	if a.status != 403 || a.code() != "origin_not_allowed" || a.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("preflight from another origin: %d %v", a.status, a.body)
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	h := newHarness(t)
	metrics := server.NewMetrics()
	h.Options.Observer = metrics
	good := h.start(t, func(o *server.Options, c *wechat.Client) { o.Metrics = metrics; c.Observe = metrics.Upstream })
	if a := do(t, nil, "GET", good.URL+server.HealthPath, ""); a.status != 200 {
		t.Fatalf("healthz: %d", a.status)
	}
	if a := do(t, nil, "GET", good.URL+server.ReadyPath, ""); a.status != 200 || a.body["status"] != "ready" {
		t.Fatalf("readyz: %d %v", a.status, a.body)
	}
	do(t, nil, "GET", configURL(good.URL, "https://example.com/"), "")
	resp, err := good.Client().Get(good.URL + server.MetricsPath)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	buf := make([]byte, 1<<16)
	for {
		n, err := resp.Body.Read(buf)
		text.Write(buf[:n])
		if err != nil {
			break
		}
	}
	resp.Body.Close()
	for _, want := range []string{
		`gowx_upstream_calls_total{endpoint="/cgi-bin/token",errcode="ok"} 1`,
		`gowx_upstream_calls_total{endpoint="/cgi-bin/ticket/getticket",errcode="ok"} 1`,
		`gowx_credential_cache_hits_total{credential="jsapi_ticket"} 1`,
		`gowx_credential_refreshes_total{credential="jsapi_ticket",result="ok"} 1`,
		`gowx_store_up 1`,
		`gowx_http_request_duration_seconds_count{code="200",route="GET /wx/config"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	bad := newHarness(t)
	badSrv := bad.start(t, func(_ *server.Options, c *wechat.Client) { c.Secret = "wrong" })
	if a := do(t, nil, "GET", badSrv.URL+server.ReadyPath, ""); a.status != 503 || a.code() != "not_ready" || !strings.Contains(a.raw, "40125") {
		t.Fatalf("readyz with a wrong secret: %d %v", a.status, a.body)
	}
}
