package wechatfake

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gowx/gowx/server/wechat"
)

// Web authorisation: the fake serves wechat.PathAuthorize as WeChat's
// authorisation page (a consent page for snsapi_userinfo, an immediate
// redirect for snsapi_base) and the sns endpoints, for the one user at its
// client (Config.User, or SetUser).

// UserPath (GET, or POST an OAuthUser) reads or replaces the user the
// fake's authorisation page signs in.
const UserPath = "/fake/control/user"

// Lifetimes of web authorisation, as WeChat's.
const (
	// CodeTTL is how long a code may be exchanged.
	CodeTTL = 5 * time.Minute
	// RefreshTTL is how long a refresh_token renews.
	RefreshTTL = 30 * 24 * time.Hour
)

// DefaultOpenID is the openid of the fake's user when Config.User has none.
const DefaultOpenID = "oFakeUser0000000000000000000"

// OAuthUser is the person at the fake WeChat client, as web authorisation
// reveals them.
type OAuthUser struct {
	OpenID     string `json:"openid"`
	UnionID    string `json:"unionid,omitempty"`
	Nickname   string `json:"nickname,omitempty"`
	HeadImgURL string `json:"headimgurl,omitempty"`
	Country    string `json:"country,omitempty"`
	Province   string `json:"province,omitempty"`
	City       string `json:"city,omitempty"`
	// Snapshot makes the user one on the timeline's snapshot page: every
	// authorisation is snsapi_base, silent, with is_snapshotuser 1 and a
	// virtual openid.
	Snapshot bool `json:"snapshot,omitempty"`
}

// grant is what a code, a user's access_token or a refresh_token stands for.
type grant struct {
	user  OAuthUser
	scope wechat.Scope
	end   time.Time
	used  bool // a code's
}

// User returns the user the authorisation page signs in.
func (f *Fake) User() OAuthUser {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.user
}

// SetUser replaces the user the authorisation page signs in; an empty
// OpenID is DefaultOpenID. Codes and tokens issued before stay the
// previous user's.
func (f *Fake) SetUser(u OAuthUser) {
	if u.OpenID == "" {
		u.OpenID = DefaultOpenID
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.user = u
}

// snapshotOpenID is the virtual openid of a snapshot page's visitor.
func snapshotOpenID(u OAuthUser) string {
	s := strings.TrimPrefix(u.OpenID, "o")
	return "oSnapshot" + s[:min(len(s), 19)]
}

// authorizeParams are the query of the authorisation page, checked.
type authorizeParams struct {
	redirect *url.URL
	scope    wechat.Scope
	state    string
}

// parseAuthorize checks the authorisation page's parameters as WeChat
// does, returning the errcode it shows for the first one wrong.
func (f *Fake) parseAuthorize(v url.Values) (authorizeParams, int, string) {
	var p authorizeParams
	redirect := v.Get("redirect_uri")
	switch {
	case v.Get("appid") == "":
		return p, 10012, "appid is empty"
	case v.Get("appid") != f.cfg.AppID:
		return p, 40013, "invalid appid"
	case redirect == "":
		return p, 10011, "redirect_uri is empty"
	case f.oauthDomains.Check(redirect) != nil:
		return p, 10003, "redirect_uri domain does not match the web authorisation domain"
	case v.Get("scope") == "":
		return p, 10010, "scope is empty"
	case !wechat.Scope(v.Get("scope")).Valid():
		return p, 10005, "the account has no right to this scope"
	case v.Get("response_type") != "code":
		return p, 40097, "invalid args: response_type must be code"
	case len(v.Get("state")) > 128:
		return p, 10013, "state is over 128 bytes"
	}
	u, err := url.Parse(redirect)
	if err != nil {
		return p, 10003, "redirect_uri is not a URL"
	}
	return authorizeParams{redirect: u, scope: wechat.Scope(v.Get("scope")), state: v.Get("state")}, 0, ""
}

// serveAuthorize answers GET (the page) and POST (the user's choice on it).
func (f *Fake) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, 8192)
		if err := r.ParseForm(); err != nil {
			authorizeErrorPage(w, 40097, "invalid args")
			return
		}
	}
	v := r.URL.Query()
	if r.Method == http.MethodPost {
		v = r.PostForm
	}
	p, code, msg := f.parseAuthorize(v)
	if code != 0 {
		authorizeErrorPage(w, code, msg)
		return
	}
	u := f.User()
	switch {
	case r.Method == http.MethodPost && v.Get("decision") == "allow":
		f.redirectWithCode(w, r, p, u)
	case r.Method == http.MethodPost:
		// Refused: WeChat returns to the page with the state and no code.
		f.redirectBack(w, r, p, "")
	case p.scope == wechat.ScopeBase || u.Snapshot:
		// snsapi_base asks nothing of the user, nor does the snapshot page.
		f.redirectWithCode(w, r, p, u)
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		var hidden [][2]string
		for _, k := range []string{"appid", "redirect_uri", "response_type", "scope", "state"} {
			hidden = append(hidden, [2]string{k, v.Get(k)})
		}
		consentPage.Execute(w, map[string]any{"AppID": f.cfg.AppID, "User": u, "Params": hidden, "Host": p.redirect.Host})
	}
}

func (f *Fake) redirectWithCode(w http.ResponseWriter, r *http.Request, p authorizeParams, u OAuthUser) {
	scope := p.scope
	if u.Snapshot {
		scope = wechat.ScopeBase
	}
	code := randomString(32)
	f.mu.Lock()
	f.codes[code] = &grant{user: u, scope: scope, end: f.cfg.Now().Add(CodeTTL)}
	f.mu.Unlock()
	f.redirectBack(w, r, p, code)
}

func (f *Fake) redirectBack(w http.ResponseWriter, r *http.Request, p authorizeParams, code string) {
	back := *p.redirect
	q := back.Query()
	if code != "" {
		q.Set("code", code)
	}
	q.Set("state", p.state)
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func (f *Fake) serveOAuthToken(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if code, msg := f.checkApp(q.Get("appid"), q.Get("secret")); code != 0 {
		writeErr(w, code, msg)
		return
	}
	if q.Get("grant_type") != "authorization_code" {
		writeErr(w, 40002, "invalid grant_type")
		return
	}
	now := f.cfg.Now()
	f.mu.Lock()
	g, ok := f.codes[q.Get("code")]
	switch {
	case !ok:
		f.mu.Unlock()
		writeErr(w, 40029, "invalid code")
		return
	case g.used:
		f.mu.Unlock()
		writeErr(w, 40163, "code been used")
		return
	case !now.Before(g.end):
		f.mu.Unlock()
		writeErr(w, 42003, "code expired")
		return
	}
	g.used = true
	user, scope := g.user, g.scope
	f.mu.Unlock()
	f.issueUserToken(w, r, user, scope, randomString(64))
}

// issueUserToken answers a token endpoint with a new user access_token
// and refresh, a refresh_token (new, or the one renewing).
func (f *Fake) issueUserToken(w http.ResponseWriter, r *http.Request, u OAuthUser, scope wechat.Scope, refresh string) {
	now := f.cfg.Now()
	tok := randomString(64)
	f.mu.Lock()
	f.userTokens[tok] = &grant{user: u, scope: scope, end: now.Add(f.cfg.TTL)}
	if _, ok := f.refreshTokens[refresh]; !ok {
		f.refreshTokens[refresh] = &grant{user: u, scope: scope, end: now.Add(RefreshTTL)}
	}
	f.mu.Unlock()
	answer := map[string]any{"access_token": tok, "expires_in": expiresIn(r, f.cfg.TTL), "refresh_token": refresh,
		"openid": u.OpenID, "scope": string(scope)}
	if u.Snapshot {
		answer["openid"], answer["is_snapshotuser"] = snapshotOpenID(u), 1
	} else if u.UnionID != "" {
		answer["unionid"] = u.UnionID
	}
	writeJSON(w, answer)
}

func (f *Fake) serveOAuthRefresh(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch {
	case q.Get("appid") != f.cfg.AppID:
		writeErr(w, 40013, "invalid appid")
		return
	case q.Get("grant_type") != "refresh_token":
		writeErr(w, 40002, "invalid grant_type")
		return
	}
	refresh := q.Get("refresh_token")
	f.mu.Lock()
	g, ok := f.refreshTokens[refresh]
	var gc grant
	if ok {
		gc = *g
	}
	f.mu.Unlock()
	switch {
	case !ok:
		writeErr(w, 40030, "invalid refresh_token")
	case !f.cfg.Now().Before(gc.end):
		writeErr(w, 42002, "refresh_token expired")
	default:
		f.issueUserToken(w, r, gc.user, gc.scope, refresh)
	}
}

// userToken looks up a user's access_token for openid, answering the
// errcode WeChat gives if it is not good.
func (f *Fake) userToken(w http.ResponseWriter, q url.Values) (grant, bool) {
	f.mu.Lock()
	g, ok := f.userTokens[q.Get("access_token")]
	var gc grant
	if ok {
		gc = *g
	}
	f.mu.Unlock()
	openID := gc.user.OpenID
	if gc.user.Snapshot {
		openID = snapshotOpenID(gc.user)
	}
	switch {
	case !ok:
		writeErr(w, 40001, "invalid credential, access_token is invalid or not latest")
	case !f.cfg.Now().Before(gc.end):
		writeErr(w, 42001, "access_token expired")
	case q.Get("openid") != openID:
		writeErr(w, 40003, "invalid openid")
	default:
		return gc, true
	}
	return grant{}, false
}

func (f *Fake) serveUserInfo(w http.ResponseWriter, r *http.Request) {
	g, ok := f.userToken(w, r.URL.Query())
	if !ok {
		return
	}
	if g.scope != wechat.ScopeUserInfo {
		writeErr(w, 48001, "api unauthorized")
		return
	}
	u := g.user
	answer := map[string]any{"openid": u.OpenID, "nickname": u.Nickname, "sex": 0, "province": u.Province, "city": u.City,
		"country": u.Country, "headimgurl": u.HeadImgURL, "privilege": []string{}}
	if u.UnionID != "" {
		answer["unionid"] = u.UnionID
	}
	writeJSON(w, answer)
}

func (f *Fake) serveOAuthCheck(w http.ResponseWriter, r *http.Request) {
	if _, ok := f.userToken(w, r.URL.Query()); ok {
		writeErr(w, 0, "ok")
	}
}

func (f *Fake) serveUser(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		var u OAuthUser
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&u); err != nil {
			writeStatusJSON(w, http.StatusBadRequest, map[string]string{"error": "bad_request", "message": "want a JSON OAuthUser"})
			return
		}
		f.SetUser(u)
	}
	writeJSON(w, f.User())
}

// authorizeErrorPage is what WeChat's authorisation page shows for a bad
// request: an HTML page naming the errcode, no redirect.
func authorizeErrorPage(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	errorPage.Execute(w, map[string]any{"Code": code, "Msg": msg, "Hint": wechat.Hint(code)})
}

var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>微信网页授权 (fake)</title></head>
<body style="font-family:sans-serif;margin:2em">
<h1>Oops! Something went wrong :(</h1>
<p id="errcode" data-errcode="{{.Code}}">errcode {{.Code}}: {{.Msg}}</p>
{{with .Hint}}<p id="hint">{{.}}</p>{{end}}
</body></html>
`))

var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>微信网页授权 (fake)</title>
<style>body{font-family:sans-serif;margin:0;padding:2em 1.5em;text-align:center}
img{width:64px;height:64px;border-radius:8px}
button{display:block;width:100%;margin:.8em 0;padding:.8em;font-size:1.1em;border-radius:6px;border:1px solid #ccc}
#allow{background:#07c160;color:#fff;border:0}</style></head>
<body>
<p>{{.Host}} 申请获取以下权限 / asks for</p>
<h2>获得你的公开信息（昵称、头像等）<br><small>your public profile (nickname, avatar)</small></h2>
<p>{{if .User.HeadImgURL}}<img src="{{.User.HeadImgURL}}" alt="">{{end}}
<span id="nickname">{{.User.Nickname}}</span> <small id="openid">{{.User.OpenID}}</small></p>
<form method="post" action="authorize">
{{range .Params}}<input type="hidden" name="{{index . 0}}" value="{{index . 1}}">{{end}}
<button id="allow" name="decision" value="allow">允许 Allow</button>
<button id="deny" name="decision" value="deny">拒绝 Deny</button>
</form>
<p><small>AppID {{.AppID}} · gowx fake WeChat</small></p>
</body></html>
`))
