// WeChat's scanner.

client("scanQRCode", {
  // Asked for the result, the client gives the text read: a URL from a QR
  // code, "<format>,<code>" from a bar code. Otherwise WeChat handles it.
  data: function (args) {
    if (!args.needResult) {
      return {};
    }
    var barOnly = (args.scanType || []).indexOf("qrCode") < 0;
    return { resultStr: barOnly ? "EAN_13,6901234567892" : "https://weixin.qq.com/r/gowx-fake" };
  },
  // iOS wraps the text in JSON.
  encode: function (data) {
    if (options.flavour === "ios" && typeof data.resultStr === "string") {
      data.resultStr = JSON.stringify({ scan_code: { scan_result: data.resultStr } });
    }
    return data;
  },
});
