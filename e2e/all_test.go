//go:build e2e

package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx"
	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

// The "all interfaces" page has one button per interface, each labelled in
// Chinese and English; pressed in the page's order, each runs its
// interface with the demo's options (what one call gives, the next uses)
// and shows its outcome.
func TestAllInterfaces(t *testing.T) {
	srv := startServer(t)
	ctx := open(t, srv.URL)
	goTo(t, ctx, "all")
	type cell struct {
		ID       string `json:"id"`
		Zh       string `json:"zh"`
		En       string `json:"en"`
		API      string `json:"api"`
		Listener bool   `json:"listener"`
	}
	cells := within(t, ctx, chromedp.Evaluate[[]cell](`[...document.querySelectorAll("#group-all .cell")].map(c => ({
		id: c.id, zh: c.querySelector(".zh").textContent, en: c.querySelector(".en").textContent,
		api: c.querySelector("button.api").title, listener: c.querySelector("button.stop") !== null}))`))
	want := append(wx.APIs(), wx.APIMiniProgramNavigateTo, wx.APIMiniProgramNavigateBack, wx.APIMiniProgramRedirectTo,
		wx.APIMiniProgramSwitchTab, wx.APIMiniProgramReLaunch, wx.APIMiniProgramPostMessage, wx.APIMiniProgramGetEnv)
	var got []wx.API
	for _, c := range cells {
		got = append(got, wx.API(c.API))
		if c.Zh == "" || c.En == "" || !strings.ContainsFunc(c.Zh, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
			t.Errorf("%s: labelled %q / %q, want Chinese and English", c.API, c.Zh, c.En)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("the page's buttons are for %v, want one for each of %v", got, want)
	}
	for _, c := range cells {
		api := strings.TrimPrefix(c.ID, "all-")
		if c.Listener {
			listenAt(t, ctx, c.ID, c.API)
			waitText(t, ctx, c.ID+"-result", "listening")
			continue
		}
		res, errText, sentinel := runControl(t, ctx, c.ID)
		if errText != "" || res == "" {
			t.Errorf("%s: %q (%s), want a result", c.API, errText, sentinel)
		}
		if c.API != string(wx.APIMiniProgramGetEnv) { // answered by the SDK alone
			if call := lastCall(within(t, ctx, wxfakecdp.Calls()), c.API); call.API == "" {
				t.Errorf("%s (#%s): the fake saw no call", c.API, api)
			}
		}
	}
	if t.Failed() {
		return
	}
	// What one call gave, the next used: the image chosen was uploaded.
	chosen := lastCall(within(t, ctx, wxfakecdp.Calls()), "uploadImage")
	if id := fmt.Sprint(chosen.Args["localId"]); !strings.HasPrefix(id, "weixin://resourceid/") {
		t.Errorf("uploadImage got localId %s, want the one chooseImage gave", id)
	}
}
