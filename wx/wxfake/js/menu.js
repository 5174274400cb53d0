// Menu interfaces and closeWindow: the client hides or shows what it is
// told and answers with errMsg alone.

["hideOptionMenu", "showOptionMenu", "hideAllNonBaseMenuItem", "showAllNonBaseMenuItem", "closeWindow"].forEach(function (name) {
  define(name, {});
});

["hideMenuItems", "showMenuItems"].forEach(function (name) {
  define(name, {
    needsOptions: true,
    args: function (o) {
      return { menuList: o.menuList };
    },
  });
});
