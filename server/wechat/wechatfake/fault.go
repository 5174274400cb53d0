package wechatfake

import (
	"cmp"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/gowx/gowx/server/wechat"
)

// Fault is an answer the fake gives in place of WeChat's normal one, to
// test how a client copes with a bad day upstream. Fields combine: a Delay
// alone is a slow but otherwise normal answer; a Delay with an Errcode is a
// slow error.
type Fault struct {
	// Errcode answers {"errcode": Errcode, "errmsg": ...} with HTTP 200, as
	// WeChat does: -1 busy, 40001/42001/40014 token rejected, 45009 quota.
	Errcode int `json:"errcode,omitempty"`
	// Status answers with this HTTP status and an HTML body, as a proxy in
	// front of WeChat does.
	Status int `json:"status,omitempty"`
	// Delay waits this long first (or until the client gives up).
	Delay time.Duration `json:"delay,omitempty"`
	// Malformed answers HTTP 200 with a body that is not JSON.
	Malformed bool `json:"malformed,omitempty"`
	// Close closes the connection without answering.
	Close bool `json:"close,omitempty"`
	// ExpiresIn, if not zero, is the expires_in of an otherwise normal answer,
	// as a proxy that rewrites it might say (0, negative, or years). The
	// credential issued keeps its real lifetime at the fake.
	ExpiresIn int64 `json:"expires_in,omitempty"`
	// Echo, with Errcode, makes errmsg repeat the request (query and
	// body, the AppSecret or access_token included), as a careless proxy
	// does.
	Echo bool `json:"echo,omitempty"`
	// Times is how many calls get the fault; zero means every call until
	// ClearFaults.
	Times int `json:"times,omitempty"`
}

// errmsgs are WeChat's messages for the errcodes a fault may name.
var errmsgs = map[int]string{
	-1:    "system error",
	40007: "invalid media_id",
	40001: "invalid credential, access_token is invalid or not latest",
	40013: "invalid appid",
	40014: "invalid access_token",
	40125: "invalid appsecret",
	40164: "invalid ip, not in whitelist",
	42001: "access_token expired",
	40029: "invalid code",
	40163: "code been used",
	42003: "code expired",
	42002: "refresh_token expired",
	48001: "api unauthorized",
	45009: "reach max api daily quota limit",
}

// Inject makes calls to the WeChat endpoint at path (wechat.PathToken,
// PathStableToken, PathTicket, PathMedia, PathMediaJSSDK, or one of web
// authorisation's: the authorisation page, which shows an Errcode as its
// error page, and the sns endpoints) answer with fault. Faults queue: each
// serves its Times calls, then the next one applies.
func (f *Fake) Inject(path string, fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[path] = append(f.faults[path], fault)
}

// ClearFaults removes every injected fault.
func (f *Fake) ClearFaults() {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.faults)
}

// nextFault takes the fault that applies to a call of path, if any.
func (f *Fake) nextFault(path string) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := f.faults[path]
	if len(q) == 0 {
		return Fault{}, false
	}
	ft := q[0]
	if q[0].Times > 0 {
		q[0].Times--
		if q[0].Times == 0 {
			f.faults[path] = q[1:]
		}
	}
	return ft, true
}

// upstream wraps the handler of a WeChat endpoint: it counts the call,
// enforces the daily quota and plays any injected fault.
func (f *Fake) upstream(path string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fail := writeErr
		if path == wechat.PathAuthorize {
			// The authorisation page is a browser's: it shows its errors.
			fail = authorizeErrorPage
		}
		if !f.count(path) {
			fail(w, 45009, errmsgs[45009])
			return
		}
		ft, ok := f.nextFault(path)
		if !ok {
			h(w, r)
			return
		}
		if ft.Delay > 0 {
			t := time.NewTimer(ft.Delay)
			defer t.Stop()
			select {
			case <-t.C:
			case <-r.Context().Done():
				return
			}
		}
		switch {
		case ft.Close:
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		case ft.Status != 0:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(ft.Status)
			w.Write([]byte("<html><body>" + http.StatusText(ft.Status) + "</body></html>"))
		case ft.Malformed:
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"access_token":"`))
		case ft.Errcode != 0 && ft.Echo:
			body, _ := io.ReadAll(io.LimitReader(r.Body, 4096))
			fail(w, ft.Errcode, errmsgs[ft.Errcode]+"; request: "+r.URL.RawQuery+" "+string(body))
		case ft.Errcode != 0:
			fail(w, ft.Errcode, cmp.Or(errmsgs[ft.Errcode], wechat.Hint(ft.Errcode)))
		case ft.ExpiresIn != 0:
			h(w, r.WithContext(context.WithValue(r.Context(), expiresInKey{}, ft.ExpiresIn)))
		default:
			h(w, r)
		}
	}
}

type expiresInKey struct{}

// expiresIn is what an answer to r says of a lifetime of ttl: ttl in
// seconds, unless a Fault rewrites it.
func expiresIn(r *http.Request, ttl time.Duration) int64 {
	if v, ok := r.Context().Value(expiresInKey{}).(int64); ok {
		return v
	}
	return int64(ttl / time.Second)
}

// FaultRequest is the body of a POST to FaultPath: a fault for the WeChat
// endpoint at Path, or, with Clear, the removal of every fault.
type FaultRequest struct {
	Path  string `json:"path"`
	Clear bool   `json:"clear,omitempty"`
	Fault
}

func (f *Fake) serveFault(w http.ResponseWriter, r *http.Request) {
	var req FaultRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&req); err != nil {
		writeStatusJSON(w, http.StatusBadRequest, map[string]string{"error": "bad_request", "message": "want a JSON FaultRequest"})
		return
	}
	switch {
	case req.Clear:
		f.ClearFaults()
	case !f.isUpstream(req.Path):
		writeStatusJSON(w, http.StatusBadRequest, map[string]string{"error": "bad_request", "message": "path is not a WeChat endpoint of the fake"})
		return
	default:
		f.Inject(req.Path, req.Fault)
	}
	writeErr(w, 0, "ok")
}
