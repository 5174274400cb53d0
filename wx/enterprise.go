package wx

import (
	"context"
	"strings"
)

// OpenEnterpriseChatOptions are the options of OpenEnterpriseChat.
type OpenEnterpriseChatOptions struct {
	// UserIDs are the WeCom user IDs to chat with; at least one. jweixin
	// takes them joined with ";", so an ID cannot contain one.
	UserIDs []string
	// GroupName names the group chat created for several users; empty
	// lets WeCom name it.
	GroupName string
}

// OpenEnterpriseChatResult is what OpenEnterpriseChat returns.
type OpenEnterpriseChatResult struct {
	// ErrCode is the client's err_code, 0 when it gives none. A failure's
	// code is in the Error's Fields["errCode"].
	ErrCode int
}

// OpenEnterpriseChat opens a WeCom chat with the users
// (wx.openEnterpriseChat).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#63
func (s *SDK) OpenEnterpriseChat(ctx context.Context, o OpenEnterpriseChatOptions) *Future[OpenEnterpriseChatResult] {
	if err := checkUserIDs(o.UserIDs); err != nil {
		return settled(OpenEnterpriseChatResult{}, err)
	}
	args := map[string]any{"userIds": strings.Join(o.UserIDs, ";")}
	setString(args, "groupName", o.GroupName)
	return invoke(ctx, s, APIOpenEnterpriseChat, args, func(res []byte) (OpenEnterpriseChatResult, error) {
		w, err := decodeJSON[errCode](res)
		return OpenEnterpriseChatResult{ErrCode: int(w.ErrCode)}, err
	})
}

// checkUserIDs requires at least one user, and IDs jweixin's ";"-joined
// list can carry.
func checkUserIDs(ids []string) error {
	if err := requireOptions(APIOpenEnterpriseChat, need{"UserIDs", len(ids) > 0}); err != nil {
		return err
	}
	for i, id := range ids {
		if id == "" || strings.Contains(id, ";") {
			return badOptions(APIOpenEnterpriseChat, "UserIDs[%d] %q is empty or holds a \";\"", i, id)
		}
	}
	return nil
}

// errCode is the errCode jweixin copies from the client's err_code, for
// openEnterpriseChat and openBusinessView.
type errCode struct {
	ErrCode number `json:"errCode"`
}
