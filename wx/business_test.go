package wx

import (
	"context"
	"encoding/json"
	"testing"
)

func TestBusinessArgs(t *testing.T) {
	testCalls(t, []callCase{
		{"product", callWith((*SDK).OpenProductSpecificView, OpenProductSpecificViewOptions{ProductID: "p1"}), "openProductSpecificView", map[string]any{"productId": "p1"}},
		{"product, all options", callWith((*SDK).OpenProductSpecificView, OpenProductSpecificViewOptions{ProductID: "p1", ViewType: ProductViewShop, ExtInfo: "x"}),
			"openProductSpecificView", map[string]any{"productId": "p1", "viewType": "2", "extInfo": "x"}},
		{"mini program", callWith((*SDK).LaunchMiniProgram, LaunchMiniProgramOptions{TargetAppID: "wxmini"}), "launchMiniProgram", map[string]any{"targetAppId": "wxmini"}},
		{"mini program, all options", callWith((*SDK).LaunchMiniProgram, LaunchMiniProgramOptions{TargetAppID: "wxmini", Path: "pages/a/b?x=1", EnvVersion: EnvVersionTrial}),
			"launchMiniProgram", map[string]any{"targetAppId": "wxmini", "path": "pages/a/b?x=1", "envVersion": "trial"}},
		{"business view", callWith((*SDK).OpenBusinessView, OpenBusinessViewOptions{BusinessType: "wxpayScoreUse"}), "openBusinessView", map[string]any{"businessType": "wxpayScoreUse"}},
		{"business view, all options", callWith((*SDK).OpenBusinessView, OpenBusinessViewOptions{BusinessType: "wxpayScoreUse", QueryString: "a=1&b=2", EnvVersion: EnvVersionDevelop}),
			"openBusinessView", map[string]any{"businessType": "wxpayScoreUse", "queryString": "a=1&b=2", "envVersion": "develop"}},
		{"address", func(ctx context.Context, s *SDK) error { return awaitErr(s.OpenAddress(ctx)) }, "openAddress", nil},
	})
	testRefusals(t, []refusalCase{
		{"product, no ID", callWith((*SDK).OpenProductSpecificView, OpenProductSpecificViewOptions{ViewType: ProductViewScan}), "missing ProductID"},
		{"product, unknown view", callWith((*SDK).OpenProductSpecificView, OpenProductSpecificViewOptions{ProductID: "p", ViewType: "3"}), `ViewType "3" is not one of "0", "1", "2"`},
		{"mini program, no AppID", callWith((*SDK).LaunchMiniProgram, LaunchMiniProgramOptions{Path: "a"}), "missing TargetAppID"},
		{"mini program, unknown version", callWith((*SDK).LaunchMiniProgram, LaunchMiniProgramOptions{TargetAppID: "wx", EnvVersion: "beta"}), `EnvVersion "beta"`},
		{"mini program, .html", callWith((*SDK).LaunchMiniProgram, LaunchMiniProgramOptions{TargetAppID: "wx", Path: "pages/a.html?x=1"}), "with .html"},
		{"mini program, two queries", callWith((*SDK).LaunchMiniProgram, LaunchMiniProgramOptions{TargetAppID: "wx", Path: "pages/a?x=1?y=2"}), `second "?"`},
		{"business view, no type", callWith((*SDK).OpenBusinessView, OpenBusinessViewOptions{QueryString: "a=1"}), "missing BusinessType"},
		{"business view, unknown version", callWith((*SDK).OpenBusinessView, OpenBusinessViewOptions{BusinessType: "b", EnvVersion: "Release"}), `EnvVersion "Release"`},
	})
}

func TestOpenBusinessViewResults(t *testing.T) {
	call := func(ctx context.Context, s *SDK) *Future[OpenBusinessViewResult] {
		return s.OpenBusinessView(ctx, OpenBusinessViewOptions{BusinessType: "wxpayScoreUse"})
	}
	data := json.RawMessage(`{"query_id":"q1"}`)
	testDecode(t, call, []decodeCase[OpenBusinessViewResult]{
		{"iOS object", `{"errMsg":"openBusinessView:ok","errCode":0,"extraData":{"query_id":"q1"}}`, OpenBusinessViewResult{ExtraData: data}, nil},
		{"Android string parsed by jweixin", `{"errMsg":"openBusinessView:ok","extraData":{"query_id":"q1"}}`, OpenBusinessViewResult{ExtraData: data}, nil},
		{"Android string left", `{"errMsg":"openBusinessView:ok","extraData":"{\"query_id\":\"q1\"}"}`, OpenBusinessViewResult{ExtraData: data}, nil},
		{"unparsable string, as jweixin: {}", `{"errMsg":"openBusinessView:ok","extraData":"query_id=q1"}`, OpenBusinessViewResult{ExtraData: json.RawMessage(`{}`)}, nil},
		{"none", `{"errMsg":"openBusinessView:ok","errCode":"7"}`, OpenBusinessViewResult{ErrCode: 7}, nil},
		{"cancel", `{"errMsg":"openBusinessView:cancel"}`, OpenBusinessViewResult{}, ErrCancel},
		{"fail", `{"errMsg":"openBusinessView:fail","errCode":-1}`, OpenBusinessViewResult{}, ErrFailed},
	})
}

func TestOpenAddressResults(t *testing.T) {
	want := Address{UserName: "张三", TelNumber: "020-81167888", PostalCode: "510630", ProvinceName: "广东省", CityName: "广州市",
		CountryName: "天河区", DetailInfo: "天河路 385 号", NationalCode: "440106"}
	withExtra := want
	withExtra.Extra = map[string]json.RawMessage{"streetName": json.RawMessage(`"天河南街道"`)}
	numbers := want
	numbers.TelNumber, numbers.PostalCode = "13800138000", "510630"
	testDecode(t, func(ctx context.Context, s *SDK) *Future[Address] { return s.OpenAddress(ctx) }, []decodeCase[Address]{
		{"as jweixin renames it", `{"errMsg":"openAddress:ok","userName":"张三","telNumber":"020-81167888","postalCode":"510630",
			"provinceName":"广东省","cityName":"广州市","countryName":"天河区","detailInfo":"天河路 385 号","nationalCode":"440106"}`, want, nil},
		{"the client's names", `{"errMsg":"openAddress:ok","userName":"张三","telNumber":"020-81167888","addressPostalCode":"510630",
			"proviceFirstStageName":"广东省","addressCitySecondStageName":"广州市","addressCountiesThirdStageName":"天河区",
			"addressDetailInfo":"天河路 385 号","nationalCode":"440106"}`, want, nil},
		{"numbers", `{"errMsg":"openAddress:ok","userName":"张三","telNumber":13800138000,"postalCode":510630,
			"provinceName":"广东省","cityName":"广州市","countryName":"天河区","detailInfo":"天河路 385 号","nationalCode":440106}`, numbers, nil},
		{"other fields kept", `{"errMsg":"openAddress:ok","userName":"张三","telNumber":"020-81167888","postalCode":"510630",
			"provinceName":"广东省","cityName":"广州市","countryName":"天河区","detailInfo":"天河路 385 号","nationalCode":"440106",
			"streetName":"天河南街道"}`, withExtra, nil},
		{"cancel", `{"errMsg":"openAddress:cancel"}`, Address{}, ErrCancel},
		{"fail", `{"errMsg":"openAddress:fail"}`, Address{}, ErrFailed},
	})
}
