// "Shake Nearby" beacons. While searching, the client reports the beacons
// in range about once a second with onBeaconsInRange; here a test fires
// them: wxfake.fire("onSearchBeacons", {beacons: [...]}).

var beaconSearch = { on: false };
onReset(function () {
  beaconSearch.on = false;
});

client("startSearchBeacons", {
  data: function () {
    if (beaconSearch.on) return refusal("startMonitoringBeacons:already started");
    beaconSearch.on = true;
    return {};
  },
});

client("stopSearchBeacons", {
  data: function () {
    beaconSearch.on = false;
    return {};
  },
});

client("onSearchBeacons", { listener: true });
