// gowx fake jWeixin: a stand-in for jweixin-1.6.0.js that runs in any
// browser. It has two layers, as the real thing has: the SDK layer (the
// public wx API: argument defaults, bridge names, errMsg normalisation,
// callback dispatch), and a fake WeChat client beneath it that answers each
// bridge call with realistic data or with what a test scripted. wx.config is
// verified the way WeChat does it, by a wechatfake server (see the "verify"
// option). The controller is window.wxfake.
//
// Options come from the script's own query string (jweixin-fake.js?verify=
// <url>&flavour=android|ios) or from window.wxfakeOptions set before it.
(function (window) {
  "use strict";
  if (window.jWeixin) {
    return; // as the real SDK: loaded once per page
  }
  var document = window.document;
  var navigator = window.navigator;
  var location = window.location;

  var params = new URLSearchParams();
  if (document.currentScript && document.currentScript.src) {
    params = new URL(document.currentScript.src, location.href).searchParams;
  }
  var given = window.wxfakeOptions || {};
  var options = {
    verify: given.verify || params.get("verify") || "",
    flavour: given.flavour || params.get("flavour") || (/iphone|ipad/i.test(navigator.userAgent) ? "ios" : "android"),
  };

  // ---- names ---------------------------------------------------------------

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

  // ---- the fake WeChat client --------------------------------------------

  var state = {
    config: null, // the configuration passed to wx.config, by reference
    verified: null, // bridge names of the jsApiList WeChat accepted
    scripts: {}, // public name → [outcome, ...]; the last one stays
    handlers: {}, // event → its single handler, as the client keeps one
    calls: [], // the call log
  };

  function clone(v) {
    return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
  }

  // A small PNG the fake hands out as image data: a solid square.
  function sampleImage(seed) {
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = 64;
    var ctx = canvas.getContext("2d");
    if (!ctx) {
      return "";
    }
    ctx.fillStyle = "hsl(" + ((seed * 67) % 360) + ",70%,55%)";
    ctx.fillRect(0, 0, 64, 64);
    ctx.fillStyle = "#fff";
    ctx.font = "28px sans-serif";
    ctx.fillText(String(seed), 22, 42);
    return canvas.toDataURL("image/png");
  }

  var nextResource = 1;
  var images = {}; // localId → data URL

  // Realistic data for an ok answer, by public name, given the bridge args.
  var defaults = {
    chooseImage: function (args) {
      var ids = [];
      var n = Math.min(args.count || 9, 1 + (nextResource % 3));
      for (var i = 0; i < n; i++) {
        var id = (options.flavour === "ios" ? "wxLocalResource://imageid" : "weixin://resourceid/") + nextResource++;
        images[id] = sampleImage(nextResource - 1);
        ids.push(id);
      }
      return { localIds: ids, sourceType: (args.sourceType || ["album"])[0] };
    },
    getNetworkType: function () {
      return { networkType: "wifi" };
    },
  };

  // Turns public-shaped data into what the client really sends.
  var encoders = {
    chooseImage: function (data) {
      if (options.flavour === "android" && Array.isArray(data.localIds)) {
        data.localIds = JSON.stringify(data.localIds);
      }
      return data;
    },
    getNetworkType: function (data, res) {
      var t = String(data.networkType || "wifi");
      delete data.networkType;
      if (t === "wifi" || t === "edge" || t === "wwan") {
        res.err_msg = "network_type:" + t;
      } else {
        res.err_msg = "network_type:wwan";
        data.subtype = t;
      }
      return data;
    },
  };

  function takeOutcome(api) {
    var queue = state.scripts[api];
    if (!queue || queue.length === 0) {
      return { result: "ok" };
    }
    return queue.length > 1 || queue[0].once ? queue.shift() : queue[0];
  }

  // nativeInvoke is WeixinJSBridge.invoke: it answers asynchronously with a
  // native-shaped object (snake_case err_msg), as the client does.
  function nativeInvoke(name, args, entry, cb) {
    var api = toPublic(name);
    if (name === "preVerifyJSAPI") {
      verify(args, cb);
      return;
    }
    if (!state.verified) {
      return answer(cb, { err_msg: name + ":the permission value is offline verifying" }, 0);
    }
    if (state.verified.indexOf(name) < 0) {
      return answer(cb, { err_msg: name + ":permission denied" }, 0);
    }
    var o = takeOutcome(api);
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
        var data = o.data !== undefined ? clone(o.data) : defaults[api] ? defaults[api](args) : {};
        if (encoders[api]) {
          data = encoders[api](data, res);
        }
        Object.keys(data || {}).forEach(function (k) {
          res[k] = data[k];
        });
    }
    answer(cb, res, o.delay || 0);
  }

  function answer(cb, res, delay) {
    setTimeout(function () {
      cb(res);
    }, delay);
  }

  // verify asks wechatfake whether WeChat would accept this configuration.
  function verify(args, cb) {
    var done = function (res) {
      if (/:ok$/.test(res.err_msg || "")) {
        state.verified = (args.verifyJsApiList || []).slice();
      } else {
        state.verified = null;
      }
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
        url: location.href,
      }),
    })
      .then(function (r) {
        return r.json();
      })
      .then(done, function () {
        done({ err_msg: "config:fail_verify endpoint unreachable" });
      });
  }

  // ---- the SDK layer ---------------------------------------------------------

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

  // normalise builds errMsg as jweixin does from the client's err_msg.
  function normalise(name, res) {
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

  // Per-API changes jweixin makes to a result before the callbacks see it.
  var completes = {
    chooseImage: function (res) {
      if (typeof res.localIds === "string") {
        try {
          res.localIds = JSON.parse(res.localIds);
        } catch (e) {
          // left as the client sent it
        }
      }
    },
    getNetworkType: function (res) {
      var status = res.errMsg.substring(res.errMsg.indexOf(":") + 1);
      res.errMsg = "getNetworkType:ok";
      if (res.subtype) {
        res.networkType = res.subtype;
        delete res.subtype;
      } else if (status === "wifi" || status === "edge" || status === "wwan") {
        res.networkType = status;
      } else {
        res.errMsg = "getNetworkType:fail";
      }
    },
  };

  function dispatch(name, res, cbs) {
    normalise(name, res);
    var api = toPublic(name);
    if (completes[api]) {
      completes[api](res);
    }
    var status = res.errMsg.substring(res.errMsg.indexOf(":") + 1);
    var fn = status === "ok" ? cbs.success : status === "cancel" ? cbs.cancel : cbs.fail;
    if (typeof fn === "function") fn(res);
    if (typeof cbs.complete === "function") cbs.complete(res);
  }

  // invoke sends one call down to the client and dispatches its answer.
  function invoke(api, args, cbs) {
    var name = toBridge(api);
    var entry = { api: api, args: clone(args), at: Date.now() };
    state.calls.push(entry);
    nativeInvoke(name, withVerify(args), entry, function (res) {
      dispatch(name, res, cbs || {});
      entry.errMsg = res.errMsg;
      entry.result = clone(res);
    });
  }

  // ---- public API ------------------------------------------------------------

  var readyQueue = [];
  var configState = 0; // 0 pending, 1 done, -1 failed with no error handler
  var configResult = null;
  var errorHandler = null;

  var wx = {
    config: function (cfg) {
      state.config = cfg;
      state.verified = null;
      var list = (cfg.jsApiList || []).map(toBridge);
      if (cfg.jsApiList) {
        for (var i = 0; i < list.length; i++) cfg.jsApiList[i] = list[i];
      }
      wx.invoke = rawInvoke;
      wx.on = rawOn;
      if (cfg.check === false) {
        configState = 1;
        return flushReady();
      }
      invoke("config", { verifyJsApiList: list, verifyOpenTagList: cfg.openTagList || [] }, {
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
    },
    ready: function (fn) {
      if (configState !== 0) fn();
      else readyQueue.push(fn);
    },
    error: function (fn) {
      if (configState === -1) fn(configResult);
      else errorHandler = fn;
    },
    chooseImage: function (o) {
      invoke("chooseImage", {
        scene: "1|2",
        count: o.count || 9,
        sizeType: o.sizeType || ["original", "compressed"],
        sourceType: o.sourceType || ["album", "camera"],
      }, o);
    },
    getNetworkType: function (o) {
      invoke("getNetworkType", {}, o);
    },
  };

  function flushReady() {
    var q = readyQueue;
    readyQueue = [];
    q.forEach(function (fn) {
      fn();
    });
  }

  // wx.invoke and wx.on: the raw bridge, installed by the first wx.config.
  function rawInvoke(name, args, cb) {
    var entry = { api: toPublic(name), args: clone(args), at: Date.now(), raw: true };
    state.calls.push(entry);
    nativeInvoke(name, withVerify(args || {}), entry, function (res) {
      entry.result = clone(res);
      if (typeof cb === "function") cb(res);
    });
  }
  function rawOn(name, cb) {
    state.handlers[name] = cb;
  }

  window.wx = window.jWeixin = wx;

  // ---- the controller --------------------------------------------------------

  window.wxfake = {
    // options in force: verify endpoint and flavour ("android" or "ios").
    options: options,
    // respond scripts the next answers of api (its public name). outcome:
    // {result: "ok"|"cancel"|"fail"|"never"|"raw", data, message, raw,
    // delay (ms), once}. Outcomes queue up; the last one stays in force
    // unless it is marked once.
    respond: function (api, outcome) {
      (state.scripts[api] = state.scripts[api] || []).push(clone(outcome) || { result: "ok" });
    },
    // calls returns the call log: {api, args (as sent to the client, before
    // the verification fields), scripted, errMsg, result}.
    calls: function () {
      return clone(state.calls);
    },
    // reset forgets scripts and the call log.
    reset: function () {
      state.scripts = {};
      state.calls = [];
    },
    // fire delivers an event to the page's handler of it (bridge name or
    // public name), reporting whether one was registered.
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
})(window);
