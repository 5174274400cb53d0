// Package wire is what a gowx page and its server exchange: the paths of
// the server's endpoints, the JSON of their requests and answers, and the
// stable error codes. It has no dependencies, so that the page's wasm
// (package wx, a go-app page) and the server (package server) share it at
// no cost.
package wire

// DefaultPrefix is where the server's handler is mounted unless told
// otherwise; the paths below are under it.
const DefaultPrefix = "/wx/"

// Paths of the server's endpoints under DefaultPrefix.
const (
	// ConfigPath (GET ?url=<page URL>) answers a ConfigResponse.
	ConfigPath = DefaultPrefix + "config"
	// CardExtPath (POST a CardExtRequest) answers a CardExtResponse.
	CardExtPath = DefaultPrefix + "card/ext"
	// CardSignPath (POST a CardSignRequest) answers a CardSignResponse.
	CardSignPath = DefaultPrefix + "card/sign"
	// PayPath (POST a PayRequest) answers PayParams.
	PayPath = DefaultPrefix + "pay/params"
	// MediaPath (POST a MediaRequest) has the server fetch a media the
	// page uploaded (wx.uploadImage, wx.uploadVoice) from WeChat, into
	// the integrator's sink, and answers a MediaResponse.
	MediaPath = DefaultPrefix + "media"
	// HealthPath, ReadyPath and MetricsPath are for operators.
	HealthPath  = DefaultPrefix + "healthz"
	ReadyPath   = DefaultPrefix + "readyz"
	MetricsPath = DefaultPrefix + "metrics"
	// ShopOrderPath, ShopCardPath and ShopCardFilterPath are the demo
	// shop's (demo mode only): POST a ShopOrderRequest for a
	// ShopOrderResponse, {} for a CardExtResponse, a CardSignRequest with a
	// card type for a CardSignResponse.
	ShopOrderPath      = DefaultPrefix + "demo/shop/order"
	ShopCardPath       = DefaultPrefix + "demo/shop/card"
	ShopCardFilterPath = DefaultPrefix + "demo/shop/card-filter"
	// OAuthStartPath (GET ?scope=snsapi_base|snsapi_userinfo&return=<page
	// URL>, a browser navigation) starts web authorisation: it redirects
	// to WeChat's authorisation page, which returns to OAuthCallbackPath,
	// which signs the user in and redirects to the page.
	OAuthStartPath    = DefaultPrefix + "oauth/start"
	OAuthCallbackPath = DefaultPrefix + "oauth/callback"
	// SessionPath (GET) answers a SessionResponse; SignOutPath (POST {})
	// ends the session and answers one.
	SessionPath = DefaultPrefix + "oauth/session"
	SignOutPath = DefaultPrefix + "oauth/signout"
	// DemoMediaPath followed by a media_id (GET, demo mode only) serves
	// the copy of a media the demo's server fetched through MediaPath.
	DemoMediaPath = DefaultPrefix + "demo/media/"
)

// MediaRequest asks the server to fetch the media MediaID (the serverId
// of wx.uploadImage or wx.uploadVoice: 1 to 128 letters, digits, _ or -)
// from WeChat. HD asks for a voice in high definition (speex, 16 kHz).
type MediaRequest struct {
	MediaID string `json:"media_id"`
	HD      bool   `json:"hd,omitempty"`
}

// MediaResponse is what the server fetched: the media's type, WeChat's
// file name for it, and the bytes that went to the sink.
type MediaResponse struct {
	MediaID     string `json:"media_id"`
	ContentType string `json:"content_type"`
	Filename    string `json:"filename,omitempty"`
	Size        int64  `json:"size"`
	HD          bool   `json:"hd,omitempty"`
}

// OAuthResultParam is the query parameter the callback adds to the page
// it returns to when the user refused ("denied"); a signed-in page has
// none.
const OAuthResultParam = "wx_oauth"

// SessionResponse is the signed-in user, as the page may know them.
// SignedIn is false without a session, and for a snapshot page's visitor
// (Snapshot set), who is no real user.
type SessionResponse struct {
	SignedIn   bool   `json:"signed_in"`
	OpenID     string `json:"openid,omitempty"`
	UnionID    string `json:"unionid,omitempty"`
	Scope      string `json:"scope,omitempty"`
	Snapshot   bool   `json:"snapshot,omitempty"`
	Nickname   string `json:"nickname,omitempty"`
	HeadImgURL string `json:"headimgurl,omitempty"`
	Country    string `json:"country,omitempty"`
	Province   string `json:"province,omitempty"`
	City       string `json:"city,omitempty"`
	Expires    int64  `json:"expires,omitempty"` // Unix seconds
}

// ConfigResponse is what wx.config needs besides jsApiList.
type ConfigResponse struct {
	AppID     string `json:"appId"`
	Timestamp int64  `json:"timestamp"`
	NonceStr  string `json:"nonceStr"`
	Signature string `json:"signature"`
}

// CardExtRequest asks for the cardExt of one card of wx.addCard. CardID is
// required; Code and OpenID are needed by some kinds of card (custom
// codes, cards bound to a user).
type CardExtRequest struct {
	CardID              string `json:"card_id"`
	Code                string `json:"code"`
	OpenID              string `json:"openid"`
	OuterStr            string `json:"outer_str"`
	FixedBeginTimestamp int64  `json:"fixed_begintimestamp"`
}

// CardExtResponse is one entry of wx.addCard's cardList.
type CardExtResponse struct {
	CardID  string `json:"cardId"`
	CardExt string `json:"cardExt"` // a JSON object, as a string
}

// CardSignRequest holds chooseCard's filters, each optional: ShopID is a
// store's id (digits), CardType one of CardTypes.
type CardSignRequest struct {
	ShopID   string `json:"shop_id"`
	CardType string `json:"card_type"`
	CardID   string `json:"card_id"`
}

// CardSignResponse is wx.chooseCard's arguments besides the callbacks.
type CardSignResponse struct {
	ShopID    string `json:"shopId"`
	CardType  string `json:"cardType"`
	CardID    string `json:"cardId"`
	Timestamp string `json:"timestamp"`
	NonceStr  string `json:"nonceStr"`
	SignType  string `json:"signType"`
	CardSign  string `json:"cardSign"`
}

// CardTypes are WeChat's card types, the values chooseCard's cardType may take.
var CardTypes = []string{"GROUPON", "CASH", "DISCOUNT", "GIFT", "GENERAL_COUPON", "MEMBER_CARD",
	"SCENIC_TICKET", "MOVIE_TICKET", "BOARDING_PASS", "MEETING_TICKET", "BUS_TICKET"}

// PayRequest asks for the chooseWXPay parameters of an order. PrepayID is
// what WeChat Pay returned for it (letters, digits, _ and -, at most 64);
// SignType, if set, names the merchant key that signs.
type PayRequest struct {
	PrepayID string `json:"prepay_id"`
	SignType string `json:"sign_type"`
}

// PayParams are the arguments of wx.chooseWXPay besides the callbacks,
// with jweixin's names: it sends timestamp as timeStamp and forces appId
// to the configured one.
type PayParams struct {
	AppID     string `json:"appId"`
	TimeStamp string `json:"timeStamp"`
	NonceStr  string `json:"nonceStr"`
	Package   string `json:"package"`
	SignType  string `json:"signType"`
	PaySign   string `json:"paySign"`
}

// The signTypes of chooseWXPay: WeChat Pay API v3's, and API v2's two.
const (
	SignTypeRSA        = "RSA"
	SignTypeMD5        = "MD5"
	SignTypeHMACSHA256 = "HMAC-SHA256"
)

// ShopOrderRequest is what a page asks the demo shop for: an item, and
// which of the merchant's keys signs (empty: the shop's default).
type ShopOrderRequest struct {
	Item     string `json:"item"`
	SignType string `json:"sign_type"`
}

// ShopOrderResponse is the order the demo shop created, and chooseWXPay's
// arguments for it.
type ShopOrderResponse struct {
	OutTradeNo  string    `json:"outTradeNo"`
	Description string    `json:"description"`
	Total       int       `json:"total"`
	Pay         PayParams `json:"pay"`
}

// ErrorResponse is the body of every error answer. Hint, when set, says
// what to check, in the server's knowledge (demo mode's, say).
type ErrorResponse struct {
	Error   string `json:"error"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// The stable codes of ErrorResponse.Error.
const (
	CodeBadRequest           = "bad_request"
	CodeURLNotAllowed        = "url_not_allowed"
	CodeRequestTooLarge      = "request_too_large"
	CodeUnsupportedMediaType = "unsupported_media_type"
	CodeUnauthorized         = "unauthorized"
	CodeForbidden            = "forbidden"
	CodeUpstreamUnavailable  = "upstream_unavailable"
	CodeNotReady             = "not_ready"
	CodeOriginNotAllowed     = "origin_not_allowed"
	CodeNotFound             = "not_found"
	CodeMethodNotAllowed     = "method_not_allowed"
	CodeInternal             = "internal"
	// CodeOAuthState: the authorisation callback's state is not the one
	// this browser started (forged, missing cookie, expired, or used for
	// another code).
	CodeOAuthState = "oauth_state"
	// CodeOAuthCode: WeChat refused the callback's code (invalid, used,
	// expired).
	CodeOAuthCode = "oauth_code"
	// CodeMediaNotFound: WeChat knows no such media_id, or it has expired
	// (WeChat keeps uploads 3 days; errcode 40007).
	CodeMediaNotFound = "media_not_found"
	// CodeMediaIsVideo: the media is a video, which WeChat gives as a URL.
	CodeMediaIsVideo = "media_is_video"
	// CodeMediaTooLarge: the media is over the server's limit.
	CodeMediaTooLarge = "media_too_large"
	// CodeUpstreamRefused: WeChat refuses the account the interface
	// (errcode 48001): a configuration matter, not the caller's.
	CodeUpstreamRefused = "upstream_refused"
)
