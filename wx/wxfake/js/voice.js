// Voice interfaces.

define("onVoicePlayEnd", { listener: true });
