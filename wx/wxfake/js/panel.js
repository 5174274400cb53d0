// The panel: for a person developing in a desktop browser. It lists the
// calls the page makes and their answers, fires the events of the
// listeners the page registered, switches the flavour, and, in "answer
// myself" mode, holds each call until the person answers ok, cancel or
// fail. It shows when the script is loaded with ?panel=1 (or
// wxfakeOptions.panel), or after wxfake.panel(true).

var panel = {
  host: null,
  root: null,
  held: [], // calls waiting for the person
};

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

function summary(args) {
  var s = JSON.stringify(args || {});
  return s.length > 90 ? s.substring(0, 87) + "…" : s;
}

function renderPanel() {
  if (!panel.root) return;
  var root = panel.root;
  root.textContent = "";
  root.appendChild(
    el("style", {
      text:
        ":host{all:initial}" +
        ".p{position:fixed;right:12px;bottom:12px;width:330px;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#1f2328;color:#e6edf3;font:12px/1.4 system-ui,sans-serif;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.35);padding:8px 10px}" +
        "h1{font-size:13px;margin:0 0 6px;color:#07c160}h2{font-size:11px;margin:8px 0 3px;color:#9da7b3;text-transform:uppercase}" +
        "button{font:inherit;margin:0 3px 0 0;padding:1px 6px;border-radius:4px;border:0;cursor:pointer}" +
        ".ok{background:#07c160;color:#fff}.cancel{background:#9da7b3}.fail{background:#d73a49;color:#fff}.fire{background:#3b82f6;color:#fff}" +
        ".row{margin:3px 0;word-break:break-all}.api{font-weight:600}.msg{color:#9da7b3}label{margin-right:8px}",
    })
  );
  var box = el("div", { class: "p" });
  root.appendChild(box);
  var flavour = el("select", {
    onchange: function (e) {
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
  box.appendChild(el("h1", { text: "fake jWeixin" }));
  box.appendChild(el("div", {}, [el("label", {}, [document.createTextNode("flavour "), flavour]), el("label", {}, [mine, document.createTextNode(" answer calls myself")])]));

  if (panel.held.length) {
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

  var events = Object.keys(state.handlers);
  if (events.length) {
    box.appendChild(el("h2", { text: "events" }));
    events.forEach(function (ev) {
      box.appendChild(el("div", { class: "row" }, [
        el("button", {
          class: "fire",
          onclick: function () {
            var h = state.handlers[ev];
            if (h) h(samplePayloads[ev] ? samplePayloads[ev]() : {});
          },
          text: "fire",
        }),
        el("span", { class: "api", text: " " + toPublic(ev) }),
      ]));
    });
  }

  box.appendChild(el("h2", { text: "calls" }));
  state.calls.slice(-8).reverse().forEach(function (c) {
    box.appendChild(el("div", { class: "row" }, [
      el("span", { class: "api", text: c.api + " " }),
      el("span", { class: "msg", text: c.listener ? "(listening)" : c.errMsg || (c.scripted === "never" ? "(never answered)" : "…") }),
    ]));
  });
}

// releaseHeld answers every held call with result.
function releaseHeld(result) {
  var held = panel.held;
  panel.held = [];
  held.forEach(function (call) {
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
