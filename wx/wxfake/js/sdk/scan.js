// WeChat's scanner.

define("scanQRCode", {
  args: function (o) {
    return { needResult: o.needResult || 0, scanType: o.scanType || ["qrCode", "barCode"] };
  },
  // iOS wraps the text in JSON, which jweixin unwraps.
  complete: function (res) {
    if (options.flavour === "ios" && res.resultStr) {
      var r = JSON.parse(res.resultStr);
      res.resultStr = r && r.scan_code && r.scan_code.scan_result;
    }
  },
});
