//go:build js && wasm

package wx

import (
	"context"
	"reflect"
	"testing"
)

func TestBusinessInBrowser(t *testing.T) {
	testInBrowser(t, []browserCase{
		{"openProductSpecificView", APIOpenProductSpecificView, func(ctx context.Context) error {
			return awaitErr(sdk.OpenProductSpecificView(ctx, OpenProductSpecificViewOptions{ProductID: "p1"}))
		}, map[string]any{"pid": "p1", "view_type": 0.0}},
		{"openProductSpecificView, options", APIOpenProductSpecificView, func(ctx context.Context) error {
			return awaitErr(sdk.OpenProductSpecificView(ctx, OpenProductSpecificViewOptions{ProductID: "p1", ViewType: ProductViewScan, ExtInfo: "x"}))
		}, map[string]any{"pid": "p1", "view_type": "1", "ext_info": "x"}},
		{"launchMiniProgram", APILaunchMiniProgram, func(ctx context.Context) error {
			return awaitErr(sdk.LaunchMiniProgram(ctx, LaunchMiniProgramOptions{TargetAppID: "wxmini"}))
		}, map[string]any{"targetAppId": "wxmini"}},
		{"launchMiniProgram, a page", APILaunchMiniProgram, func(ctx context.Context) error {
			return awaitErr(sdk.LaunchMiniProgram(ctx, LaunchMiniProgramOptions{TargetAppID: "wxmini", Path: "pages/a/b?x=1", EnvVersion: EnvVersionTrial}))
		}, map[string]any{"targetAppId": "wxmini", "path": "pages/a/b.html?x=1", "envVersion": "trial"}},
		{"launchMiniProgram, a page without query", APILaunchMiniProgram, func(ctx context.Context) error {
			return awaitErr(sdk.LaunchMiniProgram(ctx, LaunchMiniProgramOptions{TargetAppID: "wxmini", Path: "pages/a/b"}))
		}, map[string]any{"targetAppId": "wxmini", "path": "pages/a/b.html"}},
		{"openBusinessView", APIOpenBusinessView, func(ctx context.Context) error {
			return awaitErr(sdk.OpenBusinessView(ctx, OpenBusinessViewOptions{BusinessType: "wxpayScoreUse"}))
		}, map[string]any{"businessType": "wxpayScoreUse", "queryString": ""}},
		{"openBusinessView, options", APIOpenBusinessView, func(ctx context.Context) error {
			return awaitErr(sdk.OpenBusinessView(ctx, OpenBusinessViewOptions{BusinessType: "wxpayScoreUse", QueryString: "a=1", EnvVersion: EnvVersionRelease}))
		}, map[string]any{"businessType": "wxpayScoreUse", "queryString": "a=1", "envVersion": "release"}},
		{"openAddress", APIOpenAddress, func(ctx context.Context) error { return awaitErr(sdk.OpenAddress(ctx)) }, map[string]any{}},
	})

	ctx := context.Background()
	for _, flavour := range []string{"android", "ios"} {
		t.Run(flavour, func(t *testing.T) {
			withFlavour(t, flavour)
			respond(t, APIOpenBusinessView, `{"result":"ok","once":true,"data":{"errCode":0,"extraData":{"query_id":"q1"}}}`)
			got, err := await(t, sdk.OpenBusinessView(ctx, OpenBusinessViewOptions{BusinessType: "wxpayScoreUse"}))
			if err != nil || string(got.ExtraData) != `{"query_id":"q1"}` {
				t.Fatalf("extraData: %s, %v", got.ExtraData, err)
			}
			if res := pageResult(t, APIOpenBusinessView)["extraData"]; !reflect.DeepEqual(res, map[string]any{"query_id": "q1"}) {
				t.Fatalf("the page received extraData %#v", res)
			}
		})
	}
	withFlavour(t, "android")
	respond(t, APIOpenBusinessView, `{"result":"raw","once":true,"raw":{"err_msg":"openBusinessView:ok","err_code":0,"extraData":"not json"}}`)
	if got, err := await(t, sdk.OpenBusinessView(ctx, OpenBusinessViewOptions{BusinessType: "wxpayScoreUse"})); err != nil || string(got.ExtraData) != "{}" {
		t.Fatalf("jweixin makes {} of an unparsable extraData: %s, %v", got.ExtraData, err)
	}
	if res := pageResult(t, APIOpenBusinessView)["extraData"]; !reflect.DeepEqual(res, map[string]any{}) {
		t.Fatalf("the page received extraData %#v, want {}", res)
	}

	addr, err := await(t, sdk.OpenAddress(ctx))
	want := Address{UserName: "张三", TelNumber: "020-81167888", PostalCode: "510630", ProvinceName: "广东省", CityName: "广州市",
		CountryName: "天河区", DetailInfo: "天河路 385 号", NationalCode: "440106"}
	if err != nil || !reflect.DeepEqual(addr, want) {
		t.Fatalf("openAddress: %+v, %v", addr, err)
	}
	if res := pageResult(t, APIOpenAddress); res["provinceName"] != "广东省" || res["proviceFirstStageName"] != nil {
		t.Fatalf("jweixin did not rename the client's fields: %v", res)
	}
}
