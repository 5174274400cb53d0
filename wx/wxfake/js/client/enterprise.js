// WeCom chat.

// nativeErrCode moves a result's errCode to the client's err_code, which
// jweixin copies back for openEnterpriseChat and openBusinessView.
function nativeErrCode(data) {
  return renameKeys(data, { errCode: "err_code" });
}

client("openEnterpriseChat", {
  data: function () {
    return { errCode: 0 };
  },
  encode: nativeErrCode,
});
