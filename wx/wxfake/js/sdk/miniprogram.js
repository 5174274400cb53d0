// wx.miniProgram: every call but getEnv goes to the client as
// invokeMiniProgramAPI {name, arg}, without configuration but once the
// bridge is there.

["navigateTo", "redirectTo", "switchTab", "reLaunch"].forEach(function (name) {
  define("miniProgram." + name, {
    needsOptions: true,
    gated: true,
    call: "invokeMiniProgramAPI",
    args: function (o) {
      return { name: name, arg: { url: o.url } };
    },
  });
});

define("miniProgram.navigateBack", {
  gated: true,
  call: "invokeMiniProgramAPI",
  args: function (o) {
    return { name: "navigateBack", arg: { delta: o.delta || 1 } };
  },
});

define("miniProgram.postMessage", {
  needsOptions: true,
  gated: true,
  call: "invokeMiniProgramAPI",
  args: function (o) {
    return { name: "postMessage", arg: o.data || {} };
  },
});

// getEnv asks no client: jweixin reads the page's environment once the
// bridge is there. The log has it all the same (only under this layer).
define("miniProgram.getEnv", {
  func: function (fn) {
    state.calls.push({ api: "miniProgram.getEnv", bridge: "", args: {}, at: Date.now() });
    changed();
    whenBridge(function () {
      fn({ miniprogram: window.__wxjs_environment === "miniprogram" });
    });
  },
});
