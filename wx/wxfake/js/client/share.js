// Share interfaces: the menu listeners' events, the share calls they make
// (scripted by the listener), and the newer setters.

Object.keys(shareListeners).forEach(function (call) {
  client(call);
});

["updateAppMessageShareData", "updateTimelineShareData"].forEach(function (name) {
  client(name);
});
