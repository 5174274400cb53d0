// "Shake Nearby" beacons.

define("startSearchBeacons", {
  needsOptions: true,
  args: function (o) {
    return { ticket: o.ticket };
  },
});

define("stopSearchBeacons", {});
define("onSearchBeacons", { listener: true });
