package wx

import "context"

// bridge is the page's jWeixin as the binding uses it: the seam between the
// binding's logic, in plain Go, and the page. It only carries calls; values
// cross it as JSON. The browser's is in bridge_js.go; the native tests use
// an in-memory fake.
type bridge interface {
	// call runs jWeixin.<method>(args) (method may be "miniProgram.<name>")
	// with a callback under each name in cbs set on the argument object;
	// listeners register this way too. Each callback's argument reaches
	// reply as JSON, until detach.
	call(method string, args []byte, cbs []string, reply func(cb string, res []byte)) (detach func(), err error)
	// configure runs jWeixin.config(cfg) and hands answer jweixin's result
	// of the verification that wx.config makes (errMsg "config:…" and the
	// client's other fields), when the client gives it.
	configure(cfg []byte, answer func(res []byte)) error
	// page describes the page the SDK runs on.
	page() page
	// fetch makes an HTTP request of the page's origin (or any, CORS
	// permitting) with a JSON body, or none if body is nil.
	fetch(ctx context.Context, method, url string, body []byte) (status int, answer []byte, err error)
	// callFunc runs jWeixin.<method>(fn) for the methods that take a bare
	// function (miniProgram.getEnv); fn's argument reaches reply as JSON.
	callFunc(method string, reply func(res []byte)) (detach func(), err error)
	// raw calls jWeixin.invoke(name, args, cb) (fn "invoke") or
	// jWeixin.on(name, cb) (fn "on", args nil); the client's answers reach
	// reply untouched, as JSON, until detach.
	raw(fn, name string, args []byte, reply func(res []byte)) (detach func(), err error)
}

// page is what the binding needs to know of the page.
type page struct {
	href        string // location.href now
	landing     string // location.href when the document loaded
	userAgent   string
	fake        bool // the fake jWeixin, which answers whatever the user agent
	miniProgram bool // window.__wxjs_environment is "miniprogram"
}
