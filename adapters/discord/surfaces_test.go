package discord

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/feedback"
)

// checkRegistration reads the body of the bulk overwrite of commands: /talk
// and the "Ask talkbot" message command, each for server and user
// installs, usable in servers, DMs with the bot and other DMs.
func checkRegistration(t *testing.T, body string) {
	t.Helper()
	var cmds []struct {
		Name             string `json:"name"`
		Type             int    `json:"type"`
		IntegrationTypes []int  `json:"integration_types"`
		Contexts         []int  `json:"contexts"`
		Options          []struct {
			Name string `json:"name"`
		} `json:"options"`
	}
	if err := json.Unmarshal([]byte(body), &cmds); err != nil {
		t.Fatalf("registration body: %v", err)
	}
	if len(cmds) != 2 {
		t.Fatalf("%d commands registered; want /talk and the message command", len(cmds))
	}
	for _, c := range cmds {
		if !slices.Equal(c.IntegrationTypes, []int{0, 1}) || !slices.Equal(c.Contexts, []int{0, 1, 2}) {
			t.Errorf("%s: integration_types %v, contexts %v; want [0 1] and [0 1 2]", c.Name, c.IntegrationTypes, c.Contexts)
		}
	}
	if cmds[0].Name != "talk" || cmds[1].Name != askMessageCommand || cmds[1].Type != int(discordgo.MessageApplicationCommand) {
		t.Errorf("commands %+v", cmds)
	}
	if !slices.ContainsFunc(cmds[0].Options, func(o struct {
		Name string `json:"name"`
	}) bool {
		return o.Name == gapsCommand
	}) {
		t.Error("/talk has no gaps subcommand")
	}
}

func TestRegistrationBody(t *testing.T) {
	b, err := json.Marshal(Commands())
	if err != nil {
		t.Fatal(err)
	}
	checkRegistration(t, string(b))
}

// messageCommandJSON is a use of the "Ask talkbot" message command on a
// message with the given text.
func messageCommandJSON(text string) string {
	return fmt.Sprintf(`{"id":"9005","application_id":"42","type":2,"token":"itok","version":1,"channel_id":"C1","user":{"id":"U7"},"context":1,
		"data":{"id":"78","name":%q,"type":3,"target_id":"M77","resolved":{"messages":{"M77":{"id":"M77","channel_id":"C1","content":%q,"author":{"id":"U8"}}}}}}`, askMessageCommand, text)
}

func TestAskAboutMessage(t *testing.T) {
	r := testResponder(t)
	tests := []struct {
		name, text string
		want       string // in the embeds
	}{
		{"a question", "anyone know what beazley said about thread priorities?", "Embracing The GIL"},
		{"reads like a command", "show me what was said about uvloop", "uvloop"},
		{"no text", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := respond(t, r, messageCommandJSON(tt.text))
			checkLimits(t, resp)
			if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Error("answer about a message is not ephemeral")
			}
			b, _ := json.Marshal(resp.Data)
			if tt.want == "" {
				if !strings.Contains(resp.Data.Content, "no text") {
					t.Errorf("empty message answered %s", b)
				}
				return
			}
			if !strings.Contains(string(b), tt.want) {
				t.Errorf("answer lacks %q: %s", tt.want, b)
			}
		})
	}
}

func TestGapsCommandForAdminsOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.jsonl")
	line, _ := json.Marshal(feedback.Entry{Time: time.Now().Add(-time.Hour), Kind: feedback.KindUnanswered, Adapter: "discord", Command: "ask", Question: "@everyone deploy erlang"})
	os.WriteFile(path, append(line, '\n'), 0o600)
	r := testResponder(t)
	r.ShowGaps(feedback.FileSource(path), []string{"U1"})
	for _, tt := range []struct {
		name, raw, want string
	}{
		{"admin", commandJSON("gaps", "since", "3d", false), "1× deploy erlang (1 unanswered)"},
		{"admin, no since", commandJSON("gaps", "", "", false), "last 7d"},
		{"not an admin", strings.Replace(commandJSON("gaps", "", "", false), `"id":"U1"`, `"id":"U2"`, 1), "Only the bot's admins"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := respond(t, r, tt.raw)
			if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, tt.want) {
				t.Errorf("gaps answered %+v; want %q, ephemeral", resp.Data, tt.want)
			}
			if strings.Contains(resp.Data.Content, "@everyone") && !strings.Contains(resp.Data.Content, "@\u200beveryone") {
				t.Errorf("a note of the log can ping: %q", resp.Data.Content)
			}
		})
	}
}

// TestLongestReplyWithinLimits renders the fullest reply there can be:
// every suggestion, More, Share and the votes, long titles, arguments and
// snippets.
func TestLongestReplyWithinLimits(t *testing.T) {
	long := strings.Repeat("a very long question about everything ", 20)
	r := answer.Reply{Command: "ask", Query: long, More: true}
	for i := range 10 {
		tr := answer.TalkResult{Title: strings.Repeat("Title ", 60) + fmt.Sprint(i), Speakers: []string{strings.Repeat("Speaker ", 40)}, Event: strings.Repeat("Event ", 60)}
		for j := range 5 {
			tr.Snippets = append(tr.Snippets, answer.Snippet{Text: strings.Repeat("note ", 400) + fmt.Sprint(j), Citation: answer.Citation{File: strings.Repeat("f/", 100) + "x.md", Line: j + 1}})
		}
		r.Talks = append(r.Talks, tr)
	}
	for i := range 8 {
		r.Suggestions = append(r.Suggestions, fmt.Sprintf("show %s %d", long, i))
	}
	d := render(r.WithActions(answer.Request{Command: "ask", Arg: long}), renderOptions{share: true, more: true})
	checkLimits(t, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d})
	if len(d.Components) != 2 {
		t.Errorf("%d rows; want the actions and the votes", len(d.Components))
	}
}

func TestGapsReplyGolden(t *testing.T) {
	r := testResponder(t)
	last := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	r.ShowGaps(func(time.Duration, int) ([]feedback.Gap, error) {
		return []feedback.Gap{
			{Key: []string{"deploy", "django"}, Count: 7, Unanswered: 5, Down: 2, Example: "how do I deploy django? @here", Last: last},
			{Key: []string{"async", "rust"}, Count: 2, Unanswered: 2, Example: "rust async?", Last: last},
		}, nil
	}, []string{"U1"})
	renderGolden(t, r, []struct{ name, raw string }{{"gaps", commandJSON("gaps", "since", "30d", false)}})
}

// TestBeforeTheNotesLoad: the endpoints serve while the notes load (the
// server starts first): autocomplete offers nothing, a question is told
// to wait, nothing panics.
func TestBeforeTheNotesLoad(t *testing.T) {
	r := NewResponder(answer.New(nil), quietLog(), 0)
	if resp := respond(t, r, commandJSON("show", "title", "gil", true)); resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(resp.Data.Choices) != 0 {
		t.Errorf("autocomplete while loading: %+v", resp)
	}
	resp := respond(t, r, commandJSON("ask", "question", "gil", false))
	b, _ := json.Marshal(resp.Data)
	if !strings.Contains(string(b), "still loading") {
		t.Errorf("question while loading answered %s", b)
	}
	if resp := respond(t, r, messageCommandJSON("gil?")); resp.Data == nil {
		t.Error("message command while loading: no reply")
	}
}
