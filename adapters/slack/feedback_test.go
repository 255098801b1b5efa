package slack

import (
	"encoding/json"
	"fmt"
	"github.com/talkbot/talkbot/answer"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/talkbot/talkbot/feedback"
	"github.com/talkbot/talkbot/internal/golden"
)

// votePayload is a block_actions payload for a press of a vote button on
// a message in a channel.
func votePayload(actionID, value, responseURL, actionTS string) string {
	p := map[string]any{
		"type": "block_actions", "team": map[string]any{"id": "T1"}, "user": map[string]any{"id": "U1"},
		"channel": map[string]any{"id": "C1"}, "response_url": responseURL, "trigger_id": "1.2",
		"container": map[string]any{"type": "message", "message_ts": "1700000001.000100", "channel_id": "C1", "is_ephemeral": false},
		"actions":   []any{map[string]any{"action_id": actionID, "block_id": "talk_actions", "value": value, "type": "button", "action_ts": actionTS}},
	}
	b, _ := json.Marshal(p)
	return string(b)
}

func TestVoteAcknowledgedCountedAndLoggedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.jsonl")
	log, err := feedback.Open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	rec := feedback.NewRecorder(log)
	var mu sync.Mutex
	counted := map[string]int{}
	rec.Counted = func(adapter, vote string) { mu.Lock(); counted[adapter+"/"+vote]++; mu.Unlock() }
	a, f, bot := newTestAdapter(t, defaultEngine(t), func(o *Options) { o.Feedback = rec })

	// The answer carries the buttons, with the request in their value.
	body := readJSON(t, command(t, bot, f, "uvloop"))
	blocks, _ := json.Marshal(body["blocks"])
	if !strings.Contains(string(blocks), actionUp) || !strings.Contains(string(blocks), actionDown) {
		t.Fatalf("answer without vote buttons: %s", blocks)
	}

	value := buttonValue(answer.Request{Command: "ask", Arg: "uvloop"})
	payload := votePayload(actionDown, value, f.srv.URL+"/response/vote", "1700000002.000200")
	form := []byte(url.Values{"payload": {payload}}.Encode())
	for range 2 { // the press, and Slack delivering it again
		if resp := send(t, bot, "/slack/interactions", "application/x-www-form-urlencoded", form, true, time.Now(), nil); resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	a.Wait()
	got := f.wait(t, 1)[0]
	if got.Body["response_type"] != "ephemeral" || got.Body["replace_original"] == true || !strings.Contains(got.Text, "👎") {
		t.Errorf("vote acknowledged with %+v; want an ephemeral thanks", got.Body)
	}
	log.Close()
	entries, err := feedback.ReadEntries(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("%d log entries for one press delivered twice; want 1", len(entries))
	}
	e := entries[0]
	if e.Kind != feedback.KindVote || e.Vote != feedback.Down || e.Adapter != "slack" || e.Question != "uvloop" || e.User != "" || len(e.Citations) == 0 || !strings.Contains(e.Citations[0], ".md:") {
		t.Errorf("entry %+v", e)
	}
	mu.Lock()
	defer mu.Unlock()
	if counted["slack/down"] != 1 {
		t.Errorf("counted %v; want slack/down once", counted)
	}
}

func TestNoVoteButtonsWithoutAnswer(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	body := readJSON(t, command(t, bot, f, "xqzzv frobnitz"))
	blocks, _ := json.Marshal(body["blocks"])
	if strings.Contains(string(blocks), actionUp) {
		t.Errorf("a reply without talks offers votes: %s", blocks)
	}
}

func TestGapsForAdminsOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.jsonl")
	line, _ := json.Marshal(feedback.Entry{Time: time.Now().Add(-time.Hour), Kind: feedback.KindUnanswered, Adapter: "slack", Command: "ask", Question: "how do I deploy <erlang> & co"})
	os.WriteFile(path, append(line, '\n'), 0o600)
	_, f, bot := newTestAdapter(t, defaultEngine(t), func(o *Options) { o.Gaps, o.Admins = feedback.FileSource(path), []string{"UADMIN"} })
	ask := func(user string) map[string]any {
		form := url.Values{"command": {"/talk"}, "text": {"gaps 2d"}, "user_id": {user}, "channel_id": {"C1"}, "team_id": {"T1"}, "response_url": {f.srv.URL + "/response/cmd"}}
		return readJSON(t, send(t, bot, "/slack/commands", "application/x-www-form-urlencoded", []byte(form.Encode()), true, time.Now(), nil))
	}
	admin := ask("UADMIN")
	if admin["response_type"] != "ephemeral" || !strings.Contains(admin["text"].(string), "1× co deploy (1 unanswered)") || !strings.Contains(admin["text"].(string), "&lt;erlang&gt; &amp; co") {
		t.Errorf("admin got %v", admin)
	}
	if other := ask("U2"); !strings.Contains(other["text"].(string), "Only the bot's admins") || strings.Contains(other["text"].(string), "erlang") {
		t.Errorf("non-admin got %v", other)
	}
}

func TestGapsReplyGolden(t *testing.T) {
	last := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	src := func(time.Duration, int) ([]feedback.Gap, error) {
		return []feedback.Gap{
			{Key: []string{"deploy", "django"}, Count: 7, Unanswered: 5, Down: 2, Example: "how do I deploy django? <!channel>", Last: last},
			{Key: []string{"async", "rust"}, Count: 2, Unanswered: 2, Example: "rust async?", Last: last},
		}, nil
	}
	_, f, bot := newTestAdapter(t, defaultEngine(t), func(o *Options) { o.Gaps, o.Admins = src, []string{"U1"} })
	body := readJSON(t, command(t, bot, f, "gaps 30d"))
	if strings.Contains(fmt.Sprint(body), "<!channel>") {
		t.Error("a logged question can ping the channel")
	}
	b, _ := json.MarshalIndent(body, "", "  ")
	golden.Check(t, "gaps.golden.json", string(b)+"\n")
}
