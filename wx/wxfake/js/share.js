// Share interfaces.

// docTitle is the document's title when the SDK loaded: jweixin's default
// share title.
var docTitle = document.title;

define("onMenuShareTimeline", {
  share: {
    call: "shareTimeline",
    args: function (o) {
      return {
        title: o.title || docTitle,
        desc: o.title || docTitle,
        img_url: o.imgUrl || "",
        link: o.link || location.href,
        type: o.type || "link",
        data_url: o.dataUrl || "",
      };
    },
  },
});
