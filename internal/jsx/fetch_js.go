//go:build js && wasm

package jsx

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hack-pad/safejs"
)

// Request is a request for the page's fetch, made with the page's
// credentials for its own origin.
type Request struct {
	Method string // "" means GET
	URL    string // relative to the page, or absolute
	Header map[string]string
	Body   []byte // sent as text; nil sends none
}

// Response is the answer to a Request.
type Response struct {
	Status int
	Body   []byte
}

// Fetch makes r with the page's fetch (net/http would add megabytes to the
// wasm) and reads the whole answer. Ending ctx aborts the request.
func (d *Dispatcher) Fetch(ctx context.Context, r Request) (Response, error) {
	resp, err := d.fetch(ctx, r)
	if err != nil {
		return Response{}, fmt.Errorf("fetch %s: %w", r.URL, err)
	}
	return resp, nil
}

func (d *Dispatcher) fetch(ctx context.Context, r Request) (Response, error) {
	g := safejs.Global()
	init, err := requestInit(r)
	if err != nil {
		return Response{}, err
	}
	ctlClass, err := g.Get("AbortController")
	if err != nil {
		return Response{}, err
	}
	ctl, err := ctlClass.New()
	if err != nil {
		return Response{}, err
	}
	signal, err := ctl.Get("signal")
	if err != nil {
		return Response{}, fmt.Errorf("the abort signal: %w", err)
	}
	if err := init.Set("signal", signal); err != nil {
		return Response{}, fmt.Errorf("the abort signal: %w", err)
	}
	stop := context.AfterFunc(ctx, func() { ctl.Call("abort") })
	defer stop()
	p, err := g.Call("fetch", r.URL, init)
	if err != nil {
		return Response{}, err
	}
	resp, err := d.Await(ctx, p)
	if err != nil {
		return Response{}, err
	}
	st, err := resp.Get("status")
	if err != nil {
		return Response{}, fmt.Errorf("the status: %w", err)
	}
	status, err := st.Int()
	if err != nil {
		return Response{}, fmt.Errorf("the status: %w", err)
	}
	p, err = resp.Call("text")
	if err != nil {
		return Response{}, fmt.Errorf("the body: %w", err)
	}
	text, err := d.Await(ctx, p)
	if err != nil {
		return Response{}, fmt.Errorf("the body: %w", err)
	}
	body, err := text.String()
	if err != nil {
		return Response{}, fmt.Errorf("the body: %w", err)
	}
	return Response{Status: status, Body: []byte(body)}, nil
}

// requestInit is fetch's init object for r, made in one JSON.parse.
func requestInit(r Request) (safejs.Value, error) {
	type init struct {
		Method      string            `json:"method,omitempty"`
		Credentials string            `json:"credentials"`
		Headers     map[string]string `json:"headers,omitempty"`
		Body        *string           `json:"body,omitempty"`
	}
	in := init{Method: r.Method, Credentials: "same-origin", Headers: r.Header}
	if r.Body != nil {
		body := string(r.Body)
		in.Body = &body
	}
	b, err := json.Marshal(in)
	if err != nil {
		return safejs.Undefined(), err
	}
	return ParseJSON(b)
}
