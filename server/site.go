package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gowx/gowx/wire"
)

// Site is a whole deployment as the gowx binary runs it: a Handler at
// DefaultPrefix, the probes also at the root (/healthz, /readyz, /metrics,
// where operators look for them), the web directory under WebPrefix, and
// the page (mounted with Handle) for everything else.
type Site struct {
	*Handler
	// URL is where a browser finds the page.
	URL string

	web *Web // nil: nothing is served under WebPrefix
	mux *http.ServeMux
	log *slog.Logger
}

// NewSite assembles the deployment cfg describes for a page at publicURL
// (demo mode signs for its host) and serves the web directory
// cfg.WebDir. Its credentials are renewed until ctx ends or Close.
func NewSite(ctx context.Context, cfg Config, publicURL string, log *slog.Logger) (*Site, error) {
	if log == nil {
		log = slog.Default()
	}
	var web *Web
	o := HandlerOptions{PublicURL: publicURL, Logger: log}
	if cfg.WebDir != "" {
		var err error
		if web, err = OpenWeb(cfg.WebDir); err != nil {
			return nil, err
		}
		if web.Has(OfficialScriptName) {
			o.OfficialScript = WebPrefix + OfficialScriptName
		}
	}
	h, err := NewHandler(ctx, cfg, o)
	if err != nil {
		if web != nil {
			web.Close()
		}
		return nil, err
	}
	if web != nil {
		h.closers = append(h.closers, web.Close)
	}
	return &Site{Handler: h, URL: publicURL, web: web, mux: http.NewServeMux(), log: log}, nil
}

// Handle mounts h (the page, say) at pattern beside the API.
func (s *Site) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// rootProbes are the Handler's probes that the Site serves at the root too.
var rootProbes = map[string]string{"/" + healthName: HealthPath, "/" + readyName: ReadyPath, "/" + metricsName: MetricsPath}

// ServeHTTP serves the site. A path that is not routable (see routable)
// gets 404 whatever it would reach. The API's paths go straight to the
// Handler, the hot path of a busy server; WebPrefix is the web
// directory's alone, so that no page handler serves files of its own
// there.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch p := r.URL.Path; {
	case !routable(r.URL):
		s.API.fail(w, r, http.StatusNotFound, wire.CodeNotFound, "nothing is served here", nil)
	case strings.HasPrefix(p, DefaultPrefix):
		s.Handler.ServeHTTP(w, r)
	case strings.HasPrefix(p, WebPrefix) || p == strings.TrimSuffix(WebPrefix, "/"):
		if s.web == nil {
			notFound(w)
			return
		}
		s.web.ServeHTTP(w, r)
	case rootProbes[p] != "":
		r2 := r.Clone(r.Context())
		r2.URL.Path = rootProbes[p]
		s.Handler.ServeHTTP(w, r2)
	default:
		h, pattern := s.mux.Handler(r)
		if pattern == "" {
			s.API.fail(w, r, http.StatusNotFound, wire.CodeNotFound, "nothing is served here", nil)
			return
		}
		h.ServeHTTP(w, r)
	}
}

// Web is what the Site serves under WebPrefix; nil without a web directory.
func (s *Site) Web() *Web { return s.web }

// Serve serves the site on ln until ctx ends, then shuts down gracefully:
// requests in flight finish.
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
	if err := cfg.Validate(); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.withDefaults().Addr)
	if err != nil {
		return err
	}
	site, err := NewSite(ctx, cfg, publicURL(ln.Addr().(*net.TCPAddr)), log)
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
	log.Info("gowx serving", "url", site.URL, "mode", mode, "domains", site.Domains.String(), "config", cfg.withDefaults())
	if o.Stdout != nil {
		fmt.Fprintf(o.Stdout, "gowx (%s mode) serving %s\n", mode, site.URL)
	}
	return site.Serve(ctx, ln)
}

// publicURL is the address a browser on this machine finds a listener at:
// localhost, since WeChat takes no IP address for a JS safe domain.
func publicURL(addr *net.TCPAddr) string {
	if addr.Port == 80 {
		return "http://localhost/"
	}
	return fmt.Sprintf("http://localhost:%d/", addr.Port)
}
