// Package server is the bot's one HTTP server: the chat adapters'
// endpoints, GET /livez, GET /readyz and GET /metrics, with timeouts,
// bounded headers and bodies, panics answered with 500, and a graceful
// stop that turns /readyz to 503 and lets requests in flight finish.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MaxBodyBytes caps every request body; handlers reading past it fail and
// answer 413.
const MaxBodyBytes = 1 << 20

// Server serves the bot's HTTP endpoints.
type Server struct {
	mux      *http.ServeMux
	log      *slog.Logger
	mu       sync.Mutex
	ready    map[string]bool // readiness of each component: corpus, slack, discord
	draining atomic.Bool
	inflight sync.WaitGroup

	// HeaderTimeout cuts off a client that has not sent its headers in
	// time (a slow-loris one), BodyTimeout one whose whole request takes
	// longer.
	HeaderTimeout, BodyTimeout time.Duration
}

// New returns a server exposing reg's metrics at /metrics.
func New(log *slog.Logger, reg *prometheus.Registry) *Server {
	s := &Server{mux: http.NewServeMux(), log: log, ready: map[string]bool{}, HeaderTimeout: 5 * time.Second, BodyTimeout: 15 * time.Second}
	s.mux.HandleFunc("GET /livez", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	s.mux.HandleFunc("GET /readyz", s.serveReady)
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}))
	return s
}

// Handle adds the endpoints of an adapter.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// Expect declares a component that must be ready before /readyz says 200.
func (s *Server) Expect(component string) { s.SetReady(component, false) }

// SetReady records whether a component is ready.
func (s *Server) SetReady(component string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ready[component] = ok
}

// Ready reports whether every component is ready and the server is not
// draining, and which components are not.
func (s *Server) Ready() (bool, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var waiting []string
	for c, ok := range s.ready {
		if !ok {
			waiting = append(waiting, c)
		}
	}
	sort.Strings(waiting)
	if s.draining.Load() {
		waiting = append(waiting, "draining")
	}
	return len(waiting) == 0, waiting
}

func (s *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	if ok, waiting := s.Ready(); !ok {
		http.Error(w, "not ready: "+strings.Join(waiting, ", "), http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ready")
}

// ServeHTTP serves a request: bodies capped, panics recovered.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.inflight.Add(1)
	defer s.inflight.Done()
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("http: panic", "method", r.Method, "path", r.URL.Path, "panic", p)
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
	}()
	if r.ContentLength > MaxBodyBytes {
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	s.mux.ServeHTTP(w, r)
}

// Run serves on ln until ctx ends, then drains: /readyz turns 503, the
// listener closes, and requests in flight get up to drain to finish.
func (s *Server) Run(ctx context.Context, ln net.Listener, drain time.Duration) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.HeaderTimeout,
		ReadTimeout:       s.BodyTimeout,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.log.Info("http: draining", "for", drain)
	shutdown, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	err := srv.Shutdown(shutdown)
	if errors.Is(err, context.DeadlineExceeded) {
		s.log.Warn("http: drain time over; closing the requests still running")
		_ = srv.Close()
		return nil
	}
	return err
}

// Draining reports whether the server is stopping.
func (s *Server) Draining() bool { return s.draining.Load() }
