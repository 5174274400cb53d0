// Package wx is a typed binding of WeChat's browser SDK, jweixin 1.6, for
// Go programs compiled to WebAssembly (GOOS=js GOARCH=wasm).
//
// Every jweixin interface is a method of SDK with typed options and result.
// A call returns a *Future at once; wait for it with Await, from a goroutine
// of your own, or register jweixin-style callbacks (Success, Cancel, Fail,
// Complete). Listeners (OnVoicePlayEnd, the OnMenuShare* share menu
// listeners, …) return a *Subscription. Errors are *Error values that name
// the API and match sentinels with errors.Is; Hint explains the common
// configuration failures.
//
// A page first loads the SDK and has its server sign the configuration
// (package server answers GET /wx/config?url=):
//
//	sdk, err := wx.Load(ctx)
//	if err != nil {
//		return err // wx.ErrNoSDK: no jweixin script on the page
//	}
//	err = sdk.SignedConfig(ctx, "/wx/config", wx.APIChooseImage, wx.APIGetLocation)
//	var we *wx.Error
//	if errors.As(err, &we) {
//		log.Println(we, we.Hint()) // e.g. wx.ErrInvalidSignature, and what to check
//	}
//
//	img, err := sdk.ChooseImage(ctx, wx.ChooseImageOptions{Count: 1}).Await(ctx)
//	switch {
//	case errors.Is(err, wx.ErrCancel):
//		// the user changed their mind
//	case err != nil:
//		return err
//	}
//	use(img.LocalIDs)
//
// Calls made before configuration succeeds wait for it (within their
// context) rather than fail; calls of an API missing from the jsApiList
// fail at once with ErrNotInJSAPIList. A single-page app configured with
// SignedConfig is signed again when its URL changes.
//
// Outside a browser the package builds and its logic runs (it is tested
// natively), but Load fails with ErrNotInBrowser. Package wx/wxfake is a
// fake jWeixin for development and tests in an ordinary browser.
package wx
