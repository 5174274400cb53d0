// checkJsApi: the fake client has exactly the interfaces it answers.

client("checkJsApi", {
  data: function (args) {
    var result = {};
    (args.jsApiList || []).forEach(function (name) {
      var api = toPublic(name);
      result[api] = Boolean(answers[api] || shareOf(api));
    });
    return { checkResult: result };
  },
  // The client names the interfaces its way; Android sends the object as
  // a JSON string.
  encode: function (data) {
    var native = renameKeys(data.checkResult || {}, bridgeNames);
    data.checkResult = options.flavour === "android" ? JSON.stringify(native) : native;
    return data;
  },
});
