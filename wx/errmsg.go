package wx

import (
	"bytes"
	"encoding/json"
	"errors"
)

// errMsgOf reads the errMsg of a result: a JSON object, as JSON.stringify
// writes it. It scans the object's top level without decoding the rest, so
// that an ok result is decoded once, by its decoder. A missing or
// non-string errMsg is "", which jweixin dispatches as a failure.
func errMsgOf(res []byte) (string, error) {
	i := skipSpace(res, 0)
	if i == len(res) || res[i] != '{' {
		return "", errNotObject
	}
	msg := "" // the last errMsg wins, as in JSON.parse
	for i = skipSpace(res, i+1); i < len(res) && res[i] != '}'; {
		if res[i] != '"' {
			return "", errNotObject
		}
		end := valueEnd(res, i)
		if end < 0 {
			return "", errNotObject
		}
		key := res[i:end]
		i = skipSpace(res, end)
		if i == len(res) || res[i] != ':' {
			return "", errNotObject
		}
		i = skipSpace(res, i+1)
		end = valueEnd(res, i)
		if end < 0 {
			return "", errNotObject
		}
		if isKey(key, "errMsg") {
			msg = ""
			json.Unmarshal(res[i:end], &msg)
		}
		if i = skipSpace(res, end); i < len(res) && res[i] == ',' {
			i = skipSpace(res, i+1)
		}
	}
	if i == len(res) {
		return "", errNotObject
	}
	return msg, nil
}

// isKey reports whether the JSON string key is name.
func isKey(key []byte, name string) bool {
	if bytes.IndexByte(key, '\\') < 0 {
		return len(key) == len(name)+2 && string(key[1:len(key)-1]) == name
	}
	var s string
	return json.Unmarshal(key, &s) == nil && s == name
}

var errNotObject = errors.New("the result is not a JSON object")

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the index just past the JSON value starting at i, or -1.
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	depth := 0
	for ; i < len(b); i++ {
		switch c := b[i]; c {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if i >= len(b) {
				return -1
			}
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i // the end of the enclosing object
			}
			if depth--; depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\n', '\r', ':':
			if depth == 0 {
				return i
			}
		}
	}
	if depth != 0 {
		return -1
	}
	return i
}
