// The panel: for a person developing in a desktop browser. It lists the
// calls the page makes as they settle (with the client's name and its
// answer), fires the events of the listeners the page registered and shows
// what they carried, switches the flavour, and, in "answer myself" mode,
// holds each call until the person answers ok, cancel or fail. It shows
// when the script is loaded with ?panel=1 (or wxfakeOptions.panel), or
// after wxfake.panel(true), and folds into a small tab that stays folded
// across reloads. It starts folded if the page asks (wxfakeOptions.folded:
// a narrow screen, say) until the person unfolds it, which is remembered too.

var panel = {
  host: null,
  root: null,
  held: [], // calls waiting for the person
};

// collapsedKey is where the folded state is remembered, per origin.
var collapsedKey = "wxfake.panel.collapsed";

function collapsed() {
  var kept = null;
  try {
    kept = window.localStorage.getItem(collapsedKey);
  } catch (e) {
    // storage refused: the page's choice
  }
  return kept === null ? Boolean(given.folded) : kept === "1";
}

function setCollapsed(on) {
  try {
    window.localStorage.setItem(collapsedKey, on ? "1" : "0");
  } catch (e) {
    // storage refused: the state lasts until the page goes
  }
  panel.folded = on;
  renderPanel();
}
panel.folded = collapsed();

// Payloads the panel fires for each client event.
var samplePayloads = {
  onVoiceRecordEnd: function () {
    return { localId: newResource("weixin://voice/") };
  },
  onVoicePlayEnd: function () {
    return { localId: newResource("weixin://voice/") };
  },
  onBeaconsInRange: function () {
    return {
      beacons: [{ major: 10001, minor: 12, uuid: "FDA50693-A4E2-4FB1-AFCF-C6EB07647825", accuracy: "0.94", proximity: "1", rssi: "-61", heading: "288.1" }],
    };
  },
};

interactive.hold = function (call) {
  panel.held.push(call);
  renderPanel();
};

function showPanel(on) {
  if (!on) {
    if (panel.host) panel.host.remove();
    panel.host = panel.root = null;
    return;
  }
  if (panel.host) return;
  var mount = function () {
    panel.host = document.createElement("div");
    panel.host.id = "wxfake-panel";
    panel.root = panel.host.attachShadow({ mode: "open" });
    // Beside the body, not in it: the page's framework may own the body's children.
    document.documentElement.appendChild(panel.host);
    renderPanel();
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
}

function el(tag, attrs, children) {
  var e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === "onclick" || k === "onchange") e[k] = attrs[k];
    else if (k === "text") e.textContent = attrs[k];
    else e.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) {
    if (c) e.appendChild(c);
  });
  return e;
}

function text(s) {
  return document.createTextNode(s);
}

function summary(v, max) {
  var s = typeof v === "string" ? v : JSON.stringify(v === undefined ? {} : v);
  max = max || 90;
  return s.length > max ? s.substring(0, max - 1) + "…" : s;
}

// describe renders a payload as lines "key: value": lists of objects one
// item a line, "no payload" for an empty one.
function describe(payload) {
  var keys = Object.keys(payload || {});
  if (keys.length === 0) return ["no payload"];
  var lines = [];
  keys.forEach(function (k) {
    var v = payload[k];
    if (Array.isArray(v) && v.length && typeof v[0] === "object") {
      lines.push(k + ": " + v.length);
      v.forEach(function (item) {
        lines.push("  " + Object.keys(item || {}).map(function (f) {
          return f + " " + summary(item[f], 40);
        }).join(" · "));
      });
    } else {
      lines.push(k + ": " + summary(v, 70));
    }
  });
  return lines;
}

// status is a call's state as the panel shows it, and its colour class.
function status(c) {
  if (c.listener) return ["listening", "msg"];
  if (c.scripted === "never") return ["never answered", "msg"];
  if (c.openTag && c.event) return [c.event + (c.errMsg ? " " + c.errMsg : ""), c.event === "error" ? "bad" : "good"];
  if (!c.errMsg) return ["…", "msg"];
  var s = c.errMsg.substring(c.errMsg.indexOf(":") + 1);
  return [c.errMsg, s === "ok" ? "good" : s === "cancel" ? "msg" : "bad"];
}

var panelStyle =
  ":host{all:initial}" +
  ".p{position:fixed;right:12px;bottom:12px;width:340px;max-height:60vh;overflow:auto;z-index:2147483647;" +
  "background:#1f2328;color:#e6edf3;font:12px/1.4 system-ui,sans-serif;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.35);padding:8px 10px}" +
  ".tab{position:fixed;right:12px;bottom:12px;z-index:2147483647;background:#1f2328;color:#e6edf3;font:12px/1 system-ui,sans-serif;" +
  "border:0;border-radius:14px;padding:7px 11px;box-shadow:0 2px 8px rgba(0,0,0,.35);cursor:pointer}" +
  ".head{display:flex;justify-content:space-between;align-items:center;margin:0 0 6px}" +
  "h1{font-size:13px;margin:0;color:#07c160}h2{font-size:11px;margin:8px 0 3px;color:#9da7b3;text-transform:uppercase}" +
  "button{font:inherit;margin:0 3px 0 0;padding:1px 6px;border-radius:4px;border:0;cursor:pointer}" +
  ".ok{background:#07c160;color:#fff}.cancel{background:#9da7b3}.fail{background:#d73a49;color:#fff}.fire{background:#3b82f6;color:#fff}" +
  ".fold{background:#30363d;color:#e6edf3}.row{margin:3px 0;overflow-wrap:anywhere}.api{font-weight:600}" +
  ".msg{color:#9da7b3}.good{color:#3fb950}.bad{color:#f85149}.waiting{color:#d29922}" +
  "label{margin-right:8px;white-space:nowrap}pre{margin:2px 0 0 10px;white-space:pre-wrap;color:#c9d1d9;font:11px/1.35 ui-monospace,monospace}" +
  "details summary{cursor:pointer;list-style:none}details summary::-webkit-details-marker{display:none}";

function renderPanel() {
  if (!panel.root) return;
  var root = panel.root;
  root.textContent = "";
  root.appendChild(el("style", { text: panelStyle }));
  if (panel.folded) {
    var label = "wx · " + state.calls.length + " calls" + (panel.held.length ? " · " + panel.held.length + " waiting" : "");
    root.appendChild(el("button", { class: "tab", title: "fake jWeixin: open the panel", onclick: function () { setCollapsed(false); }, text: label }));
    return;
  }
  var box = el("div", { class: "p" });
  root.appendChild(box);
  box.appendChild(el("div", { class: "head" }, [
    el("h1", { text: options.layer === "bridge" ? "fake WeChat client (official jweixin)" : "fake jWeixin" }),
    el("button", { class: "fold", title: "fold into a tab", onclick: function () { setCollapsed(true); }, text: "–" }),
  ]));
  box.appendChild(controls());
  held(box);
  events(box);
  calls(box);
}

function controls() {
  var flavour = el("select", {
    onchange: function (e) {
      if (options.layer === "bridge") {
        // jweixin read the user agent at load: the new flavour needs a reload.
        try {
          window.sessionStorage.setItem(flavourKey, e.target.value);
        } catch (err) {
          return;
        }
        location.reload();
        return;
      }
      options.flavour = e.target.value;
    },
  }, ["android", "ios"].map(function (f) {
    var o = el("option", { value: f, text: f });
    if (f === options.flavour) o.selected = true;
    return o;
  }));
  var mine = el("input", {
    type: "checkbox",
    onchange: function (e) {
      interactive.on = e.target.checked;
      if (!interactive.on) releaseHeld("ok");
    },
  });
  mine.checked = interactive.on;
  return el("div", {}, [el("label", {}, [text("flavour "), flavour]), el("label", {}, [mine, text(" answer calls myself")])]);
}

function held(box) {
  if (!panel.held.length) return;
  box.appendChild(el("h2", { text: "waiting for you" }));
  panel.held.forEach(function (call, i) {
    var answer = function (result) {
      return function () {
        panel.held.splice(panel.held.indexOf(call), 1);
        var o = { result: result };
        if (result === "fail") o.message = "failed in the panel";
        call.answer(o);
        renderPanel();
      };
    };
    box.appendChild(el("div", { class: "row", "data-held": String(i) }, [
      el("span", { class: "api", text: call.entry.api + " " }),
      el("span", { class: "msg", text: summary(call.entry.args) + " " }),
      el("button", { class: "ok", onclick: answer("ok"), text: "ok" }),
      el("button", { class: "cancel", onclick: answer("cancel"), text: "cancel" }),
      el("button", { class: "fail", onclick: answer("fail"), text: "fail" }),
    ]));
  });
}

function events(box) {
  var names = Object.keys(state.handlers);
  if (names.length || openTagState.playing.length) {
    box.appendChild(el("h2", { text: "events" }));
    names.forEach(function (ev) {
      box.appendChild(el("div", { class: "row" }, [
        el("button", {
          class: "fire",
          onclick: function () {
            fire(ev, samplePayloads[ev] ? samplePayloads[ev]() : {});
          },
          text: "fire",
        }),
        el("span", { class: "api", text: " " + toPublic(ev) }),
      ]));
    });
    if (openTagState.playing.length) {
      box.appendChild(el("div", { class: "row" }, [
        el("button", { class: "fire", onclick: endAudio, text: "end" }),
        el("span", { class: "api", text: " wx-open-audio (playing)" }),
      ]));
    }
  }
  if (!state.events.length) return;
  box.appendChild(el("h2", { text: "fired" }));
  state.events.slice(-4).reverse().forEach(function (e) {
    var lines = describe(e.payload);
    // A menu share's event makes the share call: its outcome is the event's.
    e.calls.forEach(function (c) {
      lines.push("→ " + status(c)[0]);
    });
    box.appendChild(el("div", { class: "row", "data-event": e.event }, [
      el("span", { class: "api", text: e.event }),
      el("pre", { text: lines.join("\n") }),
    ]));
  });
}

function calls(box) {
  box.appendChild(el("h2", { text: "calls" }));
  state.calls.slice(-10).reverse().forEach(function (c) {
    var s = status(c);
    var waiting = panel.held.some(function (h) {
      return h.entry === c;
    });
    var head = el("summary", {}, [
      el("span", { class: "api", text: c.api + " " }),
      el("span", { class: waiting ? "waiting" : s[1], "data-status": "", text: waiting ? "waiting for you" : s[0] }),
      c.inner ? el("span", { class: "msg", text: " (jweixin's statistics)" }) : null,
    ]);
    var detail = ["client: " + c.bridge, "args: " + summary(c.args, 400)];
    if (c.native) detail.push("answer: " + summary(c.native, 400));
    if (c.report) detail.push("report kept: " + summary(c.report, 200));
    box.appendChild(el("details", { class: "row", "data-call": c.api }, [head, el("pre", { text: detail.join("\n") })]));
  });
}

// releaseHeld answers every held call with result.
function releaseHeld(result) {
  var waiting = panel.held;
  panel.held = [];
  waiting.forEach(function (call) {
    call.answer({ result: result });
  });
  renderPanel();
}

watchers.push(renderPanel);

window.wxfake.panel = showPanel;
// interactive switches "answer calls myself" on or off; off answers what waits with ok.
window.wxfake.interactive = function (on) {
  interactive.on = Boolean(on);
  if (!interactive.on) releaseHeld("ok");
  renderPanel();
};
// setFlavour switches how the client encodes answers: "android" or "ios".
window.wxfake.setFlavour = function (f) {
  options.flavour = f === "ios" ? "ios" : "android";
  renderPanel();
};
// held lists the calls waiting for a person: {api, args}.
window.wxfake.held = function () {
  return panel.held.map(function (c) {
    return { api: c.entry.api, args: clone(c.entry.args) };
  });
};
// answerHeld answers the i-th held call with outcome, as the panel's buttons do.
window.wxfake.answerHeld = function (i, outcome) {
  var call = panel.held[i];
  if (!call) return false;
  panel.held.splice(i, 1);
  call.answer(outcome || { result: "ok" });
  renderPanel();
  return true;
};

if (options.panel) showPanel(true);
