// Voice interfaces.

define("startRecord", {});
define("stopRecord", {});
define("onVoiceRecordEnd", { listener: true });
define("onVoicePlayEnd", { listener: true });

["playVoice", "pauseVoice", "stopVoice"].forEach(function (name) {
  define(name, {
    needsOptions: true,
    args: function (o) {
      return { localId: o.localId };
    },
  });
});

defineResourceCall("uploadVoice", "localId");
defineResourceCall("downloadVoice", "serverId");
defineResourceCall("translateVoice", "localId");
