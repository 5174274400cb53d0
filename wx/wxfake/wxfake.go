// Package wxfake is a fake jWeixin: a JavaScript stand-in for WeChat's
// jweixin-1.6.0.js and the WeChat client beneath it, so that a WeChat H5
// page can be developed and tested in any browser, without a phone.
//
// It has the real thing's two layers. The client layer is a fake
// window.WeixinJSBridge, as WeChat's webview injects it: it answers every
// call jweixin 1.6 makes in the native shapes of an Android or an iOS
// client, verifies wx.config through a wechatfake server (package
// server/wechat/wechatfake), checks payment and card signatures there, and
// keeps a call log that tests and the panel read. The SDK layer stands in
// for jweixin itself: window.wx and window.jWeixin with the real SDK's
// public behaviour, over that client.
//
// Script (served by Handler at /wxfake.js) is both layers, in place of the
// official script:
//
//	<script src="/wxfake.js?verify=https://fake.example/fake/jsapi/verify"></script>
//
// BridgeScript (?layer=bridge) is the client layer alone, loaded before the
// official jweixin-1.6.0.js, so that tests run the very script users load.
// It presents the flavour's WeChat user agent to the page, which jweixin
// needs to run at all:
//
//	<script src="/wxfake.js?layer=bridge&flavour=ios&verify=https://fake.example/fake/jsapi/verify"></script>
//	<script src="/jweixin-1.6.0.js"></script>
//
// The client layer also draws WeChat's open tags (wx-open-launch-weapp,
// -app, -subscribe, -audio) as the webview does: a tag that the verified
// configuration's openTagList declares shows its template in a shadow
// root and hears "ready"; a click is answered as scripted on the tag's
// name (launch, error, success, play, pause, ended) and logged; an old
// client's WeixinOpenTagsError can be played. A tag not declared stays
// empty and silent.
//
// Either way window.wxfake is the controller: scripting, the call log (in
// public names, with the client's names and answers), events, the panel.
// Package wxfakecdp drives it from chromedp tests.
package wxfake

import (
	"bytes"
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"strconv"
	"sync"
)

// The script's sources: js/client is the client layer, js/sdk the SDK
// layer, js/bridge what the client layer alone adds; core.js of each is
// its machinery, the other files define the interfaces with it.
//
//go:embed js
var sources embed.FS

// Layer names a script Handler serves.
type Layer string

// The layers.
const (
	Full   Layer = "full"   // the fake jWeixin: both layers
	Bridge Layer = "bridge" // the fake client alone, under the official jweixin
)

// Script returns the fake jWeixin's source, both layers, in one function
// that does nothing if window.jWeixin exists (as the official script).
func Script() []byte { return full() }

// BridgeScript returns the client layer alone: it installs
// window.WeixinJSBridge and window.wxfake, and does nothing if the page
// already has a WeixinJSBridge (inside WeChat). Load it before the
// official jweixin-1.6.0.js.
func BridgeScript() []byte { return bridgeOnly() }

var full = sync.OnceValue(func() []byte {
	return assemble(Full, "window.jWeixin", "js/client", "js/sdk")
})

var bridgeOnly = sync.OnceValue(func() []byte {
	return assemble(Bridge, "window.WeixinJSBridge", "js/client", "js/bridge")
})

// assemble wraps the files of dirs (each dir's core.js first) in one
// function that returns at once if guard exists.
func assemble(layer Layer, guard string, dirs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("// gowx fake jWeixin (" + string(layer) + "). Built from wx/wxfake/js; see js/client/core.js.\n")
	b.WriteString("(function (window) {\n\"use strict\";\nif (" + guard + ") {\n  return;\n}\nvar layer = \"" + string(layer) + "\";\n")
	for _, dir := range dirs {
		names, err := fs.Glob(sources, dir+"/*.js")
		if err != nil {
			panic(err) // the pattern is constant
		}
		core := dir + "/core.js"
		ordered := []string{}
		if _, err := fs.Stat(sources, core); err == nil {
			ordered = append(ordered, core)
		}
		for _, n := range names {
			if n != core {
				ordered = append(ordered, n)
			}
		}
		for _, n := range ordered {
			src, err := sources.ReadFile(n)
			if err != nil {
				panic(err) // embedded at build time
			}
			b.WriteString("\n// ---- " + n + "\n")
			b.Write(src)
		}
	}
	b.WriteString("})(window);\n")
	return b.Bytes()
}

// Handler serves the fake jWeixin script: Script, or BridgeScript for
// ?layer=bridge. The script reads its other options (verify, flavour,
// panel) from its own address.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var s []byte
		switch Layer(r.URL.Query().Get("layer")) {
		case "", Full:
			s = Script()
		case Bridge:
			s = BridgeScript()
		default:
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"error": "bad_layer", "message": "layer is full or bridge"})
			return
		}
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(s)))
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(s)
	})
}
