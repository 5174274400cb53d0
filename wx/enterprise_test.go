package wx

import (
	"context"
	"errors"
	"testing"
)

func TestOpenEnterpriseChatArgs(t *testing.T) {
	testCalls(t, []callCase{
		{"one user", callWith((*SDK).OpenEnterpriseChat, OpenEnterpriseChatOptions{UserIDs: []string{"zhangsan"}}), "openEnterpriseChat", map[string]any{"userIds": "zhangsan"}},
		{"a group", callWith((*SDK).OpenEnterpriseChat, OpenEnterpriseChatOptions{UserIDs: []string{"zhangsan", "lisi"}, GroupName: "gowx"}), "openEnterpriseChat",
			map[string]any{"userIds": "zhangsan;lisi", "groupName": "gowx"}},
	})
	testRefusals(t, []refusalCase{
		{"nobody", callWith((*SDK).OpenEnterpriseChat, OpenEnterpriseChatOptions{GroupName: "g"}), "missing UserIDs"},
		{"an empty ID", callWith((*SDK).OpenEnterpriseChat, OpenEnterpriseChatOptions{UserIDs: []string{"a", ""}}), `UserIDs[1] ""`},
		{"a separator", callWith((*SDK).OpenEnterpriseChat, OpenEnterpriseChatOptions{UserIDs: []string{"a;b"}}), `UserIDs[0] "a;b"`},
	})
}

func TestOpenEnterpriseChatResults(t *testing.T) {
	call := func(ctx context.Context, s *SDK) *Future[OpenEnterpriseChatResult] {
		return s.OpenEnterpriseChat(ctx, OpenEnterpriseChatOptions{UserIDs: []string{"a"}})
	}
	testDecode(t, call, []decodeCase[OpenEnterpriseChatResult]{
		{"ok", `{"errMsg":"openEnterpriseChat:ok","errCode":0}`, OpenEnterpriseChatResult{}, nil},
		{"no code", `{"errMsg":"openEnterpriseChat:ok"}`, OpenEnterpriseChatResult{}, nil},
		{"a code as a string", `{"errMsg":"openEnterpriseChat:ok","errCode":"12"}`, OpenEnterpriseChatResult{ErrCode: 12}, nil},
		{"cancel", `{"errMsg":"openEnterpriseChat:cancel"}`, OpenEnterpriseChatResult{}, ErrCancel},
		{"fail", `{"errMsg":"openEnterpriseChat:fail","errCode":-1}`, OpenEnterpriseChatResult{}, ErrFailed},
	})
	s, b := allConfigured(t)
	b.answer = func(string, map[string]any) (string, bool) {
		return `{"errMsg":"openEnterpriseChat:fail","errCode":40001}`, true
	}
	var we *Error
	err := awaitErr(s.OpenEnterpriseChat(context.Background(), OpenEnterpriseChatOptions{UserIDs: []string{"a"}}))
	if !errors.As(err, &we) || string(we.Fields["errCode"]) != "40001" {
		t.Fatalf("a failure's errCode is lost: %#v", err)
	}
}
