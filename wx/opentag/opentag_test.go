package opentag

import (
	"reflect"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// TestAttributes: each component writes the attributes WeChat reads,
// with its rules applied (.html in a mini program path, JSON data).
func TestAttributes(t *testing.T) {
	for _, tt := range []struct {
		c    interface{ tag() *tag }
		name wx.OpenTag
		want [][2]string
	}{
		{&LaunchWeapp{Username: "gh_1", Path: "pages/a?x=1", EnvVersion: wx.EnvVersionTrial, ExtraData: map[string]int{"a": 1}},
			wx.OpenTagLaunchWeapp, [][2]string{{"username", "gh_1"}, {"appid", ""}, {"path", "pages/a.html?x=1"}, {"env-version", "trial"}, {"extra-data", `{"a":1}`}}},
		{&LaunchApp{AppID: "wxapp", ExtInfo: "deep/link"}, wx.OpenTagLaunchApp, [][2]string{{"appid", "wxapp"}, {"extinfo", "deep/link"}}},
		{&Subscribe{Templates: []string{"t1", "t2"}}, wx.OpenTagSubscribe, [][2]string{{"template", "t1,t2"}}},
		{&Audio{Src: "https://example.com/a.mp3", Title: "T"}, wx.OpenTagAudio,
			[][2]string{{"src", "https://example.com/a.mp3"}, {"title", "T"}, {"episode", ""}, {"singer", ""}, {"cover", ""}}},
	} {
		tg := tt.c.tag()
		if tg.name != tt.name || !reflect.DeepEqual(tg.attrs, tt.want) {
			t.Errorf("%s: %v, want %v", tg.name, tg.attrs, tt.want)
		}
	}
}

// TestKeyedByAttributes: a change of attribute or template makes another
// component (go-app mounts a new element: the client ignores changes).
func TestKeyedByAttributes(t *testing.T) {
	a := &LaunchWeapp{Username: "gh_1", Content: Content{HTML: "<button>Go</button>"}}
	same := &LaunchWeapp{Username: "gh_1", Content: Content{HTML: "<button>Go</button>"}}
	if a.CompoID() != same.CompoID() {
		t.Fatal("equal tags keyed apart")
	}
	for _, other := range []*LaunchWeapp{
		{Username: "gh_2", Content: Content{HTML: "<button>Go</button>"}},
		{Username: "gh_1", Path: "p", Content: Content{HTML: "<button>Go</button>"}},
		{Username: "gh_1", Content: Content{HTML: "<button>Open</button>"}},
	} {
		if other.CompoID() == a.CompoID() {
			t.Errorf("%+v keyed as %+v", other, a)
		}
	}
	if (&LaunchApp{AppID: "x"}).CompoID() == (&Subscribe{Templates: []string{"x"}}).CompoID() {
		t.Error("two kinds of tag keyed alike")
	}
}

func TestTemplate(t *testing.T) {
	c := Content{Template: app.Button().Class("b").Text("Open"), Style: ".b { padding: 12px }"}
	if got, want := c.html(), `<style>.b { padding: 12px }</style><button class="b">Open</button>`; got != want {
		t.Fatalf("template %q, want %q", got, want)
	}
	if got := (Content{HTML: "<i>x</i>"}).html(); got != "<i>x</i>" {
		t.Fatalf("raw template %q", got)
	}
}
