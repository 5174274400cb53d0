package main

import (
	"context"

	"github.com/gowx/gowx/wx"
)

// enterprisePage: WeCom chats.
func enterprisePage() group {
	return group{path: "enterprise", title: "Enterprise", zh: "企业微信",
		about: "WeCom chats.",
		specs: []spec{
			call[wx.OpenEnterpriseChatResult]{api: wx.APIOpenEnterpriseChat,
				fields: []field{
					{name: "userIds", label: "userIds", kind: listField, value: "zhangsan, lisi"},
					{name: "groupName", label: "groupName", value: "gowx"},
				},
				do: func(ctx context.Context, sdk *wx.SDK, v values) (wx.OpenEnterpriseChatResult, error) {
					return sdk.OpenEnterpriseChat(ctx, wx.OpenEnterpriseChatOptions{UserIDs: v.list("userIds"), GroupName: v.str("groupName")}).Await(ctx)
				},
			}.spec(),
		}}
}
