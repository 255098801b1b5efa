package slack

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/internal/testengine"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

func defaultEngine(tb testing.TB) *answer.Engine { return testengine.Default(tb) }

// posted is what the bot sent to the fake Slack.
type posted struct {
	Method   string // "chat.postMessage" or "response"
	Channel  string
	ThreadTS string
	Text     string
	Blocks   string // JSON
	Body     map[string]any
}

// fakeSlack is a local stand-in for Slack's Web API and response URLs.
type fakeSlack struct {
	srv      *httptest.Server
	mu       sync.Mutex
	got      []posted
	news     chan struct{}
	refuse   map[string][]int // method -> statuses to answer before taking a message
	attempts map[string]int   // method -> requests seen
}

// refused answers with the next refusal queued for method, if any; it
// counts every attempt.
func (f *fakeSlack) refused(w http.ResponseWriter, method string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.attempts[method]++
	q := f.refuse[method]
	if len(q) == 0 {
		return false
	}
	f.refuse[method] = q[1:]
	if q[0] == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}
	w.WriteHeader(q[0])
	if method == "chat.postMessage" && q[0] == http.StatusTooManyRequests {
		fmt.Fprint(w, `{"ok":false,"error":"ratelimited"}`)
	}
	return true
}

func (f *fakeSlack) attemptsOf(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.attempts[method]
}

func newFakeSlack(t *testing.T) *fakeSlack {
	t.Helper()
	f := &fakeSlack{news: make(chan struct{}, 100), refuse: map[string][]int{}, attempts: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/auth.test", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","team":"Talks","bot_id":"BBOT"}`)
	})
	mux.HandleFunc("POST /api/chat.postMessage", func(w http.ResponseWriter, r *http.Request) {
		if f.refused(w, "chat.postMessage") {
			return
		}
		if err := r.ParseForm(); err != nil {
			t.Errorf("chat.postMessage: %v", err)
		}
		if r.Header.Get("Authorization") != "Bearer xoxb-test" && r.Form.Get("token") != "xoxb-test" {
			t.Errorf("chat.postMessage without the bot token")
		}
		f.record(posted{Method: "chat.postMessage", Channel: r.Form.Get("channel"), ThreadTS: r.Form.Get("thread_ts"), Text: r.Form.Get("text"), Blocks: r.Form.Get("blocks")})
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1700000000.000100"}`, r.Form.Get("channel"))
	})
	mux.HandleFunc("POST /api/views.publish", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			t.Errorf("views.publish: %v", err)
		}
		view, _ := json.Marshal(body["view"])
		user, _ := body["user_id"].(string)
		f.record(posted{Method: "views.publish", Channel: user, Blocks: string(view), Body: body})
		fmt.Fprint(w, `{"ok":true,"view":{"id":"V1"}}`)
	})
	for _, method := range []string{"assistant.threads.setSuggestedPrompts", "assistant.threads.setStatus"} {
		mux.HandleFunc("POST /api/"+method, func(w http.ResponseWriter, r *http.Request) {
			if err := r.ParseForm(); err != nil {
				t.Errorf("%s: %v", method, err)
			}
			body := map[string]any{}
			for k := range r.Form {
				body[k] = r.Form.Get(k)
			}
			f.record(posted{Method: method, Channel: r.Form.Get("channel_id"), ThreadTS: r.Form.Get("thread_ts"), Text: r.Form.Get("status"), Blocks: r.Form.Get("prompts"), Body: body})
			fmt.Fprint(w, `{"ok":true}`)
		})
	}
	mux.HandleFunc("POST /response/{id}", func(w http.ResponseWriter, r *http.Request) {
		if f.refused(w, "response") {
			return
		}
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			t.Errorf("response URL: %v", err)
		}
		blocks, _ := json.Marshal(body["blocks"])
		text, _ := body["text"].(string)
		f.record(posted{Method: "response", Channel: r.PathValue("id"), Text: text, Blocks: string(blocks), Body: body})
		fmt.Fprint(w, "ok")
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) record(p posted) {
	f.mu.Lock()
	f.got = append(f.got, p)
	f.mu.Unlock()
	f.news <- struct{}{}
}

// wait returns the first n messages posted, failing after a timeout.
func (f *fakeSlack) wait(t *testing.T, n int) []posted {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		f.mu.Lock()
		if len(f.got) >= n {
			got := append([]posted(nil), f.got...)
			f.mu.Unlock()
			return got
		}
		f.mu.Unlock()
		select {
		case <-f.news:
		case <-deadline:
			t.Fatalf("waited for %d messages to Slack; got %d", n, len(f.got))
		}
	}
}

// none asserts that nothing was posted (after the adapter's work is done).
func (f *fakeSlack) none(t *testing.T, a *Adapter) {
	t.Helper()
	a.Wait()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.got) > 0 {
		t.Errorf("posted %d messages; want none: %+v", len(f.got), f.got)
	}
}

// newTestAdapter returns an adapter talking to a fake Slack through the
// real slack-go client, and its HTTP server.
func newTestAdapter(t *testing.T, engine answerer, set ...func(*Options)) (*Adapter, *fakeSlack, *httptest.Server) {
	t.Helper()
	f := newFakeSlack(t)
	api := slack.New("xoxb-test", slack.OptionAPIURL(f.srv.URL+"/api/"), slack.OptionHTTPClient(f.srv.Client()), slack.OptionRetryConfig(WebAPIRetry()))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	host := strings.TrimPrefix(f.srv.URL, "http://")
	opts := Options{SigningSecret: testSecret, HTTPClient: f.srv.Client(), ResponseHosts: []string{host}, Threads: 100}
	for _, fn := range set {
		fn(&opts)
	}
	a := New(engine, api, log, opts)
	a.Start(t.Context())
	bot := httptest.NewServer(a.Handler())
	t.Cleanup(func() { bot.Close(); a.Wait() })
	return a, f, bot
}

// send posts a request to the bot, signed as Slack signs them when
// signature is "sign", or with the given headers otherwise.
func send(t *testing.T, bot *httptest.Server, path, contentType string, body []byte, sign bool, at time.Time, header http.Header) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, bot.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if sign {
		ts := strconv.FormatInt(at.Unix(), 10)
		mac := hmac.New(sha256.New, []byte(testSecret))
		fmt.Fprintf(mac, "v0:%s:%s", ts, body)
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Set(k, v)
		}
	}
	resp, err := bot.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func command(t *testing.T, bot *httptest.Server, f *fakeSlack, text string) *http.Response {
	t.Helper()
	form := url.Values{
		"command": {"/talk"}, "text": {text}, "user_id": {"U1"}, "channel_id": {"C1"},
		"team_id": {"T1"}, "response_url": {f.srv.URL + "/response/cmd"}, "trigger_id": {"1.2"},
	}
	return send(t, bot, "/slack/commands", "application/x-www-form-urlencoded", []byte(form.Encode()), true, time.Now(), nil)
}

func eventBody(id string, inner string) []byte {
	return []byte(fmt.Sprintf(`{"token":"x","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":%q,"event_time":1700000000,"event":%s}`, id, inner))
}

func readJSON(t *testing.T, resp *http.Response) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatalf("response is not JSON: %v", err)
	}
	return v
}

func TestSlashCommandAnsweredInResponse(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	resp := command(t, bot, f, "what did yury say about uvloop")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	body := readJSON(t, resp)
	blocks, _ := json.Marshal(body["blocks"])
	if body["response_type"] != "ephemeral" || !strings.Contains(string(blocks), "uvloop") ||
		!strings.Contains(string(blocks), actionShare) || !strings.Contains(string(blocks), "europython-2016-tuesday-notes.md:") {
		t.Errorf("slash command response %v", body)
	}
}

func TestSlashCommandHelp(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	body := readJSON(t, command(t, bot, f, "help"))
	blocks, _ := json.Marshal(body["blocks"])
	for _, want := range []string{"/talk show", "/talk speaker", "/talk event"} {
		if !strings.Contains(string(blocks), want) {
			t.Errorf("help lacks %q: %s", want, blocks)
		}
	}
}

// slowEngine answers after a delay.
type slowEngine struct {
	delay time.Duration
	answerer
}

func (s slowEngine) Handle(ctx context.Context, r answer.Request, o answer.Options) answer.Reply {
	time.Sleep(s.delay)
	return s.answerer.Handle(ctx, r, o)
}

func TestSlashCommandSlowPathUsesResponseURL(t *testing.T) {
	a, f, bot := newTestAdapter(t, slowEngine{300 * time.Millisecond, defaultEngine(t)})
	a.opts.AnswerIn = 50 * time.Millisecond
	resp := command(t, bot, f, "uvloop")
	if b, _ := io.ReadAll(resp.Body); resp.StatusCode != http.StatusOK || len(b) != 0 {
		t.Fatalf("status %d body %q; want an empty acknowledgement", resp.StatusCode, b)
	}
	got := f.wait(t, 1)
	if got[0].Method != "response" || got[0].Channel != "cmd" || !strings.Contains(got[0].Blocks, "uvloop") || got[0].Body["response_type"] != "ephemeral" {
		t.Errorf("late answer %+v", got[0])
	}
}

// TestResponseURLRetried: Slack refuses a late answer with 429 then 503;
// the answer is posted on the third attempt, once.
func TestResponseURLRetried(t *testing.T) {
	for _, tc := range []struct {
		name     string
		refuse   []int
		posted   int
		attempts int
	}{
		{"429 then 503", []int{http.StatusTooManyRequests, http.StatusServiceUnavailable}, 1, 3},
		{"503 for good", []int{503, 503, 503, 503, 503}, 0, responseAttempts},
		{"404 is final", []int{http.StatusNotFound}, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, f, bot := newTestAdapter(t, slowEngine{100 * time.Millisecond, defaultEngine(t)})
			a.opts.AnswerIn = 20 * time.Millisecond
			f.refuse["response"] = tc.refuse
			command(t, bot, f, "uvloop")
			a.Wait()
			f.mu.Lock()
			n := len(f.got)
			f.mu.Unlock()
			if n != tc.posted || f.attemptsOf("response") != tc.attempts {
				t.Errorf("posted %d in %d attempts; want %d in %d", n, f.attemptsOf("response"), tc.posted, tc.attempts)
			}
		})
	}
}

// TestPostMessageRetriedOnRateLimit: chat.postMessage answering 429 with
// Retry-After, then 500, is retried by slack-go and posts the answer once.
func TestPostMessageRetriedOnRateLimit(t *testing.T) {
	a, f, bot := newTestAdapter(t, defaultEngine(t))
	f.refuse["chat.postMessage"] = []int{http.StatusTooManyRequests, http.StatusInternalServerError}
	send(t, bot, "/slack/events", "application/json", eventBody("Ev1", `{"type":"app_mention","user":"U1","text":"<@UBOT> uvloop","ts":"1.1","channel":"C1"}`), true, time.Now(), nil)
	got := f.wait(t, 1)
	a.Wait()
	if len(f.got) != 1 || got[0].Method != "chat.postMessage" || f.attemptsOf("chat.postMessage") != 3 {
		t.Errorf("posted %d (%+v) in %d attempts; want one in 3", len(f.got), got, f.attemptsOf("chat.postMessage"))
	}
}

type panicEngine struct{}

func (panicEngine) Handle(context.Context, answer.Request, answer.Options) answer.Reply {
	panic("boom")
}

func (panicEngine) Overview(context.Context, int) answer.Overview { panic("boom") }

func TestPanicBecomesApology(t *testing.T) {
	_, f, bot := newTestAdapter(t, panicEngine{})
	body := readJSON(t, command(t, bot, f, "gil"))
	if !strings.Contains(fmt.Sprint(body["text"]), "something went wrong") {
		t.Errorf("response %v; want an apology", body)
	}
}

func TestMentionAnsweredInThread(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	inner := `{"type":"app_mention","user":"U1","text":"<@UBOT> what did beazley say about thread priorities","ts":"1700000001.000200","channel":"C9","event_ts":"1700000001.000200"}`
	resp := send(t, bot, "/slack/events", "application/json", eventBody("Ev1", inner), true, time.Now(), nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	got := f.wait(t, 1)[0]
	if got.Method != "chat.postMessage" || got.Channel != "C9" || got.ThreadTS != "1700000001.000200" || !strings.Contains(got.Blocks, "Thread priorities") {
		t.Errorf("mention answered with %+v", got)
	}
	if strings.Contains(got.Blocks, actionShare) {
		t.Error("a visible answer offers to be shared")
	}
}

func TestDirectMessage(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	inner := `{"type":"message","channel_type":"im","user":"U1","text":"kubernets","ts":"1700000002.000300","channel":"D1"}`
	send(t, bot, "/slack/events", "application/json", eventBody("Ev2", inner), true, time.Now(), nil)
	got := f.wait(t, 1)[0]
	if got.Channel != "D1" || got.ThreadTS != "" || !strings.Contains(got.Blocks, "Kubernetes For Pythonistas") {
		t.Errorf("DM answered with %+v", got)
	}
}

func TestBotsAreIgnored(t *testing.T) {
	a, f, bot := newTestAdapter(t, defaultEngine(t))
	for i, inner := range []string{
		`{"type":"message","channel_type":"im","user":"U2","bot_id":"B2","text":"gil","ts":"1.1","channel":"D1"}`,
		`{"type":"message","channel_type":"im","subtype":"bot_message","text":"gil","ts":"1.2","channel":"D1"}`,
		`{"type":"app_mention","user":"U3","bot_id":"B3","text":"<@UBOT> gil","ts":"1.3","channel":"C1"}`,
		`{"type":"message","channel_type":"im","subtype":"message_changed","text":"gil","ts":"1.4","channel":"D1"}`,
		`{"type":"message","channel_type":"channel","user":"U1","text":"gil","ts":"1.5","channel":"C1"}`,
	} {
		send(t, bot, "/slack/events", "application/json", eventBody("EvBot"+strconv.Itoa(i), inner), true, time.Now(), nil)
	}
	f.none(t, a)
}

func TestRetriedEventAnsweredOnce(t *testing.T) {
	a, f, bot := newTestAdapter(t, defaultEngine(t))
	body := eventBody("EvRetry", `{"type":"app_mention","user":"U1","text":"<@UBOT> gil","ts":"1.6","channel":"C1"}`)
	send(t, bot, "/slack/events", "application/json", body, true, time.Now(), nil)
	for n := 1; n <= 2; n++ {
		h := http.Header{"X-Slack-Retry-Num": {strconv.Itoa(n)}, "X-Slack-Retry-Reason": {"http_timeout"}}
		if resp := send(t, bot, "/slack/events", "application/json", body, true, time.Now(), h); resp.StatusCode != http.StatusOK {
			t.Errorf("retry %d: status %d", n, resp.StatusCode)
		}
	}
	a.Wait()
	if got := f.wait(t, 1); len(got) != 1 {
		t.Errorf("%d answers to one event; want 1", len(got))
	}
}

func TestURLVerification(t *testing.T) {
	_, _, bot := newTestAdapter(t, defaultEngine(t))
	body := []byte(`{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`)
	resp := send(t, bot, "/slack/events", "application/json", body, true, time.Now(), nil)
	if got := readJSON(t, resp)["challenge"]; got != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("challenge %v", got)
	}
}
