// Card interfaces.

// encryptedCode stands for the encrypted code the client gives of a card.
function encryptedCode(cardId) {
  return btoa("gowx-code:" + cardId);
}

// addCardNames are the client's names of an added card's fields.
var addCardNames = { cardId: "card_id", cardExt: "card_ext", isSuccess: "is_succ" };
var addCardPublicNames = inverted(addCardNames);

define("addCard", {
  needsOptions: true,
  args: function (o) {
    return {
      card_list: o.cardList.map(function (c) {
        return { card_id: c.cardId, card_ext: c.cardExt };
      }),
    };
  },
  // The user receives every card.
  data: function (args) {
    return {
      cardList: args.card_list.map(function (c) {
        return { cardId: c.card_id, cardExt: c.card_ext, isSuccess: true, code: encryptedCode(c.card_id) };
      }),
    };
  },
  // The client sends the list as a JSON string, in its names.
  encode: function (data) {
    data.card_list = JSON.stringify(
      (data.cardList || []).map(function (c) {
        return renameKeys(clone(c), addCardNames);
      }),
    );
    delete data.cardList;
    return data;
  },
  complete: function (res) {
    var list = res.card_list;
    if (list) {
      list = JSON.parse(list);
      list.forEach(function (c) {
        renameKeys(c, addCardPublicNames);
        c.isSuccess = !!c.isSuccess;
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
      app_id: (state.config || {}).appId,
      location_id: o.shopId || "",
      sign_type: o.signType || "SHA1",
      card_id: o.cardId || "",
      card_type: o.cardType || "",
      card_sign: o.cardSign,
      time_stamp: o.timestamp + "",
      nonce_str: o.nonceStr,
    };
  },
  // The user picks one card: the one asked for, or a sample. The list is
  // a JSON string, which jweixin hands over as it is.
  data: function (args) {
    var id = args.card_id || "pDF3iY9tv9zCGCj4jTXFOo1DxHdo";
    return { cardList: JSON.stringify([{ card_id: id, encrypt_code: encryptedCode(id) }]) };
  },
  encode: function (data) {
    return renameKeys(data, { cardList: "choose_card_info" });
  },
  complete: function (res) {
    renameKeys(res, { choose_card_info: "cardList" });
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
