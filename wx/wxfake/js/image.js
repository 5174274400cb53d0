// Image interfaces, and what the voice interfaces share with them: the
// client's refusals, the calls with progress tips and WeChat's media store.

// defineResourceCall defines a call on one resource, named by key
// ("localId" or "serverId"), with jweixin's isShowProgressTips: 1 unless
// the page passes something loosely equal to 0 (0, "0", "", false).
function defineResourceCall(name, key, data) {
  define(name, {
    needsOptions: true,
    args: function (o) {
      var args = { isShowProgressTips: o.isShowProgressTips == 0 ? 0 : 1 };
      args[key] = o[key];
      return args;
    },
    data: data,
  });
}

// mediaStore is WeChat's media store: serverId (a media_id) → the localId
// uploaded, so that downloading gives the upload back.
var mediaStore = {};

function storeMedia(localId) {
  var id = newResource("wxfake_media_");
  mediaStore[id] = localId;
  return id;
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
  data: function (args) {
    var ids = [];
    var n = Math.min(args.count || 9, 1 + (nextResource % 3));
    for (var i = 0; i < n; i++) ids.push(newImage());
    return { localIds: ids, sourceType: (args.sourceType || ["album"])[0] };
  },
  // Android sends the list as a JSON string.
  encode: function (data) {
    if (options.flavour === "android" && Array.isArray(data.localIds)) {
      data.localIds = JSON.stringify(data.localIds);
    }
    return data;
  },
  complete: function (res) {
    if (typeof res.localIds === "string") {
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
  data: function (args) {
    if (!Array.isArray(args.urls) || args.urls.length === 0) {
      return refusal("imagePreview:fail_invalid_data");
    }
    return {};
  },
});

defineResourceCall("uploadImage", "localId", function (args) {
  if (!args.localId) return refusal("uploadImage:fail_missing arguments");
  if (!images[args.localId]) return refusal("uploadImage:fail");
  return { serverId: storeMedia(args.localId) };
});

// Any media_id downloads (the page's server may have uploaded it); one
// this fake stored gives its picture back.
defineResourceCall("downloadImage", "serverId", function (args) {
  if (!args.serverId) return refusal("downloadImage:fail_missing arguments");
  var id = newImage();
  var uploaded = images[mediaStore[args.serverId]];
  if (uploaded) images[id] = uploaded;
  return { localId: id };
});

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
  data: function (args) {
    if (!args.localId) return refusal("getLocalImgData:fail_invaild_localid");
    var url = images[args.localId];
    if (!url) return refusal("getLocalImgData:fail");
    return { localData: url.substring(url.indexOf(",") + 1) };
  },
  // Android sends bare base64 in lines of 76; iOS a data URL, with the
  // media type misspelt as some versions do.
  encode: function (data) {
    if (typeof data.localData === "string") {
      data.localData =
        options.flavour === "ios"
          ? "data:image/jgp;base64," + data.localData
          : data.localData.replace(/.{76}(?=.)/g, "$&\n");
    }
    return data;
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
