package wx

import (
	"encoding/json"
	"testing"
)

// errMsgJSON is what errMsgOf must find: encoding/json's reading.
func errMsgJSON(res []byte) (string, bool) {
	var r map[string]json.RawMessage
	if err := json.Unmarshal(res, &r); err != nil || r == nil {
		return "", false // not an object
	}
	var s string
	json.Unmarshal(r["errMsg"], &s)
	return s, true
}

var errMsgCases = []string{
	`{"errMsg":"getNetworkType:ok","networkType":"wifi"}`,
	`{"networkType":"wifi","errMsg":"getNetworkType:ok"}`,
	`{"checkResult":{"errMsg":"nested:ok"},"errMsg":"checkJsApi:ok"}`,
	`{"list":["a","b\"c",{"errMsg":"x"}],"errMsg":"a:b \u00e9"}`,
	`{"errMsg":3}`,
	`{"errMsg":null,"x":1}`,
	`{}`,
	`{"a":true,"b":false,"c":null,"d":-1.5e3}`,
	` { "errMsg" : "spaced:ok" } `,
	`{"s":"}{][,:\\"}`,
	`{"errMsg":"config:ok","realAuthUrl":"https://e.com/?a=1&b=%22"}`,
	`{"errMsg":"first","errMsg":"last"}`,
	`{"err\u004dsg":"escaped:ok"}`,
}

func TestErrMsgOf(t *testing.T) {
	for _, c := range errMsgCases {
		want, _ := errMsgJSON([]byte(c))
		got, err := errMsgOf([]byte(c))
		if err != nil || got != want {
			t.Errorf("%s: %q, %v; want %q", c, got, err, want)
		}
	}
	for _, bad := range []string{``, `[]`, `"x"`, `{"a":`, `{"a":"b`, `{"a" 1}`} {
		if _, err := errMsgOf([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// errMsgOf agrees with encoding/json on every valid JSON object.
func FuzzErrMsgOf(f *testing.F) {
	for _, c := range errMsgCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, ok := errMsgJSON([]byte(s))
		if !ok {
			return
		}
		if got, err := errMsgOf([]byte(s)); err != nil || got != want {
			t.Fatalf("%s: %q, %v; want %q", s, got, err, want)
		}
	})
}
