// Card interfaces. The fake WeChat checks addCard's cardExt signatures and
// chooseCard's cardSign first (check).

// encryptedCode stands for the encrypted code the client gives of a card.
function encryptedCode(cardId) {
  return btoa("gowx-code:" + cardId);
}

// addCardNames are the client's names of an added card's fields.
var addCardNames = { cardId: "card_id", cardExt: "card_ext", isSuccess: "is_succ" };

client("addCard", {
  check: true,
  // The user receives every card.
  data: function (args) {
    return {
      cardList: (args.card_list || []).map(function (c) {
        return { cardId: c.card_id, cardExt: c.card_ext, isSuccess: true, code: encryptedCode(c.card_id) };
      }),
    };
  },
  // The client sends the list as a JSON string, in its names.
  encode: function (data) {
    data.card_list = JSON.stringify(
      (data.cardList || []).map(function (c) {
        return renameKeys(clone(c), addCardNames);
      })
    );
    delete data.cardList;
    return data;
  },
});

client("chooseCard", {
  check: true,
  // The user picks one card: the one asked for, or a sample. The list is
  // a JSON string, which jweixin hands over as it is.
  data: function (args) {
    var id = args.card_id || "pDF3iY9tv9zCGCj4jTXFOo1DxHdo";
    return { cardList: JSON.stringify([{ card_id: id, encrypt_code: encryptedCode(id) }]) };
  },
  encode: function (data) {
    return renameKeys(data, { cardList: "choose_card_info" });
  },
});

client("openCard");
client("consumeAndShareCard");
