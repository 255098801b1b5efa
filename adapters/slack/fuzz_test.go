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
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/feedback"
	"github.com/talkbot/talkbot/internal/testengine"
)

// FuzzHandler sends arbitrary bodies to every endpoint, signed or not: the
// handler never panics, never accepts an unsigned request nor passes it to
// the engine, and answers a signed one with 200 or a 4xx.
func FuzzHandler(f *testing.F) {
	f.Add([]byte(`{"type":"url_verification","challenge":"c"}`), uint8(1), true)
	f.Add(eventBody("E", `{"type":"app_mention","user":"U","text":"<@UBOT> gil","ts":"1","channel":"C"}`), uint8(1), true)
	f.Add([]byte("command=%2Ftalk&text=gil&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fr"), uint8(0), true)
	f.Add([]byte("payload=%7B%22type%22%3A%22block_actions%22%7D"), uint8(2), false)
	f.Add([]byte(`{"type":"event_callback","event":{"type":"message","channel_type":"im"}}`), uint8(1), true)
	f.Add([]byte("payload="+url.QueryEscape(votePayload(actionDown, `{"c":"ask","a":"gil"}`, "http://127.0.0.1:1/r", "1.2"))), uint8(2), true)
	f.Add(mention(f, "E2", "2.1", "1.0", "did he mention pypy?"), uint8(1), true)
	f.Add(eventBody("E3", `{"type":"app_home_opened","user":"U5","channel":"D5","tab":"home","event_ts":"1.1"}`), uint8(1), true)
	f.Add(eventBody("E4", `{"type":"assistant_thread_started","assistant_thread":{"user_id":"U1","channel_id":"D9","thread_ts":"1.1"},"event_ts":"1.2"}`), uint8(1), true)
	f.Add([]byte("payload="+url.QueryEscape(`{"type":"message_action","callback_id":"ask_talkbot","user":{"id":"U1"},"response_url":"http://127.0.0.1:1/r","message":{"text":"gil?"}}`)), uint8(2), true)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	api := slack.New("xoxb-test", slack.OptionAPIURL("http://127.0.0.1:1/api/"))
	// Response URLs in fuzzed bodies are refused unless they name a port
	// on this machine where nothing listens.
	eng := &countingEngine{engine: defaultEngine(f)}
	a := New(eng, api, log, Options{SigningSecret: testSecret, AnswerIn: 10 * time.Millisecond,
		HTTPClient: &http.Client{Timeout: 100 * time.Millisecond}, ResponseHosts: []string{"127.0.0.1:1"},
		Threads: 100, Feedback: feedback.NewRecorder(nil)})
	h := a.Handler()
	paths := []string{"/slack/commands", "/slack/events", "/slack/interactions"}
	f.Fuzz(func(t *testing.T, body []byte, path uint8, sign bool) {
		req := httptest.NewRequest(http.MethodPost, paths[int(path)%len(paths)], bytes.NewReader(body))
		if sign {
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			mac := hmac.New(sha256.New, []byte(testSecret))
			fmt.Fprintf(mac, "v0:%s:%s", ts, body)
			req.Header.Set("X-Slack-Request-Timestamp", ts)
			req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
		}
		w := httptest.NewRecorder()
		a.Wait() // the answers earlier inputs left under way would count as this one's
		before := eng.calls.Load()
		h.ServeHTTP(w, req)
		switch {
		case !sign && w.Code != http.StatusUnauthorized && w.Code != http.StatusRequestEntityTooLarge:
			t.Fatalf("unsigned request: status %d", w.Code)
		case !sign && eng.calls.Load() != before:
			t.Fatal("unsigned request reached the engine")
		case sign && w.Code >= 500:
			t.Fatalf("signed request: status %d", w.Code)
		}
	})
}

// countingEngine counts the questions that reach the engine.
type countingEngine struct {
	engine answerer
	calls  atomic.Int64
}

func (c *countingEngine) Overview(ctx context.Context, n int) answer.Overview {
	return c.engine.Overview(ctx, n)
}

func (c *countingEngine) Handle(ctx context.Context, r answer.Request, opts answer.Options) answer.Reply {
	c.calls.Add(1)
	return c.engine.Handle(ctx, r, opts)
}

// FuzzRender renders replies whose every text comes from the fuzzer: the
// Block Kit and fallback text never hold a live mention or broadcast
// ("<!", "<@", "<#").
func FuzzRender(f *testing.F) {
	f.Add("<!channel> & co", "ping <!everyone> and <@U999|bob> & <https://evil|click>", "a<b>.md", "https://x.org/a|<!channel>", "q")
	f.Add("`code` *bold* _it_", "&lt;!here&gt; &amp;lt;", "f.md", "", "<@U1>")
	f.Fuzz(func(t *testing.T, title, text, file, url, question string) {
		r := testengine.UntrustedReply(title, text, file, url, question)
		m := render(r, renderOptions{share: true, more: true})
		b, err := json.Marshal(m.Blocks)
		if err != nil {
			t.Fatal(err)
		}
		// Button values carry the question back to us; they are never
		// shown as text, so only the text Slack renders is checked.
		var blocks []map[string]any
		json.Unmarshal(b, &blocks)
		shown := m.Text + renderedText(blocks)
		for _, bad := range []string{"<!", "<@", "<#"} {
			if strings.Contains(shown, bad) {
				t.Fatalf("rendered reply holds %q: %s", bad, shown)
			}
		}
	})
}

// renderedText gathers the "text" of every text object in blocks, skipping
// button values.
func renderedText(v any) string {
	var b strings.Builder
	var walk func(any, string)
	walk = func(v any, key string) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if k != "value" && k != "action_id" && k != "block_id" {
					walk(e, k)
				}
			}
		case []any:
			for _, e := range x {
				walk(e, key)
			}
		case string:
			if key == "text" {
				b.WriteString(x)
				b.WriteString("\n")
			}
		}
	}
	walk(v, "")
	return b.String()
}
