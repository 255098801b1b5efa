package slack

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// mention sends an app_mention event, in thread when given.
func mention(tb testing.TB, id, ts, thread, text string) []byte {
	tb.Helper()
	threadField := ""
	if thread != "" {
		threadField = fmt.Sprintf(`"thread_ts":%q,`, thread)
	}
	return eventBody(id, fmt.Sprintf(`{"type":"app_mention","user":"U1","text":%q,"ts":%q,%s"channel":"C9","event_ts":%q}`, "<@UBOT> "+text, ts, threadField, ts))
}

func TestFollowUpInThread(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	send(t, bot, "/slack/events", "application/json", mention(t, "EvF1", "1700000001.000100", "", "what did beazley say about the gil"), true, time.Now(), nil)
	first := f.wait(t, 1)[0]
	if !strings.Contains(first.Blocks, "Embracing The GIL") {
		t.Fatalf("first answer: %s", first.Blocks)
	}
	tests := []struct {
		name, text string
		first      string   // the talk the answer leads with
		want       []string // in the answer's blocks
	}{
		{"pronoun", "did he mention pypy?", "Keynote: David Beazley", []string{"Let's talk about Pypy"}},
		{"topic", "and about priorities?", "Embracing The GIL", []string{"priorit"}},
		{"that talk", "show that talk", "Embracing The GIL", nil},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := fmt.Sprintf("1700000001.0002%02d", i)
			send(t, bot, "/slack/events", "application/json", mention(t, fmt.Sprintf("EvF2%d", i), ts, "1700000001.000100", tt.text), true, time.Now(), nil)
			got := f.wait(t, i+2)[i+1]
			if got.ThreadTS != "1700000001.000100" {
				t.Errorf("answered in thread %q, want the question's thread", got.ThreadTS)
			}
			if lead := firstTalk(got.Blocks); lead != tt.first {
				t.Errorf("follow-up %q leads with %q, want %q", tt.text, lead, tt.first)
			}
			for _, w := range tt.want {
				if !strings.Contains(strings.ToLower(got.Blocks), strings.ToLower(w)) {
					t.Errorf("follow-up %q: answer lacks %q: %s", tt.text, w, got.Blocks)
				}
			}
		})
	}
}

func TestFollowUpOnlyInItsThread(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	send(t, bot, "/slack/events", "application/json", mention(t, "EvG1", "1700000002.000100", "", "what did beazley say about the gil"), true, time.Now(), nil)
	f.wait(t, 1)
	// The same words in another thread are a question of their own: no
	// speaker stands for "he", and the More button asks them as typed.
	send(t, bot, "/slack/events", "application/json", mention(t, "EvG2", "1700000003.000100", "1700000009.000000", "did he mention pypy?"), true, time.Now(), nil)
	got := f.wait(t, 2)[1]
	if !strings.Contains(got.Blocks, `\"a\":\"did he mention pypy?\"`) {
		t.Errorf("a follow-up was resolved against another thread's answer: %s", got.Blocks)
	}
}

func TestUnmentionedThreadRepliesIgnored(t *testing.T) {
	a, f, bot := newTestAdapter(t, defaultEngine(t))
	send(t, bot, "/slack/events", "application/json", mention(t, "EvH1", "1700000004.000100", "", "gil"), true, time.Now(), nil)
	f.wait(t, 1)
	for i, inner := range []string{
		`{"type":"message","channel_type":"channel","user":"U2","text":"and about pypy?","ts":"1700000004.000200","thread_ts":"1700000004.000100","channel":"C9"}`,
		`{"type":"message","channel_type":"group","user":"U2","text":"more","ts":"1700000004.000300","thread_ts":"1700000004.000100","channel":"C9"}`,
	} {
		send(t, bot, "/slack/events", "application/json", eventBody(fmt.Sprintf("EvH2%d", i), inner), true, time.Now(), nil)
	}
	a.Wait()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.got) != 1 {
		t.Errorf("%d messages posted; want only the first answer", len(f.got))
	}
}

func TestFollowUpInDirectMessages(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	dm := func(id, ts, text string) []byte {
		return eventBody(id, fmt.Sprintf(`{"type":"message","channel_type":"im","user":"U1","text":%q,"ts":%q,"channel":"D7"}`, text, ts))
	}
	send(t, bot, "/slack/events", "application/json", dm("EvD1", "1700000005.000100", "talks about testing"), true, time.Now(), nil)
	first := f.wait(t, 1)[0]
	send(t, bot, "/slack/events", "application/json", dm("EvD2", "1700000005.000200", "more"), true, time.Now(), nil)
	second := f.wait(t, 2)[1]
	if second.Blocks == first.Blocks || !strings.Contains(second.Blocks, "testing") && !strings.Contains(second.Blocks, "Testing") {
		t.Errorf("'more' in a DM did not give the next talks:\nfirst %s\nsecond %s", first.Blocks, second.Blocks)
	}
}

// firstTalk returns the title of the first talk cited in a message's
// blocks: the bold part of its first context line, or its first header.
func firstTalk(blocks string) string {
	var bs []struct {
		Type     string                 `json:"type"`
		Text     *struct{ Text string } `json:"text"`
		Elements []struct {
			Text any `json:"text"` // a string in context blocks, an object in buttons
		} `json:"elements"`
	}
	if err := json.Unmarshal([]byte(blocks), &bs); err != nil {
		return ""
	}
	for _, b := range bs {
		switch {
		case b.Type == "header" && b.Text != nil:
			return b.Text.Text
		case b.Type == "context" && len(b.Elements) > 0:
			text, _ := b.Elements[0].Text.(string)
			if _, rest, ok := strings.Cut(text, "*"); ok {
				title, _, _ := strings.Cut(rest, "*")
				return title
			}
		}
	}
	return ""
}

// TestFollowUpMemoryBounded: with room for one thread, a second thread's
// answer pushes the first out, and with a short memory an answer expires;
// a follow-up there is then a question of its own (its More button asks
// the words as typed).
func TestFollowUpMemoryBounded(t *testing.T) {
	asTyped := `\"a\":\"did he mention pypy?\"`
	t.Run("bound", func(t *testing.T) {
		_, f, bot := newTestAdapter(t, defaultEngine(t), func(o *Options) { o.Threads = 1 })
		send(t, bot, "/slack/events", "application/json", mention(t, "EvB1", "1700000040.000100", "", "what did beazley say about the gil"), true, time.Now(), nil)
		f.wait(t, 1)
		send(t, bot, "/slack/events", "application/json", mention(t, "EvB2", "1700000041.000100", "", "python"), true, time.Now(), nil)
		f.wait(t, 2)
		// The newest thread is remembered.
		send(t, bot, "/slack/events", "application/json", mention(t, "EvB4", "1700000041.000200", "1700000041.000100", "more"), true, time.Now(), nil)
		if got := f.wait(t, 3)[2]; !strings.Contains(got.Blocks, `\"a\":\"python\",\"o\":10`) {
			t.Errorf("the remembered thread did not page on: %s", got.Blocks)
		}
		send(t, bot, "/slack/events", "application/json", mention(t, "EvB3", "1700000040.000200", "1700000040.000100", "did he mention pypy?"), true, time.Now(), nil)
		if got := f.wait(t, 4)[3]; !strings.Contains(got.Blocks, asTyped) {
			t.Errorf("a thread pushed out of memory still resolved a follow-up: %s", got.Blocks)
		}
	})
	t.Run("expiry", func(t *testing.T) {
		_, f, bot := newTestAdapter(t, defaultEngine(t), func(o *Options) { o.ThreadTTL = 20 * time.Millisecond })
		send(t, bot, "/slack/events", "application/json", mention(t, "EvX1", "1700000050.000100", "", "what did beazley say about the gil"), true, time.Now(), nil)
		f.wait(t, 1)
		time.Sleep(50 * time.Millisecond)
		send(t, bot, "/slack/events", "application/json", mention(t, "EvX2", "1700000050.000200", "1700000050.000100", "did he mention pypy?"), true, time.Now(), nil)
		if got := f.wait(t, 2)[1]; !strings.Contains(got.Blocks, asTyped) {
			t.Errorf("an expired answer still resolved a follow-up: %s", got.Blocks)
		}
	})
}
