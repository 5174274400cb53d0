package wx

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Open tags are drawn and answered by the WeChat client itself, not by
// jweixin: the page declares them in openTagList, puts the element in its
// document, and hears DOM events. This file holds what a page does with
// them in plain Go — the attribute rules, the events' details, their
// errors — and the declaration; package wx/opentag makes go-app components
// of it.

// The errors of open tags, matched with errors.Is.
var (
	// ErrLaunchFailed: a launch tag could not open the mini program or app
	// (errMsg "launch:fail"): for an app, most often because it is not
	// installed.
	ErrLaunchFailed = errors.New("wx: the open tag could not launch")
	// ErrLaunchCheckFailed: WeChat's check of a launch tag failed
	// ("launch:fail_check fail"): the mini program or app is not bound to
	// the official account, or the page is not on its JS safe domain.
	ErrLaunchCheckFailed = errors.New("wx: WeChat refused the open tag's target")
	// ErrSubscribeFailed: wx-open-subscribe failed; Field("errCode") says why.
	ErrSubscribeFailed = errors.New("wx: the subscription failed")
	// ErrOpenTagsUnsupported: the client cannot show open tags (the
	// document's WeixinOpenTagsError): show the fallback content instead.
	ErrOpenTagsUnsupported = errors.New("wx: this WeChat cannot show open tags")
	// ErrOpenTagNotDeclared: an open tag is used that the page's
	// configuration, made with Config by hand, does not declare.
	ErrOpenTagNotDeclared = errors.New("wx: the open tag is not in the configuration's openTagList")
)

// subscribeHints explain wx-open-subscribe's error codes.
var subscribeHints = map[int]string{
	49001: "errCode 49001: a parameter is empty: template names no template ID.",
	49002: "errCode 49002: a parameter is wrong: template holds an ID that is not a template ID.",
	49003: "errCode 49003: the user has no relation with the official account (subscribe to it first).",
	49004: "errCode 49004: a template ID is not one of this official account's.",
}

// WeappPath is a mini program page path as wx-open-launch-weapp wants it:
// the page's file with .html before the query ("pages/home/index?a=1"
// becomes "pages/home/index.html?a=1"); without it the tag opens the home
// page. A path that has .html already, or is empty, stays as it is.
func WeappPath(path string) string {
	page, query, hasQuery := strings.Cut(path, "?")
	if page == "" || strings.HasSuffix(page, ".html") {
		return path
	}
	if hasQuery {
		return page + ".html?" + query
	}
	return page + ".html"
}

// DataAttr encodes the value of a data attribute (extra-data, extinfo): a
// string stays as it is, anything else becomes its JSON.
func DataAttr(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("wx: an open tag's data: %w", err)
	}
	return string(b), nil
}

// LaunchDetail is what a launch tag's launch event says: the client's
// fields, as it gave them (often none).
type LaunchDetail struct {
	Fields map[string]json.RawMessage
}

// LaunchDetailOf decodes a launch event's detail, as JSON.
func LaunchDetailOf(detail []byte) (LaunchDetail, error) {
	var d LaunchDetail
	if len(detail) == 0 || string(detail) == "null" {
		return d, nil
	}
	if err := json.Unmarshal(detail, &d.Fields); err != nil {
		return d, fmt.Errorf("wx: a launch event's detail: %w", err)
	}
	if len(d.Fields) == 0 {
		d.Fields = nil
	}
	return d, nil
}

// SubscribeStatus is the user's answer for one template of wx-open-subscribe.
type SubscribeStatus string

// The statuses of subscribeDetails.
const (
	SubscribeAccept SubscribeStatus = "accept" // the user subscribed
	SubscribeReject SubscribeStatus = "reject" // the user refused
	SubscribeCancel SubscribeStatus = "cancel" // the user closed the prompt
	// SubscribeFilter: WeChat filtered the template out (its category or
	// limits) and asked nothing.
	SubscribeFilter SubscribeStatus = "filter"
)

// SubscribeResult is what wx-open-subscribe's success event says: each
// template's status.
type SubscribeResult struct {
	Templates map[string]SubscribeStatus
}

// Accepted lists the templates the user subscribed to, sorted.
func (r SubscribeResult) Accepted() []string {
	var ids []string
	for id, st := range r.Templates {
		if st == SubscribeAccept {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// SubscribeResultOf decodes a success event's detail. Its subscribeDetails
// is a JSON string of an object whose values are each a JSON string of
// {"status": …}; looser shapes (objects instead of strings, a bare status)
// are taken as well.
func SubscribeResultOf(detail []byte) (SubscribeResult, error) {
	var d struct {
		SubscribeDetails json.RawMessage `json:"subscribeDetails"`
	}
	if err := json.Unmarshal(detail, &d); err != nil {
		return SubscribeResult{}, fmt.Errorf("wx: a subscribe event's detail: %w", err)
	}
	var byID map[string]json.RawMessage
	if err := json.Unmarshal(unquoted(d.SubscribeDetails), &byID); err != nil {
		return SubscribeResult{}, fmt.Errorf("wx: subscribeDetails: %w", err)
	}
	r := SubscribeResult{Templates: make(map[string]SubscribeStatus, len(byID))}
	for id, raw := range byID {
		raw = unquoted(raw)
		var st struct {
			Status SubscribeStatus `json:"status"`
		}
		if json.Unmarshal(raw, &st) != nil || st.Status == "" {
			// A bare status, as a string.
			if json.Unmarshal(raw, &st.Status) != nil {
				return SubscribeResult{}, fmt.Errorf("wx: subscribeDetails of %s: %s", id, raw)
			}
		}
		r.Templates[id] = st.Status
	}
	return r, nil
}

// unquoted is the JSON text a JSON string holds, or raw itself if it is not
// a string.
func unquoted(raw json.RawMessage) json.RawMessage {
	var s string
	if json.Unmarshal(raw, &s) == nil && (strings.HasPrefix(strings.TrimSpace(s), "{") || strings.HasPrefix(strings.TrimSpace(s), "\"")) {
		return json.RawMessage(s)
	}
	return raw
}

// OpenTagErrorOf is the Error of an open tag's error event, from its
// detail: {errMsg} (launch tags, audio) or {errCode, errMsg} (subscribe).
func OpenTagErrorOf(tag OpenTag, detail []byte) *Error {
	var d struct {
		ErrMsg  string `json:"errMsg"`
		ErrCode int    `json:"errCode"`
	}
	var fields map[string]json.RawMessage
	json.Unmarshal(detail, &d)
	json.Unmarshal(detail, &fields)
	delete(fields, "errMsg")
	if len(fields) == 0 {
		fields = nil
	}
	_, status := splitErrMsg(d.ErrMsg)
	if status == "" {
		status = "fail"
	}
	e := &Error{API: API(tag), Status: status, Msg: d.ErrMsg, Fields: fields, kind: ErrFailed}
	switch {
	case tag == OpenTagSubscribe:
		e.kind = ErrSubscribeFailed
		if h, ok := subscribeHints[d.ErrCode]; ok {
			e.hint = hints[ErrSubscribeFailed] + " " + h
		}
	case tag != OpenTagLaunchWeapp && tag != OpenTagLaunchApp:
	case strings.Contains(status, "check fail"):
		e.kind = ErrLaunchCheckFailed
	default:
		e.kind = ErrLaunchFailed
	}
	return e
}

// OpenTagsErrorOf is the Error of the document's WeixinOpenTagsError
// event, from its detail ({errMsg}).
func OpenTagsErrorOf(detail []byte) *Error {
	var d struct {
		ErrMsg string `json:"errMsg"`
	}
	json.Unmarshal(detail, &d)
	status := cmp.Or(d.ErrMsg, "open tags unsupported")
	return &Error{API: "WeixinOpenTagsError", Status: status, Msg: d.ErrMsg, kind: ErrOpenTagsUnsupported}
}

// UseOpenTags declares that the page shows open tags of these kinds (the
// components of package wx/opentag call it as they mount). Every
// configuration made from then on declares them in openTagList. If the
// configuration in force (once it has settled) does not: one made with
// SignedConfig is made again with them, the page signed anew and verified
// once more; one made with Config by hand cannot be, and UseOpenTags fails
// with ErrOpenTagNotDeclared. Before any configuration it only records
// them. It blocks while a configuration is pending: call it from a
// goroutine.
func (s *SDK) UseOpenTags(ctx context.Context, tags ...OpenTag) error {
	// The tags are recorded first, so that a re-configuration another tag
	// makes meanwhile declares them too: the tags of one render, mounting
	// together, make one re-configuration.
	s.tagsMu.Lock()
	for _, t := range tags {
		s.tags[t] = true
	}
	s.tagsMu.Unlock()
	s.useMu.Lock()
	defer s.useMu.Unlock() // one re-configuration at a time: the next sees its tags
	_, a := s.life.now()
	if a == nil {
		return nil
	}
	if err := a.wait(ctx); err != nil {
		return err
	}
	var missing []OpenTag
	for _, t := range tags {
		if !a.tags[t] {
			missing = append(missing, t)
		}
	}
	switch {
	case len(missing) == 0:
		return nil
	case a.signing == nil:
		return &Error{API: APIConfig, Status: fmt.Sprintf("open tags %v are not in the openTagList of wx.config", missing), kind: ErrOpenTagNotDeclared}
	}
	return s.SignedConfigWith(ctx, a.signing.endpoint, a.signing.options)
}

// withOpenTags is c's openTagList with the tags the page declared.
func (s *SDK) withOpenTags(list []OpenTag) []OpenTag {
	s.tagsMu.Lock()
	declared := make([]OpenTag, 0, len(s.tags))
	for t := range s.tags {
		declared = append(declared, t)
	}
	s.tagsMu.Unlock()
	slices.Sort(declared)
	out := slices.Clone(list)
	for _, t := range declared {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
