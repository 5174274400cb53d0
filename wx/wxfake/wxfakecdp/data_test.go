//go:build !js

package wxfakecdp

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gowx/gowx/wx"
)

// Every wx result type Outcome.Data lists takes the page's field names.
func TestPageData(t *testing.T) {
	extra := map[string]json.RawMessage{"altitude": json.RawMessage(`12`)}
	for _, tt := range []struct {
		data any
		want string
	}{
		{map[wx.API]bool{wx.APIChooseWXPay: true}, `{"checkResult":{"chooseWXPay":true}}`},
		{wx.ChooseImageResult{}, `{"localIds":[],"sourceType":""}`},
		{wx.ChooseImageResult{LocalIDs: []string{"a"}, SourceType: "album"}, `{"localIds":["a"],"sourceType":"album"}`},
		{wx.UploadResult{ServerID: "s"}, `{"serverId":"s"}`},
		{wx.DownloadResult{LocalID: "l"}, `{"localId":"l"}`},
		{wx.GetLocalImgDataResult{LocalData: "d"}, `{"localData":"d"}`},
		{wx.StopRecordResult{LocalID: "v"}, `{"localId":"v"}`},
		{wx.TranslateVoiceResult{TranslateResult: "你好"}, `{"translateResult":"你好"}`},
		{wx.GetNetworkTypeResult{NetworkType: "4g"}, `{"networkType":"4g"}`},
		{wx.GetLocationResult{Latitude: 1, Longitude: 2, Speed: 3, Accuracy: 4, Extra: extra}, `{"accuracy":4,"altitude":12,"latitude":1,"longitude":2,"speed":3}`},
		{wx.ScanQRCodeResult{ResultStr: "r"}, `{"resultStr":"r"}`},
		{wx.AddCardResult{CardList: []wx.AddedCard{{CardID: "c", CardExt: "{}", IsSuccess: true, Code: "x", Extra: extra}}}, `{"cardList":[{"altitude":12,"cardExt":"{}","cardId":"c","code":"x","isSuccess":true}]}`},
		{wx.ChooseCardResult{CardList: []wx.ChosenCard{{CardID: "c", EncryptCode: "e"}}}, `{"cardList":"[{\"card_id\":\"c\",\"encrypt_code\":\"e\"}]"}`},
		{wx.OpenBusinessViewResult{ErrCode: 0, ExtraData: json.RawMessage(`{"a":1}`)}, `{"errCode":0,"extraData":{"a":1}}`},
		{wx.OpenBusinessViewResult{ErrCode: 3}, `{"errCode":3}`},
		{wx.OpenEnterpriseChatResult{ErrCode: 1}, `{"errCode":1}`},
		{wx.Address{UserName: "u", PostalCode: "p", Extra: extra}, `{"altitude":12,"cityName":"","countryName":"","detailInfo":"","nationalCode":"","postalCode":"p","provinceName":"","telNumber":"","userName":"u"}`},
		{map[string]any{"localIds": []string{"raw"}}, `{"localIds":["raw"]}`},
		{nil, `null`},
	} {
		got, err := pageData(tt.data)
		b, _ := json.Marshal(got)
		if err != nil || string(b) != tt.want {
			t.Errorf("%T: %s, %v; want %s", tt.data, b, err, tt.want)
		}
	}
	if _, err := pageData(wx.Config{}); err == nil || !strings.Contains(err.Error(), "wx.Config") {
		t.Errorf("a wx type the fake cannot shape: %v", err)
	}
}
