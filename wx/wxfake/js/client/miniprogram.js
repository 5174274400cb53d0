// wx.miniProgram: every call but getEnv reaches the client as
// invokeMiniProgramAPI {name, arg}, without configuration.

["navigateTo", "navigateBack", "redirectTo", "switchTab", "reLaunch", "postMessage"].forEach(function (name) {
  client("miniProgram." + name);
});
