// Share interfaces.

// docTitle is the document's title when the SDK loaded: jweixin's default
// share title.
var docTitle = document.title;

// shareArgs is the content of a menu share as jweixin sends it, snake_case,
// with its defaults read at share time; desc is the description to send.
function shareArgs(o, desc) {
  return {
    title: o.title || docTitle,
    desc: desc,
    img_url: o.imgUrl || "",
    link: o.link || location.href,
  };
}

// withMedia adds what a share carries, as the Moments and Friend shares do.
function withMedia(args, o) {
  args.type = o.type || "link";
  args.data_url = o.dataUrl || "";
  return args;
}

define("onMenuShareTimeline", {
  share: {
    call: "shareTimeline",
    // The Moments share sends the title as its description too.
    args: function (o) {
      return withMedia(shareArgs(o, o.title || docTitle), o);
    },
  },
});

define("onMenuShareAppMessage", {
  share: {
    call: "sendAppMessage",
    args: function (o) {
      return withMedia(shareArgs(o, o.desc || ""), o);
    },
    // Adding to Favorites comes through this item: jweixin then shares
    // without the page's callbacks.
    withoutCallbacks: function (ev) {
      return ev.scene === "favorite";
    },
  },
});

[
  ["onMenuShareQQ", "shareQQ"],
  ["onMenuShareWeibo", "shareWeiboApp"],
  ["onMenuShareQZone", "shareQZone"],
].forEach(function (pair) {
  define(pair[0], {
    share: {
      call: pair[1],
      args: function (o) {
        return shareArgs(o, o.desc || "");
      },
    },
  });
});

// The newer setters pass the content as given (camelCase imgUrl, no
// defaults): absent keys stay absent.
define("updateAppMessageShareData", {
  needsOptions: true,
  args: function (o) {
    return { title: o.title, desc: o.desc, link: o.link, imgUrl: o.imgUrl };
  },
});

define("updateTimelineShareData", {
  needsOptions: true,
  args: function (o) {
    return { title: o.title, link: o.link, imgUrl: o.imgUrl };
  },
});
