//go:build !js

package wxfakecdp

import (
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/gowx/gowx/wx"
)

// pageData shapes an Outcome's Data into the fields jweixin hands the
// page, as Outcome.Data documents; the fake then encodes them as the client
// sends them.
func pageData(data any) (any, error) {
	switch d := data.(type) {
	case map[wx.API]bool:
		return fields{"checkResult": d}, nil
	case wx.ChooseImageResult:
		return fields{"localIds": orEmpty(d.LocalIDs), "sourceType": d.SourceType}, nil
	case wx.UploadResult:
		return fields{"serverId": d.ServerID}, nil
	case wx.DownloadResult:
		return fields{"localId": d.LocalID}, nil
	case wx.GetLocalImgDataResult:
		return fields{"localData": d.LocalData}, nil
	case wx.StopRecordResult:
		return fields{"localId": d.LocalID}, nil
	case wx.TranslateVoiceResult:
		return fields{"translateResult": d.TranslateResult}, nil
	case wx.GetNetworkTypeResult:
		return fields{"networkType": d.NetworkType}, nil
	case wx.GetLocationResult:
		return withExtra(fields{"latitude": d.Latitude, "longitude": d.Longitude, "speed": d.Speed, "accuracy": d.Accuracy}, d.Extra), nil
	case wx.ScanQRCodeResult:
		return fields{"resultStr": d.ResultStr}, nil
	case wx.AddCardResult:
		list := []fields{}
		for _, c := range d.CardList {
			list = append(list, withExtra(fields{"cardId": c.CardID, "cardExt": c.CardExt, "isSuccess": c.IsSuccess, "code": c.Code}, c.Extra))
		}
		return fields{"cardList": list}, nil
	case wx.ChooseCardResult:
		list := []fields{}
		for _, c := range d.CardList {
			list = append(list, fields{"card_id": c.CardID, "encrypt_code": c.EncryptCode})
		}
		s, err := json.Marshal(list)
		return fields{"cardList": string(s)}, err
	case wx.OpenBusinessViewResult:
		f := fields{"errCode": d.ErrCode}
		if len(d.ExtraData) > 0 {
			f["extraData"] = d.ExtraData
		}
		return f, nil
	case wx.OpenEnterpriseChatResult:
		return fields{"errCode": d.ErrCode}, nil
	case wx.SubscribeResult:
		byID := map[string]string{}
		for id, st := range d.Templates {
			b, err := json.Marshal(map[string]wx.SubscribeStatus{"status": st})
			if err != nil {
				return nil, err
			}
			byID[id] = string(b)
		}
		s, err := json.Marshal(byID)
		return fields{"subscribeDetails": string(s)}, err
	case wx.Address:
		return withExtra(fields{"userName": d.UserName, "telNumber": d.TelNumber, "postalCode": d.PostalCode,
			"provinceName": d.ProvinceName, "cityName": d.CityName, "countryName": d.CountryName,
			"detailInfo": d.DetailInfo, "nationalCode": d.NationalCode}, d.Extra), nil
	}
	if t := reflect.TypeOf(data); t != nil && t.PkgPath() == reflect.TypeFor[wx.API]().PkgPath() {
		return nil, fmt.Errorf("wxfakecdp: Outcome.Data of type %s: the fake takes the result types listed at Outcome.Data, or a map of the page's fields", t)
	}
	return data, nil
}

// fields are a result's fields as the page receives them.
type fields = map[string]any

func withExtra(f fields, extra map[string]json.RawMessage) fields {
	for k, v := range extra {
		if _, ok := f[k]; !ok {
			f[k] = v
		}
	}
	return f
}

// orEmpty keeps a nil list a list in JSON.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
