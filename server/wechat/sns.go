package wechat

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultAuthorizeBase is the host of WeChat's web authorisation page,
// which the user's browser is sent to (the server never calls it).
const DefaultAuthorizeBase = "https://open.weixin.qq.com"

// Paths of web authorisation (OAuth2 for official account pages): the
// page the browser is sent to, relative to the authorise base, and the
// sns endpoints the server calls, relative to the base URL.
const (
	PathAuthorize    = "/connect/oauth2/authorize"
	PathOAuthToken   = "/sns/oauth2/access_token"
	PathOAuthRefresh = "/sns/oauth2/refresh_token"
	PathUserInfo     = "/sns/userinfo"
	PathOAuthCheck   = "/sns/auth"
)

// Scope is what a web authorisation asks of the user.
type Scope string

// The scopes of web authorisation.
const (
	// ScopeBase gives the openid alone, without asking the user.
	ScopeBase Scope = "snsapi_base"
	// ScopeUserInfo asks the user, and gives the profile too.
	ScopeUserInfo Scope = "snsapi_userinfo"
)

// Valid reports whether s is one of the scopes.
func (s Scope) Valid() bool { return s == ScopeBase || s == ScopeUserInfo }

// Sentinels of the sns endpoints, matched by errors.Is.
var (
	// ErrCodeInvalid: the code is not one WeChat issued to this account
	// (40029).
	ErrCodeInvalid = errors.New("invalid oauth code")
	// ErrCodeUsed: the code was exchanged already (40163); a code is good
	// for one exchange.
	ErrCodeUsed = errors.New("oauth code already used")
	// ErrCodeExpired: the code is older than its 5 minutes (42003).
	ErrCodeExpired = errors.New("oauth code expired")
	// ErrRefreshExpired: the refresh_token is invalid or older than its 30
	// days (40030, 42002); the user must authorise again.
	ErrRefreshExpired = errors.New("oauth refresh_token expired or invalid")
	// ErrScope: the access_token's scope does not allow the call (48001),
	// as /sns/userinfo with a snsapi_base token.
	ErrScope = errors.New("api unauthorized for the scope")
)

// snsHints say what to check for an errcode of the sns endpoints and the
// authorisation page.
var snsHints = map[int]string{
	40029: "the code is not one WeChat gave this account: was it cut, or made for another AppID?",
	40163: "a code is exchanged once; a second exchange (a reloaded callback) must reuse the first answer",
	42003: "a code lives 5 minutes: exchange it as soon as the callback arrives",
	40030: "the refresh_token is not valid: authorise the user again",
	42002: "a refresh_token lives 30 days: authorise the user again",
	48001: "the token's scope does not allow this: /sns/userinfo needs snsapi_userinfo",
	40003: "the openid is not this account's user",
	10003: "redirect_uri's host is not the account's web authorisation domain (MP admin: 网页授权域名)",
	10004: "the official account is banned",
	10005: "the account has no right to this scope (a verified service account is needed for snsapi_userinfo)",
	10006: "the user must follow the account first",
	10009: "too many authorisations: slow down",
	10010: "scope is missing",
	10011: "redirect_uri is missing",
	10012: "appid is missing",
	10013: "state is missing",
	10015: "the account has not authorised the third-party platform",
	10016: "the account does not support this authorisation",
}

// Hint says what to check for an errcode of web authorisation (the sns
// endpoints' and the authorisation page's), or "" for another one.
func Hint(code int) string { return snsHints[code] }

// AuthorizeError is an error WeChat's authorisation page shows the user
// instead of redirecting back (such as 10003, redirect_uri not on the web
// authorisation domain): the server never receives it, but a person or
// a test reading the page does.
type AuthorizeError struct {
	Code int
	Msg  string
}

func (e *AuthorizeError) Error() string {
	return fmt.Sprintf("wechat authorize page: errcode %d: %s", e.Code, e.Msg)
}

// Hint is what to check for e's errcode, if known.
func (e *AuthorizeError) Hint() string { return Hint(e.Code) }

// AuthorizeURL is the URL the browser is sent to to authorise: base (the
// default host if empty), the AppID, the callback, the scope and state,
// and the #wechat_redirect WeChat asks for.
func AuthorizeURL(base, appID, redirectURI string, scope Scope, state string) string {
	if base == "" {
		base = DefaultAuthorizeBase
	}
	// WeChat reads the parameters in this order; url.Values would sort them.
	return strings.TrimRight(base, "/") + PathAuthorize + "?appid=" + url.QueryEscape(appID) +
		"&redirect_uri=" + url.QueryEscape(redirectURI) + "&response_type=code&scope=" + url.QueryEscape(string(scope)) +
		"&state=" + url.QueryEscape(state) + "#wechat_redirect"
}

// OAuthToken is a web authorisation's answer: a user's access_token (not
// the account's), for the user's openid and the scope granted.
type OAuthToken struct {
	AccessToken  string
	ExpiresIn    time.Duration
	RefreshToken string
	OpenID       string
	UnionID      string
	Scope        Scope
	// Snapshot is set for a user on the timeline's snapshot page
	// (is_snapshotuser 1): the openid is a virtual one, not a real user's.
	Snapshot bool
}

// UserInfo is a user's profile, from /sns/userinfo.
type UserInfo struct {
	OpenID     string
	UnionID    string
	Nickname   string
	Sex        int // 0 unknown, 1 male, 2 female; WeChat now answers 0
	Province   string
	City       string
	Country    string
	HeadImgURL string
	Privilege  []string
}

// Bounds of what is kept of upstream answers.
const (
	// MaxIDLength bounds an openid or unionid (WeChat's are 28 characters).
	MaxIDLength = 64
	// MaxNicknameLength bounds a nickname, in runes.
	MaxNicknameLength = 64
	// MaxPlaceLength bounds a profile's country, province and city, in runes.
	MaxPlaceLength = 64
	// MaxProfileField bounds the avatar URL, in bytes.
	MaxProfileField = 512
)

type snsAnswer struct {
	ErrCode        int      `json:"errcode"`
	ErrMsg         string   `json:"errmsg"`
	AccessToken    string   `json:"access_token"`
	ExpiresIn      int64    `json:"expires_in"`
	RefreshToken   string   `json:"refresh_token"`
	OpenID         string   `json:"openid"`
	UnionID        string   `json:"unionid"`
	Scope          string   `json:"scope"`
	IsSnapshotUser int      `json:"is_snapshotuser"`
	Nickname       string   `json:"nickname"`
	Sex            int      `json:"sex"`
	Province       string   `json:"province"`
	City           string   `json:"city"`
	Country        string   `json:"country"`
	HeadImgURL     string   `json:"headimgurl"`
	Privilege      []string `json:"privilege"`
}

// OAuthExchange exchanges the code of an authorisation callback at
// /sns/oauth2/access_token. A code is good for one exchange within 5
// minutes: ErrCodeUsed, ErrCodeExpired and ErrCodeInvalid say why not.
func (c *Client) OAuthExchange(ctx context.Context, code string) (OAuthToken, error) {
	q := url.Values{"appid": {c.AppID}, "secret": {c.Secret}, "code": {code}, "grant_type": {"authorization_code"}}
	return c.oauthToken(ctx, PathOAuthToken, q, code)
}

// OAuthRefresh renews a user's access_token with its refresh_token at
// /sns/oauth2/refresh_token; ErrRefreshExpired means authorising again.
func (c *Client) OAuthRefresh(ctx context.Context, refreshToken string) (OAuthToken, error) {
	q := url.Values{"appid": {c.AppID}, "grant_type": {"refresh_token"}, "refresh_token": {refreshToken}}
	return c.oauthToken(ctx, PathOAuthRefresh, q, refreshToken)
}

func (c *Client) oauthToken(ctx context.Context, path string, q url.Values, secret string) (OAuthToken, error) {
	var a snsAnswer
	err := c.do(ctx, http.MethodGet, path, q, nil, &a)
	var t OAuthToken
	if err == nil {
		a.ErrMsg = scrub(a.ErrMsg, c.Secret, secret, a.AccessToken, a.RefreshToken)
		t, err = a.token(path)
	}
	if c.Observe != nil {
		c.Observe(path, err)
	}
	return t, err
}

// token checks an answer of the token endpoints: an errcode is an
// APIError; an answer without a token, a usable openid or a known scope
// is malformed.
func (a snsAnswer) token(path string) (OAuthToken, error) {
	if a.ErrCode != 0 {
		return OAuthToken{}, &APIError{Endpoint: path, Code: a.ErrCode, Msg: a.ErrMsg}
	}
	scope := Scope(a.Scope)
	// WeChat lists the scopes granted, comma-separated; userinfo implies base.
	if strings.Contains(a.Scope, string(ScopeUserInfo)) {
		scope = ScopeUserInfo
	}
	if a.AccessToken == "" || a.ExpiresIn <= 0 || !validID(a.OpenID) || !scope.Valid() || (a.UnionID != "" && !validID(a.UnionID)) {
		return OAuthToken{}, fmt.Errorf("wechat %s: %w without a token, lifetime, openid or scope: %w", path, errMalformed, ErrUnavailable)
	}
	lifetime := min(a.ExpiresIn, int64(MaxLifetime/time.Second))
	return OAuthToken{AccessToken: a.AccessToken, ExpiresIn: time.Duration(lifetime) * time.Second, RefreshToken: a.RefreshToken,
		OpenID: a.OpenID, UnionID: a.UnionID, Scope: scope, Snapshot: a.IsSnapshotUser == 1}, nil
}

// OAuthUserInfo reads the profile of the user openid with a snsapi_userinfo
// access_token at /sns/userinfo; lang is zh_CN, zh_TW or en (empty:
// zh_CN). ErrScope means the token is snsapi_base's.
func (c *Client) OAuthUserInfo(ctx context.Context, accessToken, openID, lang string) (UserInfo, error) {
	if lang == "" {
		lang = "zh_CN"
	}
	q := url.Values{"access_token": {accessToken}, "openid": {openID}, "lang": {lang}}
	var a snsAnswer
	err := c.do(ctx, http.MethodGet, PathUserInfo, q, nil, &a)
	var u UserInfo
	if err == nil {
		a.ErrMsg = scrub(a.ErrMsg, c.Secret, accessToken)
		switch {
		case a.ErrCode != 0:
			err = &APIError{Endpoint: PathUserInfo, Code: a.ErrCode, Msg: a.ErrMsg}
		case a.OpenID != openID || (a.UnionID != "" && !validID(a.UnionID)):
			err = fmt.Errorf("wechat %s: %w: the profile of another openid: %w", PathUserInfo, errMalformed, ErrUnavailable)
		default:
			u = UserInfo{OpenID: a.OpenID, UnionID: a.UnionID, Nickname: clampRunes(a.Nickname, MaxNicknameLength), Sex: a.Sex,
				Province: clampRunes(a.Province, MaxPlaceLength), City: clampRunes(a.City, MaxPlaceLength),
				Country: clampRunes(a.Country, MaxPlaceLength), HeadImgURL: avatarURL(a.HeadImgURL)}
			for _, p := range a.Privilege[:min(len(a.Privilege), 16)] {
				u.Privilege = append(u.Privilege, clampRunes(p, 64))
			}
		}
	}
	if c.Observe != nil {
		c.Observe(PathUserInfo, err)
	}
	return u, err
}

// OAuthCheck asks /sns/auth whether a user's access_token is still valid
// for openid: nil if it is, the APIError if not.
func (c *Client) OAuthCheck(ctx context.Context, accessToken, openID string) error {
	q := url.Values{"access_token": {accessToken}, "openid": {openID}}
	var a snsAnswer
	err := c.do(ctx, http.MethodGet, PathOAuthCheck, q, nil, &a)
	if err == nil && a.ErrCode != 0 {
		err = &APIError{Endpoint: PathOAuthCheck, Code: a.ErrCode, Msg: scrub(a.ErrMsg, c.Secret, accessToken)}
	}
	if c.Observe != nil {
		c.Observe(PathOAuthCheck, err)
	}
	return err
}

// validID reports whether an openid or unionid is one to keep: letters,
// digits, - and _, at most MaxIDLength.
func validID(s string) bool {
	if s == "" || len(s) > MaxIDLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// clampRunes is s as valid UTF-8, without control characters, cut to n runes.
func clampRunes(s string, n int) string {
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	i := 0
	for _, r := range s {
		if i == n {
			break
		}
		if r < ' ' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
		i++
	}
	return b.String()
}

// avatarURL keeps an http(s) avatar URL of a sane length, and drops
// anything else (a javascript: URL would become a link).
func avatarURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || len(s) > MaxProfileField || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return s
}
