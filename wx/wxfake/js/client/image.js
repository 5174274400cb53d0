// Images, and what the voice interfaces share with them: resource ids and
// WeChat's media store.

// Images the fake hands out: localId (its scheme in lower case, as a
// browser reports an element's src) → data URL of a generated picture.
var images = {};
var nextResource = 1;

function imageKey(localId) {
  var id = String(localId);
  var i = id.indexOf("://");
  return i < 0 ? id : id.substring(0, i).toLowerCase() + id.substring(i);
}

function imageData(localId) {
  return images[imageKey(localId)] || "";
}

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

// newImage makes a local image resource and returns its localId; data, if
// given, is its picture.
function newImage(data) {
  var n = nextResource++;
  var id = (options.flavour === "ios" ? "wxLocalResource://imageid" : "weixin://resourceid/") + n;
  images[imageKey(id)] = data || sampleImage(n);
  return id;
}

// newResource returns a fresh id with the given prefix (voices, server ids).
function newResource(prefix) {
  return prefix + nextResource++;
}

// mediaStore is what the client knows of WeChat's media store: serverId
// (a media_id) → the localId uploaded, so that downloading gives the
// upload back.
var mediaStore = {};

// uploadURL is where the fake WeChat takes uploads (wechatfake.UploadPath),
// beside verify; without a verify endpoint the media stay on the machine.
var uploadURL = options.verify ? new URL("upload", new URL(options.verify, location.href)).href : "";

// uploadMedia sends the bytes of localId (a Blob) to the fake WeChat as
// a media of kind ("image", "voice"), as the client sends an upload to
// WeChat's servers, and promises the call's data: the serverId WeChat
// gave, or the client's refusal (name's). The server of the page can then
// fetch the very bytes from /cgi-bin/media/get for 3 days.
function uploadMedia(name, kind, localId, blob) {
  if (!uploadURL) {
    var id = newResource("wxfake_media_");
    mediaStore[id] = localId;
    return Promise.resolve({ serverId: id });
  }
  return fetch(uploadURL + "?type=" + kind, { method: "POST", headers: { "Content-Type": blob.type }, body: blob })
    .then(function (r) {
      return r.json();
    })
    .then(
      function (res) {
        if (!res || res.errcode !== 0 || typeof res.media_id !== "string" || !res.media_id) {
          return refusal(name + ":fail_" + ((res && res.errmsg) || "upload refused"));
        }
        mediaStore[res.media_id] = localId;
        return { serverId: res.media_id };
      },
      function () {
        return refusal(name + ":fail_upload endpoint unreachable");
      }
    );
}

// dataURLBlob is the Blob a data URL holds.
function dataURLBlob(url) {
  var comma = url.indexOf(",");
  var type = url.substring(5, comma).split(";")[0] || "application/octet-stream";
  var raw = atob(url.substring(comma + 1));
  var bytes = new Uint8Array(raw.length);
  for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return new Blob([bytes], { type: type });
}

client("chooseImage", {
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
});

client("previewImage", {
  data: function (args) {
    if (!Array.isArray(args.urls) || args.urls.length === 0) {
      return refusal("imagePreview:fail_invalid_data");
    }
    return {};
  },
});

client("uploadImage", {
  data: function (args) {
    if (!args.localId) return refusal("uploadImage:fail_missing arguments");
    var url = imageData(args.localId);
    if (!url) return refusal("uploadImage:fail");
    return uploadMedia("uploadImage", "image", args.localId, dataURLBlob(url));
  },
});

// Any media_id downloads (the page's server may have uploaded it); one
// this fake stored gives its picture back.
client("downloadImage", {
  data: function (args) {
    if (!args.serverId) return refusal("downloadImage:fail_missing arguments");
    return { localId: newImage(imageData(mediaStore[args.serverId] || "")) };
  },
});

client("getLocalImgData", {
  data: function (args) {
    if (!args.localId) return refusal("getLocalImgData:fail_invaild_localid");
    var url = imageData(args.localId);
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
});
