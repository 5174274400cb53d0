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
  data: function () {
    return { errCode: 0, extraData: {} };
  },
  // Android sends extraData as a JSON string.
  encode: function (data) {
    if (options.flavour === "android" && data.extraData !== undefined && typeof data.extraData !== "string") {
      data.extraData = JSON.stringify(data.extraData);
    }
    return nativeErrCode(data);
  },
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

// addressNames are the client's names of the address fields jweixin
// renames (sic: "provice").
var addressNames = {
  postalCode: "addressPostalCode",
  provinceName: "proviceFirstStageName",
  cityName: "addressCitySecondStageName",
  countryName: "addressCountiesThirdStageName",
  detailInfo: "addressDetailInfo",
};
var addressPublicNames = inverted(addressNames);

define("openAddress", {
  needsOptions: true,
  data: function () {
    return {
      userName: "张三",
      telNumber: "020-81167888",
      postalCode: "510630",
      provinceName: "广东省",
      cityName: "广州市",
      countryName: "天河区",
      detailInfo: "天河路 385 号",
      nationalCode: "440106",
    };
  },
  encode: function (data) {
    return renameKeys(data, addressNames);
  },
  complete: function (res) {
    renameKeys(res, addressPublicNames);
  },
});
