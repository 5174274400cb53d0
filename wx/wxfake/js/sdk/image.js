// Image interfaces, the calls on resources the voice interfaces share, and
// jweixin's fallback for local images a page shows on iOS.

// defineResourceCall defines a call on one resource, named by key
// ("localId" or "serverId"), with jweixin's isShowProgressTips: 1 unless
// the page passes something loosely equal to 0 (0, "0", "", false).
function defineResourceCall(name, key) {
  define(name, {
    needsOptions: true,
    args: function (o) {
      var args = {};
      args[key] = o[key];
      args.isShowProgressTips = o.isShowProgressTips == 0 ? 0 : 1;
      return args;
    },
  });
}

define("chooseImage", {
  needsOptions: true,
  args: function (o) {
    return {
      scene: "1|2",
      count: o.count || 9,
      sizeType: o.sizeType || ["original", "compressed"],
      sourceType: o.sourceType || ["album", "camera"],
    };
  },
  // Android sends the list as a JSON string, which jweixin parses if it can.
  complete: function (res) {
    if (options.flavour === "android" && res.localIds) {
      try {
        res.localIds = JSON.parse(res.localIds);
      } catch (e) {
        // left as the client sent it
      }
    }
  },
});

define("previewImage", {
  needsOptions: true,
  args: function (o) {
    return { current: o.current, urls: o.urls };
  },
});

defineResourceCall("uploadImage", "localId");
defineResourceCall("downloadImage", "serverId");

// jweixin lets one getLocalImgData reach the client at a time: the others
// wait in its queue, and each answer sends the next through the global wx.
var imgDataQueue = { busy: false, waiting: [] };
onReset(function () {
  imgDataQueue.busy = false;
  imgDataQueue.waiting = [];
});

define("getLocalImgData", {
  needsOptions: true,
  args: function (o) {
    return { localId: o.localId };
  },
  complete: function () {
    imgDataQueue.busy = false;
    if (imgDataQueue.waiting.length > 0) {
      window.wx.getLocalImgData(imgDataQueue.waiting.shift());
    }
  },
});

var getLocalImgDataNow = wx.getLocalImgData;
wx.getLocalImgData = function (o) {
  if (imgDataQueue.busy) {
    imgDataQueue.waiting.push(o);
    return;
  }
  // Marked busy before o is read, as jweixin: a call without options
  // throws and leaves every later call queued for good.
  imgDataQueue.busy = true;
  getLocalImgDataNow(o);
};

// Off Android, a media element whose local resource fails to load gets its
// data from getLocalImgData once configured, as jweixin does (through the
// global wx), each element once until it loads.
var mediaTags = { IMG: true, VIDEO: true, AUDIO: true, SOURCE: true };
var nextMediaId = 1;
var mediaPending = {};

document.addEventListener(
  "error",
  function (e) {
    if (options.flavour === "android") return;
    var el = e.target;
    if (!mediaTags[el.tagName]) return;
    var src = el.src;
    if (src.indexOf("wxlocalresource://") === -1) return;
    e.preventDefault();
    e.stopPropagation();
    var id = el["wx-id"];
    if (!id) id = el["wx-id"] = nextMediaId++;
    if (mediaPending[id]) return;
    mediaPending[id] = true;
    window.wx.ready(function () {
      window.wx.getLocalImgData({
        localId: src,
        success: function (res) {
          el.src = res.localData;
        },
      });
    });
  },
  true
);

document.addEventListener(
  "load",
  function (e) {
    if (options.flavour === "android") return;
    var el = e.target;
    if (mediaTags[el.tagName] && el["wx-id"]) mediaPending[el["wx-id"]] = false;
  },
  true
);
