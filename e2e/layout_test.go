//go:build e2e

package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// layout is what measureLayout found on the page as it is shown.
type layout struct {
	// Top is the height of the header and the menu: from the top of the
	// page to the top of its main part.
	Top float64 `json:"top"`
	// Panel is the fake's panel: "open", "folded" (its tab) or "" (none).
	Panel string `json:"panel"`
	// Covered are the controls and results whose visible part meets the
	// panel's box, at some position of the page's scroll.
	Covered []string `json:"covered"`
	// Checkboxes are those not on one line with their label, box first.
	Checkboxes []string `json:"checkboxes"`
	// Misaligned are the entry fields not level with the others of their
	// row of a form.
	Misaligned []string `json:"misaligned"`
	// Overflow are the elements wider than the page, which it would cut
	// or scroll sideways.
	Overflow []string `json:"overflow"`
	// Stuck is set when the page is taller than its view but does not
	// scroll: the part below the view is out of a user's reach.
	Stuck string `json:"stuck"`
}

// measureLayout measures the page, scrolling it from top to bottom by
// half its height, and scrolls it back to the top.
func measureLayout(t *testing.T, ctx context.Context) layout {
	t.Helper()
	return within(t, ctx, chromedp.Evaluate[layout](`(() => {
		const name = el => el.id ? "#" + el.id : el.tagName.toLowerCase() + "." + [...el.classList].join(".") + " " + JSON.stringify((el.textContent || "").trim().slice(0, 30));
		const host = document.getElementById("wxfake-panel");
		const box = host && host.shadowRoot && host.shadowRoot.querySelector(".p, .tab");
		const out = {top: 0, panel: box ? (box.classList.contains("tab") ? "folded" : "open") : "", covered: [], checkboxes: [], misaligned: [], overflow: []};
		const body = document.body;
		// The page scrolls in the body when it keeps a strip for the panel, else in the document.
		const scroller = getComputedStyle(body).overflowY === "auto" ? body : document.scrollingElement;
		const view = scroller === body ? body.getBoundingClientRect() : {top: 0, left: 0, right: innerWidth, bottom: innerHeight};
		scroller.scrollTop = 0;
		out.top = document.querySelector("main").getBoundingClientRect().top - body.getBoundingClientRect().top;
		const shown = ".app :is(button, input, select, a, label, h1, h2, h3, p, li, .result, .error, .images img)";
		const max = scroller.scrollHeight - scroller.clientHeight;
		const stops = [];
		for (let y = 0; y < max; y += Math.max(1, scroller.clientHeight / 2)) stops.push(y);
		stops.push(max);
		const panel = box && box.getBoundingClientRect();
		for (const y of stops) {
			scroller.scrollTop = y;
			if (Math.abs(scroller.scrollTop - y) > 1 && !out.stuck) {
				out.stuck = "asked to scroll to " + Math.round(y) + " of " + Math.round(max) + " px, the page stays at " + Math.round(scroller.scrollTop);
			}
			for (const el of panel ? document.querySelectorAll(shown) : []) {
				const r = el.getBoundingClientRect();
				const top = Math.max(r.top, view.top), bottom = Math.min(r.bottom, view.bottom);
				const left = Math.max(r.left, view.left), right = Math.min(r.right, view.right);
				if (bottom <= top || right <= left) continue;
				if (left < panel.right && right > panel.left && top < panel.bottom && bottom > panel.top) {
					out.covered.push(name(el) + " at scroll " + Math.round(y));
				}
			}
		}
		scroller.scrollTop = 0;
		for (const box of document.querySelectorAll(".app input[type=checkbox]")) {
			const words = box.closest("label") && box.closest("label").querySelector("span");
			const b = box.getBoundingClientRect(), s = words ? words.getBoundingClientRect() : null;
			if (!s || Math.abs((b.top + b.bottom) / 2 - (s.top + s.bottom) / 2) > 4 || b.right > s.left) out.checkboxes.push(name(box));
		}
		for (const form of document.querySelectorAll(".fields")) {
			const rows = new Map(); // a row's entries, by the bottom of their fields (the grid's row)
			for (const entry of form.querySelectorAll("label.field:not(.check) :is(input, select)")) {
				const row = Math.round(entry.closest("label").getBoundingClientRect().bottom);
				rows.set(row, [...(rows.get(row) || []), entry]);
			}
			for (const entries of rows.values()) {
				const first = entries[0].getBoundingClientRect();
				for (const e of entries.slice(1)) {
					const r = e.getBoundingClientRect();
					if (Math.abs(r.top - first.top) > 1 || Math.abs(r.height - first.height) > 1) out.misaligned.push(name(e) + " beside " + name(entries[0]));
				}
			}
		}
		// Beyond the page's right edge; the menu scrolls sideways on purpose, within itself.
		const edge = scroller === body ? body.clientWidth : document.documentElement.clientWidth;
		for (const el of document.querySelectorAll(".app *")) {
			if (el.closest(".menu")) continue;
			if (el.getBoundingClientRect().right > edge + 0.5) out.overflow.push(name(el));
		}
		if (scroller.scrollWidth > scroller.clientWidth) out.overflow.push("the page scrolls sideways");
		out.covered = out.covered.slice(0, 10);
		out.overflow = out.overflow.slice(0, 10);
		return out;
	})()`))
}

// checkLayout checks the rules every page keeps at a size: nothing under
// the fake's panel, a page that scrolls, checkboxes beside their labels, the fields of a row
// level, nothing wider than the page, and on a phone a header and menu of
// 120 px at most.
func checkLayout(t *testing.T, l layout, width int) {
	t.Helper()
	if len(l.Covered) > 0 {
		t.Errorf("under the fake's panel (%s): %v", l.Panel, l.Covered)
	}
	if len(l.Checkboxes) > 0 {
		t.Errorf("checkboxes not beside their labels: %v", l.Checkboxes)
	}
	if len(l.Misaligned) > 0 {
		t.Errorf("fields not level with their row: %v", l.Misaligned)
	}
	if len(l.Overflow) > 0 {
		t.Errorf("wider than the page: %v", l.Overflow)
	}
	if l.Stuck != "" {
		t.Errorf("the page does not scroll: %s", l.Stuck)
	}
	if width <= 414 && l.Top > 120 {
		t.Errorf("the header and the menu take %.0f px, more than 120", l.Top)
	}
}

// panelShadow runs js with r, the fake's panel's shadow root.
func panelShadow(js string) string {
	return `(() => { const h = document.getElementById("wxfake-panel"); const r = h && h.shadowRoot; if (!r) return null; return ` + js + `; })()`
}

// unfoldPanel opens the fake's panel if it is folded into its tab, as a
// person does, and waits for it.
func unfoldPanel(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](panelShadow(`r.querySelector(".tab") && r.querySelector(".tab").click()`)))
	within(t, ctx, chromedp.Poll[bool](panelShadow(`r.querySelector(".p") !== null`)))
}

// panelState is "open", "folded" or "" (no panel).
func panelState(t *testing.T, ctx context.Context) string {
	t.Helper()
	return within(t, ctx, chromedp.Evaluate[string](panelShadow(`r.querySelector(".p") ? "open" : r.querySelector(".tab") ? "folded" : ""`)+` || ""`))
}

// The panel starts folded on a phone and open on a wide screen; the
// person's choice then stays across reloads, and the page leaves room for
// the panel as it is.
func TestPanelRoom(t *testing.T) {
	srv := startServer(t)
	for _, size := range []struct {
		width, height int64
		starts        string
	}{{414, 896, "folded"}, {1280, 800, "open"}} {
		ctx := newTab(t)
		do(t, ctx, chromedp.EmulateViewport(size.width, size.height), chromedp.Navigate(srv.URL+"image"))
		waitText(t, ctx, "wx-status", "config:ok")
		within(t, ctx, chromedp.Poll[bool](panelShadow(`r.querySelector(".p, .tab") !== null`)))
		if got := panelState(t, ctx); got != size.starts {
			t.Errorf("%d px wide, the panel starts %s, want %s", size.width, got, size.starts)
		}
		if size.starts == "folded" {
			unfoldPanel(t, ctx)
			runControl(t, ctx, "chooseImage") // the panel grows with the calls
			checkLayout(t, measureLayout(t, ctx), int(size.width))
			do(t, ctx, chromedp.Reload())
			waitText(t, ctx, "wx-status", "config:ok")
			within(t, ctx, chromedp.Poll[bool](panelShadow(`r.querySelector(".p, .tab") !== null`)))
			if got := panelState(t, ctx); got != "open" {
				t.Errorf("unfolded, then reloaded: the panel is %s", got)
			}
		}
		checkLayout(t, measureLayout(t, ctx), int(size.width))
	}
}
