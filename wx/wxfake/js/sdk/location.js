// Location interfaces.

define("openLocation", {
  needsOptions: true,
  args: function (o) {
    return {
      latitude: o.latitude,
      longitude: o.longitude,
      name: o.name || "",
      address: o.address || "",
      scale: o.scale || 28,
      infoUrl: o.infoUrl || "",
    };
  },
});

define("getLocation", {
  args: function (o) {
    return { type: o.type || "wgs84" };
  },
  // The client echoes the type, which jweixin deletes.
  complete: function (res) {
    delete res.type;
  },
});
