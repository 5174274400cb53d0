// Product pages, mini programs, business pages and shipping addresses.

client("openProductSpecificView");
client("launchMiniProgram");

client("openBusinessView", {
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

client("openAddress", {
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
});
