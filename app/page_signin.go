package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wire"
	"github.com/gowx/gowx/wx"
)

// signInPath is the sign-in page's.
const signInPath = "signin"

// signedParam marks the page the sign-in returned to, so that it does not
// start another on entry.
const signedParam = "signed"

// signInPage signs the user in with WeChat's web authorisation: silently
// (snsapi_base) on entry, with the profile (snsapi_userinfo, the consent
// page) on a button. It shows the session the server keeps, and pays an
// order the shop makes for the signed-in user.
type signInPage struct {
	app.Compo

	loaded  bool
	denied  bool
	session wire.SessionResponse
	out     outcome // of reading the session, if it failed
	paid    outcome
	js      jweixin
}

func (p *signInPage) OnMount(ctx app.Context) {
	if app.IsServer {
		return
	}
	p.js = sessionOf(ctx)
	q := url.Values{}
	if u := app.Window().URL(); u != nil {
		q = u.Query()
	}
	p.denied = q.Get(wire.OAuthResultParam) == "denied"
	p.load(ctx, !p.denied && q.Get(signedParam) == "")
}

// load reads the session; auto starts a silent sign-in if there is none.
func (p *signInPage) load(ctx app.Context, auto bool) {
	ctx.Async(func() {
		s, err := readSession(context.Background(), fetchJSON)
		ctx.Dispatch(func(ctx app.Context) {
			p.loaded, p.session, p.out = true, s, outcome{}
			if err != nil {
				p.out = failed(err)
				return
			}
			if auto && !s.SignedIn && !s.Snapshot {
				startSignIn("snsapi_base")
			}
		})
	})
}

// readSession asks the server who is signed in.
func readSession(ctx context.Context, fetch fetcher) (wire.SessionResponse, error) {
	var s wire.SessionResponse
	status, body, err := fetch(ctx, wire.SessionPath, nil)
	if err != nil {
		return s, fmt.Errorf("server: %s: %w", wire.SessionPath, err)
	}
	if status != 200 {
		return s, fmt.Errorf("server: %s: HTTP %d", wire.SessionPath, status)
	}
	if err := json.Unmarshal(body, &s); err != nil {
		return s, fmt.Errorf("server: %s: %w", wire.SessionPath, err)
	}
	return s, nil
}

// signInURL is where a sign-in of scope starts, coming back to the
// sign-in page at origin.
func signInURL(origin, scope string) string {
	back := origin + "/" + signInPath + "?" + signedParam + "=1"
	return wire.OAuthStartPath + "?" + url.Values{"scope": {scope}, "return": {back}}.Encode()
}

// startSignIn leaves the page for the sign-in: the server, WeChat's
// authorisation page, and back.
func startSignIn(scope string) {
	u := app.Window().URL()
	if u == nil {
		return
	}
	app.Window().Get("location").Set("href", signInURL(u.Scheme+"://"+u.Host, scope))
}

func (p *signInPage) pay(ctx app.Context) {
	p.paid = outcome{}
	ctx.Async(func() {
		c := context.Background()
		out := succeeded("chooseWXPay:ok — paid by " + p.session.OpenID)
		sdk, err := p.js.sdk(c)
		if err == nil {
			err = payOrder(c, sdk, demoShop(), "coffee", "", (*wx.SDK).ChooseWXPay)
		}
		if err != nil {
			out = failed(err)
		}
		ctx.Dispatch(func(app.Context) { p.paid = out })
	})
}

func (p *signInPage) signOut(ctx app.Context) {
	ctx.Async(func() {
		fetchJSON(context.Background(), wire.SignOutPath, []byte("{}"))
		ctx.Dispatch(func(ctx app.Context) { p.load(ctx, false) })
	})
}

func (p *signInPage) Render() app.UI {
	s := p.session
	return app.Section().ID("group-"+signInPath).Body(
		app.H1().Body(app.Text("Sign-in"), app.Span().Class("zh").Text("网页授权")),
		app.P().Class("about").Text("WeChat's web authorisation: snsapi_base on entry gives the openid without asking; "+
			"snsapi_userinfo asks on WeChat's consent page (the fake's in demo mode) and gives the profile. "+
			"The server keeps the session in a signed cookie, and the shop's orders are the signed-in user's."),
		p.renderStatus(),
		app.If(s.OpenID != "", func() app.UI {
			return app.Dl().ID("signin-session").Class("session").Body(
				app.Dt().Text("openid"), app.Dd().ID("signin-openid").Text(s.OpenID),
				app.Dt().Text("unionid"), app.Dd().ID("signin-unionid").Text(s.UnionID),
				app.Dt().Text("scope"), app.Dd().ID("signin-scope").Text(s.Scope),
				app.If(s.Nickname != "", func() app.UI {
					return app.Div().ID("signin-profile").Body(
						app.Dt().Text("nickname 昵称"), app.Dd().ID("signin-nickname").Text(s.Nickname),
						app.Dt().Text("place 地区"), app.Dd().Text(s.Country+" "+s.Province+" "+s.City),
						app.If(s.HeadImgURL != "", func() app.UI { return app.Img().ID("signin-avatar").Src(s.HeadImgURL).Alt("") }),
					)
				}),
			)
		}),
		app.Div().Class("control").Body(
			app.Button().ID("signin-base").Text("Sign in 静默授权 (snsapi_base)").OnClick(func(app.Context, app.Event) { startSignIn("snsapi_base") }),
			app.Button().ID("signin-userinfo").Text("Profile 获取资料 (snsapi_userinfo)").OnClick(func(app.Context, app.Event) { startSignIn("snsapi_userinfo") }),
			app.Button().ID("signin-signout").Text("Sign out 退出").OnClick(func(ctx app.Context, _ app.Event) { p.signOut(ctx) }),
		),
		app.Div().Class("control").Body(
			app.H3().Text("Pay as this user 为当前用户支付"),
			app.P().Class("note").Text("The shop creates an order of a coffee for the signed-in openid; WeChat (the fake) pays it only for that user."),
			app.Button().ID("signin-pay").Text("Pay 支付 ¥15.00").OnClick(func(ctx app.Context, _ app.Event) { p.pay(ctx) }),
			p.paid.render("signin-pay"),
		),
	)
}

func (p *signInPage) renderStatus() app.UI {
	s := p.session
	var text, class string
	switch {
	case p.out.done:
		return p.out.errorView("signin-status", "status error")
	case !p.loaded:
		text, class = "reading the session…", "pending"
	case s.Snapshot:
		text, class = "a snapshot page's visitor: no real user (open the page in WeChat)", "error"
	case s.SignedIn:
		text, class = "signed in ("+s.Scope+")", "ok"
	case p.denied:
		text, class = "sign-in refused on the consent page", "error"
	default:
		text, class = "not signed in", "pending"
	}
	return app.Div().ID("signin-status").Class("status "+class).DataSet("signed-in", s.SignedIn).Text(text)
}
