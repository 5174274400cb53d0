//go:build js && wasm

package wx

import (
	"context"
	"errors"
	"testing"
)

func TestOpenEnterpriseChatInBrowser(t *testing.T) {
	chat := OpenEnterpriseChatOptions{UserIDs: []string{"zhangsan", "lisi"}, GroupName: "gowx"}
	testInBrowser(t, []browserCase{
		{"openEnterpriseChat", APIOpenEnterpriseChat, func(ctx context.Context) error { return awaitErr(sdk.OpenEnterpriseChat(ctx, chat)) },
			map[string]any{"useridlist": "zhangsan;lisi", "chatname": "gowx"}},
	})
	ctx := context.Background()
	resetFake(t)
	respond(t, APIOpenEnterpriseChat, `{"result":"ok","once":true,"data":{"errCode":3}}`)
	if got, err := await(t, sdk.OpenEnterpriseChat(ctx, chat)); err != nil || got.ErrCode != 3 {
		t.Fatalf("err_code: %+v, %v", got, err)
	}
	respond(t, APIOpenEnterpriseChat, `{"result":"raw","once":true,"raw":{"err_msg":"openEnterpriseChat:fail_no_permission","err_code":40001,"err_desc":"x"}}`)
	_, err := await(t, sdk.OpenEnterpriseChat(ctx, chat))
	var we *Error
	if !errors.As(err, &we) || !errors.Is(err, ErrPermissionDenied) || string(we.Fields["errCode"]) != "40001" || we.Fields["err_desc"] != nil {
		t.Fatalf("failure: %#v", err)
	}
}
