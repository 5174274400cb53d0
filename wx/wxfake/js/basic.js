// Basic interfaces, and helpers of the other interface files.

// bridgeList rewrites a list of public names to the client's, in place as
// jweixin does (the caller's array changes), and returns it.
function bridgeList(list) {
  for (var i = 0; list && i < list.length; i++) {
    list[i] = toBridge(list[i]);
  }
  return list;
}

// renameKeys moves the keys of obj named in names (old → new) to their
// new names, keeping the others.
function renameKeys(obj, names) {
  Object.keys(names).forEach(function (from) {
    if (from in obj) {
      obj[names[from]] = obj[from];
      delete obj[from];
    }
  });
  return obj;
}

// inverted returns names (old → new) turned around (new → old).
function inverted(names) {
  var back = {};
  Object.keys(names).forEach(function (k) {
    back[names[k]] = k;
  });
  return back;
}

define("checkJsApi", {
  needsOptions: true,
  args: function (o) {
    return { jsApiList: bridgeList(o.jsApiList) };
  },
  // The fake client has exactly the interfaces the fake defines.
  data: function (args) {
    var result = {};
    (args.jsApiList || []).forEach(function (name) {
      var api = toPublic(name);
      result[api] = !!specs[api];
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
  complete: function (res) {
    if (options.flavour === "android" && res.checkResult) {
      res.checkResult = JSON.parse(res.checkResult);
    }
    renameKeys(res.checkResult || {}, publicNames);
  },
});
