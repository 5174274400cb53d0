//go:build js && wasm

package jsx

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
)

// script runs JavaScript source in the page (test scaffolding only).
func script(t *testing.T, src string) safejs.Value {
	t.Helper()
	fn, err := safejs.Global().Get("Function")
	if err != nil {
		t.Fatal(err)
	}
	f, err := fn.New(src)
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.Invoke()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// stubFetch replaces window.fetch with impl (the source of a function of
// url and init) for the test; the calls are recorded in window.fetched.
func stubFetch(t *testing.T, impl string) {
	t.Helper()
	script(t, `window.realFetch = window.realFetch || window.fetch; window.fetched = [];
		const impl = `+impl+`;
		window.fetch = (url, init) => { window.fetched.push({url, init, aborted: () => init.signal.aborted}); return impl(url, init); };`)
	t.Cleanup(func() { script(t, `window.fetch = window.realFetch`) })
}

func pageDispatcher(t *testing.T) *Dispatcher {
	t.Helper()
	d, err := Page()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestFetch(t *testing.T) {
	d := pageDispatcher(t)
	before := d.Len()
	stubFetch(t, `(url, init) => Promise.resolve({status: 201, text: () => Promise.resolve("answer")})`)
	resp, err := d.Fetch(context.Background(), Request{Method: "POST", URL: "/x", Header: map[string]string{"Content-Type": "application/json"}, Body: []byte(`{"a":1}`)})
	if err != nil || resp.Status != 201 || string(resp.Body) != "answer" {
		t.Fatalf("Fetch = %+v, %v", resp, err)
	}
	got, err := Stringify(script(t, `const f = window.fetched[0]; return {url: f.url, method: f.init.method, credentials: f.init.credentials, headers: f.init.headers, body: f.init.body, signal: f.init.signal instanceof AbortSignal}`))
	if err != nil {
		t.Fatal(err)
	}
	var init map[string]any
	json.Unmarshal([]byte(got), &init)
	want := map[string]any{"url": "/x", "method": "POST", "credentials": "same-origin", "headers": map[string]any{"Content-Type": "application/json"}, "body": `{"a":1}`, "signal": true}
	if !reflect.DeepEqual(init, want) {
		t.Fatalf("fetch got %v, want %v", init, want)
	}
	if d.Len() != before {
		t.Fatalf("%d handlers left attached", d.Len()-before)
	}
}

// An answer whose status or body cannot be read is an error, never a
// zero status.
func TestFetchUnreadableAnswer(t *testing.T) {
	d := pageDispatcher(t)
	for name, impl := range map[string]string{
		"status": `() => Promise.resolve({status: "not a number", text: () => Promise.resolve("x")})`,
		"body":   `() => Promise.resolve({status: 200, text: () => Promise.reject(new Error("no body"))})`,
		"fetch":  `() => Promise.reject(new TypeError("Failed to fetch"))`,
	} {
		t.Run(name, func(t *testing.T) {
			stubFetch(t, impl)
			_, err := d.Fetch(context.Background(), Request{URL: "/x"})
			if err == nil || !strings.Contains(err.Error(), "/x") {
				t.Fatalf("Fetch = %v, want an error naming the URL", err)
			}
		})
	}
}

// Ending the context aborts the request.
func TestFetchAborted(t *testing.T) {
	d := pageDispatcher(t)
	stubFetch(t, `(url, init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new Error("aborted"))))`)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := d.Fetch(ctx, Request{URL: "/slow"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Fetch = %v", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		aborted, _ := script(t, `return window.fetched[0].aborted()`).Bool()
		if aborted {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the request was not aborted")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestAwaitRejection(t *testing.T) {
	d := pageDispatcher(t)
	_, err := d.Await(context.Background(), script(t, `return Promise.reject(new Error("boom"))`))
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("Await = %v", err)
	}
	v, err := d.Await(context.Background(), script(t, `return Promise.resolve(7)`))
	if n, _ := v.Int(); err != nil || n != 7 {
		t.Fatalf("Await = %v, %v", v, err)
	}
}
