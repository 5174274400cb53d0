// Device information.

client("getNetworkType", {
  data: function () {
    return { networkType: "wifi" };
  },
  // The client names wifi, edge and wwan in err_msg, and a mobile subtype apart.
  encode: function (data, res) {
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
});
