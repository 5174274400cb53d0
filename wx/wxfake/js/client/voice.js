// Voice interfaces, over a fake recorder. Playback ends only when a test
// fires onVoicePlayEnd.

// voices are the voice localIds the fake handed out, recordings and
// downloads, each with its sound: a stand-in AMR file.
var voices = {};

function newVoice() {
  var n = nextResource;
  var id = newResource(options.flavour === "ios" ? "wxLocalResource://voiceid" : "weixin://resourceid/");
  voices[id] = sampleVoice(n);
  return id;
}

// sampleVoice is half a second of a recording numbered n, as AMR-NB: the
// file's magic, then 25 frames of 12.2 kbit/s (a header byte and 31 bytes
// of sound, here n's own).
function sampleVoice(n) {
  var magic = "#!AMR\n";
  var bytes = new Uint8Array(magic.length + 25 * 32);
  for (var i = 0; i < magic.length; i++) bytes[i] = magic.charCodeAt(i);
  for (var f = 0; f < 25; f++) {
    var at = magic.length + f * 32;
    bytes[at] = 0x3c;
    for (var j = 1; j < 32; j++) bytes[at + j] = (n * 31 + f + j) & 0xff;
  }
  return new Blob([bytes], { type: "audio/amr" });
}

// The recorder: the client stops a recording by itself after a minute and
// reports it with onVoiceRecordEnd; stopRecord then has nothing to stop.
var recordLimit = 60 * 1000;
var recorder = { recording: false, timer: 0 };
onReset(function () {
  clearTimeout(recorder.timer);
  recorder.recording = false;
});

function endRecording() {
  clearTimeout(recorder.timer);
  recorder.recording = false;
  return newVoice();
}

client("startRecord", {
  data: function () {
    if (recorder.recording) return refusal("startRecord:fail_recording");
    recorder.recording = true;
    recorder.timer = setTimeout(function () {
      fire("onVoiceRecordEnd", { localId: endRecording() });
    }, recordLimit);
    return {};
  },
});

client("stopRecord", {
  data: function () {
    if (!recorder.recording) return refusal("stopRecord:fail");
    return { localId: endRecording() };
  },
});

client("onVoiceRecordEnd", { listener: true });
client("onVoicePlayEnd", { listener: true });

// checkVoice is the client's refusal of a call on a voice it does not
// have (unknown is its answer then), or null.
function checkVoice(name, localId, unknown) {
  if (!localId) return refusal(name + ":fail_missing arguments");
  if (!voices[localId]) return refusal(name + ":" + unknown);
  return null;
}

[
  ["playVoice", "fail_arguments error"],
  ["pauseVoice", "fail_not playing"],
  ["stopVoice", "fail_not playing"],
].forEach(function (c) {
  client(c[0], {
    data: function (args) {
      return checkVoice(c[0], args.localId, c[1]) || {};
    },
  });
});

client("uploadVoice", {
  data: function (args) {
    return checkVoice("uploadVoice", args.localId, "fail") || uploadMedia("uploadVoice", "voice", args.localId, voices[args.localId]);
  },
});

client("downloadVoice", {
  data: function (args) {
    if (!args.serverId) return refusal("downloadVoice:fail_invaild_serverId");
    return { localId: newVoice() };
  },
});

client("translateVoice", {
  data: function (args) {
    return checkVoice("translateVoice", args.localId, "fail") || { translateResult: "你好，这是一段测试语音。" };
  },
});
