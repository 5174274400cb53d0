package server

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/gowx/gowx/server/wechat"
)

// Metrics are the server's Prometheus metrics, in a registry of their own.
// It is a credential.Observer, and its Upstream method is a
// wechat.Client's Observe.
type Metrics struct {
	reg        *prometheus.Registry
	upstream   *prometheus.CounterVec
	hits       *prometheus.CounterVec
	refreshes  *prometheus.CounterVec
	lockWaits  *prometheus.CounterVec
	storeErrs  *prometheus.CounterVec
	storeUp    prometheus.Gauge
	latency    *prometheus.HistogramVec
	hitsByName map[string]prometheus.Counter // the hot path skips the label lookup
	byRoute    sync.Map                      // routeCode → prometheus.Observer, likewise
}

type routeCode struct {
	route  string
	status int
}

// NewMetrics returns the metrics, with Go runtime and process metrics
// beside them.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		upstream: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gowx_upstream_calls_total",
			Help: "Calls to WeChat by endpoint and outcome (ok, the errcode, http_<status>, timeout, malformed, unreachable).",
		}, []string{"endpoint", "errcode"}),
		hits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gowx_credential_cache_hits_total",
			Help: "Credentials served from memory, by credential.",
		}, []string{"credential"}),
		refreshes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gowx_credential_refreshes_total",
			Help: "Upstream refreshes of a credential, by result (ok, error).",
		}, []string{"credential", "result"}),
		lockWaits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gowx_credential_lock_waits_total",
			Help: "Refreshes that waited for another instance's fetch.",
		}, []string{"credential"}),
		storeErrs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gowx_store_errors_total",
			Help: "Failed operations on the credential store.",
		}, []string{"credential"}),
		storeUp: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "gowx_store_up",
			Help: "1 if the last operation on the credential store succeeded, 0 if the server is serving from memory alone.",
		}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gowx_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route and status code.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "code"}),
		hitsByName: make(map[string]prometheus.Counter),
	}
	m.storeUp.Set(1)
	for _, name := range []string{"access_token", "jsapi_ticket", "card_ticket"} {
		m.hitsByName[name] = m.hits.WithLabelValues(name)
	}
	m.reg.MustRegister(m.upstream, m.hits, m.refreshes, m.lockWaits, m.storeErrs, m.storeUp, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry is where the metrics are registered; add your own there.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Upstream counts a call to WeChat; it is a wechat.Client's Observe.
func (m *Metrics) Upstream(endpoint string, err error) {
	m.upstream.WithLabelValues(endpoint, wechat.Outcome(err)).Inc()
}

// Hit counts a credential served from memory.
func (m *Metrics) Hit(name string) {
	if c, ok := m.hitsByName[name]; ok {
		c.Inc()
		return
	}
	m.hits.WithLabelValues(name).Inc()
}

// Refreshed counts an upstream refresh.
func (m *Metrics) Refreshed(name string, err error) {
	result := "ok"
	if err != nil {
		result = "error"
	}
	m.refreshes.WithLabelValues(name, result).Inc()
}

// LockWait counts a refresh that waited for another instance.
func (m *Metrics) LockWait(name string) { m.lockWaits.WithLabelValues(name).Inc() }

// Store records the outcome of a store operation.
func (m *Metrics) Store(name string, err error) {
	if err != nil {
		m.storeErrs.WithLabelValues(name).Inc()
		m.storeUp.Set(0)
		return
	}
	m.storeUp.Set(1)
}

// instrument times every request that h answers, by the route pattern
// that matched it.
func (m *Metrics) instrument(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		key := routeCode{r.Pattern, sw.status}
		o, ok := m.byRoute.Load(key)
		if !ok {
			route := r.Pattern
			if route == "" {
				route = "other"
			}
			o, _ = m.byRoute.LoadOrStore(key, m.latency.WithLabelValues(route, strconv.Itoa(sw.status)))
		}
		o.(prometheus.Observer).Observe(time.Since(start).Seconds())
	})
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
