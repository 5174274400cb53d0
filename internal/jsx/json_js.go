//go:build js && wasm

package jsx

import (
	"sync"

	"github.com/hack-pad/safejs"
)

// jsJSON is the page's JSON object, read once.
var jsJSON = sync.OnceValues(func() (safejs.Value, error) { return safejs.Global().Get("JSON") })

// ParseJSON makes the JavaScript value of the JSON text b.
func ParseJSON(b []byte) (safejs.Value, error) {
	j, err := jsJSON()
	if err != nil {
		return safejs.Undefined(), err
	}
	return j.Call("parse", string(b))
}

// Stringify returns the JSON text of v.
func Stringify(v safejs.Value) (string, error) {
	j, err := jsJSON()
	if err != nil {
		return "", err
	}
	s, err := j.Call("stringify", v)
	if err != nil {
		return "", err
	}
	return s.String()
}
