package wx

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
)

// ProductViewType is the product page OpenProductSpecificView opens.
type ProductViewType string

// Product pages.
const (
	ProductViewDefault ProductViewType = "0" // the ordinary product page
	ProductViewScan    ProductViewType = "1" // the product page of a scan
	ProductViewShop    ProductViewType = "2" // the WeChat shop's product page
)

// OpenProductSpecificViewOptions are the options of OpenProductSpecificView.
type OpenProductSpecificViewOptions struct {
	// ProductID is the product to show; required.
	ProductID string
	// ViewType is the page to open; empty means ProductViewDefault.
	ViewType ProductViewType
	// ExtInfo is passed to the product page as it is.
	ExtInfo string
}

// OpenProductSpecificView opens a product's page in WeChat
// (wx.openProductSpecificView).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#63
func (s *SDK) OpenProductSpecificView(ctx context.Context, o OpenProductSpecificViewOptions) *Future[struct{}] {
	err := firstErr(
		requireOptions(APIOpenProductSpecificView, need{"ProductID", o.ProductID != ""}),
		checkEnum(APIOpenProductSpecificView, "ViewType", o.ViewType, ProductViewDefault, ProductViewScan, ProductViewShop),
	)
	if err != nil {
		return settled(struct{}{}, err)
	}
	args := map[string]any{"productId": o.ProductID}
	setString(args, "viewType", string(o.ViewType))
	setString(args, "extInfo", o.ExtInfo)
	return s.command(ctx, APIOpenProductSpecificView, args)
}

// EnvVersion is the version of a mini program to open.
type EnvVersion string

// Mini program versions.
const (
	EnvVersionRelease EnvVersion = "release" // the published version
	EnvVersionTrial   EnvVersion = "trial"   // the trial version
	EnvVersionDevelop EnvVersion = "develop" // the development version
)

func checkEnvVersion(api API, v EnvVersion) error {
	return checkEnum(api, "EnvVersion", v, EnvVersionRelease, EnvVersionTrial, EnvVersionDevelop)
}

// LaunchMiniProgramOptions are the options of LaunchMiniProgram.
type LaunchMiniProgramOptions struct {
	// TargetAppID is the AppID of the mini program; required.
	TargetAppID string
	// Path is the page to open with its query, as "pages/index/index?x=1",
	// without ".html": jweixin adds it to the page. Empty opens the home
	// page.
	Path string
	// EnvVersion is the version to open; empty means the published one.
	EnvVersion EnvVersion
}

// LaunchMiniProgram opens a mini program (wx.launchMiniProgram).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#63
func (s *SDK) LaunchMiniProgram(ctx context.Context, o LaunchMiniProgramOptions) *Future[struct{}] {
	err := firstErr(
		requireOptions(APILaunchMiniProgram, need{"TargetAppID", o.TargetAppID != ""}),
		checkEnvVersion(APILaunchMiniProgram, o.EnvVersion),
		checkLaunchPath(o.Path),
	)
	if err != nil {
		return settled(struct{}{}, err)
	}
	args := map[string]any{"targetAppId": o.TargetAppID}
	setString(args, "path", o.Path)
	setString(args, "envVersion", string(o.EnvVersion))
	return s.command(ctx, APILaunchMiniProgram, args)
}

// checkLaunchPath refuses a path jweixin would mangle: it appends ".html"
// to the page and keeps the query only up to a second "?".
func checkLaunchPath(path string) error {
	page, query, _ := strings.Cut(path, "?")
	switch {
	case strings.HasSuffix(page, ".html"):
		return badOptions(APILaunchMiniProgram, "Path %q names the page with .html, which jweixin adds", path)
	case strings.Contains(query, "?"):
		return badOptions(APILaunchMiniProgram, "Path %q has a second \"?\": jweixin would drop what follows it", path)
	}
	return nil
}

// OpenBusinessViewOptions are the options of OpenBusinessView.
type OpenBusinessViewOptions struct {
	// BusinessType names the WeChat business page (such as
	// "wxpayScoreUse"); required.
	BusinessType string
	// QueryString is the page's query, as "a=1&b=2"; empty sends "".
	QueryString string
	// EnvVersion is the version to open; empty means the published one.
	EnvVersion EnvVersion
}

// OpenBusinessViewResult is what OpenBusinessView returns.
type OpenBusinessViewResult struct {
	// ErrCode is the client's err_code, 0 when it gives none. A failure's
	// code is in the Error's Fields["errCode"].
	ErrCode int
	// ExtraData is the JSON object the business page returned (its shape
	// depends on BusinessType); nil when it returned none.
	ExtraData json.RawMessage
}

// OpenBusinessView opens a WeChat business page, such as WeChat Pay Score's
// (wx.openBusinessView).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#63
func (s *SDK) OpenBusinessView(ctx context.Context, o OpenBusinessViewOptions) *Future[OpenBusinessViewResult] {
	err := firstErr(
		requireOptions(APIOpenBusinessView, need{"BusinessType", o.BusinessType != ""}),
		checkEnvVersion(APIOpenBusinessView, o.EnvVersion),
	)
	if err != nil {
		return settled(OpenBusinessViewResult{}, err)
	}
	args := map[string]any{"businessType": o.BusinessType}
	setString(args, "queryString", o.QueryString)
	setString(args, "envVersion", string(o.EnvVersion))
	return invoke(ctx, s, APIOpenBusinessView, args, func(res []byte) (OpenBusinessViewResult, error) {
		w, err := decodeJSON[struct {
			errCode
			ExtraData json.RawMessage `json:"extraData"`
		}](res)
		return OpenBusinessViewResult{ErrCode: int(w.ErrCode), ExtraData: extraData(w.ExtraData)}, err
	})
}

// extraData returns the object of openBusinessView's extraData. The Android
// client sends it as a JSON string, which jweixin parses (to {} when it
// cannot) only when it recognises Android: a string left is parsed here
// the same way.
func extraData(raw json.RawMessage) json.RawMessage {
	var s string
	if len(raw) == 0 || string(raw) == "null" || json.Unmarshal(raw, &s) != nil {
		return raw
	}
	if s = strings.TrimSpace(s); strings.HasPrefix(s, "{") && json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	return json.RawMessage("{}")
}

// Address is a shipping address the user chose.
type Address struct {
	// UserName is the recipient's name.
	UserName string
	// TelNumber is the recipient's phone number.
	TelNumber  string
	PostalCode string
	// ProvinceName, CityName and CountryName are the three levels of
	// China's national address codes: province, city, and district or
	// county (jweixin's name for it, despite the spelling).
	ProvinceName string
	CityName     string
	CountryName  string
	// DetailInfo is the street address.
	DetailInfo string
	// NationalCode is the district's national code (such as "440106").
	NationalCode string
	// Extra holds the other fields the client gave, as it gave them.
	Extra map[string]json.RawMessage
}

// OpenAddress lets the user pick one of their shipping addresses
// (wx.openAddress).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#61
func (s *SDK) OpenAddress(ctx context.Context) *Future[Address] {
	return invoke(ctx, s, APIOpenAddress, nil, decodeAddress)
}

// decodeAddress reads jweixin's names of the fields, or the client's where
// jweixin left them.
func decodeAddress(res []byte) (Address, error) {
	f, err := parseFields(res)
	if err != nil {
		return Address{}, err
	}
	delete(f, "errMsg")
	var userName, tel, postal, province, city, county, detail, national text
	err = errors.Join(
		f.take(&userName, "userName"),
		f.take(&tel, "telNumber"),
		f.take(&postal, "postalCode", "addressPostalCode"),
		f.take(&province, "provinceName", "proviceFirstStageName"),
		f.take(&city, "cityName", "addressCitySecondStageName"),
		f.take(&county, "countryName", "addressCountiesThirdStageName"),
		f.take(&detail, "detailInfo", "addressDetailInfo"),
		f.take(&national, "nationalCode"),
	)
	return Address{
		UserName: string(userName), TelNumber: string(tel), PostalCode: string(postal),
		ProvinceName: string(province), CityName: string(city), CountryName: string(county),
		DetailInfo: string(detail), NationalCode: string(national),
		Extra: f.rest(),
	}, err
}
