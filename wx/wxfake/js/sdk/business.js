// Product pages, mini programs, business pages and shipping addresses.

define("openProductSpecificView", {
  needsOptions: true,
  args: function (o) {
    return { pid: o.productId, view_type: o.viewType || 0, ext_info: o.extInfo };
  },
});

// miniProgramPath is jweixin's rewrite of launchMiniProgram's path: ".html"
// after the page, the query up to a second "?"; undefined unless a
// non-empty string.
function miniProgramPath(path) {
  if (typeof path !== "string" || path.length === 0) {
    return undefined;
  }
  var parts = path.split("?");
  return parts[0] + ".html" + (parts[1] !== undefined ? "?" + parts[1] : "");
}

define("launchMiniProgram", {
  needsOptions: true,
  args: function (o) {
    return { targetAppId: o.targetAppId, path: miniProgramPath(o.path), envVersion: o.envVersion };
  },
});

define("openBusinessView", {
  needsOptions: true,
  args: function (o) {
    return { businessType: o.businessType, queryString: o.queryString || "", envVersion: o.envVersion };
  },
  // Android sends extraData as a JSON string.
  complete: function (res) {
    if (options.flavour === "android" && res.extraData) {
      try {
        res.extraData = JSON.parse(res.extraData);
      } catch (e) {
        res.extraData = {};
      }
    }
  },
});

// jweixin renames the address fields whether the client sent them or not.
var addressPublicNames = inverted(addressNames);

define("openAddress", {
  needsOptions: true,
  complete: function (res) {
    moveKeys(res, addressPublicNames);
  },
});
