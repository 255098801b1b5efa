package slack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/internal/hostile"
)

// TestRefusedRequests: nothing unverified gets through, and nothing is
// posted for it.
func TestRefusedRequests(t *testing.T) {
	a, f, bot := newTestAdapter(t, defaultEngine(t))
	body := eventBody("EvForged", `{"type":"app_mention","user":"U1","text":"<@UBOT> gil","ts":"1.7","channel":"C1"}`)
	forged := http.Header{"X-Slack-Request-Timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}, "X-Slack-Signature": {"v0=" + strings.Repeat("ab", 32)}}
	tests := []struct {
		name   string
		body   []byte
		sign   bool
		at     time.Time
		header http.Header
		want   int
	}{
		{"unsigned", body, false, time.Now(), nil, http.StatusUnauthorized},
		{"forged", body, false, time.Now(), forged, http.StatusUnauthorized},
		{"stale", body, true, time.Now().Add(-6 * time.Minute), nil, http.StatusUnauthorized},
		{"future", body, true, time.Now().Add(6 * time.Minute), nil, http.StatusUnauthorized},
		{"oversized", append(body, bytes.Repeat([]byte(" "), MaxBodyBytes)...), true, time.Now(), nil, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		for _, path := range []string{"/slack/events", "/slack/commands", "/slack/interactions"} {
			resp := send(t, bot, path, "application/json", tt.body, tt.sign, tt.at, tt.header)
			if resp.StatusCode != tt.want {
				t.Errorf("%s %s: status %d; want %d", tt.name, path, resp.StatusCode, tt.want)
			}
		}
	}
	if resp, _ := bot.Client().Get(bot.URL + "/slack/events"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /slack/events: status %d; want 405", resp.StatusCode)
	}
	f.none(t, a)
}

// TestNoteTextCannotPing renders notes that try to ping everyone.
func TestNoteTextCannotPing(t *testing.T) {
	r := answer.Reply{Command: "ask", Talks: []answer.TalkResult{{
		Title: "<!channel> & co", Speakers: []string{"<@U123>"}, Event: "Conf <!here>",
		Snippets: []answer.Snippet{{Text: "ping <!everyone> and <@U999|bob> & <https://evil|click>", Citation: answer.Citation{
			Talk: "<!channel> & co", Speakers: []string{"<@U123>"}, Event: "Conf <!here>", File: "a<b>.md", Line: 3, URL: "https://x.org/a|<!channel>"}}},
	}}}.WithActions(answer.Request{Command: "ask", Arg: "ping"})
	m := render(r, renderOptions{share: true})
	b, err := json.Marshal(m.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	all := string(b) + m.Text
	for _, bad := range []string{"<!", "<@", "<https://evil"} {
		if strings.Contains(all, bad) || strings.Contains(all, strings.ReplaceAll(bad, "<", `\u003c`)) {
			t.Errorf("rendered reply holds %q: %s", bad, all)
		}
	}
}

func TestResponseURLMustBeSlack(t *testing.T) {
	a := New(defaultEngine(t), nil, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{ResponseHosts: []string{"127.0.0.1:9"}})
	for raw, want := range map[string]bool{
		"https://hooks.slack.com/commands/T1/1/abc": true,
		"https://slack.com/x":                       true,
		"http://hooks.slack.com/commands":           false,
		"https://hooks.slack.com.evil.org/x":        false,
		"https://10.0.0.1/x":                        false,
		"http://127.0.0.1:9/r":                      true,
		"":                                          false,
	} {
		if got := a.responseURLAllowed(raw); got != want {
			t.Errorf("responseURLAllowed(%q) = %v; want %v", raw, got, want)
		}
	}
}

// TestHostileCommands sends every hostile question as a slash command:
// each is answered with 200 and a message, with no live mention in it.
func TestHostileCommands(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	for _, tc := range hostile.Questions {
		t.Run(tc.Name, func(t *testing.T) {
			resp := command(t, bot, f, tc.Q)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			body := readJSON(t, resp)
			text := fmt.Sprint(body["text"]) + renderedText(body["blocks"])
			if strings.TrimSpace(text) == "" {
				t.Fatalf("empty reply: %v", body)
			}
			for _, bad := range []string{"<!", "<@", "<#"} {
				if strings.Contains(text, bad) {
					t.Errorf("reply holds %q: %s", bad, text)
				}
			}
		})
	}
}

// TestSlackEscapesDecoded: Slack sends "&", "<" and ">" typed by a user as
// "&amp;", "&lt;" and "&gt;"; the question is read as typed.
func TestSlackEscapesDecoded(t *testing.T) {
	_, f, bot := newTestAdapter(t, defaultEngine(t))
	var body struct {
		Blocks []struct {
			Elements []struct {
				ActionID string `json:"action_id"`
				Value    string `json:"value"`
			} `json:"elements"`
		} `json:"blocks"`
	}
	if err := json.NewDecoder(command(t, bot, f, "uvloop &amp; asyncio &lt;3").Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	var share answer.Request
	for _, b := range body.Blocks {
		for _, el := range b.Elements {
			if el.ActionID == actionShare {
				var err error
				if share, err = parseButtonValue(el.Value); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if share.Arg != "uvloop & asyncio <3" {
		t.Errorf("share button carries %+v; want the question as typed", share)
	}
}

// TestMessageSubtypesAnswered: a DM with a file attached and a thread
// reply also sent to the channel are questions; edits are not (see
// TestBotsAreIgnored).
func TestMessageSubtypesAnswered(t *testing.T) {
	for _, subtype := range []string{"file_share", "thread_broadcast"} {
		t.Run(subtype, func(t *testing.T) {
			_, f, bot := newTestAdapter(t, defaultEngine(t))
			inner := fmt.Sprintf(`{"type":"message","subtype":%q,"channel_type":"im","user":"U1","text":"kubernets","ts":"1700000002.000300","channel":"D1"}`, subtype)
			send(t, bot, "/slack/events", "application/json", eventBody("EvSub"+subtype, inner), true, time.Now(), nil)
			if got := f.wait(t, 1)[0]; !strings.Contains(got.Blocks, "Kubernetes For Pythonistas") {
				t.Errorf("%s answered with %+v", subtype, got)
			}
		})
	}
}

// TestUnknownEventAcknowledged: a signed callback with an event type
// slack-go does not know gets 200 (Slack would retry anything else) and
// no answer.
func TestUnknownEventAcknowledged(t *testing.T) {
	a, f, bot := newTestAdapter(t, defaultEngine(t))
	inner := `{"type":"assistant_thread_context_changed_v9","user":"U1","ts":"1.9","channel":"C1"}`
	resp := send(t, bot, "/slack/events", "application/json", eventBody("EvNew", inner), true, time.Now(), nil)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status %d; want 200", resp.StatusCode)
	}
	f.none(t, a)
}
