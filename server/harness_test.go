package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/gowx/gowx/server"
	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/internal/servertest"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
)

const (
	appID  = servertest.AppID
	secret = servertest.Secret
)

// harness is the API in front of a fake WeChat, on a settable clock.
type harness struct {
	*servertest.Upstream
	store credential.Store
}

func newHarness(t *testing.T) *harness { return newHarnessWith(t, wechatfake.Config{}) }

// newHarnessWith runs the fake with cfg.
func newHarnessWith(t *testing.T, cfg wechatfake.Config) *harness {
	return &harness{Upstream: servertest.NewUpstream(t, cfg), store: &store.Memory{}}
}

// instance is one server on the harness's store.
type instance struct {
	*httptest.Server
	acct *credential.Account
	api  *server.Server
}

func (h *harness) start(t *testing.T, mod func(*server.Options, *wechat.Client)) *instance {
	t.Helper()
	client := h.Client()
	o := server.Options{AppID: appID, Now: h.Clock.Now, Logger: h.Options.Logger}
	if mod != nil {
		mod(&o, client)
	}
	acct := credential.NewAccount(client, h.store, h.Options)
	o.Tickets = acct
	if o.Media == nil {
		o.Media = acct
	}
	if len(o.Domains.String()) == 0 {
		o.Domains = mustDomains(t, "example.com")
	}
	api, err := server.New(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return &instance{Server: srv, acct: acct, api: api}
}

func mustDomains(t *testing.T, d ...string) sign.Domains {
	t.Helper()
	domains, err := sign.ParseDomains(d)
	if err != nil {
		t.Fatal(err)
	}
	return domains
}

// answer is a decoded JSON answer.
type answer struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func (a answer) code() string { s, _ := a.body["error"].(string); return s }

func do(t testing.TB, c *http.Client, method, u string, body string, header ...string) answer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if len(raw) > 0 {
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Fatalf("%s %s: Content-Type %q: %s", method, u, ct, raw)
		}
		if err := json.Unmarshal(raw, &a.body); err != nil {
			t.Fatalf("%s %s: not JSON: %v: %s", method, u, err, raw)
		}
	}
	if a.status >= 400 && (a.code() == "" || a.body["message"] == "") {
		t.Fatalf("%s %s: error answer without code and message: %d %s", method, u, a.status, raw)
	}
	return a
}

func configURL(base, page string) string {
	return base + server.ConfigPath + "?url=" + url.QueryEscape(page)
}

// verifies reports whether WeChat (the fake) accepts a /wx/config answer for page.
func verifies(f *wechatfake.Server, page string, a answer) bool {
	if a.status != 200 {
		return false
	}
	ts, _ := a.body["timestamp"].(float64)
	nonce, _ := a.body["nonceStr"].(string)
	sig, _ := a.body["signature"].(string)
	return f.Verify(wechatfake.VerifyRequest{
		AppID: appID, Timestamp: json.RawMessage(strconv.FormatInt(int64(ts), 10)),
		NonceStr: nonce, Signature: sig, URL: page,
	}).OK()
}

// allowAll authorises every signing request as it comes: for tests of
// the signatures themselves.
var allowAll = server.Authorizers{
	CardExt:  func(_ *http.Request, r server.CardExtRequest) (server.CardExtRequest, error) { return r, nil },
	CardSign: func(_ *http.Request, r server.CardSignRequest) (server.CardSignRequest, error) { return r, nil },
	Pay:      func(_ *http.Request, r server.PayRequest) (server.PayRequest, error) { return r, nil },
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
