package wechatfake

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// PathJSAPIOrder is WeChat Pay API v3's endpoint that creates a JSAPI order
// and answers its prepay_id (on api.mch.weixin.qq.com; here beside the
// rest). The fake checks the order's fields, not the merchant's request
// signature.
const PathJSAPIOrder = "/v3/pay/transactions/jsapi"

// Order is a JSAPI order the fake created.
type Order struct {
	AppID       string `json:"appid"`
	MchID       string `json:"mchid"`
	Description string `json:"description"`
	OutTradeNo  string `json:"out_trade_no"`
	NotifyURL   string `json:"notify_url"`
	Amount      struct {
		Total    int    `json:"total"`
		Currency string `json:"currency,omitempty"`
	} `json:"amount"`
	Payer struct {
		OpenID string `json:"openid"`
	} `json:"payer"`
	// PrepayID is what the fake answered; Created when, on its clock.
	PrepayID string    `json:"-"`
	Created  time.Time `json:"-"`
}

// orderBook holds the orders, by prepay_id and by the merchant's number.
type orderBook struct {
	mu       sync.Mutex
	byPrepay map[string]Order
	byTrade  map[string]string // mchid/out_trade_no → prepay_id
}

// Order returns the order WeChat Pay gave prepayID to.
func (f *Fake) Order(prepayID string) (Order, bool) {
	f.orders.mu.Lock()
	defer f.orders.mu.Unlock()
	o, ok := f.orders.byPrepay[prepayID]
	return o, ok
}

// payError answers as WeChat Pay API v3 does: an HTTP status and
// {"code","message"}.
func payError(w http.ResponseWriter, status int, code, msg string) {
	writeStatusJSON(w, status, map[string]string{"code": code, "message": msg})
}

func (f *Fake) serveJSAPIOrder(w http.ResponseWriter, r *http.Request) {
	var o Order
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8192)).Decode(&o); err != nil {
		payError(w, http.StatusBadRequest, "PARAM_ERROR", "the body is not a JSON order")
		return
	}
	switch {
	case o.AppID != f.cfg.AppID:
		payError(w, http.StatusBadRequest, "APPID_MCHID_NOT_MATCH", "appid and mchid do not match")
		return
	case o.MchID == "" || o.Description == "" || o.OutTradeNo == "" || o.NotifyURL == "":
		payError(w, http.StatusBadRequest, "PARAM_ERROR", "mchid, description, out_trade_no and notify_url are required")
		return
	case o.Amount.Total <= 0:
		payError(w, http.StatusBadRequest, "PARAM_ERROR", "amount.total is a positive number of fen")
		return
	case o.Payer.OpenID == "":
		payError(w, http.StatusBadRequest, "PARAM_ERROR", "payer.openid is required for a JSAPI order")
		return
	}
	f.orders.mu.Lock()
	defer f.orders.mu.Unlock()
	if f.orders.byPrepay == nil {
		f.orders.byPrepay, f.orders.byTrade = map[string]Order{}, map[string]string{}
	}
	trade := o.MchID + "/" + o.OutTradeNo
	if id, ok := f.orders.byTrade[trade]; ok {
		// The same order asked again gets the same prepay_id, as WeChat Pay answers.
		writeJSON(w, map[string]string{"prepay_id": id})
		return
	}
	o.PrepayID, o.Created = "wx"+f.cfg.Now().In(chinaTime).Format("20060102150405")+randomString(18), f.cfg.Now()
	f.orders.byPrepay[o.PrepayID] = o
	f.orders.byTrade[trade] = o.PrepayID
	writeJSON(w, map[string]string{"prepay_id": o.PrepayID})
}
