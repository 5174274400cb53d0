//go:build !js

package wxfakecdp_test

import (
	"context"
	"fmt"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx"
	"github.com/gowx/gowx/wx/wxfake/wxfakecdp"
)

// A test of a user's own page: script a cancel, press the page's button,
// and check what reached the SDK. ctx is a chromedp context on a page that
// loads the fake jWeixin.
func Example() {
	ctx := context.Background() // in a test: chromedp.NewContext(allocator)
	err := chromedp.Do(ctx,
		wxfakecdp.Configured(), // the page's wx.config ended in config:ok
		wxfakecdp.Respond(wx.APIChooseImage, wxfakecdp.Outcome{Result: wxfakecdp.Cancel, Once: true}),
		chromedp.Click(chromedp.ID("pick-photo")),
		chromedp.Poll[chromedp.Void](`document.querySelector("#photo-error") !== null`),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	calls, err := chromedp.Run(ctx, wxfakecdp.Calls())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range calls {
		fmt.Println(c.API, c.ErrMsg) // chooseImage chooseImage:cancel
	}
}
