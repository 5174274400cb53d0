// gowx fake WeChat client: the client layer of the fake jWeixin. It is
// window.WeixinJSBridge, as WeChat's webview injects it: invoke, call, on
// and log, the WeixinJSBridgeReady event once, answers in the native shapes
// of the chosen flavour (Android or iOS), wx.config verified by a wechatfake
// server (the "verify" option), the call log, scripting, events and the
// controller window.wxfake.
//
// The same client serves both layers: under the fake SDK layer (js/sdk,
// the full fake jWeixin) and alone, under the official jweixin-1.6.0.js
// (with js/bridge). The layer is set by the assembly, in wxfake.go.
//
// This file is the machinery; the other files of js/client define each
// interface's answers with client(name, spec).
//
// Options come from the script's own query string (?verify=<url>&flavour=
// android|ios&panel=1) or from window.wxfakeOptions set before the script.

var document = window.document;
var navigator = window.navigator;
var location = window.location;

var params = new URLSearchParams();
if (document.currentScript && document.currentScript.src) {
  params = new URL(document.currentScript.src, location.href).searchParams;
}
var given = window.wxfakeOptions || {};
// landingURL is the page's address when it loaded: iOS WeChat verifies a
// single-page app's configuration against it, Android against the current one.
var landingURL = location.href;

// flavourKey is where the panel keeps a flavour chosen for this tab under
// the official SDK, which reads the user agent once: choosing one reloads.
var flavourKey = "wxfake.flavour";

function chosenFlavour() {
  if (layer !== "bridge") return "";
  try {
    return window.sessionStorage.getItem(flavourKey) || "";
  } catch (e) {
    return ""; // storage refused (an opaque origin)
  }
}

// initialFlavour is the flavour asked for, or the browser's own. Under the
// official SDK a WeChat user agent already there (a test's emulation of a
// phone) decides, since jweixin reads it.
function initialFlavour() {
  var own = /iphone|ipad/i.test(navigator.userAgent) ? "ios" : "android";
  if (layer === "bridge" && /micromessenger/i.test(navigator.userAgent)) return own;
  return chosenFlavour() || given.flavour || params.get("flavour") || own;
}

var options = {
  // layer is "full" (the fake jWeixin) or "bridge" (the client alone).
  layer: layer,
  verify: given.verify || params.get("verify") || "",
  panel: Boolean(given.panel || params.get("panel")),
  flavour: initialFlavour() === "ios" ? "ios" : "android",
};

// clientVersion is the WeChat version the fake client plays.
var clientVersion = "8.0.47";

// checkURL is where the fake WeChat checks the signatures a call carries
// (a payment's paySign, a card's cardExt or cardSign), beside verify.
var checkURL = options.verify ? new URL("check", new URL(options.verify, location.href)).href : "";

// ---- names -------------------------------------------------------------

// Public name → the WeChat client's name, where they differ (jweixin's map).
var bridgeNames = {
  config: "preVerifyJSAPI",
  onMenuShareTimeline: "menu:share:timeline",
  onMenuShareAppMessage: "menu:share:appmessage",
  onMenuShareQQ: "menu:share:qq",
  onMenuShareWeibo: "menu:share:weiboApp",
  onMenuShareQZone: "menu:share:QZone",
  previewImage: "imagePreview",
  getLocation: "geoLocation",
  openProductSpecificView: "openProductViewWithPid",
  addCard: "batchAddCard",
  openCard: "batchViewCard",
  chooseWXPay: "getBrandWCPayRequest",
  openEnterpriseRedPacket: "getRecevieBizHongBaoRequest",
  startSearchBeacons: "startMonitoringBeacons",
  stopSearchBeacons: "stopMonitoringBeacons",
  onSearchBeacons: "onBeaconsInRange",
  consumeAndShareCard: "consumedShareCard",
  openAddress: "editAddress",
};
var publicNames = inverted(bridgeNames);
function toBridge(name) {
  return bridgeNames[name] || name;
}
function toPublic(name) {
  return publicNames[name] || name;
}

// The share calls a menu listener makes, and the listener that permits and
// scripts each.
var shareListeners = {
  shareTimeline: "onMenuShareTimeline",
  sendAppMessage: "onMenuShareAppMessage",
  shareQQ: "onMenuShareQQ",
  shareWeiboApp: "onMenuShareWeibo",
  shareQZone: "onMenuShareQZone",
};

// publicOf names a client call as the page knows it: wx.miniProgram's
// calls all reach the client as invokeMiniProgramAPI {name, arg}.
function publicOf(name, args) {
  if (name === "invokeMiniProgramAPI" && args && typeof args.name === "string") {
    return "miniProgram." + args.name;
  }
  return toPublic(name);
}

// renameKeys moves the keys of obj named in names (old → new) to their
// new names, keeping the others.
function renameKeys(obj, names) {
  Object.keys(names).forEach(function (from) {
    if (from in obj) {
      obj[names[from]] = obj[from];
      delete obj[from];
    }
  });
  return obj;
}

// inverted returns names (old → new) turned around (new → old).
function inverted(names) {
  var back = {};
  Object.keys(names).forEach(function (k) {
    back[names[k]] = k;
  });
  return back;
}

function clone(v) {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

// ---- state ---------------------------------------------------------------

// answers: public name → how the client answers it (see client).
var answers = {};
// interactive: when on (and a panel has set hold), calls nobody scripted
// wait for a person to answer them.
var interactive = { on: false, hold: null };
var state = {
  verified: null, // client names of the jsApiList WeChat accepted
  openTags: null, // the openTagList of the accepted configuration
  scripts: {}, // public name → queued outcomes; the last one stays
  handlers: {}, // client event → its single handler, as the client keeps one
  calls: [], // the call log
  events: [], // the events fired: {event, payload, calls}
};

// client defines how the client answers the call api (its public name;
// "miniProgram.<name>" for wx.miniProgram's, the share call's own name for
// a menu share). spec, every member optional:
//   data(args)             → realistic ok data, in the shape the page receives,
//                            or a Promise of it (an upload to the fake WeChat)
//   encode(data, res, args) → that data as the client sends it (may set res.err_msg)
//   check                  → the fake WeChat checks the call's signatures first
//   listener               → api is an event the client fires, not a call
// data may return refusal(msg) instead of data: the client refusing the call.
function client(api, spec) {
  answers[api] = spec || {};
}

// refusal is the client's answer refusing a call, returned by a data
// function in place of data: its err_msg replaces the ok one, since the
// data's keys are copied over the answer. Messages are the client's own.
function refusal(errMsg) {
  return { err_msg: errMsg };
}

// onVerified registers fn to run after each verification, once the page
// has had its answer (open tags are drawn then).
var verifiedHooks = [];
function onVerified(fn) {
  verifiedHooks.push(fn);
}

// onReset registers fn to run on wxfake.reset(): interface files forget
// their own state there (a recording, a beacon search, queued calls).
var resets = [];
function onReset(fn) {
  resets.push(fn);
}

// scriptError tells why api cannot be scripted, or "" if it can. A share
// listener's name scripts its share call.
function scriptError(api) {
  var spec = answers[api];
  if (api === "config") return "config is verified by the fake WeChat: sign the page right or wrong instead";
  if (api === "miniProgram.getEnv") return "miniProgram.getEnv never reaches the client";
  if (shareListeners[api]) return api + " is the share call of " + shareListeners[api] + ": script " + shareListeners[api];
  if (spec && spec.listener) return api + " is a listener: fire its events with wxfake.fire";
  if (spec || shareOf(api)) return "";
  var near = Object.keys(answers).filter(function (k) {
    return k.toLowerCase() === String(api).toLowerCase();
  });
  return "no interface " + JSON.stringify(api) + (near.length ? " (did you mean " + JSON.stringify(near[0]) + "?)" : "");
}

// shareOf is the share call of a menu share listener, or "".
function shareOf(listener) {
  for (var call in shareListeners) {
    if (shareListeners[call] === listener) return call;
  }
  return "";
}

function takeOutcome(api) {
  var queue = state.scripts[api];
  if (!queue || queue.length === 0) {
    return { result: "ok" };
  }
  return queue.length > 1 || queue[0].once ? queue.shift() : queue[0];
}

function permitted(name) {
  if (name === "invokeMiniProgramAPI") {
    return true; // the web-view talks to its mini program without jsApiList
  }
  var needed = shareListeners[name] ? toBridge(shareListeners[name]) : name;
  return state.verified.indexOf(needed) >= 0;
}

// failMessage is the client's err_msg for a scripted failure of the call
// name (api, publicly): "<name>:fail_<reason>", which jweixin shows the
// page as "<api>:<reason>". A message may repeat the call's name and
// "fail", which are dropped: "auth deny", "fail auth deny" and
// "getLocation:fail_auth deny" give the same answer (the format is
// documented at wxfakecdp.Outcome.Message).
function failMessage(name, api, message) {
  var m = String(message || "").trim();
  [name + ":", api + ":"].forEach(function (prefix) {
    if (m.indexOf(prefix) === 0) m = m.substring(prefix.length);
  });
  m = m.replace(/^fail(ed)?(?:[_ ]+|$)/i, "");
  return name + (m ? ":fail_" + m : ":fail");
}

// The verification fields jweixin adds to every call, which the log leaves out.
var verificationFields = ["appId", "verifyAppId", "verifySignType", "verifyTimestamp", "verifyNonceStr", "verifySignature"];

function withoutVerification(args) {
  var a = clone(args) || {};
  verificationFields.forEach(function (k) {
    delete a[k];
  });
  return a;
}

// delivering is the log entry whose answer the page is handling now.
var delivering = null;

// bridgeInvoke is WeixinJSBridge.invoke: it logs the call and answers
// asynchronously with a native-shaped object (snake_case err_msg). meta,
// which only the fake SDK layer passes, marks a raw wx.invoke.
function bridgeInvoke(name, args, cb, meta) {
  args = args || {};
  var api = publicOf(name, args);
  var entry = { api: api, bridge: name, args: withoutVerification(args), at: Date.now() };
  if (shareListeners[name]) entry.listenerOf = shareListeners[name];
  if (meta && meta.raw) entry.raw = true;
  if (name === "getNetworkType" && beacon.image && delivering && delivering.bridge === "preVerifyJSAPI") {
    entry.inner = true; // jweixin's statistics, after wx.config (see beacon)
  }
  beacon.image = null;
  if (firing) firing.calls.push(entry);
  state.calls.push(entry);
  changed();
  var reply = function (res) {
    deliver(entry, res, cb);
  };
  if (name === "preVerifyJSAPI") {
    verify(args, reply);
    return;
  }
  if (!state.verified && name !== "invokeMiniProgramAPI") {
    return answer(reply, { err_msg: name + ":the permission value is offline verifying" }, 0);
  }
  if (!permitted(name)) {
    return answer(reply, { err_msg: name + ":permission denied" }, 0);
  }
  var key = entry.listenerOf || api;
  if (entry.inner) {
    return respondWith(name, args, entry, { result: "ok" }, reply);
  }
  if (interactive.hold && interactive.on && !(state.scripts[key] || []).length) {
    // A person answers: the panel holds the call until they choose.
    interactive.hold({
      entry: entry,
      answer: function (o) {
        respondWith(name, args, entry, o, reply);
      },
    });
    return;
  }
  respondWith(name, args, entry, takeOutcome(key), reply);
}

// deliver hands the page the client's answer res. The log keeps the answer
// as sent (native) and, once the page's callbacks return, what they were
// given (jweixin changes the object in place); meanwhile calls() reads it
// live, so a callback that reads the log finds its own result there.
function deliver(entry, res, cb) {
  entry.native = clone(res);
  entry.live = res;
  var outer = delivering;
  delivering = entry;
  try {
    if (typeof cb === "function") cb(res);
  } finally {
    delivering = outer;
    delete entry.live;
    settle(entry, res);
    changed();
  }
}

function settle(entry, res) {
  entry.errMsg = res.errMsg || res.err_msg || "";
  entry.result = clone(res);
}

// respondWith answers a call with outcome o, shaped as the client would.
// A call whose signatures the fake WeChat checks fails there first, before
// the user could have answered it.
function respondWith(name, args, entry, o, reply) {
  var spec = answers[entry.api] || {};
  entry.scripted = o.result;
  var delay = o.delay || 0;
  var send = function () {
    var res;
    switch (o.result) {
      case "raw":
        res = clone(o.raw) || {};
        break;
      case "cancel":
        res = { err_msg: name + ":cancel" };
        break;
      case "fail":
        res = { err_msg: failMessage(name, entry.api, o.message) };
        break;
      default:
        var data = o.data !== undefined ? clone(o.data) : spec.data ? spec.data(args) : {};
        if (data && typeof data.then === "function") {
          data.then(okAnswer, function (err) {
            okAnswer(refusal(name + ":fail_" + String((err && err.message) || err)));
          });
          return;
        }
        okAnswer(data);
        return;
    }
    answer(reply, res, delay);
  };
  // okAnswer sends the ok answer with data (or the refusal data is).
  var okAnswer = function (data) {
    var res = { err_msg: name + ":ok" };
    if (spec.encode) {
      data = spec.encode(data || {}, res, args);
    }
    Object.keys(data || {}).forEach(function (k) {
      res[k] = data[k];
    });
    answer(reply, res, delay);
  };
  if (o.result === "never") {
    changed();
    return;
  }
  if (spec.check && (o.result === "ok" || o.result === "cancel")) {
    checkSignatures(name, args, function (refused) {
      if (refused) answer(reply, refused, delay);
      else send();
    });
    return;
  }
  send();
}

function answer(reply, res, delay) {
  later(function () {
    reply(res);
  }, delay);
}

// later runs fn in a task of its own, as the client's answers come: after
// delay ms, or as soon as possible without timers' 4 ms clamping.
var soon = [];
var channel = new MessageChannel();
channel.port1.onmessage = function () {
  var fn = soon.shift();
  if (fn) fn();
};
function later(fn, delay) {
  if (delay > 0) {
    setTimeout(fn, delay);
    return;
  }
  soon.push(fn);
  channel.port2.postMessage(null);
}

// changed tells the panel, if any, that calls, handlers or events changed.
var watchers = [];
function changed() {
  watchers.forEach(function (fn) {
    fn();
  });
}

// post sends body to the fake WeChat at url and hands its JSON answer to
// done, or null if it could not be had.
function post(url, body, done) {
  fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
    .then(function (r) {
      return r.json();
    })
    .then(done, function () {
      done(null);
    });
}

// verify asks wechatfake whether WeChat would accept this configuration.
function verify(args, reply) {
  var done = function (res) {
    var ok = /:ok$/.test(res.err_msg || "");
    state.verified = ok ? (args.verifyJsApiList || []).slice() : null;
    state.openTags = ok ? (args.verifyOpenTagList || []).slice() : null;
    reply(res);
    verifiedHooks.forEach(function (fn) {
      fn();
    });
  };
  if (!options.verify) {
    console.warn("wxfake: no verify endpoint: load the script with ?verify=<wechatfake>/fake/jsapi/verify");
    return done({ err_msg: "config:fail_no verify endpoint" });
  }
  post(
    options.verify,
    {
      appId: args.verifyAppId,
      timestamp: args.verifyTimestamp,
      nonceStr: args.verifyNonceStr,
      signature: args.verifySignature,
      url: options.flavour === "ios" ? landingURL : location.href,
    },
    function (res) {
      done(res || { err_msg: "config:fail_verify endpoint unreachable" });
    }
  );
}

// checkSignatures asks wechatfake whether WeChat accepts the signatures of
// the call, and hands done the client's refusal, or null.
function checkSignatures(name, args, done) {
  if (!checkURL) return done(null);
  post(checkURL, { name: name, args: args }, function (res) {
    if (!res) return done({ err_msg: name + ":fail_check endpoint unreachable" });
    done(res.err_msg ? { err_msg: res.err_msg } : null);
  });
}

// bridgeOn is WeixinJSBridge.on: one handler per event, the last one.
function bridgeOn(event, handler) {
  state.handlers[event] = handler;
  state.calls.push({ api: toPublic(event), bridge: event, args: {}, at: Date.now(), listener: true });
  changed();
}

// firing is the event being delivered, which collects the calls it causes
// (a menu share's share call).
var firing = null;

function fire(event, payload) {
  var name = state.handlers[toBridge(event)] ? toBridge(event) : event;
  var h = state.handlers[name];
  if (!h) return false;
  var record = { event: toPublic(name), payload: clone(payload) || {}, at: Date.now(), calls: [] };
  state.events.push(record);
  var outer = firing;
  firing = record;
  try {
    h(clone(record.payload));
  } finally {
    firing = outer;
    changed();
  }
  return true;
}

// ---- the bridge ---------------------------------------------------------------

var bridge = {
  invoke: bridgeInvoke,
  call: bridgeInvoke,
  on: bridgeOn,
  log: function (msg) {
    console.log("WeixinJSBridge:", msg);
  },
};

// The bridge is there at once on iOS; an Android client injects it once
// the page has loaded. Either way WeixinJSBridgeReady tells the page, once.
var bridgeReady = false;
var readyWaiters = [];

// whenBridge runs fn now if the bridge is there, or once it is.
function whenBridge(fn) {
  if (bridgeReady) fn();
  else readyWaiters.push(fn);
}

function installBridge() {
  // A real client's bridge stays: the fake client answers only its own SDK layer.
  if (!window.WeixinJSBridge) {
    Object.defineProperty(window, "WeixinJSBridge", { value: bridge, writable: false, configurable: false, enumerable: true });
  }
  bridgeReady = true;
  var waiting = readyWaiters;
  readyWaiters = [];
  waiting.forEach(function (fn) {
    fn();
  });
}

function announceBridge() {
  document.dispatchEvent(new Event("WeixinJSBridgeReady"));
}

if (options.flavour === "android" && document.readyState !== "complete") {
  window.addEventListener(
    "load",
    function () {
      installBridge();
      announceBridge();
    },
    { once: true }
  );
} else {
  installBridge();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", announceBridge, { once: true });
  else later(announceBridge, 0);
}

// ---- jweixin's statistics, kept on the machine ------------------------------

// After wx.config jweixin makes an Image, asks getNetworkType (an inner
// call the page never sees) and sets the image's src to a report on
// open.weixin.qq.com. The client answers that call without scripts or a
// person, logs it as inner, and keeps the report in its entry instead of
// sending it.
var reportPrefix = "https://open.weixin.qq.com/sdk/report";
var beacon = { image: null };
var NativeImage = window.Image;
var srcOf = Object.getOwnPropertyDescriptor(window.HTMLImageElement.prototype, "src");

function HermeticImage(width, height) {
  var img = arguments.length > 1 ? new NativeImage(width, height) : arguments.length ? new NativeImage(width) : new NativeImage();
  Object.defineProperty(img, "src", {
    configurable: true,
    get: function () {
      return srcOf.get.call(img);
    },
    set: function (v) {
      if (String(v).indexOf(reportPrefix) === 0) {
        if (delivering) delivering.report = String(v);
        return;
      }
      srcOf.set.call(img, v);
    },
  });
  if (delivering && delivering.bridge === "preVerifyJSAPI") beacon.image = img;
  return img;
}
HermeticImage.prototype = NativeImage.prototype;
window.Image = HermeticImage;

// ---- the controller --------------------------------------------------------

window.wxfake = {
  // options in force: the layer, the verify endpoint and the flavour
  // ("android" or "ios").
  options: options,
  // respond scripts the next answers of api (its public name; a share
  // listener's name scripts its share call), and throws for a name the
  // client does not answer. outcome: {result: "ok" | "cancel" | "fail" |
  // "never" | "raw", data, message, raw, delay (ms), once}. Outcomes queue
  // up; the last one stays unless marked once.
  respond: function (api, outcome) {
    var err = scriptError(api);
    if (err) throw new Error("wxfake.respond: " + err);
    (state.scripts[api] = state.scripts[api] || []).push(clone(outcome) || { result: "ok" });
  },
  // calls returns the call log: {api (public name), bridge (the client's
  // name), args (as the client received them, without the verification
  // fields), scripted, native (the client's answer as sent), errMsg,
  // result (what the page's callbacks received)}. A listener's
  // registration is logged with listener: true; a menu share's call with
  // listenerOf; jweixin's statistics call with inner: true.
  calls: function () {
    return state.calls.map(function (e) {
      var c = clone(e);
      if (e.live) settle(c, e.live);
      delete c.live;
      return c;
    });
  },
  // reset forgets scripts, the call log and the events fired.
  reset: function () {
    state.scripts = {};
    state.calls = [];
    state.events = [];
    resets.forEach(function (fn) {
      fn();
    });
    changed();
  },
  // fire delivers an event (a client event or a listener's public name) to
  // the page's handler, reporting whether there was one.
  fire: fire,
  // verified is the jsApiList WeChat accepted, in public names, or null.
  verified: function () {
    return state.verified && state.verified.map(toPublic);
  },
  // image returns the data URL of an image the fake handed out.
  image: function (localId) {
    return imageData(localId);
  },
};
