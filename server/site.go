package server

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/store"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wx/wxfake"
)

// JWeixinURL is the official jweixin script a real deployment's page loads.
const JWeixinURL = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js"

// Where demo mode serves its fakes.
const (
	DemoAppID        = "wxgowxdemo"
	FakeWeChatPrefix = "/wechatfake"
	FakeScriptPath   = "/wxfake.js"
)

// Site is a whole deployment: the API, health and metrics, and in demo
// mode a fake WeChat and the fake jWeixin. Mount the page with Handle.
type Site struct {
	// URL is where a browser finds the page.
	URL string
	// Demo is set in demo mode.
	Demo bool
	// Script is the jweixin script the page must load: the official one,
	// or in demo mode the fake, which verifies against the fake WeChat.
	Script string
	// Domains are the JS safe domains signed for.
	Domains sign.Domains
	// Account holds the credentials; Metrics are served at /metrics.
	Account *credential.Account
	Metrics *Metrics

	api   *Server
	web   *Web // nil: nothing is served under WebPrefix
	mux   *http.ServeMux
	log   *slog.Logger
	close func() error
}

// NewSite assembles the deployment cfg describes for a server listening on
// addr. In demo mode it runs a fake WeChat under /wechatfake (reached over
// loopback HTTP, as the real one would be), keeps credentials in memory and
// signs for localhost:<port>. Otherwise nothing of the fakes is mounted;
// credentials are kept in Redis if cfg.RedisURL is set, in files under
// cfg.StateDir if not. Close the Site when done.
func NewSite(cfg Config, addr *net.TCPAddr, log *slog.Logger) (*Site, error) {
	if log == nil {
		log = slog.Default()
	}
	s := &Site{URL: fmt.Sprintf("http://%s/", addr), Demo: cfg.Demo(), Script: JWeixinURL,
		Metrics: NewMetrics(), mux: http.NewServeMux(), log: log, close: func() error { return nil }}
	if cfg.FetchTimeout <= 0 {
		cfg.FetchTimeout = DefaultFetchTimeout
	}
	client := &wechat.Client{BaseURL: cfg.APIBase, AppID: cfg.AppID, Secret: cfg.Secret}
	var st credential.Store
	if s.Demo {
		var err error
		if client, cfg, err = s.mountFakes(cfg, addr); err != nil {
			return nil, err
		}
		st = &store.Memory{}
	} else if cfg.RedisURL != "" {
		r, err := store.NewRedis(cfg.RedisURL)
		if err != nil {
			return nil, err
		}
		st, s.close = r, r.Close
	} else {
		f, err := store.NewFile(cfg.StateDir)
		if err != nil {
			return nil, err
		}
		st = f
	}
	if cfg.WebDir != "" {
		w, err := OpenWeb(cfg.WebDir)
		if err != nil {
			s.close()
			return nil, err
		}
		s.web = w
		closeStore := s.close
		s.close = func() error { return errors.Join(w.Close(), closeStore()) }
	}
	client.HTTP = &http.Client{Timeout: cfg.FetchTimeout}
	client.Observe = s.Metrics.Upstream
	d, err := sign.ParseDomains(cfg.Domains)
	if err != nil {
		s.close()
		return nil, err
	}
	s.Domains = d
	s.Account = credential.NewAccount(client, st, credential.Options{
		StableToken: cfg.StableToken, FetchTimeout: cfg.FetchTimeout, Logger: log, Observer: s.Metrics,
	})
	var authorize Authorizers
	if cfg.SignerToken != "" {
		if authorize, err = BearerToken(cfg.SignerToken); err != nil {
			s.close()
			return nil, err
		}
	}
	api, err := New(Options{AppID: client.AppID, Domains: d, Tickets: s.Account, Pay: cfg.Pay, Authorize: authorize,
		Origins: cfg.Origins, Metrics: s.Metrics, Logger: log})
	if err != nil {
		s.close()
		return nil, err
	}
	s.api = api
	if s.Demo {
		sh := &shop{api: api, payBase: client.BaseURL, client: client.HTTP}
		sh.mount(s.mux)
	}
	for _, p := range []string{HealthPath, ReadyPath, MetricsPath} {
		s.mux.Handle(p, api)
	}
	return s, nil
}

// mountFakes serves a fake WeChat and the fake jWeixin, and returns a
// client of the fake and cfg as the demo runs it: its JS safe domain is
// localhost with the port (WeChat accepts no IP host), and it has demo
// merchant keys.
func (s *Site) mountFakes(cfg Config, addr *net.TCPAddr) (*wechat.Client, Config, error) {
	host := "localhost"
	if addr.Port != 80 {
		host = fmt.Sprintf("localhost:%d", addr.Port)
	}
	cfg.Domains = []string{host}
	s.URL = "http://" + host + "/"
	secret := make([]byte, 16)
	rand.Read(secret)
	fake, err := wechatfake.New(wechatfake.Config{AppID: DemoAppID, Secret: hex.EncodeToString(secret), Domains: cfg.Domains})
	if err != nil {
		return nil, cfg, err
	}
	s.mux.Handle(FakeWeChatPrefix+"/", http.StripPrefix(FakeWeChatPrefix, fake))
	s.mux.Handle("GET "+FakeScriptPath, wxfake.Handler())
	// The panel lets a person answer calls and fire events.
	s.Script = FakeScriptPath + "?verify=" + FakeWeChatPrefix + wechatfake.VerifyPath + "&panel=1"
	// The server reaches the fake over real HTTP, on loopback.
	loop := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: addr.Port}
	if addr.IP.To4() == nil && !addr.IP.IsUnspecified() {
		loop = &net.TCPAddr{IP: net.IPv6loopback, Port: addr.Port}
	}
	// Demo merchant keys, v3 and v2, so that the page can exercise chooseWXPay.
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, cfg, err
	}
	apiKey := make([]byte, 16)
	rand.Read(apiKey)
	cfg.Pay = &PayKeys{V3: key, V2: hex.EncodeToString(apiKey), V2Method: sign.PayV2MD5}
	return &wechat.Client{BaseURL: "http://" + loop.String() + FakeWeChatPrefix, AppID: DemoAppID, Secret: hex.EncodeToString(secret)}, cfg, nil
}

// Handle mounts h (the page, say) at pattern beside the API.
func (s *Site) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// ServeHTTP serves the site. A path that is not routable (see routable)
// gets 404 whatever it would reach. The API's paths go straight to the
// API, the hot path of a busy server; WebPrefix is the web directory's
// alone, so that no page handler serves files of its own there.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch p := r.URL.Path; {
	case !routable(r.URL):
		s.api.fail(w, r, http.StatusNotFound, "not_found", "nothing is served here", nil)
	case strings.HasPrefix(p, "/wx/"):
		s.api.ServeHTTP(w, r)
	case strings.HasPrefix(p, WebPrefix) || p == strings.TrimSuffix(WebPrefix, "/"):
		if s.web == nil {
			notFound(w)
			return
		}
		s.web.ServeHTTP(w, r)
	default:
		h, pattern := s.mux.Handler(r)
		if pattern == "" {
			s.api.fail(w, r, http.StatusNotFound, "not_found", "nothing is served here", nil)
			return
		}
		h.ServeHTTP(w, r)
	}
}

// Web is what the Site serves under WebPrefix; nil without a web directory.
func (s *Site) Web() *Web { return s.web }

// Close releases the store's connections.
func (s *Site) Close() error { return s.close() }

// Serve serves the site on ln until ctx ends, keeping credentials fresh
// meanwhile, then shuts down gracefully: requests in flight finish.
func (s *Site) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute,
		// Room for the request line of a page URL far over MaxURLLength, so
		// that the API refuses it in JSON (request_too_large); net/http
		// answers beyond this bound itself.
		MaxHeaderBytes: MaxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	keep, stopKeeping := context.WithCancel(ctx)
	defer stopKeeping()
	go s.Account.KeepFresh(keep, time.Minute)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("gowx shutting down")
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// RunOptions are what Run needs besides the Config.
type RunOptions struct {
	// Page, if set, makes the handler mounted at "/" for the site.
	Page func(*Site) http.Handler
	// Stdout receives one line once the site serves:
	// "gowx (demo mode) serving http://localhost:8000/". Nil means none.
	Stdout io.Writer
	// Logger receives JSON logs; nil means slog.Default().
	Logger *slog.Logger
}

// Run listens on cfg.Addr, assembles the Site and serves it until ctx ends
// (a SIGTERM, in a program), then shuts down gracefully.
func Run(ctx context.Context, cfg Config, o RunOptions) error {
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	site, err := NewSite(cfg, ln.Addr().(*net.TCPAddr), log)
	if err != nil {
		ln.Close()
		return err
	}
	defer site.Close()
	if o.Page != nil {
		site.Handle("/", o.Page(site))
	}
	mode := "real"
	if site.Demo {
		mode = "demo"
	}
	log.Info("gowx serving", "url", site.URL, "mode", mode, "domains", site.Domains.String())
	if o.Stdout != nil {
		fmt.Fprintf(o.Stdout, "gowx (%s mode) serving %s\n", mode, site.URL)
	}
	return site.Serve(ctx, ln)
}
