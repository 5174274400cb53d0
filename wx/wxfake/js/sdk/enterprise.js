// WeCom chat.

define("openEnterpriseChat", {
  needsOptions: true,
  args: function (o) {
    return { useridlist: o.userIds, chatname: o.groupName };
  },
});
