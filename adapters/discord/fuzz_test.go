package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/feedback"
	"github.com/talkbot/talkbot/internal/testengine"
)

// FuzzInteractions sends arbitrary bodies, signed or not: the handler never
// panics, never gives a 2xx to an unverified request nor passes it to the
// engine, and never gives a 5xx to a verified one.
func FuzzInteractions(f *testing.F) {
	f.Add(`{"type":1}`, true)
	f.Add(commandJSON("ask", "question", "gil", false), true)
	f.Add(commandJSON("show", "title", "", true), true)
	f.Add(buttonJSON("talk:more:5:event:pycon"), true)
	f.Add(`{"type":2,"data":{"name":"talk","options":[{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":12}]}]}}`, true)
	f.Add(`{"type":3,"data":{}}`, false)
	f.Add(buttonJSON("talk:down:0:ask:gil"), true)
	f.Add(messageCommandJSON("what did beazley say about the gil"), true)
	f.Add(commandJSON("gaps", "since", "7d", false), true)
	f.Add(strings.Replace(buttonJSON("talk:up:0:ask:gil"), `"member":{"user":{"id":"U1"}},`, `"user":{"id":"U2"},`, 1), true)
	eng := &countingEngine{engine: defaultEngine(f)}
	responder := NewResponder(eng, quietLog(), 0)
	responder.TakeFeedback(feedback.NewRecorder(nil))
	responder.ShowGaps(func(time.Duration, int) ([]feedback.Gap, error) {
		return []feedback.Gap{{Key: []string{"x"}, Count: 1, Example: "@everyone"}}, nil
	}, []string{"U1"})
	h := Handler(responder, testPublic, quietLog())
	f.Fuzz(func(t *testing.T, body string, sign bool) {
		req := httptest.NewRequest(http.MethodPost, "/discord/interactions", strings.NewReader(body))
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req.Header.Set("X-Signature-Timestamp", ts)
		if sign {
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(testPrivate, []byte(ts+body))))
		}
		w := httptest.NewRecorder()
		before := eng.calls.Load()
		h.ServeHTTP(w, req)
		switch {
		case !sign && w.Code < 300:
			t.Fatalf("unsigned request: status %d", w.Code)
		case !sign && eng.calls.Load() != before:
			t.Fatal("unsigned request reached the engine")
		case sign && w.Code >= 500:
			t.Fatalf("signed request: status %d: %s", w.Code, w.Body)
		}
	})
}

// countingEngine counts the calls that reach the engine.
type countingEngine struct {
	engine engine
	calls  atomic.Int64
}

func (c *countingEngine) Handle(ctx context.Context, r answer.Request, opts answer.Options) answer.Reply {
	c.calls.Add(1)
	return c.engine.Handle(ctx, r, opts)
}

func (c *countingEngine) Complete(field answer.Field, typed string, limit int) []string {
	c.calls.Add(1)
	return c.engine.Complete(field, typed, limit)
}

// FuzzRender renders replies whose every text comes from the fuzzer: the
// message never holds a live mention and always turns mentions off.
func FuzzRender(f *testing.F) {
	f.Add("@everyone talk", "hey @here and <@&456> and @everyone", "f.md", "https://x.org", "<@123>")
	f.Add("@@everyone", "@\u200beveryone <#1> <@!2>", "", "", "q")
	f.Fuzz(func(t *testing.T, title, text, file, url, question string) {
		r := testengine.UntrustedReply(title, text, file, url, question)
		d := render(r, renderOptions{share: true, more: true})
		if d.AllowedMentions == nil || len(d.AllowedMentions.Parse) != 0 {
			t.Fatalf("mentions not turned off: %+v", d.AllowedMentions)
		}
		d.Components = nil // custom IDs carry the question back; never shown
		var buf strings.Builder
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false) // "<" as it is, not \u003c
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"@everyone", "@here", "<@", "<#"} {
			if strings.Contains(buf.String(), bad) {
				t.Fatalf("rendered reply holds %q: %s", bad, buf.String())
			}
		}
	})
}
