// Menu interfaces and closeWindow.

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
