// Device information.

define("getNetworkType", {
  needsOptions: true,
  // The client names wifi, edge and wwan in err_msg, and a mobile subtype apart.
  complete: function (res) {
    var status = res.errMsg.substring(res.errMsg.indexOf(":") + 1);
    res.errMsg = "getNetworkType:ok";
    var subtype = res.subtype;
    delete res.subtype;
    if (subtype) {
      res.networkType = subtype;
    } else if (status === "wifi" || status === "edge" || status === "wwan") {
      res.networkType = status;
    } else {
      res.errMsg = "getNetworkType:fail";
    }
  },
});
