package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gowx/gowx/wire"
)

// parsePageURL takes the page URL out of the query of GET /wx/config: the
// one url parameter, as the page sent it, of at most MaxURLLength bytes.
func parsePageURL(rawQuery string) (string, error) {
	// Escaped, a URL of MaxURLLength bytes takes at most three times as many.
	if len(rawQuery) > 3*MaxURLLength+64 {
		return "", tooLong(fmt.Sprintf("query longer than %d bytes", 3*MaxURLLength+64))
	}
	// url.ParseQuery would do, but builds a map for one parameter.
	page, found := "", 0
	for part := range strings.SplitSeq(rawQuery, "&") {
		if part == "" {
			continue
		}
		if strings.Contains(part, ";") { // as url.ParseQuery: ';' separated parameters once
			return "", badRequest("malformed query string")
		}
		k, v, _ := strings.Cut(part, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return "", badRequest("malformed query string")
		}
		if key == "url" {
			page, found = val, found+1
		}
	}
	switch {
	case found != 1 || page == "":
		return "", badRequest("give the page address once, as ?url=")
	case len(page) > MaxURLLength:
		return "", tooLong(fmt.Sprintf("url longer than %d bytes", MaxURLLength))
	}
	return page, nil
}

// tooLong is the Error of a request line over the limits.
func tooLong(msg string) *Error {
	return &Error{Status: http.StatusRequestURITooLong, Code: wire.CodeRequestTooLarge, Message: msg}
}

// decodeJSON reads one JSON object from r into v: no unknown fields, no
// key twice (encoding/json matches keys without regard to case, so
// "card_id" and "CARD_ID" are the same key, and would let one part of a
// system read what another did not check), nothing after it. An
// *http.MaxBytesError from r is returned as is.
func decodeJSON(r io.Reader, v any) error {
	var raw json.RawMessage
	var tooLarge *http.MaxBytesError
	dec := json.NewDecoder(r)
	if err := dec.Decode(&raw); err != nil {
		if errors.As(err, &tooLarge) {
			return err
		}
		return errors.New("the body is not a JSON object")
	}
	if raw[0] != '{' {
		return errors.New("the body is not a JSON object")
	}
	switch _, err := dec.Token(); {
	case err == io.EOF:
	case errors.As(err, &tooLarge):
		return err
	default:
		return errors.New("more than one JSON value in the body")
	}
	if err := uniqueKeys(raw); err != nil {
		return err
	}
	strict := json.NewDecoder(bytes.NewReader(raw))
	strict.DisallowUnknownFields()
	if err := strict.Decode(v); err != nil {
		return fmt.Errorf("the body does not fit: %w", err)
	}
	return nil
}

// field is a string of a request body and its rules.
type field struct {
	name     string
	value    string
	required bool
	max      int
}

// checkFields checks each field: present if required, at most max bytes,
// printable ASCII only (the values go raw into signatures).
func checkFields(fields ...field) error {
	for _, f := range fields {
		switch {
		case f.required && f.value == "":
			return fmt.Errorf("%s is required", f.name)
		case len(f.value) > f.max:
			return fmt.Errorf("%s is longer than %d bytes", f.name, f.max)
		}
		for i := 0; i < len(f.value); i++ {
			if c := f.value[i]; c < 0x20 || c > 0x7e {
				return fmt.Errorf("%s holds a character other than printable ASCII", f.name)
			}
		}
	}
	return nil
}

// uniqueKeys checks that no two keys of the JSON object obj are equal
// without regard to case.
func uniqueKeys(obj json.RawMessage) error {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if _, err := dec.Token(); err != nil { // {
		return errors.New("the body is not a JSON object")
	}
	var seen []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return errors.New("the body is not a JSON object")
		}
		key, _ := t.(string)
		// EqualFold folds as encoding/json matches names ("ſ" is "s").
		if slices.ContainsFunc(seen, func(k string) bool { return strings.EqualFold(k, key) }) {
			return fmt.Errorf("the key %q is given twice (keys are compared without regard to case)", key)
		}
		seen = append(seen, key)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return errors.New("the body is not a JSON object")
		}
	}
	return nil
}
