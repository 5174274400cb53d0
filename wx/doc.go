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
// What a call needs signed comes from the page's server: Post asks it, and
// PayRequest (with PayRequestOf), AddCardItemOf and ChooseCardOptionsOf
// take a gowx server's answers (package wire) as they come.
//
// Outside a browser the package builds and its logic runs (it is tested
// natively), but Load fails with ErrNotInBrowser. Package wx/wxfake is a
// fake jWeixin for development and tests in an ordinary browser.
//
// # Examples
//
// The examples of PayRequestOf and ChooseCardOptionsOf run anywhere. Those
// of the calls run in a browser, on the fake jWeixin (GOOS=js GOARCH=wasm,
// see internal/cmd/wasmtest), so the documentation built for other
// systems lists them here: Example (Load and SignedConfig),
// ExampleSDK_SignedConfigWith, ExampleSDK_CheckJSAPI,
// ExampleSDK_UpdateAppMessageShareData, ExampleSDK_OnMenuShareAppMessage,
// ExampleSDK_ChooseImage, ExampleSDK_GetLocalImgData,
// ExampleSDK_UploadImage, ExampleSDK_StartRecord, ExampleSDK_GetLocation,
// ExampleSDK_StartSearchBeacons, ExampleSDK_HideMenuItems,
// ExampleSDK_ScanQRCode, ExampleSDK_AddCard, ExampleSDK_ChooseWXPay,
// ExampleSDK_OpenAddress, ExampleSDK_OpenEnterpriseChat and
// ExampleMiniProgram, in the files example_*_js_test.go.
package wx
