package slack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/internal/golden"
)

func TestHomeTabPublished(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	// A question asked in a channel is listed on the Home tab; one asked in
	// a DM is private and is not.
	send(t, bot, "/slack/events", "application/json", mention(t, "EvHm1", "1700000010.000100", "", "what did beazley say about thread priorities"), true, time.Now(), nil)
	f.wait(t, 1)
	send(t, bot, "/slack/events", "application/json", eventBody("EvHm2", `{"type":"message","channel_type":"im","user":"U1","text":"my private question about uvloop","ts":"1700000010.000200","channel":"D1"}`), true, time.Now(), nil)
	f.wait(t, 2)
	send(t, bot, "/slack/events", "application/json", eventBody("EvHm3", `{"type":"app_home_opened","user":"U5","channel":"D5","tab":"home","event_ts":"1700000010.000300"}`), true, time.Now(), nil)
	got := f.wait(t, 3)[2]
	if got.Method != "views.publish" || got.Channel != "U5" {
		t.Fatalf("home opened: %+v", got)
	}
	for _, want := range []string{`"type":"home"`, "PyCon US 2017", "Recently asked", "thread priorities", "Try asking"} {
		if !strings.Contains(got.Blocks, want) {
			t.Errorf("home view lacks %q: %s", want, got.Blocks)
		}
	}
	if strings.Contains(got.Blocks, "private question") {
		t.Error("a DM question is shown on the Home tab")
	}
	var pretty bytes.Buffer
	json.Indent(&pretty, []byte(got.Blocks), "", "  ")
	golden.Check(t, "home.golden.json", pretty.String()+"\n")

	// The messages tab of the app is a DM, not the Home tab.
	a, f2, bot2 := newTestAdapter(t, defaultEngine(t))
	send(t, bot2, "/slack/events", "application/json", eventBody("EvHm4", `{"type":"app_home_opened","user":"U5","channel":"D5","tab":"messages","event_ts":"1.1"}`), true, time.Now(), nil)
	f2.none(t, a)
}

func TestHomeViewWithinLimits(t *testing.T) {
	o := answer.Overview{Talks: 100000}
	for i := range 5000 {
		o.Events = append(o.Events, answer.EventCount{Name: fmt.Sprintf("%s Conference %d", strings.Repeat("Very Long ", 20), i), Talks: 20})
	}
	for i := range 4 {
		o.Examples = append(o.Examples, answer.Example{Title: "t", Question: strings.Repeat("why ", 400) + fmt.Sprint(i)})
	}
	recent := []string{strings.Repeat("<!channel> ", 500), "a", "b", "c", "d"}
	v := homeView(o, recent)
	if n := len(v.Blocks.BlockSet); n > maxHomeBlocks {
		t.Errorf("%d blocks; Slack allows %d in a Home tab", n, maxHomeBlocks)
	}
	b, _ := json.Marshal(v)
	if strings.Contains(string(b), "<!channel>") {
		t.Error("a recent question can ping the channel")
	}
	for _, block := range v.Blocks.BlockSet {
		if s, ok := block.(*slack.SectionBlock); ok && utf8.RuneCountInString(s.Text.Text) > maxSectionText {
			t.Errorf("section of %d characters; Slack allows %d", utf8.RuneCountInString(s.Text.Text), maxSectionText)
		}
	}
}

func TestAssistantThread(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	started := `{"type":"assistant_thread_started","assistant_thread":{"user_id":"U1","channel_id":"D9","thread_ts":"1700000020.000100","context":{}},"event_ts":"1700000020.000200"}`
	send(t, bot, "/slack/events", "application/json", eventBody("EvAs1", started), true, time.Now(), nil)
	prompts := f.wait(t, 1)[0]
	if prompts.Method != "assistant.threads.setSuggestedPrompts" || prompts.Channel != "D9" || prompts.ThreadTS != "1700000020.000100" {
		t.Fatalf("thread started: %+v", prompts)
	}
	var ps []slack.AssistantThreadsPrompt
	if err := json.Unmarshal([]byte(prompts.Blocks), &ps); err != nil || len(ps) != 4 {
		t.Fatalf("prompts %s (%v); want 4", prompts.Blocks, err)
	}
	question := ps[0].Message
	msg := fmt.Sprintf(`{"type":"message","channel_type":"im","user":"U1","text":%q,"ts":"1700000020.000300","thread_ts":"1700000020.000100","channel":"D9"}`, question)
	send(t, bot, "/slack/events", "application/json", eventBody("EvAs2", msg), true, time.Now(), nil)
	got := f.wait(t, 3)
	status, answer := got[1], got[2]
	if status.Method != "assistant.threads.setStatus" || status.ThreadTS != "1700000020.000100" || status.Text == "" {
		t.Errorf("status: %+v", status)
	}
	if answer.Method != "chat.postMessage" || answer.Channel != "D9" || answer.ThreadTS != "1700000020.000100" || !strings.Contains(answer.Blocks, "pycon") && !strings.Contains(answer.Blocks, ".md") {
		t.Errorf("answer in the assistant thread: %+v", answer)
	}
	// A DM thread that is no assistant thread gets no status.
	other := `{"type":"message","channel_type":"im","user":"U1","text":"gil","ts":"1700000021.000100","thread_ts":"1700000021.000000","channel":"D9"}`
	send(t, bot, "/slack/events", "application/json", eventBody("EvAs3", other), true, time.Now(), nil)
	if last := f.wait(t, 4)[3]; last.Method != "chat.postMessage" {
		t.Errorf("a plain DM thread got %s first", last.Method)
	}
}

func TestMessageShortcut(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	payload, _ := json.Marshal(map[string]any{
		"type": "message_action", "callback_id": askShortcut, "trigger_id": "1.2", "team": map[string]any{"id": "T1"},
		"user": map[string]any{"id": "U1"}, "channel": map[string]any{"id": "C1"}, "response_url": f.srv.URL + "/response/shortcut",
		"message": map[string]any{"type": "message", "text": "<@U9> anyone know what beazley said about thread priorities?", "ts": "1700000030.000100"},
	})
	body := url.Values{"payload": {string(payload)}}.Encode()
	send(t, bot, "/slack/interactions", "application/x-www-form-urlencoded", []byte(body), true, time.Now(), nil)
	got := f.wait(t, 1)[0]
	if got.Method != "response" || got.Body["response_type"] != "ephemeral" || !strings.Contains(got.Blocks, "Thread priorities") {
		t.Errorf("shortcut answered with %+v", got)
	}
}
