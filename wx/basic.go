package wx

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// CheckJSAPI asks the WeChat client which of apis it supports
// (wx.checkJsApi): each API maps to true when this client has it. An API
// the client left out of its answer is absent from the map (reads false).
// It needs WeChat 6.0.2 or later; older clients fail with
// ErrFunctionNotExist.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#10
func (s *SDK) CheckJSAPI(ctx context.Context, apis ...API) *Future[map[API]bool] {
	if len(apis) == 0 {
		return settled[map[API]bool](nil, badOptions(APICheckJSAPI, "no API to check"))
	}
	return invoke(ctx, s, APICheckJSAPI, map[string]any{"jsApiList": apis}, func(res []byte) (map[API]bool, error) {
		w, err := decodeJSON[struct {
			CheckResult embedded[map[API]flag] `json:"checkResult"`
		}](res)
		got := make(map[API]bool, len(w.CheckResult.v))
		for api, ok := range w.CheckResult.v {
			got[api] = bool(ok)
		}
		return got, err
	})
}

// need is a required option: its Go name, and whether it was given.
type need struct {
	name  string
	given bool
}

// requireOptions refuses a call to api that lacks required options, naming
// every one missing.
func requireOptions(api API, needs ...need) error {
	var missing []string
	for _, n := range needs {
		if !n.given {
			missing = append(missing, n.name)
		}
	}
	if len(missing) > 0 {
		return badOptions(api, "missing %s", strings.Join(missing, ", "))
	}
	return nil
}

// firstErr returns the first of errs that is not nil: the checks of a
// call's options, in order.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkEnum refuses a value of an enumerated option that is neither empty
// (jweixin's default) nor one of allowed.
func checkEnum[T ~string](api API, field string, v T, allowed ...T) error {
	if v == "" || slices.Contains(allowed, v) {
		return nil
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = strconv.Quote(string(a))
	}
	return badOptions(api, "%s %q is not one of %s", field, v, strings.Join(names, ", "))
}

// embedded decodes a T given either as JSON or as a string holding its
// JSON, as Android sends some results (checkResult, card lists,
// extraData). An empty string is T's zero value.
type embedded[T any] struct{ v T }

func (e *embedded[T]) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		if s = strings.TrimSpace(s); s == "" {
			return nil
		}
		b = []byte(s)
	}
	return json.Unmarshal(b, &e.v)
}

// flag decodes a JSON boolean, a number (non-zero is true), or a string
// holding either; null is false.
type flag bool

func (f *flag) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case nil:
		*f = false
	case bool:
		*f = flag(v)
	case float64:
		*f = v != 0
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "1":
			*f = true
		case "false", "0", "":
			*f = false
		default:
			return fmt.Errorf("wx: %q is not a boolean", v)
		}
	default:
		return fmt.Errorf("wx: %s is not a boolean", b)
	}
	return nil
}

// resultFields are the fields of a result object, taken one by one by the
// decoder; what it leaves are the extras a result keeps as they came.
type resultFields map[string]json.RawMessage

func parseFields(b []byte) (resultFields, error) {
	var f resultFields
	err := json.Unmarshal(b, &f)
	return f, err
}

// take decodes into v the first of names present (jweixin's name, then the
// client's, for a result jweixin did not rename) and removes them all.
func (f resultFields) take(v any, names ...string) error {
	var err error
	found := false
	for _, n := range names {
		if raw, ok := f[n]; ok {
			if !found {
				err = json.Unmarshal(raw, v)
				found = true
			}
			delete(f, n)
		}
	}
	return err
}

// rest returns the fields not taken, nil if none.
func (f resultFields) rest() map[string]json.RawMessage {
	if len(f) == 0 {
		return nil
	}
	return f
}
