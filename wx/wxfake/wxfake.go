// Package wxfake is a fake jWeixin: a JavaScript stand-in for WeChat's
// jweixin-1.6.0.js that runs in any browser, so that a WeChat H5 page can be
// developed and tested without a phone.
//
// It installs window.wx and window.jWeixin with the real SDK's public
// behaviour, and beneath them a fake WeChat client that verifies wx.config
// through a wechatfake server (package server/wechat/wechatfake) and answers
// each call with realistic data or a scripted outcome. window.wxfake is its
// controller; package wxfakecdp drives it from chromedp tests.
//
// Serve Script (or Handler) in place of the official script:
//
//	<script src="/wxfake.js?verify=https://fake.example/fake/jsapi/verify"></script>
package wxfake

import (
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"strconv"
	"sync"
)

// The script's sources: js/core.js is the machinery, the other files define
// the interfaces with it.
//
//go:embed js/*.js
var sources embed.FS

// Script returns the fake jWeixin's source: the files of js/, core.js
// first, in one function that does nothing if window.jWeixin exists.
func Script() []byte { return assemble() }

var assemble = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	b.WriteString("// gowx fake jWeixin. Built from wx/wxfake/js; see core.js.\n")
	b.WriteString("(function (window) {\n\"use strict\";\nif (window.jWeixin) {\n  return;\n}\n")
	names, err := fs.Glob(sources, "js/*.js")
	if err != nil {
		panic(err) // the pattern is constant
	}
	ordered := []string{"js/core.js"}
	for _, n := range names {
		if n != "js/core.js" {
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
	b.WriteString("})(window);\n")
	return b.Bytes()
})

// Handler serves the fake jWeixin script.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := Script()
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(s)))
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(s)
	})
}
