// Image interfaces.

define("chooseImage", {
  needsOptions: true,
  args: function (o) {
    return {
      scene: "1|2",
      count: o.count || 9,
      sizeType: o.sizeType || ["original", "compressed"],
      sourceType: o.sourceType || ["album", "camera"],
    };
  },
  data: function (args) {
    var ids = [];
    var n = Math.min(args.count || 9, 1 + (nextResource % 3));
    for (var i = 0; i < n; i++) ids.push(newImage());
    return { localIds: ids, sourceType: (args.sourceType || ["album"])[0] };
  },
  // Android sends the list as a JSON string.
  encode: function (data) {
    if (options.flavour === "android" && Array.isArray(data.localIds)) {
      data.localIds = JSON.stringify(data.localIds);
    }
    return data;
  },
  complete: function (res) {
    if (typeof res.localIds === "string") {
      try {
        res.localIds = JSON.parse(res.localIds);
      } catch (e) {
        // left as the client sent it
      }
    }
  },
});
