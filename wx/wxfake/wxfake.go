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
	_ "embed"
	"net/http"
	"strconv"
)

//go:embed jweixin-fake.js
var script []byte

// Script returns the fake jWeixin's source.
func Script() []byte { return script }

// Handler serves the fake jWeixin script.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(script)))
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(script)
	})
}
