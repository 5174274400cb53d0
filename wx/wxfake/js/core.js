// gowx fake jWeixin: a stand-in for jweixin-1.6.0.js that runs in any
// browser. It has two layers, as the real thing has: the SDK layer (the
// public wx API: argument defaults, client names, errMsg normalisation,
// callback dispatch) and, beneath it, a fake WeChat client that answers each
// call with realistic data or with what a test scripted. wx.config is
// verified the way WeChat does it, by a wechatfake server (the "verify"
// option). The controller is window.wxfake.
//
// This file is the machinery; the other files define the interfaces with
// define(name, spec). Script() in wxfake.go wraps them all in one function
// that returns at once if window.jWeixin already exists (as the real SDK).
//
// Options come from the script's own query string (?verify=<url>&flavour=
// android|ios) or from window.wxfakeOptions set before the script runs.

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
var options = {
  verify: given.verify || params.get("verify") || "",
  panel: Boolean(given.panel || params.get("panel")),
  flavour: given.flavour || params.get("flavour") || (/iphone|ipad/i.test(navigator.userAgent) ? "ios" : "android"),
};

// ---- names -------------------------------------------------------------

// Public name → the WeChat client's name, where they differ.
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
var publicNames = {};
Object.keys(bridgeNames).forEach(function (k) {
  publicNames[bridgeNames[k]] = k;
});
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

// ---- state ---------------------------------------------------------------

var specs = {}; // public name → its spec (see define)
// interactive: when on (and a panel has set hold), calls nobody scripted
// wait for a person to answer them.
var interactive = { on: false, hold: null };
var state = {
  config: null, // the object passed to wx.config, by reference
  verified: null, // client names of the jsApiList WeChat accepted
  scripts: {}, // public name → queued outcomes; the last one stays
  handlers: {}, // client event → its single handler, as the client keeps one
  calls: [], // the call log
};

function clone(v) {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

// ---- the fake WeChat client ----------------------------------------------

// Images the fake hands out: localId → data URL of a generated picture.
var images = {};
var nextResource = 1;

// sampleImage draws a small coloured square numbered n, as a PNG data URL.
function sampleImage(n) {
  var canvas = document.createElement("canvas");
  canvas.width = canvas.height = 96;
  var ctx = canvas.getContext("2d");
  if (!ctx) {
    return "";
  }
  ctx.fillStyle = "hsl(" + ((n * 67) % 360) + ",70%,55%)";
  ctx.fillRect(0, 0, 96, 96);
  ctx.fillStyle = "#fff";
  ctx.font = "bold 40px sans-serif";
  ctx.textAlign = "center";
  ctx.fillText(String(n), 48, 62);
  return canvas.toDataURL("image/png");
}

// newImage makes a local image resource and returns its localId.
function newImage() {
  var n = nextResource++;
  var id = (options.flavour === "ios" ? "wxLocalResource://imageid" : "weixin://resourceid/") + n;
  images[id] = sampleImage(n);
  return id;
}

// newResource returns a fresh id with the given prefix (voices, server ids).
function newResource(prefix) {
  return prefix + nextResource++;
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

// nativeInvoke is WeixinJSBridge.invoke: it answers asynchronously with a
// native-shaped object (snake_case err_msg), as the client does.
function nativeInvoke(name, args, entry, cb) {
  if (name === "preVerifyJSAPI") {
    verify(args, cb);
    return;
  }
  if (!state.verified && name !== "invokeMiniProgramAPI") {
    return answer(cb, { err_msg: name + ":the permission value is offline verifying" }, 0);
  }
  if (!permitted(name)) {
    return answer(cb, { err_msg: name + ":permission denied" }, 0);
  }
  var key = entry.listenerOf || entry.api;
  if (interactive.hold && interactive.on && !(state.scripts[key] || []).length) {
    // A person answers: the panel holds the call until they choose.
    interactive.hold({ name: name, args: args, entry: entry, answer: function (o) {
      respondWith(name, args, entry, o, cb);
    } });
    return;
  }
  respondWith(name, args, entry, takeOutcome(key), cb);
}

// respondWith answers a call with outcome o, shaped as the client would.
function respondWith(name, args, entry, o, cb) {
  var spec = specs[entry.api] || {};
  entry.scripted = o.result;
  var res;
  switch (o.result) {
    case "never":
      return;
    case "raw":
      res = clone(o.raw) || {};
      break;
    case "cancel":
      res = { err_msg: name + ":cancel" };
      break;
    case "fail":
      res = { err_msg: name + ":fail" + (o.message ? "_" + o.message : "") };
      break;
    default:
      res = { err_msg: name + ":ok" };
      var data = o.data !== undefined ? clone(o.data) : spec.data ? spec.data(args) : {};
      if (spec.encode) {
        data = spec.encode(data || {}, res, args);
      }
      Object.keys(data || {}).forEach(function (k) {
        res[k] = data[k];
      });
  }
  answer(cb, res, o.delay || 0);
}

function answer(cb, res, delay) {
  later(function () {
    cb(res);
    changed();
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

// changed tells the panel, if any, that calls or handlers changed.
var watchers = [];
function changed() {
  watchers.forEach(function (fn) {
    fn();
  });
}

// verify asks wechatfake whether WeChat would accept this configuration.
function verify(args, cb) {
  var done = function (res) {
    state.verified = /:ok$/.test(res.err_msg || "") ? (args.verifyJsApiList || []).slice() : null;
    cb(res);
  };
  if (!options.verify) {
    console.warn("wxfake: no verify endpoint: load the script with ?verify=<wechatfake>/fake/jsapi/verify");
    return done({ err_msg: "config:fail_no verify endpoint" });
  }
  fetch(options.verify, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      appId: args.verifyAppId,
      timestamp: args.verifyTimestamp,
      nonceStr: args.verifyNonceStr,
      signature: args.verifySignature,
      url: options.flavour === "ios" ? landingURL : location.href,
    }),
  })
    .then(function (r) {
      return r.json();
    })
    .then(done, function () {
      done({ err_msg: "config:fail_verify endpoint unreachable" });
    });
}

// nativeOn is WeixinJSBridge.on: one handler per event.
function nativeOn(event, handler) {
  state.handlers[event] = handler;
  changed();
}

// The client as the page sees it: the SDK layer reaches it only through
// window.WeixinJSBridge, as jweixin does, so that whatever observes the
// bridge sees the calls the SDK layer makes.
var logEntries = new WeakMap(); // a call's arguments → its log entry
function callClient(name, args, entry, cb) {
  logEntries.set(args, entry);
  window.WeixinJSBridge.invoke(name, args, cb);
}
window.WeixinJSBridge = {
  invoke: function (name, args, cb) {
    args = args || {};
    var entry = logEntries.get(args);
    if (!entry) {
      entry = { api: toPublic(name), args: clone(args), at: Date.now(), raw: true };
      state.calls.push(entry);
    }
    logEntries.delete(args);
    nativeInvoke(name, args, entry, cb);
  },
  on: nativeOn,
};

// ---- the SDK layer -------------------------------------------------------

// withVerify adds the verification fields jweixin adds to every call.
function withVerify(args) {
  var c = state.config || {};
  args.appId = c.appId;
  args.verifyAppId = c.appId;
  args.verifySignType = "sha1";
  args.verifyTimestamp = c.timestamp + "";
  args.verifyNonceStr = c.nonceStr;
  args.verifySignature = c.signature;
  return args;
}

// normalise builds errMsg from the client's err_msg, as jweixin does.
function normalise(name, res) {
  if (name === "openEnterpriseChat" || name === "openBusinessView") {
    res.errCode = res.err_code;
  }
  delete res.err_code;
  delete res.err_desc;
  delete res.err_detail;
  if (res.errMsg) {
    return res;
  }
  var raw = res.err_msg;
  delete res.err_msg;
  var api = toPublic(name);
  var s = raw ? raw.substring(raw.indexOf(":") + 1) : "ok";
  if (s === "confirm") s = "ok";
  if (s === "failed") s = "fail";
  if (s.indexOf("failed_") !== -1) s = s.substring(7);
  if (s.indexOf("fail_") !== -1) s = s.substring(5);
  s = s.replace(/_/g, " ").toLowerCase();
  if (s === "access denied" || s === "no permission to execute") s = "permission denied";
  if (api === "config" && s === "function not exist") s = "ok";
  if (s === "") s = "fail";
  res.errMsg = api + ":" + s;
  return res;
}

// dispatch normalises a result of the client's name and calls success,
// cancel or fail, then complete. api is the public name, if it differs;
// entry, if given, logs the result the callbacks are about to see.
function dispatch(name, res, cbs, api, entry) {
  normalise(name, res);
  var spec = specs[api || toPublic(name)];
  if (spec && spec.complete) {
    spec.complete(res);
  }
  if (entry) {
    entry.errMsg = res.errMsg;
    entry.result = clone(res);
  }
  var status = res.errMsg.substring(res.errMsg.indexOf(":") + 1);
  var fn = status === "ok" ? cbs.success : status === "cancel" ? cbs.cancel : cbs.fail;
  if (typeof fn === "function") fn(res);
  if (typeof cbs.complete === "function") cbs.complete(res);
}

// invoke sends one call down to the client and dispatches its answer. The
// client's name is the spec's "call", or the public name mapped.
function invoke(api, args, cbs) {
  var name = (specs[api] && specs[api].call) || toBridge(api);
  var entry = { api: api, args: clone(args), at: Date.now() };
  state.calls.push(entry);
  changed();
  callClient(name, withVerify(args), entry, function (res) {
    dispatch(name, res, cbs || {}, api, entry);
  });
}

// listen registers a listener's handler with the client: on each event,
// trigger (share listeners only) sees the raw event first; then a share
// listener makes its share call, others dispatch the event itself.
function listen(api, spec, o) {
  var event = toBridge(api);
  var args = {};
  Object.keys(o).forEach(function (k) {
    if (typeof o[k] !== "function") args[k] = o[k];
  });
  state.calls.push({ api: api, args: clone(args), at: Date.now(), listener: true });
  nativeOn(event, function (ev) {
    if (spec.share) {
      if (typeof o.trigger === "function") o.trigger(ev);
      normalise(event, ev);
      var args = spec.share.args(o);
      var cbs = spec.share.withoutCallbacks && spec.share.withoutCallbacks(ev) ? {} : o;
      invokeShare(api, spec.share.call, args, cbs);
      return;
    }
    dispatch(event, ev, o, api);
  });
}

// invokeShare makes the share call of listener api: logged and dispatched
// under the share's own name, scripted and permitted by the listener.
function invokeShare(api, call, args, cbs) {
  var entry = { api: call, listenerOf: api, args: clone(args), at: Date.now() };
  state.calls.push(entry);
  callClient(call, withVerify(args), entry, function (res) {
    dispatch(call, res, cbs, call, entry);
  });
}

var wx = {};

// define installs the public function name. spec:
//   args(o)        → the client's arguments, with jweixin's defaults
//   needsOptions   → throw a TypeError when called without options, as jweixin
//   complete(res)  → jweixin's own change to the result before the callbacks
//   data(args)     → the fake client's realistic ok data (public shape)
//   encode(data, res, args) → that data as the client sends it (may set res.err_msg)
// data may return refusal(msg) instead of data: the client refusing the call.
//   call           → the client's name when the public→client map does not give it
//   listener       → an on* listener; share: {call, args(o), withoutCallbacks(ev)}
//   func           → called with a bare function, not options (miniProgram.getEnv):
//                    func(fn) does the work
// A dotted name ("miniProgram.navigateTo") installs under wx.miniProgram.
function define(name, spec) {
  specs[name] = spec;
  var dot = name.indexOf(".");
  var home = wx;
  var key = name;
  if (dot > 0) {
    home = wx[name.substring(0, dot)] = wx[name.substring(0, dot)] || {};
    key = name.substring(dot + 1);
  }
  if (spec.func) {
    home[key] = function (fn) {
      state.calls.push({ api: name, args: {}, at: Date.now() });
      spec.func(fn);
    };
    return;
  }
  home[key] = function (o) {
    if (o === undefined && spec.needsOptions) {
      throw new TypeError("Cannot read properties of undefined (wx." + name + ")");
    }
    o = o || {};
    if (spec.listener || spec.share) {
      return listen(name, spec, o);
    }
    invoke(name, spec.args ? spec.args(o) : {}, o);
  };
}

// refusal is the client's answer refusing a call, returned by a data
// function in place of data: its err_msg replaces the ok one, since the
// data's keys are copied over the answer. Messages are the client's own.
function refusal(errMsg) {
  return { err_msg: errMsg };
}

// onReset registers fn to run on wxfake.reset(): interface files forget
// their own state there (a recording, a beacon search, queued calls).
var resets = [];
function onReset(fn) {
  resets.push(fn);
}

// ---- config, ready, error, and the raw bridge ------------------------------

var readyQueue = [];
var configState = 0; // 0 pending, 1 done, -1 failed with no error handler
var configResult = null;
var errorHandler = null;

function flushReady() {
  var q = readyQueue;
  readyQueue = [];
  q.forEach(function (fn) {
    fn();
  });
}

wx.config = function (cfg) {
  state.config = cfg;
  state.verified = null;
  var list = (cfg.jsApiList || []).map(toBridge);
  if (cfg.jsApiList) {
    for (var i = 0; i < list.length; i++) cfg.jsApiList[i] = list[i]; // in place, as jweixin
  }
  wx.invoke = rawInvoke;
  wx.on = nativeOn;
  if (cfg.check === false) {
    configState = 1;
    return flushReady();
  }
  // jweixin sends the page's openTagList as it is: no key without one.
  invoke("config", { verifyJsApiList: list, verifyOpenTagList: cfg.openTagList }, {
    complete: function (res) {
      configState = 1;
      configResult = res;
      if (!/:ok$/.test(res.errMsg)) {
        if (errorHandler) errorHandler(res);
        else configState = -1;
      }
      flushReady();
    },
  });
};
wx.ready = function (fn) {
  if (configState !== 0) fn();
  else readyQueue.push(fn);
};
wx.error = function (fn) {
  if (configState === -1) fn(configResult);
  else errorHandler = fn;
};

// rawInvoke is wx.invoke: the client's answer reaches cb untouched.
function rawInvoke(name, args, cb) {
  var entry = { api: toPublic(name), args: clone(args), at: Date.now(), raw: true };
  state.calls.push(entry);
  callClient(name, withVerify(args || {}), entry, function (res) {
    entry.errMsg = res.errMsg || res.err_msg;
    entry.result = clone(res);
    if (typeof cb === "function") cb(res);
  });
}

window.wx = window.jWeixin = wx;

// ---- the controller --------------------------------------------------------

window.wxfake = {
  // options in force: the verify endpoint and the flavour ("android" or "ios").
  options: options,
  // respond scripts the next answers of api (its public name; a share
  // listener's name scripts its share call). outcome: {result: "ok" |
  // "cancel" | "fail" | "never" | "raw", data, message, raw, delay (ms),
  // once}. Outcomes queue up; the last one stays unless marked once.
  respond: function (api, outcome) {
    (state.scripts[api] = state.scripts[api] || []).push(clone(outcome) || { result: "ok" });
  },
  // calls returns the call log: {api, args (as sent to the client, without
  // the verification fields), scripted, errMsg, result}; a listener's
  // registration is logged with listener: true and its options as args.
  calls: function () {
    return clone(state.calls);
  },
  // reset forgets scripts and the call log.
  reset: function () {
    state.scripts = {};
    state.calls = [];
    resets.forEach(function (fn) {
      fn();
    });
  },
  // fire delivers an event (a client event or a listener's public name) to
  // the page's handler, reporting whether there was one.
  fire: function (event, payload) {
    var h = state.handlers[toBridge(event)] || state.handlers[event];
    if (!h) return false;
    h(clone(payload) || {});
    return true;
  },
  // verified is the jsApiList WeChat accepted, in client names, or null.
  verified: function () {
    return clone(state.verified);
  },
  // image returns the data URL of an image the fake handed out.
  image: function (localId) {
    return images[localId] || "";
  },
};
