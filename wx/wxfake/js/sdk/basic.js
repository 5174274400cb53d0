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
    // As jweixin's for-in: in the result's order, each renamed key moved
    // to the end.
    var result = res.checkResult || {};
    Object.keys(result).forEach(function (k) {
      if (publicNames[k] && publicNames[k] !== k) {
        result[publicNames[k]] = result[k];
        delete result[k];
      }
    });
  },
});
