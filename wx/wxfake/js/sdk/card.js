// Card interfaces.

define("addCard", {
  needsOptions: true,
  args: function (o) {
    return {
      card_list: o.cardList.map(function (c) {
        return { card_id: c.cardId, card_ext: c.cardExt };
      }),
    };
  },
  // The client sends the list as a JSON string, in its names.
  complete: function (res) {
    var list = res.card_list;
    if (list) {
      list = JSON.parse(list);
      list.forEach(function (c) {
        c.cardId = c.card_id;
        c.cardExt = c.card_ext;
        c.isSuccess = !!c.is_succ;
        delete c.card_id;
        delete c.card_ext;
        delete c.is_succ;
      });
      res.cardList = list;
      delete res.card_list;
    }
  },
});

define("chooseCard", {
  needsOptions: true,
  args: function (o) {
    return {
      app_id: sdkConfig.appId,
      location_id: o.shopId || "",
      sign_type: o.signType || "SHA1",
      card_id: o.cardId || "",
      card_type: o.cardType || "",
      card_sign: o.cardSign,
      time_stamp: o.timestamp + "",
      nonce_str: o.nonceStr,
    };
  },
  // jweixin hands the client's list over as it is.
  complete: function (res) {
    moveKeys(res, { choose_card_info: "cardList" });
  },
});

define("openCard", {
  needsOptions: true,
  args: function (o) {
    return {
      card_list: o.cardList.map(function (c) {
        return { card_id: c.cardId, code: c.code };
      }),
    };
  },
});

define("consumeAndShareCard", {
  needsOptions: true,
  args: function (o) {
    return { consumedCardId: o.cardId, consumedCode: o.code };
  },
});
