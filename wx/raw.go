package wx

import (
	"context"
	"encoding/json"
)

// rawPrefix marks the raw calls in the configuration gate: they are not in
// jsApiList.
const rawPrefix = "raw:"

// RawResult is an answer of the WeChat client as it gave it (snake_case
// err_msg and all), through Invoke or On.
type RawResult map[string]json.RawMessage

// Invoke calls the WeChat client's API name directly through jWeixin's raw
// wx.invoke, the escape hatch for client APIs jweixin does not wrap. name is
// the client's name ("getBrandWCPayRequest", not "chooseWXPay"). The
// Future fails with an *Error when the answer is not ok, as jweixin would
// read it. Configuration must have succeeded first; jsApiList is not
// checked (WeChat checks it).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#8
func (s *SDK) Invoke(ctx context.Context, name string, args map[string]any) *Future[RawResult] {
	f := newFuture[RawResult]()
	api := API(rawPrefix + name)
	argJSON, err := jsonArgs(api, args)
	if err != nil {
		f.settle(nil, err)
		return f
	}
	run := func() {
		settleFrom(ctx, f, API(name), func(reply func([]byte)) (func(), error) {
			return s.b.raw("invoke", name, argJSON, reply)
		}, func(res []byte) (RawResult, error) {
			var raw RawResult
			if err := json.Unmarshal(res, &raw); err != nil {
				return nil, wrapErr(API(name), ErrFailed, err)
			}
			if msg := normaliseRaw(API(name), raw); msgStatus(msg) != "ok" {
				return raw, newError(API(name), msg, nil)
			}
			return raw, nil
		})
	}
	s.life.admit(ctx, api, run, func(err error) { f.settle(nil, err) })
	return f
}

// On registers a handler for the WeChat client's event name (a client name,
// such as "onVoicePlayEnd" or "menu:share:timeline") through jWeixin's raw
// wx.on, and delivers each event as the client sent it. The client keeps
// one handler per event: this replaces jweixin's own, and the listener
// methods share On's table, so a later registration of the same event,
// through On or a listener method, ends the earlier with ErrReplaced.
// Stopping it leaves the client's handler in place, delivering nowhere.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#8
func (s *SDK) On(ctx context.Context, name string) *Subscription[RawResult] {
	api := API(rawPrefix + name)
	sub := newSubscription[RawResult](api)
	subscribe(ctx, s, sub, api, name, func() (func(), error) {
		return s.b.raw("on", name, nil, func(res []byte) {
			var raw RawResult
			if json.Unmarshal(res, &raw) == nil {
				sub.push(raw)
			}
		})
	}, nil)
	return sub
}

func msgStatus(errMsg string) string {
	_, status := splitErrMsg(errMsg)
	return status
}
