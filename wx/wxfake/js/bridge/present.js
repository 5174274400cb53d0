// The client layer alone, under the official jweixin-1.6.0.js: the page's
// scripts see the flavour's WeChat user agent and platform, as in the
// client's own webview, since jweixin reads them once, when it loads, and
// stays silent outside WeChat. Load this script before jweixin.

var phones = {
  android: {
    userAgent:
      "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) " +
      "Version/4.0 Chrome/126.0.6478.188 Mobile Safari/537.36 XWEB/1260117 MMWEBSDK/20240801 MMWEBID/2247 " +
      "MicroMessenger/" + clientVersion + ".2560(0x28002F37) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
    platform: "Linux aarch64",
  },
  ios: {
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 " +
      "MicroMessenger/" + clientVersion + "(0x18002f2f) NetType/WIFI Language/zh_CN",
    platform: "iPhone",
  },
};

// A browser already playing a WeChat phone (a test's emulation) keeps its
// own user agent.
if (!/micromessenger/i.test(navigator.userAgent)) {
  var phone = phones[options.flavour];
  Object.defineProperty(navigator, "userAgent", { configurable: true, get: function () { return phone.userAgent; } });
  Object.defineProperty(navigator, "appVersion", { configurable: true, get: function () { return phone.userAgent.substring(8); } });
  Object.defineProperty(navigator, "platform", { configurable: true, get: function () { return phone.platform; } });
}

// jweixin decodes answers for the flavour it saw at load: another flavour
// needs another load.
window.wxfake.setFlavour = function (f) {
  if ((f === "ios" ? "ios" : "android") !== options.flavour) {
    throw new Error("wxfake.setFlavour: under the official jweixin the flavour is fixed when the page loads; load the bridge layer with ?flavour=" + f);
  }
};
