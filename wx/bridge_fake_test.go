package wx

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
)

// fakeBridge is an in-memory jWeixin for native tests. A call is answered
// by the answer function when it returns true, otherwise held until the
// test answers it with reply.
type fakeBridge struct {
	mu       sync.Mutex
	pg       page
	answer   func(method string, args map[string]any) (res string, ok bool)
	config   func(cfg map[string]any) (res string) // jweixin's result of each verification
	calls    []fakeCall
	attached map[int]func(cb string, res []byte)
	next     int
	configs  []map[string]any
	raws     []fakeRaw

	// holdConfigs keeps each configuration's answer until answerConfig.
	holdConfigs bool
	held        []*heldConfig
	// failCall, if set, makes call fail when it returns an error.
	failCall func(method string, args map[string]any, cbs []string) error
}

// heldConfig is a configuration the client has not answered yet.
type heldConfig struct {
	cfg    map[string]any
	answer func(res []byte)
}

type fakeRaw struct {
	fn, name string
	args     map[string]any
	reply    func([]byte)
}

type fakeCall struct {
	id     int
	method string
	args   map[string]any
	cbs    []string
}

func newFakeBridge() *fakeBridge {
	return &fakeBridge{
		pg:       page{href: "https://example.com/app?x=1#/home", landing: "https://example.com/app?x=1#/home", userAgent: "Mozilla/5.0 (Linux; Android 14) MicroMessenger/8.0.47"},
		attached: make(map[int]func(string, []byte)),
		config:   func(map[string]any) string { return `{"errMsg":"config:ok"}` },
	}
}

func (b *fakeBridge) call(method string, args []byte, cbs []string, reply func(string, []byte)) (func(), error) {
	var m map[string]any
	if err := json.Unmarshal(args, &m); err != nil {
		return nil, err
	}
	b.mu.Lock()
	if b.failCall != nil {
		if err := b.failCall(method, m, cbs); err != nil {
			b.mu.Unlock()
			return nil, err
		}
	}
	b.next++
	id := b.next
	b.calls = append(b.calls, fakeCall{id: id, method: method, args: m, cbs: cbs})
	if len(cbs) > 0 {
		b.attached[id] = reply
	}
	answer := b.answer
	b.mu.Unlock()
	if answer != nil {
		if res, ok := answer(method, m); ok {
			b.reply(id, "success", res)
		}
	}
	return func() { b.mu.Lock(); delete(b.attached, id); b.mu.Unlock() }, nil
}

func (b *fakeBridge) configure(cfg []byte, answer func([]byte)) error {
	var m map[string]any
	if err := json.Unmarshal(cfg, &m); err != nil {
		return err
	}
	b.mu.Lock()
	b.configs = append(b.configs, m)
	if b.holdConfigs {
		b.held = append(b.held, &heldConfig{cfg: m, answer: answer})
		b.mu.Unlock()
		return nil
	}
	respond := b.config
	b.mu.Unlock()
	res := respond(m)
	go answer([]byte(res)) // the client answers later, never inside the call
	return nil
}

func (b *fakeBridge) page() page {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.pg
}

// reply answers call id as jweixin would, if it is still attached.
func (b *fakeBridge) reply(id int, cb, res string) bool {
	b.mu.Lock()
	r := b.attached[id]
	b.mu.Unlock()
	if r == nil {
		return false
	}
	r(cb, []byte(res))
	return true
}

// live is the number of calls whose replies are still attached.
func (b *fakeBridge) live() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.attached)
}

func (b *fakeBridge) lastCall() fakeCall {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.calls) == 0 {
		return fakeCall{}
	}
	return b.calls[len(b.calls)-1]
}

// fetch fetches with net/http: native tests sign through an httptest server.
func (b *fakeBridge) fetch(ctx context.Context, method, url string, body []byte) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	return resp.StatusCode, answer, err
}

func (b *fakeBridge) raw(fn, name string, args []byte, reply func([]byte)) (func(), error) {
	var m map[string]any
	if args != nil {
		if err := json.Unmarshal(args, &m); err != nil {
			return nil, err
		}
	}
	b.mu.Lock()
	b.next++
	id := b.next
	b.raws = append(b.raws, fakeRaw{fn: fn, name: name, args: m, reply: reply})
	b.attached[id] = func(_ string, res []byte) { reply(res) }
	answer := b.answer
	b.mu.Unlock()
	if fn == "invoke" && answer != nil {
		if res, ok := answer(name, m); ok {
			b.reply(id, "raw", res)
		}
	}
	return func() { b.mu.Lock(); delete(b.attached, id); b.mu.Unlock() }, nil
}

func (b *fakeBridge) callFunc(method string, reply func([]byte)) (func(), error) {
	b.mu.Lock()
	b.next++
	id := b.next
	b.calls = append(b.calls, fakeCall{id: id, method: method, cbs: []string{"fn"}})
	b.attached[id] = func(_ string, res []byte) { reply(res) }
	answer := b.answer
	b.mu.Unlock()
	if answer != nil {
		if res, ok := answer(method, nil); ok {
			b.reply(id, "fn", res)
		}
	}
	return func() { b.mu.Lock(); delete(b.attached, id); b.mu.Unlock() }, nil
}

// pendingConfigs is the number of configurations held so far.
func (b *fakeBridge) pendingConfigs() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.held)
}

// answerConfig answers held configuration i with res, jweixin's result of
// its verification.
func (b *fakeBridge) answerConfig(i int, res string) {
	b.mu.Lock()
	h := b.held[i]
	b.mu.Unlock()
	h.answer([]byte(res))
}
