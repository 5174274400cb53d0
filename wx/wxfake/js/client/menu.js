// Menu interfaces and closeWindow: the client hides or shows what it is
// told and answers with errMsg alone.

[
  "hideOptionMenu",
  "showOptionMenu",
  "hideMenuItems",
  "showMenuItems",
  "hideAllNonBaseMenuItem",
  "showAllNonBaseMenuItem",
  "closeWindow",
].forEach(function (name) {
  client(name);
});
