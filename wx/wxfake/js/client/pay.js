// WeChat Pay and enterprise red packets. The fake WeChat checks paySign
// first (check), against the merchant keys it knows.

client("chooseWXPay", {
  check: true,
  // The client answers in WeChat Pay's own words; jweixin renames them.
  encode: function (data, res) {
    res.err_msg = "get_brand_wcpay_request:ok";
    return data;
  },
});

client("openEnterpriseRedPacket", { check: true });
