package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// parsePageURL takes the page URL out of the query of GET /wx/config: the
// one url parameter, as the page sent it, of at most MaxURLLength bytes.
func parsePageURL(rawQuery string) (string, error) {
	// Escaped, a URL of MaxURLLength bytes takes at most three times as many.
	if len(rawQuery) > 3*MaxURLLength+64 {
		return "", fmt.Errorf("query longer than %d bytes", 3*MaxURLLength+64)
	}
	// url.ParseQuery would do, but builds a map for one parameter.
	page, found := "", 0
	for part := range strings.SplitSeq(rawQuery, "&") {
		if part == "" {
			continue
		}
		if strings.Contains(part, ";") { // as url.ParseQuery: ';' separated parameters once
			return "", errors.New("malformed query string")
		}
		k, v, _ := strings.Cut(part, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return "", errors.New("malformed query string")
		}
		if key == "url" {
			page, found = val, found+1
		}
	}
	switch {
	case found != 1 || page == "":
		return "", errors.New("give the page address once, as ?url=")
	case len(page) > MaxURLLength:
		return "", fmt.Errorf("url longer than %d bytes", MaxURLLength)
	}
	return page, nil
}

// decodeJSON reads one JSON object from r into v: no unknown fields,
// nothing after it. An *http.MaxBytesError from r is returned as is.
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
