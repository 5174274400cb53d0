// "Shake Nearby" beacon interfaces. While searching, the client reports the
// beacons in range about once a second with onBeaconsInRange; here a test
// fires them: wxfake.fire("onSearchBeacons", {beacons: [...]}).

var beaconSearch = { on: false };
onReset(function () {
  beaconSearch.on = false;
});

define("startSearchBeacons", {
  needsOptions: true,
  args: function (o) {
    return { ticket: o.ticket };
  },
  data: function () {
    if (beaconSearch.on) return refusal("startMonitoringBeacons:already started");
    beaconSearch.on = true;
    return {};
  },
});

define("stopSearchBeacons", {
  data: function () {
    beaconSearch.on = false;
    return {};
  },
});

define("onSearchBeacons", { listener: true });
