package server

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/oauth"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wire"
	"github.com/gowx/gowx/wx/wxfake"
)

// JWeixinURL is the official jweixin script a real deployment's page loads.
const JWeixinURL = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js"

// What answers a demo page's calls (Config.DemoSDK, Handler.SDK).
const (
	SDKOfficial = "official"
	SDKFake     = "fake"
)

// DefaultPrefix is where a Handler is mounted unless told otherwise.
const DefaultPrefix = wire.DefaultPrefix

// What a Handler serves under its prefix besides the API (ConfigPath and
// the rest, which are the paths under DefaultPrefix): in demo mode the
// fake jWeixin, the fake WeChat the browser talks to, and the demo shop.
const (
	DemoAppID        = "wxgowxdemo"
	FakeScriptName   = "wxfake.js"
	FakeWeChatName   = "wechatfake"
	DemoShopName     = "demo/shop/"
	healthName       = "healthz"
	readyName        = "readyz"
	metricsName      = "metrics"
	defaultKeepFresh = time.Minute
)

// Where a Handler at DefaultPrefix serves the fakes in demo mode.
const (
	FakeScriptPath = DefaultPrefix + FakeScriptName
	FakeWeChatPath = DefaultPrefix + FakeWeChatName
)

// HandlerOptions are what NewHandler needs besides the Config.
type HandlerOptions struct {
	// Prefix is the path the handler is mounted at, with a slash at both
	// ends; DefaultPrefix if empty. Every path it serves is under it:
	// mux.Handle(prefix, h).
	Prefix string
	// PublicURL is where browsers reach the page, such as
	// http://localhost:3000/ behind a dev proxy or a tunnel's https URL.
	// Demo mode needs it: its host (and port) is the JS safe domain the
	// demo signs for, besides Config.Domains. It must be a host name:
	// WeChat takes no IP address.
	PublicURL string
	// Authorize decides what the card and pay endpoints sign, and which
	// media the media endpoint fetches where (see Authorizers); in demo
	// mode, without Authorize.Media, anyone may fetch into memory, and
	// <prefix>demo/media/<media_id> serves the copies. Config.SignerToken
	// (with Config.MediaDir for media) is the other way to open them; set
	// one or neither.
	Authorize Authorizers
	// Logger receives JSON logs; nil means slog.Default().
	Logger *slog.Logger
	// Metrics are served at <prefix>metrics and time every request; nil
	// means a new set.
	Metrics *Metrics
	// KeepFresh is how often held credentials are looked at for renewal;
	// zero means a minute.
	KeepFresh time.Duration
	// OfficialScript is where the page loads the official
	// jweixin-1.6.0.js when Config.DemoSDK is "official" (the Site serves
	// it from the web directory); empty falls back to the fake jWeixin,
	// with a warning.
	OfficialScript string
}

// Handler is the whole signer, as a team mounts it in its own mux: the
// API, health, readiness and metrics under one prefix, its own credential
// renewal, and in demo mode the fakes and the demo shop under the same
// prefix. The server's own calls to the fake WeChat go to a loopback
// listener of the fake, so that no address of the team's listener is
// needed.
type Handler struct {
	// Demo is set in demo mode.
	Demo bool
	// Scripts are the scripts the page must load, in order, for jweixin:
	// the official one; in demo mode the fake under the prefix (which
	// verifies against the fake WeChat), or with DemoSDK "official" the
	// fake client alone followed by the official script.
	Scripts []string
	// SDK names what answers the page's calls: "official" (jweixin, on a
	// real or in demo mode a fake WeChat client) or "fake" (the fake
	// jWeixin, both layers).
	SDK string
	// Domains are the JS safe domains signed for.
	Domains sign.Domains
	// Account holds the credentials; Metrics are served under the prefix.
	Account *credential.Account
	Metrics *Metrics
	// API is the signer, for a back end's own handlers: SignPage, SignPay,
	// SignCardExt, SignCardSign, FetchMedia.
	API *Server
	// OAuth is the web authorisation sign-in under <prefix>oauth/, nil
	// without Config.OAuthCallback (demo mode has one). Every request the
	// Handler serves carries the session's user for oauth.User.
	OAuth *oauth.Flow

	prefix   string
	mux      *http.ServeMux
	log      *slog.Logger
	stop     context.CancelFunc
	closers  []func() error
	closeErr error
	once     sync.Once
}

// NewHandler assembles what cfg describes. It validates cfg (see
// Config.Validate), keeps credentials in Redis if cfg.RedisURL is set, in
// files under the state directory if not (in memory in demo mode), and
// renews them in the background until ctx ends or Close is called. In demo
// mode a fake WeChat stands in for the real one, and nothing of the fakes
// is served otherwise.
func NewHandler(ctx context.Context, cfg Config, o HandlerOptions) (*Handler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	o.Prefix = cmp.Or(o.Prefix, DefaultPrefix)
	if !strings.HasPrefix(o.Prefix, "/") || !strings.HasSuffix(o.Prefix, "/") {
		return nil, fmt.Errorf("server: Prefix %q: want a path with a slash at both ends, such as /wx/", o.Prefix)
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics()
	}
	authorize := o.Authorize
	if cfg.SignerToken != "" {
		if authorize.CardExt != nil || authorize.CardSign != nil || authorize.Pay != nil || authorize.Media != nil {
			return nil, errors.New("server: set HandlerOptions.Authorize or Config.SignerToken, not both")
		}
		var err error
		if authorize, err = BearerToken(cfg.SignerToken); err != nil {
			return nil, err
		}
		if cfg.MediaDir != "" {
			sink, err := DirSink(cfg.MediaDir)
			if err == nil {
				authorize.Media, err = BearerMedia(cfg.SignerToken, sink)
			}
			if err != nil {
				return nil, err
			}
		}
	}
	h := &Handler{Demo: cfg.Demo(), Scripts: []string{JWeixinURL}, SDK: SDKOfficial, Metrics: o.Metrics, prefix: o.Prefix, mux: http.NewServeMux(), log: o.Logger}
	fail := func(err error) (*Handler, error) {
		h.Close()
		return nil, err
	}
	client := &wechat.Client{BaseURL: cfg.APIBase, AppID: cfg.AppID, Secret: cfg.Secret}
	var st credential.Store
	if h.Demo {
		var err error
		if client, cfg, err = h.demo(cfg, o); err != nil {
			return fail(err)
		}
		st = &store.Memory{}
	} else {
		var err error
		if st, err = h.openStore(cfg); err != nil {
			return fail(err)
		}
	}
	client.HTTP = &http.Client{Timeout: cfg.FetchTimeout}
	client.Observe = h.Metrics.Upstream
	d, err := sign.ParseDomains(cfg.Domains)
	if err != nil {
		return fail(err)
	}
	h.Domains = d
	h.Account = credential.NewAccount(client, st, credential.Options{
		StableToken: cfg.StableToken, FetchTimeout: cfg.FetchTimeout, Logger: o.Logger, Observer: h.Metrics,
	})
	h.Account.CheckStore(ctx)
	var hints map[string]string
	if h.Demo {
		hints = map[string]string{wire.CodeURLNotAllowed: fmt.Sprintf("Demo mode signs pages on %s only, the address gowx printed: "+
			"open the page there (not 127.0.0.1, not another port), or set HandlerOptions.PublicURL (the binary: WX_ADDR) to where browsers reach it.", d)}
	}
	if cfg.SignerToken != "" && cfg.Pay == nil {
		authorize.Pay = nil // no merchant key: no POST /wx/pay/params, as Config.Pay says
	}
	var media *demoMedia
	if h.Demo && authorize.Media == nil {
		media = newDemoMedia()
		authorize.Media = media.authorize
	}
	api, err := New(Options{AppID: client.AppID, Domains: d, Tickets: h.Account, Media: h.Account, Pay: cfg.Pay, Authorize: authorize,
		Origins: cfg.Origins, Metrics: h.Metrics, Logger: o.Logger, Prefix: o.Prefix, Hints: hints})
	if err != nil {
		return fail(err)
	}
	h.API = api
	if h.OAuth, err = h.signIn(cfg, o, client, d, api); err != nil {
		return fail(err)
	}
	if h.OAuth != nil {
		h.mux.Handle(o.Prefix+"oauth/", h.Metrics.instrument(h.OAuth))
	}
	if h.Demo {
		sh := &shop{api: api, payBase: client.BaseURL, client: client.HTTP}
		sh.mount(h.mux, o.Prefix+DemoShopName)
	}
	if media != nil {
		h.mux.HandleFunc("GET "+o.Prefix+DemoMediaName+"{id}", media.serve(api, o.Prefix))
	}
	h.mux.Handle(o.Prefix, api)
	keep, stop := context.WithCancel(context.WithoutCancel(ctx))
	h.stop = stop
	context.AfterFunc(ctx, stop)
	go h.Account.KeepFresh(keep, cmp.Or(o.KeepFresh, defaultKeepFresh))
	return h, nil
}

// signIn makes the web authorisation sign-in: in demo mode against the
// fake WeChat (whose authorisation page the browser reaches under the
// prefix), with a key of its own; in a real deployment only with an
// OAuthCallback, with the key from SessionKeyFile or the state directory.
func (h *Handler) signIn(cfg Config, o HandlerOptions, client *wechat.Client, d sign.Domains, api *Server) (*oauth.Flow, error) {
	opt := oauth.Options{Client: client, AuthorizeBase: cfg.OAuthBase, Callback: cfg.OAuthCallback, Domains: d,
		Prefix: o.Prefix, Fail: api.fail, Logger: o.Logger}
	switch {
	case h.Demo:
		public := strings.TrimSuffix(o.PublicURL, "/")
		opt.AuthorizeBase = public + o.Prefix + FakeWeChatName
		opt.Callback = public + o.Prefix + "oauth/callback"
		opt.Key = []byte(randomHex(32))
	case cfg.OAuthCallback == "":
		return nil, nil
	default:
		var err error
		if opt.Key, err = oauth.LoadKey(cfg.SessionKeyFile, cmp.Or(cfg.StateDir, DefaultStateDir())); err != nil {
			return nil, err
		}
	}
	return oauth.New(opt)
}

// openStore opens the store of a real deployment: Redis, or files.
func (h *Handler) openStore(cfg Config) (credential.Store, error) {
	if cfg.RedisURL != "" {
		r, err := store.NewRedis(cfg.RedisURL)
		if err != nil {
			return nil, err
		}
		h.closers = append(h.closers, r.Close)
		return r, nil
	}
	if cfg.StateDir != "" {
		return store.NewFile(cfg.StateDir) // asked for: it must work
	}
	f, err := store.NewFile(DefaultStateDir())
	if err != nil {
		// The store is a cache: serve from memory, and say so once
		// (CheckStore, below) and in gowx_store_up.
		return store.Unusable{Err: err}, nil
	}
	return f, nil
}

// demo starts a fake WeChat for the demo and mounts what the browser
// needs of it (its verification endpoint, for the fake jWeixin) and the
// fake jWeixin under the prefix. It returns a client of the fake's
// loopback listener and cfg as the demo runs it: its JS safe domains are
// the public URL's host (with its port) and cfg's, and it has demo
// merchant keys.
func (h *Handler) demo(cfg Config, o HandlerOptions) (*wechat.Client, Config, error) {
	host, err := demoHost(o.PublicURL)
	if err != nil {
		return nil, cfg, err
	}
	if !slices.Contains(cfg.Domains, host) {
		cfg.Domains = append([]string{host}, cfg.Domains...)
	}
	// Demo merchant keys, v3 and v2, so that the page can exercise
	// chooseWXPay; the fake WeChat knows them, and its client checks
	// every paySign (and card signature) as WeChat's does.
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, cfg, err
	}
	cfg.Pay = &PayKeys{V3: key, V2: randomHex(16), V2Method: sign.PayV2MD5}
	secret := randomHex(16)
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: DemoAppID, Secret: secret, Domains: cfg.Domains,
		Merchant: &wechatfake.Merchant{V3: &key.PublicKey, V2: cfg.Pay.V2}, CheckCards: true, User: demoUser(o.PublicURL)})
	if err != nil {
		return nil, cfg, err
	}
	h.closers = append(h.closers, func() error { fake.Close(); return nil })
	fakePath := h.prefix + FakeWeChatName
	h.mux.Handle(fakePath+"/", http.StripPrefix(fakePath, fake.Fake))
	h.mux.Handle("GET "+h.prefix+FakeScriptName, wxfake.Handler())
	// The panel lets a person answer calls and fire events.
	query := "verify=" + url.QueryEscape(fakePath+wechatfake.VerifyPath) + "&panel=1"
	switch {
	case cfg.DemoSDK == SDKOfficial && o.OfficialScript != "":
		h.Scripts = []string{h.prefix + FakeScriptName + "?layer=bridge&" + query, o.OfficialScript}
	default:
		if cfg.DemoSDK == SDKOfficial {
			h.log.Warn("the official jweixin-1.6.0.js is not at hand (make jweixin fetches it): the demo runs the fake jWeixin")
		}
		h.Scripts, h.SDK = []string{h.prefix + FakeScriptName + "?" + query}, SDKFake
	}
	return &wechat.Client{BaseURL: fake.URL, AppID: DemoAppID, Secret: secret}, cfg, nil
}

// demoUser is DemoUser, with the demo's icon (on a Site, under WebPrefix)
// for an avatar.
func demoUser(publicURL string) wechatfake.OAuthUser {
	u := DemoUser
	u.HeadImgURL = strings.TrimSuffix(publicURL, "/") + WebPrefix + "icon-192.png"
	return u
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// demoHost is the JS safe domain of a demo served at publicURL: its host,
// with the port unless it is the scheme's default.
func demoHost(publicURL string) (string, error) {
	u, err := url.Parse(publicURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return "", fmt.Errorf("server: demo mode needs the page's public URL (HandlerOptions.PublicURL), such as http://localhost:8000/; got %q", publicURL)
	}
	if net.ParseIP(u.Hostname()) != nil {
		return "", fmt.Errorf("server: demo mode: the page's URL %s has an IP address, which WeChat takes for no JS safe domain: use a host name such as localhost", publicURL)
	}
	if p := u.Port(); p == "" || p == "80" && u.Scheme == "http" || p == "443" && u.Scheme == "https" {
		return strings.ToLower(u.Hostname()), nil
	}
	return strings.ToLower(u.Host), nil
}

// Prefix is the path the handler serves under.
func (h *Handler) Prefix() string { return h.prefix }

// ConfigPath is the path of the wx.config endpoint, for the page's
// SignedConfig.
func (h *Handler) ConfigPath() string { return h.prefix + "config" }

// ServeHTTP serves the API, the probes and, in demo mode, the fakes.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !routable(r.URL) {
		h.API.fail(w, r, http.StatusNotFound, wire.CodeNotFound, "nothing is served here", nil)
		return
	}
	if h.OAuth != nil {
		h.OAuth.Wrap(h.mux).ServeHTTP(w, r)
		return
	}
	h.mux.ServeHTTP(w, r)
}

// Close stops the renewal and releases the store and, in demo mode, the
// fake WeChat. It is safe to call more than once.
func (h *Handler) Close() error {
	h.once.Do(func() {
		if h.stop != nil {
			h.stop()
		}
		var errs []error
		for _, c := range slices.Backward(h.closers) {
			errs = append(errs, c())
		}
		h.closeErr = errors.Join(errs...)
	})
	return h.closeErr
}
