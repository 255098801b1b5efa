package server

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func start(t *testing.T, s *Server, drain time.Duration) (string, context.CancelFunc, chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln, drain) }()
	return "http://" + ln.Addr().String(), cancel, done
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestHealthAndReadiness(t *testing.T) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: "talkbot_test_total", Help: "x"}))
	s := New(quiet(), reg)
	s.Expect("corpus")
	s.Expect("slack")
	url, cancel, done := start(t, s, time.Second)
	if code, _ := get(t, url+"/livez"); code != 200 {
		t.Errorf("/livez %d", code)
	}
	if code, body := get(t, url+"/readyz"); code != 503 || !strings.Contains(body, "corpus, slack") {
		t.Errorf("/readyz while starting: %d %q", code, body)
	}
	s.SetReady("corpus", true)
	s.SetReady("slack", true)
	if code, _ := get(t, url+"/readyz"); code != 200 {
		t.Errorf("/readyz when ready: %d", code)
	}
	if code, body := get(t, url+"/metrics"); code != 200 || !strings.Contains(body, "talkbot_test_total") {
		t.Errorf("/metrics: %d", code)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
}

func TestHardening(t *testing.T) {
	s := New(quiet(), prometheus.NewRegistry())
	s.Handle("GET /panic", http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	s.Handle("POST /echo", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, "too large", http.StatusRequestEntityTooLarge)
		}
	}))
	url, cancel, _ := start(t, s, time.Second)
	defer cancel()
	if code, _ := get(t, url+"/panic"); code != 500 {
		t.Errorf("panic: %d; want 500", code)
	}
	if code, _ := get(t, url+"/livez"); code != 200 {
		t.Error("the server died with the panic")
	}
	resp, err := http.Post(url+"/echo", "text/plain", strings.NewReader(strings.Repeat("x", MaxBodyBytes+1)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d; want 413", resp.StatusCode)
	}
}

// TestGracefulStopUnderLoad: requests in flight when the stop comes all
// complete, and /readyz says 503 while draining.
func TestGracefulStopUnderLoad(t *testing.T) {
	s := New(quiet(), prometheus.NewRegistry())
	var started sync.WaitGroup
	release := make(chan struct{})
	s.Handle("GET /slow", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started.Done()
		<-release
		io.WriteString(w, "done")
	}))
	url, cancel, done := start(t, s, 5*time.Second)
	const n = 20
	started.Add(n)
	var ok atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code, body := get(t, url+"/slow"); code == 200 && body == "done" {
				ok.Add(1)
			}
		}()
	}
	started.Wait()
	cancel() // SIGTERM
	time.Sleep(50 * time.Millisecond)
	if ready, _ := s.Ready(); ready {
		t.Error("ready while draining")
	}
	close(release)
	wg.Wait()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if ok.Load() != n {
		t.Errorf("%d of %d requests in flight completed", ok.Load(), n)
	}
}

// TestSlowClientCutOff: a client trickling its headers a byte at a time is
// disconnected after the header timeout, while other requests are served
// all along.
func TestSlowClientCutOff(t *testing.T) {
	s := New(quiet(), prometheus.NewRegistry())
	s.HeaderTimeout = 300 * time.Millisecond
	base, cancel, done := start(t, s, time.Second)
	defer func() { cancel(); <-done }()
	var conns []net.Conn
	for range 20 { // more slow clients than a small server has workers
		c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	start := time.Now()
	closed := make(chan time.Duration, len(conns))
	for _, c := range conns {
		go func() {
			for _, b := range []byte("POST /livez HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("a", 100)) {
				if _, err := c.Write([]byte{b}); err != nil {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			buf := make([]byte, 512)
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			for {
				if _, err := c.Read(buf); err != nil {
					closed <- time.Since(start)
					return
				}
			}
		}()
	}
	for range 10 {
		if code, _ := get(t, base+"/livez"); code != http.StatusOK {
			t.Fatalf("/livez %d while slow clients hang on", code)
		}
		time.Sleep(30 * time.Millisecond)
	}
	for range conns {
		if d := <-closed; d > 3*time.Second {
			t.Errorf("a slow client was cut off after %v; want about the 300ms header timeout", d)
		}
	}
}
