// WeChat Pay and enterprise red packets.

// payArgs are the arguments of a payment, as jweixin makes them: the
// timestamp as the string timeStamp, and SHA1 when no signType is given.
// jweixin's verification fields set appId to the configuration's.
function payArgs(o) {
  return {
    timeStamp: o.timestamp + "",
    nonceStr: o.nonceStr,
    package: o.package,
    paySign: o.paySign,
    signType: o.signType || "SHA1",
  };
}

define("chooseWXPay", { needsOptions: true, args: payArgs });
define("openEnterpriseRedPacket", { needsOptions: true, args: payArgs });
