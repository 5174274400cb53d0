// The SDK layer of the fake jWeixin: a stand-in for jweixin-1.6.0.js itself,
// the public wx API (argument defaults, client names, errMsg normalisation,
// callback dispatch, config/ready/error, the statistics after config),
// speaking to the fake client (js/client) exactly as jweixin speaks to
// WeixinJSBridge: invoke(name, args, callback) and on(event, handler), once
// the bridge is there. Unlike jweixin it needs no WeChat user agent.
//
// This file is the machinery; the other files of js/sdk define the
// interfaces with define(name, spec).

var sdkConfig = {}; // the object passed to wx.config, by reference

// withVerify adds the verification fields jweixin adds to every call.
function withVerify(args) {
  args = args || {};
  args.appId = sdkConfig.appId;
  args.verifyAppId = sdkConfig.appId;
  args.verifySignType = "sha1";
  args.verifyTimestamp = sdkConfig.timestamp + "";
  args.verifyNonceStr = sdkConfig.nonceStr;
  args.verifySignature = sdkConfig.signature;
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
  var s = "ok";
  if (raw) {
    s = raw.substring(raw.indexOf(":") + 1);
    if (s === "confirm") s = "ok";
    if (s === "failed") s = "fail";
    if (s.indexOf("failed_") !== -1) s = s.substring(7);
    if (s.indexOf("fail_") !== -1) s = s.substring(5);
    s = s.replace(/_/g, " ").toLowerCase();
    if (s === "access denied" || s === "no permission to execute") s = "permission denied";
    if (api === "config" && s === "function not exist") s = "ok";
    if (s === "") s = "fail";
  }
  res.errMsg = api + ":" + s;
  return res;
}

// dispatch normalises a result of the client's name, lets complete (the
// interface's own change) see it, alerts it when debugging, then calls
// success, cancel or fail, and complete.
function dispatch(name, res, cbs, complete) {
  normalise(name, res);
  cbs = cbs || {};
  if (complete) complete(res);
  var msg = res.errMsg || "";
  if (sdkConfig.debug && !cbs.isInnerInvoke) window.alert(JSON.stringify(res));
  var status = msg.substring(msg.indexOf(":") + 1);
  var fn = status === "ok" ? cbs.success : status === "cancel" ? cbs.cancel : cbs.fail;
  if (fn) fn(res);
  if (cbs.complete) cbs.complete(res);
}

// debugLog is jweixin's console line for a call made without a bridge,
// which nothing answers.
function debugLog(name, cbs) {
  if (sdkConfig.debug && !(cbs && cbs.isInnerInvoke)) console.log('"' + toPublic(name) + '",', cbs || "");
}

// invoke sends one call to the client and dispatches its answer; before
// the bridge is there the call is dropped, as jweixin drops it.
function invoke(name, args, cbs, complete) {
  if (!bridgeReady) return debugLog(name, cbs);
  bridge.invoke(name, withVerify(args), function (res) {
    dispatch(name, res, cbs, complete);
  });
}

// listen registers a listener's handler with the client: on each event,
// user.trigger (share listeners) sees the raw event first, then cbs get it.
function listen(event, cbs, user) {
  if (!bridgeReady) return debugLog(event, user || cbs);
  bridge.on(event, function (ev) {
    if (user && user.trigger) user.trigger(ev);
    dispatch(event, ev, cbs);
  });
}

// bridgeList rewrites a list of public names to the client's, in place as
// jweixin does (the caller's array changes), and returns it.
function bridgeList(list) {
  for (var i = 0; list && i < list.length; i++) {
    list[i] = toBridge(list[i]);
  }
  return list;
}

// moveKeys moves the keys of obj named in names (old → new), present or
// not, as jweixin's own renames do: an absent key arrives as undefined.
function moveKeys(obj, names) {
  Object.keys(names).forEach(function (from) {
    obj[names[from]] = obj[from];
    delete obj[from];
  });
  return obj;
}

var wx = {};

// define installs the public function name. spec:
//   args(o)        → the client's arguments, with jweixin's defaults
//   needsOptions   → throw a TypeError when called without options, as jweixin
//   complete(res)  → jweixin's own change to the result before the callbacks
//   call           → the client's name when the public→client map does not give it
//   gated          → wait for the bridge first, as jweixin's wx.miniProgram does
//   listener       → an on* listener; share: {call, args(o), withoutCallbacks(ev)}
//   func           → called with a bare function, not options (miniProgram.getEnv):
//                    func(fn) does the work
// A dotted name ("miniProgram.navigateTo") installs under wx.miniProgram.
function define(name, spec) {
  var dot = name.indexOf(".");
  var home = wx;
  var key = name;
  if (dot > 0) {
    home = wx[name.substring(0, dot)] = wx[name.substring(0, dot)] || {};
    key = name.substring(dot + 1);
  }
  if (spec.func) {
    home[key] = spec.func;
    return;
  }
  home[key] = function (o) {
    if ((o === undefined || o === null) && spec.needsOptions) {
      throw new TypeError("Cannot read properties of " + o + " (wx." + name + ")");
    }
    if (spec.share) return listenShare(name, spec.share, o);
    o = o || {};
    if (spec.listener) return listen(toBridge(name), o);
    var send = function () {
      invoke(spec.call || toBridge(name), spec.args ? spec.args(o) : {}, o, spec.complete);
    };
    if (spec.gated) whenBridge(send);
    else send();
  };
}

// listenShare registers a menu share listener: on the event jweixin makes
// the share call itself, with the page's callbacks.
function listenShare(api, share, o) {
  if (o === undefined || o === null) {
    // jweixin registers the listener all the same, and its handler fails
    // reading the share's title when the user picks the item.
    listen(toBridge(api), {
      complete: function () {
        throw new TypeError("Cannot read properties of " + o + " (reading 'title')");
      },
    }, {});
    return;
  }
  listen(
    toBridge(api),
    {
      complete: function (ev) {
        var cbs = share.withoutCallbacks && share.withoutCallbacks(ev) ? undefined : o;
        invoke(share.call, share.args(o), cbs);
      },
    },
    o
  );
}

// ---- config, ready, error, and the raw bridge ------------------------------

// jweixin's configuration state: 0 pending, 1 done, -1 failed with no
// error handler; the jobs waiting for the configuration (ready callbacks,
// the statistics); the single error handler.
var configState = { state: 0, data: {} };
var waiting = [];
var errorHandler = null;

function runWaiting(jobs) {
  for (var i = 0, n = jobs.length; i < n; i++) jobs[i]();
  waiting = [];
}

wx.config = function (cfg) {
  sdkConfig = cfg;
  debugLog("config", cfg);
  var check = cfg.check !== false;
  whenBridge(function () {
    if (!check) {
      configState.state = 1;
      return runWaiting(waiting);
    }
    var jobs = waiting;
    jobs.push(statistics);
    invoke(
      "preVerifyJSAPI",
      { verifyJsApiList: bridgeList(cfg.jsApiList), verifyOpenTagList: bridgeList(cfg.openTagList) },
      {
        success: function () {
          report.ok = 0;
        },
        fail: function (res) {
          if (errorHandler) errorHandler(res);
          else configState.state = -1;
        },
        complete: function () {
          runWaiting(jobs);
        },
      },
      function (res) {
        report.verified = Date.now();
        configState.state = 1;
        configState.data = res;
      }
    );
    report.verifying = Date.now();
  });
  if (!wx.invoke) {
    wx.invoke = rawInvoke;
    wx.on = rawOn;
  }
};
wx.ready = function (fn) {
  if (configState.state !== 0) fn();
  else waiting.push(fn);
};
wx.error = function (fn) {
  if (configState.state === -1) fn(configState.data);
  else errorHandler = fn;
};

// rawInvoke is wx.invoke: the client's answer reaches cb untouched.
function rawInvoke(name, args, cb) {
  if (bridgeReady) bridge.invoke(name, withVerify(args), cb, { raw: true });
}

// rawOn is wx.on: the client's events reach cb untouched.
function rawOn(name, cb) {
  if (bridgeReady) bridge.on(name, cb);
}

// ---- jweixin's statistics ----------------------------------------------------

// After each verification jweixin reports to WeChat how long loading and
// verifying took and the network type, unless debugging (or on a desktop
// client, which the fake phone is not). The client keeps the report.
var report = { loaded: Date.now(), bridged: 0, verifying: 0, verified: 0, ok: 1 };
whenBridge(function () {
  report.bridged = Date.now();
});

function statistics() {
  if (sdkConfig.debug) return;
  var img = new window.Image();
  var system = options.flavour === "ios" ? 1 : 2;
  wx.getNetworkType({
    isInnerInvoke: true,
    success: function (res) {
      img.src =
        "https://open.weixin.qq.com/sdk/report?v=1&o=" + report.ok + "&s=" + system + "&c=" + clientVersion +
        "&a=" + sdkConfig.appId + "&n=" + res.networkType + "&i=" + (report.bridged - report.loaded) +
        "&p=" + (report.verified - report.verifying) + "&u=" + encodeURIComponent(landingURL);
    },
  });
}

window.wx = window.jWeixin = wx;
