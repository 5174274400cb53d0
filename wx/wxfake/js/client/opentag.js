// WeChat's open tags: wx-open-launch-weapp, wx-open-launch-app,
// wx-open-subscribe and wx-open-audio. The client, not jweixin, draws them:
// once a configuration that declares a tag in openTagList is verified, each
// such element in the document shows its template (the text of its
// <script type="text/wxtag-template"> child, or a <template> child) in a
// shadow root of its own, apart from the page's styles, and hears "ready".
// A tag the configuration did not declare stays empty and silent.
//
// A click is answered as scripted on the tag's name (wxfake.respond
// ("wx-open-launch-weapp", outcome)), with the outcomes of the interfaces:
//   launch tags: ok → "launch"; fail → "error" {errMsg: "launch:fail" or
//                "launch:fail_<message>", e.g. "launch:fail_check fail"};
//                cancel (the user closed WeChat's confirmation) → nothing.
//   subscribe:   ok → "success" {errMsg: "subscribe:ok", subscribeDetails}:
//                a JSON string of {templateId: JSON string of {"status": …}},
//                every template of the tag "accept" unless data says
//                ({templateId: status}, or {subscribeDetails} as is);
//                cancel → "success" with every template "cancel";
//                fail → "error" {errCode: data.errCode or 49001, errMsg}.
//   audio:       ok → "play", or "pause" while it plays; fail → "error"
//                {errMsg: "audio:fail…"}; wxfake.endAudio() → "ended".
// "never" answers nothing; "raw" dispatches raw.event with raw.detail.
// Each click is a call log entry {api: the tag, openTag: true, args: the
// tag's attributes, scripted, event, detail, errMsg}; in interactive
// mode, a click nobody scripted waits for the panel's answer.
//
// wxfake.openTagsError(errMsg) plays a client that cannot show open tags:
// the document hears WeixinOpenTagsError {errMsg} now and after every
// configuration that declares tags, and no tag is drawn.

var openTagNames = ["wx-open-launch-weapp", "wx-open-launch-app", "wx-open-subscribe", "wx-open-audio"];

openTagNames.forEach(function (name) {
  client(name, { openTag: true });
});

var openTagState = {
  waiting: [], // connected elements not drawn yet
  playing: [], // wx-open-audio elements playing
  unsupported: "", // the errMsg of WeixinOpenTagsError, when scripted
};

// drawable tells whether the verified configuration lets el be drawn.
function drawable(el) {
  var name = el.localName;
  return !openTagState.unsupported && state.openTags !== null && state.openTags.indexOf(name) >= 0;
}

// templateOf is the HTML el asks to be drawn, or null if it has none yet.
function templateOf(el) {
  for (var i = 0; i < el.children.length; i++) {
    var c = el.children[i];
    if (c.localName === "script" && String(c.type).toLowerCase() === "text/wxtag-template") return c.textContent;
    if (c.localName === "template") return c.innerHTML;
  }
  return null;
}

// draw shows el's template in its shadow root and tells the page it is
// ready, or leaves el waiting for a configuration that declares it (and
// for its template, which a page may add after the element).
function draw(el) {
  if (el.wxfakeDrawn || !el.isConnected) return;
  if (!drawable(el)) {
    if (openTagState.waiting.indexOf(el) < 0) openTagState.waiting.push(el);
    return;
  }
  var html = templateOf(el);
  if (html === null) {
    if (!el.wxfakeWatch) {
      el.wxfakeWatch = new MutationObserver(function () {
        if (templateOf(el) !== null) {
          el.wxfakeWatch.disconnect();
          el.wxfakeWatch = null;
          draw(el);
        }
      });
      el.wxfakeWatch.observe(el, { childList: true });
    }
    return;
  }
  var root = el.shadowRoot || el.attachShadow({ mode: "open" });
  root.innerHTML = "<style>:host{display:inline-block;cursor:pointer}</style>" + html;
  el.wxfakeDrawn = true;
  removeFrom(openTagState.waiting, el);
  later(function () {
    el.dispatchEvent(new CustomEvent("ready"));
  }, 0);
}

function removeFrom(list, v) {
  var i = list.indexOf(v);
  if (i >= 0) list.splice(i, 1);
}

// undraw empties a drawn tag (a client that cannot show them after all).
function undraw(el) {
  if (el.shadowRoot) el.shadowRoot.innerHTML = "";
  el.wxfakeDrawn = false;
  removeFrom(openTagState.playing, el);
}

function attributesOf(el) {
  var a = {};
  for (var i = 0; i < el.attributes.length; i++) {
    a[el.attributes[i].name] = el.attributes[i].value;
  }
  return a;
}

// logOpenTag adds el's entry to the call log, and returns it.
function logOpenTag(el) {
  var entry = { api: el.localName, bridge: el.localName, openTag: true, args: attributesOf(el), at: Date.now() };
  state.calls.push(entry);
  return entry;
}

// openTagClicked answers a click on a drawn tag as scripted.
// In interactive mode a click nobody scripted waits for a person, as calls do.
function openTagClicked(el) {
  var name = el.localName;
  var entry = logOpenTag(el);
  changed();
  if (interactive.hold && interactive.on && !(state.scripts[name] || []).length) {
    interactive.hold({
      entry: entry,
      answer: function (o) {
        answerOpenTag(el, name, entry, o);
      },
    });
    return;
  }
  answerOpenTag(el, name, entry, takeOutcome(name));
}

function answerOpenTag(el, name, entry, o) {
  entry.scripted = o.result;
  changed();
  if (o.result === "never") return;
  later(function () {
    var ev = openTagAnswer(el, name, o);
    if (!ev) {
      entry.errMsg = o.result === "cancel" ? openTagCall(name) + ":cancel" : "";
      changed();
      return;
    }
    dispatchOpenTagEvent(el, entry, ev.type, ev.detail);
  }, o.delay || 0);
}

// openTagCall is the call name of a tag's messages.
function openTagCall(name) {
  if (name === "wx-open-subscribe") return "subscribe";
  if (name === "wx-open-audio") return "audio";
  return "launch";
}

// openTagAnswer is the event a click answered with o makes, or null.
function openTagAnswer(el, name, o) {
  var call = openTagCall(name);
  if (o.result === "raw") {
    var raw = o.raw || {};
    return { type: raw.event || "error", detail: clone(raw.detail) || {} };
  }
  if (o.result === "fail") {
    var detail = { errMsg: failMessage(call, name, o.message) };
    if (call === "subscribe") detail = { errCode: (o.data && o.data.errCode) || 49001, errMsg: detail.errMsg };
    return { type: "error", detail: detail };
  }
  switch (call) {
    case "launch":
      if (o.result === "cancel") return null;
      return { type: "launch", detail: clone(o.data) || {} };
    case "subscribe":
      return { type: "success", detail: { errMsg: "subscribe:ok", subscribeDetails: subscribeDetails(el, o) } };
    default:
      if (o.result === "cancel") return null;
      return { type: openTagState.playing.indexOf(el) >= 0 ? "pause" : "play", detail: {} };
  }
}

// subscribeDetails is the success event's subscribeDetails for a click
// answered with o.
function subscribeDetails(el, o) {
  if (o.result === "ok" && o.data && typeof o.data.subscribeDetails === "string") return o.data.subscribeDetails;
  var statuses = {};
  String(el.getAttribute("template") || "")
    .split(",")
    .forEach(function (id) {
      id = id.trim();
      if (id) statuses[id] = o.result === "cancel" ? "cancel" : "accept";
    });
  if (o.result === "ok" && o.data) {
    Object.keys(o.data).forEach(function (id) {
      statuses[id] = String(o.data[id]);
    });
  }
  var byID = {};
  Object.keys(statuses).forEach(function (id) {
    byID[id] = JSON.stringify({ status: statuses[id] });
  });
  return JSON.stringify(byID);
}

function dispatchOpenTagEvent(el, entry, type, detail) {
  entry.event = type;
  entry.detail = clone(detail);
  entry.errMsg = (detail && detail.errMsg) || "";
  if (el.localName === "wx-open-audio") {
    if (type === "play") openTagState.playing.push(el);
    if (type === "pause" || type === "ended" || type === "error") removeFrom(openTagState.playing, el);
  }
  changed();
  el.dispatchEvent(new CustomEvent(type, { detail: detail }));
}

// endAudio ends every wx-open-audio that plays, as its track would.
function endAudio() {
  var ended = openTagState.playing.slice();
  ended.forEach(function (el) {
    var entry = logOpenTag(el);
    entry.scripted = "ended";
    dispatchOpenTagEvent(el, entry, "ended", {});
  });
  return ended.length;
}

function openTagsError(errMsg) {
  openTagState.unsupported = String(errMsg || "") || "open tags are not supported by this WeChat version";
  document.querySelectorAll(openTagNames.join(",")).forEach(undraw);
  document.dispatchEvent(new CustomEvent("WeixinOpenTagsError", { detail: { errMsg: openTagState.unsupported } }));
}

onVerified(function () {
  if (state.openTags === null || state.openTags.length === 0) return;
  if (openTagState.unsupported) {
    later(function () {
      document.dispatchEvent(new CustomEvent("WeixinOpenTagsError", { detail: { errMsg: openTagState.unsupported } }));
    }, 0);
    return;
  }
  openTagState.waiting.slice().forEach(draw);
});

onReset(function () {
  openTagState.unsupported = "";
  openTagState.waiting.slice().forEach(draw);
});

// The custom elements, defined as the webview defines them: once, whatever
// the page does, unless the page's document already has them.
if (window.customElements) {
  openTagNames.forEach(function (name) {
    if (window.customElements.get(name)) return;
    window.customElements.define(
      name,
      class extends HTMLElement {
        constructor() {
          super();
          var el = this;
          this.addEventListener("click", function () {
            if (el.wxfakeDrawn) openTagClicked(el);
          });
        }
        connectedCallback() {
          draw(this);
        }
        disconnectedCallback() {
          removeFrom(openTagState.waiting, this);
          removeFrom(openTagState.playing, this);
        }
      }
    );
  });
}

// openTags lists the open tags in the document: {tag, attrs, drawn, playing}.
function openTagsInDocument() {
  return Array.prototype.map.call(document.querySelectorAll(openTagNames.join(",")), function (el) {
    return { tag: el.localName, attrs: attributesOf(el), drawn: Boolean(el.wxfakeDrawn), playing: openTagState.playing.indexOf(el) >= 0 };
  });
}

window.wxfake.openTags = openTagsInDocument;
window.wxfake.endAudio = endAudio;
window.wxfake.openTagsError = openTagsError;
