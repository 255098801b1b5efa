package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
	"github.com/talkbot/talkbot/answer"
)

// fakeDiscord is a small local Discord: a REST API that records what the
// bot sends, and a websocket gateway that says HELLO, answers IDENTIFY with
// READY and RESUME with RESUMED, and sends the interactions a test queues.
type fakeDiscord struct {
	t        *testing.T
	rest     *httptest.Server
	gw       *httptest.Server
	mu       sync.Mutex
	calls    []restCall
	newCall  chan restCall
	conns    chan *websocket.Conn
	opened   chan string // "identify" or "resume", for each connection
	sequence int
	sent     int // messages the bot sent, which get IDs B1, B2, ...

	heartbeatMS int // the interval HELLO asks for
	limitNext   int // callbacks to answer with 429 before taking one
}

type restCall struct {
	Method, Path string
	Body         string
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	f := &fakeDiscord{t: t, newCall: make(chan restCall, 100), conns: make(chan *websocket.Conn, 10), opened: make(chan string, 10), heartbeatMS: 45000}
	f.gw = httptest.NewServer(http.HandlerFunc(f.serveGateway))
	f.rest = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c := restCall{r.Method, r.URL.Path, string(body)}
		if !strings.Contains(r.URL.Path, "/gateway") {
			f.mu.Lock()
			f.calls = append(f.calls, c)
			f.mu.Unlock()
			f.newCall <- c
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.Contains(r.URL.Path, "/gateway"):
			fmt.Fprintf(w, `{"url":%q,"shards":1}`, "ws"+strings.TrimPrefix(f.gw.URL, "http"))
		case strings.HasSuffix(r.URL.Path, "/commands"):
			w.Write(body)
		case strings.HasSuffix(r.URL.Path, "/callback"):
			f.mu.Lock()
			limited := f.limitNext > 0
			if limited {
				f.limitNext--
			}
			f.mu.Unlock()
			if limited {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusTooManyRequests)
				fmt.Fprint(w, `{"message":"You are being rate limited.","retry_after":0.3,"global":false}`)
				return
			}
			w.WriteHeader(http.StatusNoContent)
		case strings.HasSuffix(r.URL.Path, "/messages"):
			f.mu.Lock()
			f.sent++
			id := fmt.Sprintf("B%d", f.sent)
			f.mu.Unlock()
			fmt.Fprintf(w, `{"id":%q,"channel_id":"C1","content":""}`, id)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(func() { f.rest.Close(); f.gw.Close() })
	return f
}

var upgrader = websocket.Upgrader{}

func (f *fakeDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	f.send(conn, map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": f.heartbeatMS}})
	var hello struct {
		Op int `json:"op"`
	}
	for {
		if err := conn.ReadJSON(&hello); err != nil {
			return
		}
		switch hello.Op {
		case 2: // IDENTIFY
			f.opened <- "identify"
			f.dispatch(conn, "READY", map[string]any{"v": 10, "session_id": "sess-1", "resume_gateway_url": "ws" + strings.TrimPrefix(f.gw.URL, "http"),
				"user": map[string]any{"id": "1001", "username": "talkbot", "bot": true}, "application": map[string]any{"id": "42"}, "guilds": []any{}})
		case 6: // RESUME
			f.opened <- "resume"
			f.dispatch(conn, "RESUMED", map[string]any{})
		default:
			continue
		}
		f.conns <- conn
		return
	}
}

func (f *fakeDiscord) send(conn *websocket.Conn, v any) {
	if err := conn.WriteJSON(v); err != nil {
		f.t.Logf("fake gateway: %v", err)
	}
}

func (f *fakeDiscord) dispatch(conn *websocket.Conn, event string, data any) {
	f.mu.Lock()
	f.sequence++
	s := f.sequence
	f.mu.Unlock()
	f.send(conn, map[string]any{"op": 0, "t": event, "s": s, "d": data})
}

// waitCall returns the next REST call whose path ends with suffix.
func (f *fakeDiscord) waitCall(suffix string) restCall {
	f.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case c := <-f.newCall:
			if strings.HasSuffix(c.Path, suffix) {
				return c
			}
		case <-deadline:
			f.t.Fatalf("no REST call to …%s", suffix)
		}
	}
}

func (f *fakeDiscord) waitConn() *websocket.Conn {
	f.t.Helper()
	select {
	case c := <-f.conns:
		return c
	case <-time.After(10 * time.Second):
		f.t.Fatal("the bot did not connect to the gateway")
	}
	return nil
}

// rewrite sends every request discordgo makes to the fake REST API.
type rewrite struct{ to *url.URL }

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = rw.to.Scheme, rw.to.Host
	r.Host = rw.to.Host
	return http.DefaultTransport.RoundTrip(r)
}

// TestGateway runs the adapter over a discordgo session against the fake:
// commands are registered on READY, an interaction is answered through the
// REST callback, a mention gets a reply, and after the connection drops the
// session resumes and answers again.
func TestGateway(t *testing.T) {
	f := newFakeDiscord(t)
	conn, reg, stop := startGateway(t, f)
	defer stop()
	if reg.Method != http.MethodPut || !strings.HasSuffix(reg.Path, "/applications/42/guilds/G1/commands") || !strings.Contains(reg.Body, `"name":"talk"`) {
		t.Errorf("registration %+v", reg)
	}
	checkRegistration(t, reg.Body)

	var interaction map[string]any
	if err := json.Unmarshal([]byte(commandJSON("ask", "question", "uvloop", false)), &interaction); err != nil {
		t.Fatal(err)
	}
	f.dispatch(conn, "INTERACTION_CREATE", interaction)
	cb := f.waitCall("/callback")
	if !strings.HasSuffix(cb.Path, "/interactions/9001/itok/callback") || !strings.Contains(cb.Body, "High Performance Networking in Python") || !strings.Contains(cb.Body, `"parse":[]`) {
		t.Errorf("interaction answered with %+v", cb)
	}

	f.dispatch(conn, "MESSAGE_CREATE", map[string]any{"id": "M1", "channel_id": "C1", "content": "<@1001> kubernets",
		"author": map[string]any{"id": "U1", "username": "ada"}, "mentions": []any{map[string]any{"id": "1001", "username": "talkbot"}}})
	reply := f.waitCall("/channels/C1/messages")
	if !strings.Contains(reply.Body, "Kubernetes For Pythonistas") || !strings.Contains(reply.Body, `"message_id":"M1"`) || !strings.Contains(reply.Body, `"parse":[]`) {
		t.Errorf("mention answered with %+v", reply)
	}

	// The connection drops: the session resumes and keeps answering.
	conn.Close()
	conn = f.waitConn()
	if got := <-f.opened; got != "resume" {
		t.Errorf("after the drop the session sent %s; want resume", got)
	}
	interaction["id"], interaction["token"] = "9003", "itok2"
	f.dispatch(conn, "INTERACTION_CREATE", interaction)
	if cb := f.waitCall("/callback"); !strings.HasSuffix(cb.Path, "/interactions/9003/itok2/callback") {
		t.Errorf("after resuming, interaction answered at %s", cb.Path)
	}
}

// startGateway runs a gateway session against f and returns its first
// connection, the command registration it made, and a stop function.
func startGateway(t *testing.T, f *fakeDiscord) (*websocket.Conn, restCall, func()) {
	t.Helper()
	_, conn, reg, stop := runGateway(t, f)
	return conn, reg, stop
}

// runGateway is startGateway that also returns the gateway.
func runGateway(t *testing.T, f *fakeDiscord) (*Gateway, *websocket.Conn, restCall, func()) {
	t.Helper()
	return runGatewayWith(t, f, testResponder(t))
}

// runGatewayWith is runGateway answering through r.
func runGatewayWith(t *testing.T, f *fakeDiscord, r *Responder) (*Gateway, *websocket.Conn, restCall, func()) {
	t.Helper()
	s, err := discordgo.New("Bot test-token")
	if err != nil {
		t.Fatal(err)
	}
	to, _ := url.Parse(f.rest.URL)
	s.Client = &http.Client{Transport: rewrite{to}, Timeout: 10 * time.Second}
	s.LogLevel = discordgo.LogError
	g := NewGateway(s, r, quietLog(), "", "G1")
	g.RememberThreads(100, time.Hour)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	conn := f.waitConn()
	if got := <-f.opened; got != "identify" {
		t.Fatalf("first connection %s; want identify", got)
	}
	reg := f.waitCall("/commands")
	return g, conn, reg, func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}
}

func (f *fakeDiscord) countCalls(suffix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if strings.HasSuffix(c.Path, suffix) {
			n++
		}
	}
	return n
}

// TestGatewayHonoursRateLimit: Discord answers the first callback with 429;
// discordgo waits and sends it again, and the answer arrives once.
func TestGatewayHonoursRateLimit(t *testing.T) {
	f := newFakeDiscord(t)
	f.limitNext = 1
	conn, _, stop := startGateway(t, f)
	defer stop()
	var interaction map[string]any
	json.Unmarshal([]byte(commandJSON("ask", "question", "uvloop", false)), &interaction)
	f.dispatch(conn, "INTERACTION_CREATE", interaction)
	first := f.waitCall("/callback")
	start := time.Now()
	second := f.waitCall("/callback")
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Errorf("retried after %v; Discord asked for 300ms", waited)
	}
	if first.Body != second.Body || !strings.Contains(second.Body, "High Performance Networking") {
		t.Errorf("retry differs: %q then %q", first.Body, second.Body)
	}
	time.Sleep(500 * time.Millisecond)
	if n := f.countCalls("/callback"); n != 2 {
		t.Errorf("%d callbacks; want the refused one and its retry", n)
	}
}

// TestGatewaySilentReconnects: a gateway that stops acknowledging
// heartbeats is given up and resumed, and answers again.
func TestGatewaySilentReconnects(t *testing.T) {
	f := newFakeDiscord(t)
	f.heartbeatMS = 100 // and the fake never acknowledges one
	_, _, stop := startGateway(t, f)
	defer stop()
	conn := f.waitConn()
	if got := <-f.opened; got != "resume" {
		t.Fatalf("after a silent gateway the session sent %s; want resume", got)
	}
	var interaction map[string]any
	json.Unmarshal([]byte(commandJSON("ask", "question", "uvloop", false)), &interaction)
	f.dispatch(conn, "INTERACTION_CREATE", interaction)
	f.waitCall("/callback")
	time.Sleep(200 * time.Millisecond)
	if n := f.countCalls("/callback"); n != 1 {
		t.Errorf("answered %d times; want once", n)
	}
}

// slowEngine answers after a delay.
type slowEngine struct {
	engine
	delay time.Duration
}

func (s slowEngine) Handle(ctx context.Context, r answer.Request, o answer.Options) answer.Reply {
	time.Sleep(s.delay)
	return s.engine.Handle(ctx, r, o)
}

// TestGatewayWaitsForAnswers: stopping the gateway while a mention is
// being answered, Wait returns only once the answer is sent.
func TestGatewayWaitsForAnswers(t *testing.T) {
	f := newFakeDiscord(t)
	g, conn, _, stop := runGatewayWith(t, f, NewResponder(slowEngine{defaultEngine(t), 300 * time.Millisecond}, quietLog(), 0))
	f.dispatch(conn, "MESSAGE_CREATE", map[string]any{"id": "M1", "channel_id": "C1", "guild_id": "G1", "content": "<@1001> gil",
		"author": map[string]any{"id": "U1", "username": "ada"}, "mentions": []any{map[string]any{"id": "1001", "username": "talkbot"}}})
	time.Sleep(100 * time.Millisecond) // the answer is under way
	stop()
	g.Wait()
	if n := f.countCalls("/channels/C1/messages"); n != 1 {
		t.Errorf("after Wait, %d answers sent; want the one under way", n)
	}
}
