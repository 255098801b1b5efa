// Package web serves the notes as web pages: a search box that answers as
// the chat does, pages per talk, event and speaker, and a talks list, all
// rendered on the server and working without JavaScript; a little script
// answers as you type through /api/ask, which returns what `bot ask
// --json` prints.
package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/talkbot/talkbot/answer"
)

//go:embed templates static
var files embed.FS

// notes is the engine the pages browse.
type notes interface {
	Index() *answer.Index
	Overview(ctx context.Context, examples int) answer.Overview
}

// Options configure the pages.
type Options struct {
	// Limit is the number of talks a page of answers shows
	// (answer.DefaultLimit when 0).
	Limit int
	// Token, when set, is the bearer token every request must carry
	// ("Authorization: Bearer <token>").
	Token string
	// PerSecond and Burst bound /api/ask for each client address (10 and
	// 20 when 0).
	PerSecond float64
	Burst     int
}

// Site is the web adapter.
type Site struct {
	ask   answer.Handler // panics made apologies
	notes notes
	log   *slog.Logger
	opts  Options
	pages map[string]*template.Template
	limit *limiter

	mu  sync.Mutex
	cat *catalog // for the index last served
}

// New returns the site answering through ask (counted as the web
// adapter's) and browsing n.
func New(ask answer.Handler, n notes, log *slog.Logger, opts Options) *Site {
	if opts.Limit == 0 {
		opts.Limit = answer.DefaultLimit
	}
	if opts.PerSecond == 0 {
		opts.PerSecond = 10
	}
	if opts.Burst == 0 {
		opts.Burst = 20
	}
	s := &Site{ask: answer.Recovering(ask, log, "web"), notes: n, log: log, opts: opts, pages: map[string]*template.Template{}, limit: newLimiter(opts.PerSecond, opts.Burst)}
	for _, page := range []string{"search", "talk", "list", "error"} {
		s.pages[page] = template.Must(template.ParseFS(files, "templates/layout.html", "templates/"+page+".html"))
	}
	return s
}

// contentSecurityPolicy allows nothing but this site's own script, style
// and requests: no inline script or style, no frames, no other origin.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Register adds the site's routes (GET only) to a server's mux: the
// pages, the assets and /api/ask.
func (s *Site) Register(handle func(pattern string, h http.Handler)) {
	route := func(pattern string, h http.HandlerFunc) { handle(pattern, s.guard(h)) }
	route("GET /{$}", s.search)
	route("GET /api/ask", s.api)
	route("GET /go", s.goTo)
	route("GET /talks", s.talkList)
	route("GET /talks/{slug}", s.talk)
	route("GET /events", s.eventList)
	route("GET /events/{slug}", s.event)
	route("GET /speakers", s.speakerList)
	route("GET /speakers/{slug}", s.speaker)
	static, _ := fs.Sub(files, "static")
	assets := http.StripPrefix("/static/", http.FileServerFS(static))
	route("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		if name := strings.TrimPrefix(r.URL.Path, "/static/"); !fs.ValidPath(name) {
			// The file server answers a name no file system accepts
			// (invalid UTF-8, "..") with a 500.
			s.fail(w, r, http.StatusNotFound, "No such page.")
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		assets.ServeHTTP(w, r)
	})
}

// Handler serves the site alone, with a page for unknown paths.
func (s *Site) Handler() http.Handler {
	mux := http.NewServeMux()
	s.Register(mux.Handle)
	mux.Handle("/", s.guard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "No such page.")
	})))
	return mux
}

// guard sets the security headers, checks the bearer token and turns a
// panic into a 500 page.
func (s *Site) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if s.opts.Token != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.Token)) != 1 {
				h.Set("WWW-Authenticate", `Bearer realm="talkbot"`)
				http.Error(w, "a bearer token is needed", http.StatusUnauthorized)
				return
			}
		}
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("web: panic", "path", r.URL.Path, "panic", p)
				http.Error(w, "Sorry, something went wrong.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// catalog returns the catalog of the index being served, nil while the
// notes load.
func (s *Site) catalog() *catalog {
	ix := s.notes.Index()
	if ix == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cat == nil || s.cat.ix != ix {
		s.cat = newCatalog(ix)
	}
	return s.cat
}
