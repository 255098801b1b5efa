package slack

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// fakeSocketMode is a local Slack for Socket Mode: apps.connections.open
// hands out websocket URLs; each connection says hello, then plays the
// envelopes queued for it and never pings, as a silent Slack would.
type fakeSocketMode struct {
	srv      *httptest.Server
	mu       sync.Mutex
	opened   int
	scripts  map[int][]string // connection number -> envelopes to send
	acked    []string
	posted   []string // texts of chat.postMessage
	postedCh chan string
	drop     bool // close each connection once its script is played, instead of going silent
}

func newFakeSocketMode(t *testing.T) *fakeSocketMode {
	f := &fakeSocketMode{scripts: map[int][]string{}, postedCh: make(chan string, 10)}
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/apps.connections.open", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.opened++
		n := f.opened
		f.mu.Unlock()
		fmt.Fprintf(w, `{"ok":true,"url":"ws%s/ws?n=%d"}`, strings.TrimPrefix(f.srv.URL, "http"), n)
	})
	mux.HandleFunc("POST /api/auth.test", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","bot_id":"BBOT"}`)
	})
	mux.HandleFunc("POST /api/chat.postMessage", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		f.mu.Lock()
		f.posted = append(f.posted, r.Form.Get("channel"))
		f.mu.Unlock()
		f.postedCh <- r.Form.Get("channel")
		fmt.Fprint(w, `{"ok":true,"channel":"C1","ts":"1.1"}`)
	})
	mux.HandleFunc("GET /ws", func(w http.ResponseWriter, r *http.Request) {
		conn, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer conn.Close()
		var n int
		fmt.Sscan(r.URL.Query().Get("n"), &n)
		conn.WriteJSON(map[string]any{"type": "hello", "num_connections": 1, "connection_info": map[string]any{"app_id": "A1"}, "debug_info": map[string]any{"host": "fake"}})
		f.mu.Lock()
		script := f.scripts[n]
		f.mu.Unlock()
		for _, env := range script {
			conn.WriteMessage(websocket.TextMessage, []byte(env))
		}
		if f.drop && len(script) > 0 {
			for range script {
				var ack struct {
					EnvelopeID string `json:"envelope_id"`
				}
				if conn.ReadJSON(&ack) != nil {
					return
				}
				f.mu.Lock()
				f.acked = append(f.acked, ack.EnvelopeID)
				f.mu.Unlock()
			}
			return // the connection drops
		}
		for { // read acks until the client gives up on the silent line
			var ack struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if err := conn.ReadJSON(&ack); err != nil {
				return
			}
			f.mu.Lock()
			f.acked = append(f.acked, ack.EnvelopeID)
			f.mu.Unlock()
		}
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func mentionEnvelope(envelope, eventID, channel string, retry int) string {
	return fmt.Sprintf(`{"envelope_id":%q,"type":"events_api","accepts_response_payload":false,"retry_attempt":%d,"retry_reason":"","payload":%s}`,
		envelope, retry, eventBody(eventID, fmt.Sprintf(`{"type":"app_mention","user":"U1","text":"<@UBOT> uvloop","ts":"1.%d","channel":%q}`, retry, channel)))
}

// TestSocketModeSilentReconnects: Slack goes silent after delivering an
// event (or drops the connection); the client notices, opens a new
// connection, and the event Slack delivers again there is not answered
// twice, while a new one is answered.
func TestSocketModeSilentReconnects(t *testing.T) {
	for _, drop := range []bool{false, true} {
		name := map[bool]string{false: "silent", true: "dropped"}[drop]
		t.Run(name, func(t *testing.T) { testSocketModeReconnects(t, drop) })
	}
}

func testSocketModeReconnects(t *testing.T, drop bool) {
	f := newFakeSocketMode(t)
	f.drop = drop
	f.scripts[1] = []string{mentionEnvelope("env-1", "Ev1", "C1", 0)}
	f.scripts[2] = []string{mentionEnvelope("env-1b", "Ev1", "C1", 1), mentionEnvelope("env-2", "Ev2", "C2", 0)}
	api := slack.New("xoxb-test", slack.OptionAPIURL(f.srv.URL+"/api/"), slack.OptionAppLevelToken("xapp-test"))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := New(defaultEngine(t), api, log, Options{})
	client := socketmode.New(api, socketmode.OptionPingInterval(300*time.Millisecond))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- a.RunSocketMode(ctx, client) }()

	got := map[string]int{}
	deadline := time.After(10 * time.Second)
	for got["C1"] < 1 || got["C2"] < 1 {
		select {
		case ch := <-f.postedCh:
			got[ch]++
		case <-deadline:
			f.mu.Lock()
			opened := f.opened
			f.mu.Unlock()
			t.Fatalf("answers %v; want C1 and C2 (connections opened: %d)", got, opened)
		}
	}
	time.Sleep(300 * time.Millisecond) // room for a wrong second answer
	cancel()
	<-done
	a.Wait()
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.opened < 2 {
		t.Errorf("%d connections; the silent one was never replaced", f.opened)
	}
	count := map[string]int{}
	for _, c := range f.posted {
		count[c]++
	}
	if count["C1"] != 1 || count["C2"] != 1 {
		t.Errorf("answers per channel %v; want one each", count)
	}
	for _, id := range []string{"env-1", "env-1b", "env-2"} {
		if !strings.Contains(strings.Join(f.acked, " "), id) {
			t.Errorf("envelope %s was not acknowledged (acks %v)", id, f.acked)
		}
	}
}
