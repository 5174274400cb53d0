package wx

import (
	"encoding/json"
	"strconv"
	"strings"
)

// The SDK's results differ by platform and client version: a list may come
// as a JSON array or as a string holding one (Android), a number as a
// string. These types accept every shape seen and decode to plain Go.

// stringList decodes a JSON array of strings, a string holding such an
// array, a single string, or null.
type stringList []string

func (l *stringList) UnmarshalJSON(b []byte) error {
	var arr []string
	if err := json.Unmarshal(b, &arr); err == nil {
		*l = arr
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") && json.Unmarshal([]byte(s), &arr) == nil {
		*l = arr
		return nil
	}
	if s == "" {
		*l = nil
		return nil
	}
	*l = []string{s}
	return nil
}

// number decodes a JSON number or a string holding one; "" and null are 0.
type number float64

func (n *number) UnmarshalJSON(b []byte) error {
	var f float64
	if err := json.Unmarshal(b, &f); err == nil {
		*n = number(f)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s = strings.TrimSpace(s); s == "" {
		*n = 0
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	*n = number(f)
	return err
}

// text decodes a JSON string, or any other JSON value as its text.
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = text(s)
		return nil
	}
	if string(b) == "null" {
		*t = ""
		return nil
	}
	*t = text(b)
	return nil
}
