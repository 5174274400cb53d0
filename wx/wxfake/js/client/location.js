// Location interfaces.

client("openLocation");

// The fake device stands in Beijing, where GCJ-02 is offset from WGS-84 by
// about 0.0014° north and 0.0062° east.
var positions = {
  wgs84: { latitude: 39.9075, longitude: 116.3912 },
  gcj02: { latitude: 39.9089, longitude: 116.3974 },
};

client("getLocation", {
  data: function (args) {
    var p = positions[args.type] || positions.wgs84;
    return { latitude: p.latitude, longitude: p.longitude, speed: 0, accuracy: 30 };
  },
  // The client echoes the type, which jweixin deletes; Android clients send
  // the numbers as strings.
  encode: function (data, res, args) {
    data.type = args.type;
    if (options.flavour === "android") {
      ["latitude", "longitude", "speed", "accuracy"].forEach(function (k) {
        if (typeof data[k] === "number") data[k] = String(data[k]);
      });
    }
    return data;
  },
});
