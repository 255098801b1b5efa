package poll

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/talkbot/talkbot/corpus/schedule"
)

// server serves one URL whose answer the test sets between fetches.
type server struct {
	mu       sync.Mutex
	status   int
	body     string
	etag     string
	delay    time.Duration
	lastINM  string // If-None-Match of the last request
	requests int
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	status, body, etag, delay := s.status, s.body, s.etag, s.delay
	s.lastINM = r.Header.Get("If-None-Match")
	s.requests++
	s.mu.Unlock()
	if delay > 0 {
		time.Sleep(delay)
	}
	if etag != "" {
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// seen returns the If-None-Match of the last request and the number of
// requests: the handler may still be running when a test reads them.
func (s *server) seen() (lastINM string, requests int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastINM, s.requests
}

func (s *server) set(status int, body, etag string, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status, s.body, s.etag, s.delay = status, body, etag, delay
}

// TestFetchKeepsLastGood: every way a fetch can go, in a row; the last
// good schedule stays through each failure.
func TestFetchKeepsLastGood(t *testing.T) {
	good, err := os.ReadFile("../corpus/schedule/testdata/pretalx-democon.json")
	if err != nil {
		t.Fatal(err)
	}
	newer := strings.Replace(string(good), "Focused 5thgeneration hardware", "Focused 6thgeneration hardware", 1)
	srv := &server{}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	url := ts.URL + "/democon/schedule.json"
	p := New(&http.Client{Timeout: 300 * time.Millisecond}, time.Hour, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var results []string
	p.Fetched = func(u, result string) { results = append(results, result) }
	p.SetURLs([]string{url})
	steps := []struct {
		name    string
		status  int
		body    string
		etag    string
		delay   time.Duration
		want    string
		holding string // a title the kept schedule has
	}{
		{"first fetch", 200, string(good), `"v1"`, 0, Updated, "Focused 5thgeneration hardware"},
		{"unchanged: 304", 200, string(good), `"v1"`, 0, NotModified, "Focused 5thgeneration hardware"},
		{"server error", 500, "oops", "", 0, Failed, "Focused 5thgeneration hardware"},
		{"broken body", 200, `{"schedule": {"conference": `, "", 0, Broken, "Focused 5thgeneration hardware"},
		{"not a schedule", 200, "<html>maintenance</html>", "", 0, Broken, "Focused 5thgeneration hardware"},
		{"slow server", 200, newer, "", time.Second, Failed, "Focused 5thgeneration hardware"},
		{"huge body", 200, strings.Repeat(" ", schedule.MaxSize+10), "", 0, Failed, "Focused 5thgeneration hardware"},
		{"same body, no etag", 200, string(good), "", 0, NotModified, "Focused 5thgeneration hardware"},
		{"a new schedule", 200, newer, `"v2"`, 0, Updated, "Focused 6thgeneration hardware"},
	}
	for _, st := range steps {
		srv.set(st.status, st.body, st.etag, st.delay)
		changed := p.FetchAll(t.Context())
		got := results[len(results)-1]
		body, ok := p.Body(url)
		if got != st.want || changed != (st.want == Updated) || !ok || !strings.Contains(string(body), st.holding) {
			t.Errorf("%s: result %s (changed %t), kept %d bytes holding %q: %t; want %s", st.name, got, changed, len(body), st.holding, strings.Contains(string(body), st.holding), st.want)
		}
	}
	if inm, _ := srv.seen(); inm != `"v1"` {
		t.Errorf("the last request sent If-None-Match %q; want the etag it had", inm)
	}
	p.SetURLs(nil)
	if _, ok := p.Body(url); ok {
		t.Error("a URL no longer listed keeps its schedule")
	}
}

// TestRunReloadsOnChange: the polling loop reloads after a new schedule
// only.
func TestRunReloadsOnChange(t *testing.T) {
	good, err := os.ReadFile("../corpus/schedule/testdata/pretalx-democon.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := &server{status: 200, body: string(good), etag: `"v1"`}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	p := New(nil, 20*time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
	p.SetURLs([]string{ts.URL})
	reloads := make(chan struct{}, 10)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { p.Run(ctx, func() { reloads <- struct{}{} }); close(done) }()
	select {
	case <-reloads:
	case <-time.After(5 * time.Second):
		t.Fatal("no reload after the first fetch")
	}
	time.Sleep(100 * time.Millisecond) // a few more rounds: 304s
	cancel()
	<-done
	if len(reloads) != 0 {
		t.Errorf("%d more reloads with nothing changed", len(reloads))
	}
	if _, n := srv.seen(); n < 3 {
		t.Errorf("%d requests in the rounds; want several", n)
	}
}

// TestLogsKeepTokensOut: a URL's credentials and query never reach the
// log, whether the server answers badly or cannot be reached.
func TestLogsKeepTokensOut(t *testing.T) {
	srv := &server{}
	srv.set(500, "oops", "", 0)
	ts := httptest.NewServer(srv)
	closed := httptest.NewServer(srv)
	closed.Close()
	var log strings.Builder
	p := New(&http.Client{Timeout: 300 * time.Millisecond}, time.Hour, slog.New(slog.NewTextHandler(&log, nil)))
	defer ts.Close()
	var secret []string
	for _, base := range []string{ts.URL, closed.URL} {
		u := strings.Replace(base, "://", "://bot:hunter2@", 1) + "/democon/schedule.json?token=s3cr3t"
		secret = append(secret, u)
	}
	p.SetURLs(secret)
	p.FetchAll(t.Context())
	if log.Len() == 0 {
		t.Fatal("nothing logged")
	}
	for _, leak := range []string{"hunter2", "s3cr3t", "bot:"} {
		if strings.Contains(log.String(), leak) {
			t.Errorf("the log holds %q:\n%s", leak, log.String())
		}
	}
}
