//go:build !js

package wxfakecdp_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/internal/chromium"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wx/wxfake"
)

// These tests run pages in headless Chromium against a fake WeChat over
// real HTTP, each scenario twice: on the full fake jWeixin, and on the
// official jweixin-1.6.0.js (web/, fetched by make jweixin) over the fake
// client alone. What the page's callbacks receive must be the same.

// The two SDKs a page can run.
const (
	official = "official" // jweixin-1.6.0.js over wxfake's bridge layer
	full     = "full"     // the full fake jWeixin
)

var (
	browser context.Context
	site    struct {
		URL       string // http://localhost:PORT/
		IPURL     string // http://127.0.0.1:PORT/, on no JS safe domain
		fake      *wechatfake.Fake
		payKey    *rsa.PrivateKey
		payV2     string
		cardToken string // a card api_ticket the fake issued
	}
)

const appID = "wxgowxbridge"

// jweixinPath is the official script, fetched by make jweixin.
var jweixinPath = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "web", "jweixin-1.6.0.js")
}()

func TestMain(m *testing.M) {
	os.Exit(serve(m))
}

func serve(m *testing.M) int {
	jweixin, err := os.ReadFile(jweixinPath)
	if err != nil {
		fmt.Fprintf(os.Stderr, "the official jweixin is missing (%v): run make jweixin, which fetches it with npm\n", err)
		return 2
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	port := ln.Addr().(*net.TCPAddr).Port
	site.URL = fmt.Sprintf("http://localhost:%d/", port)
	site.IPURL = fmt.Sprintf("http://127.0.0.1:%d/", port)
	if site.payKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	site.payV2 = "gowx-bridge-test-merchant-v2-key"
	site.fake, err = wechatfake.New(wechatfake.Config{
		AppID: appID, Secret: "bridge-test-secret", Domains: []string{fmt.Sprintf("localhost:%d", port)},
		Merchant: &wechatfake.Merchant{V3: &site.payKey.PublicKey, V2: site.payV2}, CheckCards: true,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	mux := http.NewServeMux()
	mux.Handle("/wechatfake/", http.StripPrefix("/wechatfake", site.fake))
	mux.Handle("GET /wxfake.js", wxfake.Handler())
	mux.HandleFunc("GET /jweixin-1.6.0.js", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(jweixin)
	})
	mux.HandleFunc("GET /harness.js", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte(harnessJS))
	})
	mux.HandleFunc("GET /page", servePage)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	client := &wechat.Client{BaseURL: site.URL + "wechatfake", AppID: appID, Secret: "bridge-test-secret"}
	ctx := context.Background()
	tok, err := client.AccessToken(ctx)
	if err == nil {
		var card wechat.Credential
		card, err = client.Ticket(ctx, tok.Value, wechat.TicketCard)
		site.cardToken = card.Value
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "card ticket:", err)
		return 2
	}

	dir, err := os.MkdirTemp("", "wxfakecdp")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	b, stop, err := chromium.Start(filepath.Join(dir, "profile"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting chromium:", err)
		return 2
	}
	defer stop()
	browser = b
	return m.Run()
}

// servePage serves the test page: ?sdk=official|full, ?flavour=android|ios;
// ?panel=1 shows the fake's panel.
func servePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	opts := "flavour=" + q.Get("flavour") + "&verify=/wechatfake" + wechatfake.VerifyPath
	if q.Get("panel") != "" {
		opts += "&panel=1"
	}
	scripts := `<script src="/wxfake.js?` + opts + `"></script>`
	if q.Get("sdk") == official {
		scripts = `<script src="/wxfake.js?layer=bridge&` + opts + `"></script><script src="/jweixin-1.6.0.js"></script>`
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><html><head><meta charset="utf-8"><title>gowx bridge test</title>
<script>window.bridgeReadyEvents = 0; document.addEventListener("WeixinJSBridgeReady", () => window.bridgeReadyEvents++);
document.addEventListener("DOMContentLoaded", () => { window.bridgeAtDOMContentLoaded = typeof WeixinJSBridge; });
window.alerts = []; window.alert = m => window.alerts.push(m);</script>
%s<script src="/harness.js"></script></head><body><p>gowx bridge test</p></body></html>`, scripts)
}

// harnessJS drives the SDK from the page as a page's own JavaScript does,
// and snapshots what its callbacks receive (undefined fields included).
const harnessJS = `
"use strict";
function snap(v) {
  if (v === undefined) return "(undefined)";
  if (typeof v === "function") return "(function)";
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(snap);
  const o = {};
  Object.keys(v).forEach(k => { o[k] = snap(v[k]); });
  return o;
}
function target(name) {
  return name.split(".").reduce((o, k) => o && o[k], window.wx);
}
window.t = {
  got: {},
  events: {},
  // configure signs signURL (the page's address by default) with the fake
  // WeChat and configures jweixin (openTags its openTagList); it settles
  // on ready with the error, if any.
  configure(apis, o) {
    o = o || {};
    const page = o.signURL || location.href.split("#")[0];
    return fetch("/wechatfake/fake/control/sign?url=" + encodeURIComponent(page)).then(r => r.json()).then(cfg => {
      // A different first digit, whatever the signature's is.
      if (o.tamper) cfg.signature = (cfg.signature[0] === "0" ? "1" : "0") + cfg.signature.substring(1);
      return new Promise(resolve => {
        const out = {};
        wx.config({appId: cfg.appId, timestamp: cfg.timestamp, nonceStr: cfg.nonceStr, signature: cfg.signature, jsApiList: apis.slice(), openTagList: o.openTags, debug: Boolean(o.debug)});
        wx.error(res => { out.error = snap(res); });
        wx.ready(() => { out.ready = true; resolve(out); });
      });
    });
  },
  // call calls wx.<name>(opts) and settles on complete with the callbacks
  // that ran and what they received.
  call(name, opts) {
    return new Promise(resolve => {
      const out = {callbacks: []};
      const o = Object.assign({}, opts || {});
      ["success", "cancel", "fail", "complete"].forEach(k => {
        o[k] = res => {
          out.callbacks.push(k);
          out.res = snap(res);
          if (k === "success") t.got[name] = res;
          if (k === "complete") resolve(out);
        };
      });
      try {
        target(name)(o);
      } catch (e) {
        resolve({threw: e.name});
      }
    });
  },
  // listen registers listener name; each event's callbacks (and trigger)
  // land in t.events[name].
  listen(name, opts) {
    const seen = t.events[name] = [];
    const o = Object.assign({}, opts || {});
    ["success", "cancel", "fail", "complete"].forEach(k => { o[k] = res => seen.push({callback: k, res: snap(res)}); });
    o.trigger = ev => seen.push({callback: "trigger", res: snap(ev)});
    target(name)(o);
  },
  // bare calls wx.<name>() without options (or with null, if asked):
  // "threw" or "called".
  bare(name, withNull) {
    try {
      if (withNull) target(name)(null);
      else target(name)();
      return "called";
    } catch (e) {
      return "threw";
    }
  },
};
`

// open loads the test page for sdk and flavour in a new tab; extra is more
// of its query string.
func open(t *testing.T, sdk, flavour string, extra ...string) context.Context {
	t.Helper()
	return openAt(t, site.URL, sdk, flavour, extra...)
}

func openAt(t *testing.T, base, sdk, flavour string, extra ...string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	// The tab starts on ctx itself, not on a context with a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	u := base + "page?sdk=" + sdk + "&flavour=" + flavour
	if len(extra) > 0 {
		u += "&" + strings.Join(extra, "&")
	}
	do(t, ctx, chromedp.Navigate(u))
	run(t, ctx, chromedp.Poll[bool](`typeof window.t === "object" && typeof window.wx === "object"`))
	return ctx
}

// run runs a with a deadline, failing the test on an error.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%v", err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%v", err)
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) into T.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// js encodes v for an expression.
func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
