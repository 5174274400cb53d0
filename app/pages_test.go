package main

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// every is each interface the demo offers: all of jsApiList's, and the
// mini program's.
func every() []wx.API {
	return append(wx.APIs(), wx.APIMiniProgramNavigateTo, wx.APIMiniProgramNavigateBack, wx.APIMiniProgramRedirectTo,
		wx.APIMiniProgramSwitchTab, wx.APIMiniProgramReLaunch, wx.APIMiniProgramPostMessage, wx.APIMiniProgramGetEnv)
}

// Each interface has one control on one group's page, and one button, with
// Chinese and English words, on the "all interfaces" page.
func TestEveryInterfaceHasAPageAndAButton(t *testing.T) {
	onPages := map[wx.API]string{}
	paths := map[string]bool{allPath: true, "": true}
	for _, g := range groups() {
		if paths[g.path] || g.title == "" || g.zh == "" || g.about == "" {
			t.Errorf("page %q (%q, %q): a path taken, or words missing", g.path, g.title, g.zh)
		}
		paths[g.path] = true
		for _, s := range g.specs {
			if prev, ok := onPages[s.api]; ok {
				t.Errorf("%s is on the %s and the %s page", s.api, prev, g.path)
			}
			onPages[s.api] = g.path
			if (s.run == nil) == (s.listen == nil) {
				t.Errorf("%s: a control runs or listens, one of them", s.api)
			}
		}
	}
	var buttons []wx.API
	for _, sec := range catalogue() {
		for _, e := range sec.entries {
			buttons = append(buttons, e.api)
			if !strings.ContainsFunc(e.zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) || e.en == "" {
				t.Errorf("%s's button reads %q / %q", e.api, e.zh, e.en)
			}
			if _, ok := onPages[e.api]; !ok {
				t.Errorf("%s has a button and no control to run", e.api)
			}
		}
	}
	want := every()
	slices.Sort(want)
	slices.Sort(buttons)
	if !slices.Equal(buttons, want) {
		t.Errorf("buttons for %v, want one for each of %v", buttons, want)
	}
	if len(onPages) != len(want) {
		t.Errorf("%d interfaces on the pages, want %d", len(onPages), len(want))
	}
}

func TestSessionOptions(t *testing.T) {
	o := sessionOptionsOf(url.Values{})
	if o.manual || !slices.Equal(o.apis, wx.APIs()) {
		t.Errorf("no query: %+v", o)
	}
	o = sessionOptionsOf(url.Values{"apis": {"getNetworkType, chooseImage,"}, "config": {"manual"}})
	if !o.manual || !slices.Equal(o.apis, []wx.API{wx.APIGetNetworkType, wx.APIChooseImage}) {
		t.Errorf("apis and manual: %+v", o)
	}
}

// An empty memo field stands for the memo; what is entered wins.
func TestWithMemos(t *testing.T) {
	fields := []field{{name: "localId", memo: "voice.localId"}, {name: "title"}}
	recalled := values{"localId": "weixin://voice/9"}
	if v := withMemos(fields, values{"localId": " ", "title": ""}, recalled); v["localId"] != "weixin://voice/9" || v["title"] != "" {
		t.Errorf("empty: %v", v)
	}
	if v := withMemos(fields, values{"localId": "mine"}, recalled); v["localId"] != "mine" {
		t.Errorf("entered: %v", v)
	}
	if m := memos("a", "1", "b", ""); !slices.Equal(m, []memo{{"a", "1"}}) {
		t.Errorf("memos keep no empty value: %v", m)
	}
}

func TestValues(t *testing.T) {
	v := values{"n": " 3 ", "f": "1.5", "l": " a, ,b ,", "b": "true"}
	if v.int("n") != 3 || v.float("f") != 1.5 || !slices.Equal(v.list("l"), []string{"a", "b"}) || !v.flag("b") || v.flag("n") || v.int("none") != 0 {
		t.Errorf("values read wrong: %d %g %q %v", v.int("n"), v.float("f"), v.list("l"), v.flag("b"))
	}
}

// A checkbox comes before its words, in its label; other fields have
// their words above.
func TestCheckboxBesideLabel(t *testing.T) {
	html := app.HTMLString(renderField("x-hide", hideProgressTips(), "true", "", nil))
	box, words := strings.Index(html, `type="checkbox"`), strings.Index(html, "hide progress tips")
	if !strings.HasPrefix(html, `<label class="field check">`) || box < 0 || words < box || !strings.Contains(html, "checked") {
		t.Errorf("checkbox field: %s", html)
	}
	html = app.HTMLString(renderField("x-t", field{name: "t", label: "title"}, "v", "", nil))
	if !strings.HasPrefix(html, `<label class="field">`) || strings.Index(html, "title") > strings.Index(html, "<input") {
		t.Errorf("text field: %s", html)
	}
}
