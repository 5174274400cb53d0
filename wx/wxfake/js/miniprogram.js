// wx.miniProgram: every call but getEnv goes to the client as
// invokeMiniProgramAPI {name, arg}, without configuration.

["navigateTo", "redirectTo", "switchTab", "reLaunch"].forEach(function (name) {
  define("miniProgram." + name, {
    needsOptions: true,
    call: "invokeMiniProgramAPI",
    args: function (o) {
      return { name: name, arg: { url: o.url } };
    },
  });
});

define("miniProgram.navigateBack", {
  call: "invokeMiniProgramAPI",
  args: function (o) {
    return { name: "navigateBack", arg: { delta: o.delta || 1 } };
  },
});

define("miniProgram.postMessage", {
  needsOptions: true,
  call: "invokeMiniProgramAPI",
  args: function (o) {
    return { name: "postMessage", arg: o.data || {} };
  },
});

// getEnv asks no client: jweixin reads the page's environment.
define("miniProgram.getEnv", {
  func: function (fn) {
    fn({ miniprogram: window.__wxjs_environment === "miniprogram" });
  },
});
