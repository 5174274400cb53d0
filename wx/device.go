package wx

import "context"

// NetworkType is the kind of network the device is on. WeChat reports
// "wifi", "2g", "3g", "4g" or "5g", and on some clients "edge", "wwan" or
// another subtype, passed through as given.
type NetworkType string

// Network types.
const (
	NetworkWiFi NetworkType = "wifi"
	Network2G   NetworkType = "2g"
	Network3G   NetworkType = "3g"
	Network4G   NetworkType = "4g"
	Network5G   NetworkType = "5g"
	NetworkEdge NetworkType = "edge"
	NetworkWWAN NetworkType = "wwan"
)

// GetNetworkTypeResult is what GetNetworkType returns.
type GetNetworkTypeResult struct {
	NetworkType NetworkType
}

// GetNetworkType reports the device's network (wx.getNetworkType).
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#37
func (s *SDK) GetNetworkType(ctx context.Context) *Future[GetNetworkTypeResult] {
	return invoke(ctx, s, APIGetNetworkType, map[string]any{}, func(res []byte) (GetNetworkTypeResult, error) {
		w, err := decodeJSON[struct {
			NetworkType text `json:"networkType"`
		}](res)
		return GetNetworkTypeResult{NetworkType: NetworkType(w.NetworkType)}, err
	})
}
