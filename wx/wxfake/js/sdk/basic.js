// checkJsApi.

define("checkJsApi", {
  needsOptions: true,
  args: function (o) {
    return { jsApiList: bridgeList(o.jsApiList) };
  },
  // Android sends the object as a JSON string; jweixin renames the
  // client's names back.
  complete: function (res) {
    if (options.flavour === "android" && res.checkResult) {
      res.checkResult = JSON.parse(res.checkResult);
    }
    renameKeys(res.checkResult || {}, publicNames);
  },
});
