//go:build js && wasm

package wx_test

import (
	"context"
	"fmt"

	"github.com/gowx/gowx/wx"
)

// Recording a voice message and recognising its speech. A recording stops
// by itself after 60 seconds: OnVoiceRecordEnd delivers it then.
func ExampleSDK_StartRecord() {
	ctx := context.Background()
	sdk, err := wx.Load(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	ended := sdk.OnVoiceRecordEnd(ctx)
	defer ended.Stop()
	if _, err := sdk.StartRecord(ctx).Await(ctx); err != nil {
		fmt.Println(err)
		return
	}
	// … when the user releases the button:
	rec, err := sdk.StopRecord(ctx).Await(ctx)
	if err != nil {
		fmt.Println(err) // also when the 60 seconds ran out: use ended.Events()
		return
	}
	text, err := sdk.TranslateVoice(ctx, wx.TranslateVoiceOptions{LocalID: rec.LocalID, HideProgressTips: true}).Await(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(text.TranslateResult)
	// Output: 你好，这是一段测试语音。
}
