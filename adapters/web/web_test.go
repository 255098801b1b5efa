package web

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/internal/golden"
	"github.com/talkbot/talkbot/internal/testengine"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newSite(t testing.TB, e *answer.Engine, opts Options) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(New(e, e, quiet(), opts).Handler())
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := *srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestPagesGolden: the main pages as the server renders them.
func TestPagesGolden(t *testing.T) {
	f := testengine.NewFrozen(t) // replies frozen: the goldens move with rendering only
	srv := httptest.NewServer(New(f, f, quiet(), Options{}).Handler())
	t.Cleanup(srv.Close)
	for _, tt := range []struct{ name, path string }{
		{"home", "/"},
		{"search", "/?q=what+did+beazley+say+about+thread+priorities"},
		{"search-paging", "/?q=python&offset=5"},
		{"search-none", "/?q=kubernetis+deploymnt"},
		{"talk", "/talks/embracing-the-gil"},
		{"talks", "/talks?event=pycon-us-2017"},
		{"talks-speaker", "/talks?speaker=beazley"},
		{"event", "/events/europython-2016"},
		{"speaker", "/speakers/david-beazley"},
		{"not-found", "/talks/no-such-talk"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, srv, tt.path)
			want := http.StatusOK
			if tt.name == "not-found" {
				want = http.StatusNotFound
			}
			if resp.StatusCode != want {
				t.Errorf("status %d, want %d", resp.StatusCode, want)
			}
			golden.Check(t, tt.name+".golden.html", body)
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	srv := newSite(t, testengine.Default(t), Options{})
	for _, path := range []string{"/", "/talks", "/api/ask?q=gil", "/static/style.css", "/nope"} {
		resp, _ := get(t, srv, path)
		h := resp.Header
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

// hostileEngine is an engine over notes written to attack the page.
func hostileEngine(t testing.TB) *answer.Engine {
	t.Helper()
	c, err := corpus.Load(os.DirFS("testdata/hostile"))
	if err != nil {
		t.Fatal(err)
	}
	return answer.New(answer.NewIndex(c))
}

var (
	scriptTag = regexp.MustCompile(`(?i)<script[^>]*>`)
	ownScript = `<script src="/static/search.js" defer></script>`
	badHref   = regexp.MustCompile(`(?i)(href|src)="\s*(javascript|data|vbscript):`)
	tagRe     = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	quotedRe  = regexp.MustCompile(`"[^"]*"|'[^']*'`)
	handlerRe = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
)

// hasEventHandler reports whether a tag of the page has an event handler
// attribute (onclick=...); text and attribute values that merely read so
// ("on=" typed in a question) are not attributes.
func hasEventHandler(body string) bool {
	for _, tag := range tagRe.FindAllString(body, -1) {
		if handlerRe.MatchString(quotedRe.ReplaceAllString(tag, `""`)) {
			return true
		}
	}
	return false
}

// TestNotesCannotInject: note text full of markup, script and javascript:
// links is shown as text on every page.
func TestNotesCannotInject(t *testing.T) {
	srv := newSite(t, hostileEngine(t), Options{})
	_, list := get(t, srv, "/talks")
	m := regexp.MustCompile(`href="(/talks/[^"]+)"`).FindStringSubmatch(list)
	if m == nil {
		t.Fatalf("no talk listed: %s", list)
	}
	for _, path := range []string{"/", "/?q=script+alert", "/?q=link", m[1], "/talks", "/events", "/speakers"} {
		_, body := get(t, srv, path)
		if got := scriptTag.FindAllString(body, -1); len(got) != 1 || !strings.Contains(body, ownScript) {
			t.Errorf("%s: script tags %q", path, got)
		}
		if badHref.MatchString(body) || hasEventHandler(body) {
			t.Errorf("%s: a javascript: link or an event handler attribute:\n%s", path, body)
		}
	}
	_, talk := get(t, srv, m[1])
	if !strings.Contains(talk, "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the hostile line is not shown as text:\n%s", talk)
	}
}

func TestBearerToken(t *testing.T) {
	srv := newSite(t, testengine.Default(t), Options{Token: "s3cret"})
	for _, tt := range []struct {
		name, auth string
		want       int
	}{
		{"none", "", http.StatusUnauthorized},
		{"wrong", "Bearer nope", http.StatusUnauthorized},
		{"basic", "Basic czNjcmV0", http.StatusUnauthorized},
		{"right", "Bearer s3cret", http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range []string{"/", "/api/ask?q=gil", "/talks/embracing-the-gil", "/static/style.css"} {
				resp, _ := get(t, srv, path, "Authorization", tt.auth)
				if resp.StatusCode != tt.want {
					t.Errorf("%s: %d, want %d", path, resp.StatusCode, tt.want)
				}
			}
		})
	}
}

func TestAPIRateLimited(t *testing.T) {
	srv := newSite(t, testengine.Default(t), Options{PerSecond: 1, Burst: 3})
	codes := map[int]int{}
	for range 6 {
		resp, _ := get(t, srv, "/api/ask?q=gil")
		codes[resp.StatusCode]++
		if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	}
	if codes[http.StatusOK] < 3 || codes[http.StatusTooManyRequests] < 2 {
		t.Errorf("statuses %v; want the burst of 3 answered and the rest refused", codes)
	}
	// The pages themselves are not limited.
	if resp, _ := get(t, srv, "/?q=gil"); resp.StatusCode != http.StatusOK {
		t.Errorf("page: %d", resp.StatusCode)
	}
}

// TestAPIContract: /api/ask returns what `bot ask --json` prints.
func TestAPIContract(t *testing.T) {
	e := testengine.Default(t)
	srv := newSite(t, e, Options{})
	resp, body := get(t, srv, "/api/ask?q=what+did+beazley+say+about+thread+priorities")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	q := "what did beazley say about thread priorities"
	want, _ := json.Marshal(e.Handle(t.Context(), answer.Parse(q), answer.Options{Limit: answer.DefaultLimit}).Answer(q, answer.DefaultLimit))
	var got, wantV any
	json.Unmarshal([]byte(body), &got)
	json.Unmarshal(want, &wantV)
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(wantV)
	if string(gb) != string(wb) {
		t.Errorf("got  %s\nwant %s", gb, wb)
	}
	var shape map[string]json.RawMessage
	json.Unmarshal([]byte(body), &shape)
	for _, k := range []string{"query", "results", "suggestions"} {
		if _, ok := shape[k]; !ok || len(shape) != 3 {
			t.Errorf("keys %v; want query, results, suggestions", shape)
		}
	}
	for _, tt := range []struct {
		path string
		want int
	}{{"/api/ask", 400}, {"/api/ask?q=+", 400}, {"/api/ask?q=gil&limit=1000", 200}, {"/api/ask?q=gil&offset=-5", 200}} {
		if resp, _ := get(t, srv, tt.path); resp.StatusCode != tt.want {
			t.Errorf("%s: %d, want %d", tt.path, resp.StatusCode, tt.want)
		}
	}
}

func TestGoFindsTalkPages(t *testing.T) {
	srv := newSite(t, testengine.Default(t), Options{})
	resp, _ := get(t, srv, "/go?talk=Embracing+The+GIL&event=PyCodeConf+2011&file=pycodeconf-2011-pycon-2012-event-notes.md&line=238")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/talks/embracing-the-gil#L238" {
		t.Errorf("%d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := get(t, srv, "/go?talk=No+Such+Talk"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown talk: %d", resp.StatusCode)
	}
}

func TestWhileLoading(t *testing.T) {
	e := answer.New(nil)
	srv := newSite(t, e, Options{})
	for _, path := range []string{"/", "/?q=gil", "/talks", "/talks/x", "/events/x", "/go?talk=x"} {
		resp, body := get(t, srv, path)
		if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "still loading") {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	if resp, _ := get(t, srv, "/api/ask?q=gil"); resp.StatusCode != http.StatusOK {
		t.Errorf("/api/ask while loading: %d", resp.StatusCode)
	}
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Grok the GIL: Write Fast And Thread-Safe Python", "grok-the-gil-write-fast-and-thread-safe-python"},
		{"  Café  & Crème ", "cafe-creme"},
		{"\"Good Enough\" IS Good Enough!", "good-enough-is-good-enough"},
		{"東京", ""},
		{strings.Repeat("a", 200), strings.Repeat("a", maxSlug)},
	} {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzPages requests arbitrary paths and queries: never a panic or a 5xx,
// every HTML page under the policy, no note or query text as markup.
func FuzzPages(f *testing.F) {
	for _, s := range []string{"/", "/?q=gil", "/?q=<script>alert(1)</script>", "/?q=python&offset=5", "/talks?event=x&speaker=<b>", "/talks/embracing-the-gil",
		"/go?talk=Embracing+The+GIL&event=PyCodeConf+2011&line=238&file=x", "/api/ask?q=gil&limit=-1", "/speakers?offset=99999999999999999999", "/static/../templates/layout.html"} {
		f.Add(s)
	}
	site := New(testengine.Default(f), testengine.Default(f), quiet(), Options{PerSecond: 1e9, Burst: 1 << 30}).Handler()
	f.Fuzz(func(t *testing.T, target string) {
		if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \r\n\t#") {
			return
		}
		req, err := http.NewRequest(http.MethodGet, "http://talkbot.test"+target, nil)
		if err != nil {
			return
		}
		w := httptest.NewRecorder()
		site.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("%s: %d", target, w.Code)
		}
		body := w.Body.String()
		if strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			if got := scriptTag.FindAllString(body, -1); len(got) > 1 {
				t.Fatalf("%s: script tags %q", target, got)
			}
			if badHref.MatchString(body) || hasEventHandler(body) {
				t.Fatalf("%s: markup from the request:\n%s", target, body)
			}
		}
	})
}

func TestHasEventHandler(t *testing.T) {
	for _, tt := range []struct {
		html string
		want bool
	}{
		{`<img src=x onerror=alert(1)>`, true},
		{`<a href="/" onclick="x()">`, true},
		{`<input value="pyt onAAAA=0">`, false},
		{`<p>say on=1 here</p>`, false},
	} {
		if got := hasEventHandler(tt.html); got != tt.want {
			t.Errorf("hasEventHandler(%q) = %v", tt.html, got)
		}
	}
}
