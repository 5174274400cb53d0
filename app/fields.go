package main

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fieldKind is how an option is entered.
type fieldKind int

const (
	textField   fieldKind = iota
	numberField           // a number; empty means the default
	boolField             // a checkbox
	listField             // comma-separated values
	choiceField           // one of choices; "" means the default
)

// field is one option of a control, entered in #<control>-<name>.
type field struct {
	name    string
	label   string
	kind    fieldKind
	value   string   // initial value
	choices []string // for choiceField
	// memo, if set, names a value an earlier call left (see memo) that
	// the field stands for when left empty: the last voice recorded, …
	memo string
}

// memo is a value of a result that later calls may use (play the voice
// just recorded): the app's state holds it under memoState(key), for
// every page.
type memo struct{ key, value string }

// memoState is the go-app state that holds the memo key.
func memoState(key string) string { return "gowx.memo." + key }

// memos lists the memos of a result, dropping empty values.
func memos(kv ...string) []memo {
	var out []memo
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			out = append(out, memo{kv[i], kv[i+1]})
		}
	}
	return out
}

// values are a control's entered options, by field name.
type values map[string]string

func (v values) str(name string) string { return strings.TrimSpace(v[name]) }
func (v values) flag(name string) bool  { return v[name] == "true" }

func (v values) int(name string) int {
	n, _ := strconv.Atoi(v.str(name))
	return n
}

func (v values) float(name string) float64 {
	f, _ := strconv.ParseFloat(v.str(name), 64)
	return f
}

// list splits a comma-separated field, dropping empty items.
func (v values) list(name string) []string {
	var out []string
	for item := range strings.SplitSeq(v[name], ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// listOf converts a list field to a typed string slice.
func listOf[T ~string](v values, name string) []T {
	var out []T
	for _, s := range v.list(name) {
		out = append(out, T(s))
	}
	return out
}

// initial are the fields' initial values.
func initial(fields []field) values {
	v := values{}
	for _, f := range fields {
		v[f.name] = f.value
	}
	return v
}

// withMemos returns entered with each empty memo field filled from
// recalled (the memos' values, by field name).
func withMemos(fields []field, entered, recalled values) values {
	out := values{}
	for k, v := range entered {
		out[k] = v
	}
	for _, f := range fields {
		if f.memo != "" && strings.TrimSpace(out[f.name]) == "" {
			out[f.name] = recalled[f.name]
		}
	}
	return out
}

// renderField renders f, entered in #<id>, with its current value and, for
// a memo field, the value it stands for when empty. set receives each
// change.
func renderField(id string, f field, current, recalled string, set func(string)) app.UI {
	onChange := func(ctx app.Context, _ app.Event) {
		if f.kind == boolField {
			set(strconv.FormatBool(ctx.JSSrc().Get("checked").Bool()))
			return
		}
		set(ctx.JSSrc().Get("value").String())
	}
	switch f.kind {
	case boolField:
		// The box before its words, on one line, as forms put checkboxes.
		return app.Label().Class("field check").Body(
			app.Input().ID(id).Type("checkbox").Checked(current == "true").OnChange(onChange),
			app.Span().Text(f.label),
		)
	case choiceField:
		return labelled(f.label, app.Select().ID(id).OnChange(onChange).Body(app.Range(f.choices).Slice(func(i int) app.UI {
			ch := f.choices[i]
			label := ch
			if label == "" {
				label = "(default)"
			}
			return app.Option().Value(ch).Text(label).Selected(current == ch)
		})))
	case numberField:
		in := app.Input().ID(id).Type("number").Value(current).OnChange(onChange)
		if f.memo != "" {
			in = in.Placeholder(placeholder(recalled))
		}
		return labelled(f.label, in)
	}
	in := app.Input().ID(id).Type("text").Value(current).OnChange(onChange)
	if f.memo != "" {
		in = in.Placeholder(placeholder(recalled))
	}
	return labelled(f.label, in)
}

func labelled(label string, input app.UI) app.UI {
	return app.Label().Class("field").Body(app.Span().Text(label), input)
}

// placeholder says what an empty memo field stands for.
func placeholder(recalled string) string {
	if recalled == "" {
		return "(the last one; none yet)"
	}
	return "(the last one: " + recalled + ")"
}
