package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/internal/golden"
	"github.com/talkbot/talkbot/internal/hostile"
	"github.com/talkbot/talkbot/internal/testengine"
)

func defaultEngine(tb testing.TB) *answer.Engine { return testengine.Default(tb) }

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func testResponder(tb testing.TB) *Responder { return NewResponder(defaultEngine(tb), quietLog(), 0) }

// commandJSON is an application command interaction for /talk sub value.
func commandJSON(sub, option, value string, focused bool) string {
	typ := 2
	if focused {
		typ = 4
	}
	opts := "[]"
	if option != "" {
		opts = fmt.Sprintf(`[{"name":%q,"type":3,"value":%q,"focused":%t}]`, option, value, focused)
	}
	return fmt.Sprintf(`{"id":"9001","application_id":"42","type":%d,"token":"itok","version":1,"channel_id":"C1","guild_id":"G1","member":{"user":{"id":"U1","username":"ada"}},"data":{"id":"77","name":"talk","type":1,"options":[{"name":%q,"type":1,"options":%s}]}}`, typ, sub, opts)
}

func buttonJSON(customID string) string {
	return fmt.Sprintf(`{"id":"9002","application_id":"42","type":3,"token":"itok","version":1,"channel_id":"C1","message":{"id":"M1","channel_id":"C1","flags":64},"member":{"user":{"id":"U1"}},"data":{"custom_id":%q,"component_type":2}}`, customID)
}

func respond(t *testing.T, r *Responder, raw string) *discordgo.InteractionResponse {
	t.Helper()
	var i discordgo.Interaction
	if err := json.Unmarshal([]byte(raw), &i); err != nil {
		t.Fatal(err)
	}
	return r.Respond(t.Context(), &i)
}

// TestRenderGolden: embeds, components and autocomplete choices, as Discord
// receives them.
func TestRenderGolden(t *testing.T) {
	r := NewResponder(testengine.NewFrozen(t), quietLog(), 0) // replies frozen: the goldens move with rendering only
	tests := []struct{ name, raw string }{
		{"ask", commandJSON("ask", "question", "what did beazley say about thread priorities", false)},
		{"no-result", commandJSON("ask", "question", "kubernetis deploymnt", false)},
		{"show-long", commandJSON("show", "title", "the future of collaboration", false)},
		{"event-paging", commandJSON("event", "name", "pycodeconf 2011", false)},
		{"more", buttonJSON(customID(buttonMore, answer.Request{Command: "event", Arg: "pycodeconf 2011", Offset: 5}))},
		{"share", buttonJSON(customID(buttonShare, answer.Request{Command: "ask", Arg: "uvloop"}))},
		{"vote", buttonJSON(customID(buttonDown, answer.Request{Command: "ask", Arg: "uvloop"}))},
		{"ask-message", messageCommandJSON("what did beazley say about thread priorities")},
		{"gaps-refused", strings.Replace(commandJSON("gaps", "", "", false), `"id":"U1"`, `"id":"U2"`, 1)},
		{"help", commandJSON("help", "", "", false)},
		{"autocomplete-title", commandJSON("show", "title", "gil", true)},
		{"autocomplete-speaker", commandJSON("speaker", "name", "beaz", true)},
	}
	renderGolden(t, r, tests)
}

// TestRenderScheduleGolden: scheduled talks with their day, time, zone and
// room, and rooms offered as the user types.
func TestRenderScheduleGolden(t *testing.T) {
	renderGolden(t, NewResponder(testengine.NewFrozen(t), quietLog(), 0), []struct{ name, raw string }{
		{"when", commandJSON("when", "title", "secured grid enabled policy", false)},
		{"now", commandJSON("now", "", "", false)},
	})
	// Completion reads the schedule's rooms: the live engine over it.
	renderGolden(t, NewResponder(testengine.Schedule(t, "2020-12-14T09:10:00+01:00"), quietLog(), 0), []struct{ name, raw string }{
		{"autocomplete-room", commandJSON("room", "name", "gr", true)},
	})
}

func renderGolden(t *testing.T, r *Responder, tests []struct{ name, raw string }) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := respond(t, r, tt.raw)
			checkLimits(t, resp)
			raw, err := encodeResponse(resp)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := json.Indent(&b, raw, "", "  "); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tt.name+".golden.json", b.String()+"\n")
		})
	}
}

// checkLimits asserts Discord's limits on a response.
func checkLimits(t *testing.T, resp *discordgo.InteractionResponse) {
	t.Helper()
	d := resp.Data
	if d == nil {
		return
	}
	if len(d.Embeds) > maxEmbeds || len(d.Choices) > maxChoices {
		t.Errorf("%d embeds, %d choices", len(d.Embeds), len(d.Choices))
	}
	total := 0
	for _, e := range d.Embeds {
		total += embedSize(e)
		if len([]rune(e.Title)) > maxTitle || len([]rune(e.Description)) > maxDescription {
			t.Errorf("embed %q over the limits", e.Title)
		}
	}
	if total > maxEmbedsTotal {
		t.Errorf("embeds of %d characters in all", total)
	}
	for _, c := range d.Choices {
		if len([]rune(c.Name)) > maxChoiceLength || len([]rune(fmt.Sprint(c.Value))) > maxChoiceLength {
			t.Errorf("choice %q too long", c.Name)
		}
	}
	// At most 5 rows of at most 5 buttons (25 components), custom IDs
	// unique within the message and of at most 100 characters.
	if len(d.Components) > 5 {
		t.Errorf("%d component rows; Discord allows 5", len(d.Components))
	}
	ids := map[string]bool{}
	for _, row := range d.Components {
		buttons := row.(discordgo.ActionsRow).Components
		if len(buttons) > maxButtons {
			t.Errorf("a row of %d buttons; Discord allows %d", len(buttons), maxButtons)
		}
		for _, c := range buttons {
			b := c.(discordgo.Button)
			if len(b.CustomID) > maxCustomID {
				t.Errorf("custom id of %d bytes", len(b.CustomID))
			}
			if ids[b.CustomID] {
				t.Errorf("custom id %q used twice in one message", b.CustomID)
			}
			ids[b.CustomID] = true
		}
	}
	if d.AllowedMentions == nil && d.Choices == nil {
		t.Error("a message allows mentions")
	}
}

func TestCustomIDRoundTrip(t *testing.T) {
	for _, r := range []answer.Request{{Command: "ask", Arg: "uvloop", Offset: 0}, {Command: "event", Arg: "pycodeconf 2011", Offset: 15}, {Command: "ask", Arg: strings.Repeat("long words ", 30), Offset: 5}, {Command: "ask", Arg: "a:b:c", Offset: 1}} {
		id := customID(buttonMore, r)
		prefix, got, ok := parseCustomID(id)
		if !ok || prefix != buttonMore || len(id) > maxCustomID || got.Command != r.Command || got.Offset != r.Offset || !strings.HasPrefix(r.Arg, got.Arg) {
			t.Errorf("customID(%+v) = %q -> %+v, %v", r, id, got, ok)
		}
	}
	for _, bad := range []string{"", "talk", "talk:more:x:ask:q", "other:more:1:ask:q", "talk:more:-1:ask:q"} {
		if _, _, ok := parseCustomID(bad); ok {
			t.Errorf("parseCustomID(%q) accepted", bad)
		}
	}
}

func TestNoteTextCannotPing(t *testing.T) {
	r := answer.Reply{Command: "ask", Talks: []answer.TalkResult{{Title: "@everyone talk", Speakers: []string{"<@123>"},
		Snippets: []answer.Snippet{{Text: "hey @here and <@&456> and @everyone", Citation: answer.Citation{File: "f.md", Line: 1}}}}}}.
		WithActions(answer.Request{Command: "ask", Arg: "x"})
	d := render(r, renderOptions{share: true})
	b, _ := json.Marshal(d)
	for _, bad := range []string{"@everyone", "@here", "<@"} {
		if strings.Contains(string(b), bad) {
			t.Errorf("rendered reply holds %q: %s", bad, b)
		}
	}
	if !strings.Contains(string(b), `"allowed_mentions":{"parse":[]`) {
		t.Errorf("mentions are not turned off: %s", b)
	}
}

// TestPanicsAnswered: a panic in the engine becomes a short reply.
func TestPanicsAnswered(t *testing.T) {
	r := NewResponder(panicky{}, quietLog(), 0)
	resp := respond(t, r, commandJSON("ask", "question", "gil", false))
	if resp.Data == nil || !strings.Contains(resp.Data.Content, "something went wrong") {
		t.Errorf("response %+v", resp)
	}
}

// panicky is an engine that fails.
type panicky struct{}

func (panicky) Handle(context.Context, answer.Request, answer.Options) answer.Reply { panic("boom") }
func (panicky) Complete(answer.Field, string, int) []string                         { panic("boom") }

// keys is a test Ed25519 key pair.
var testPublic, testPrivate, _ = ed25519.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{7}, 64)))

func signed(t *testing.T, url, body string, at time.Time, key ed25519.PrivateKey) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(at.Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	if key != nil {
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, []byte(ts+body))))
	}
	return req
}

// TestHTTPInteractions drives the interactions endpoint over HTTP with
// requests signed by a test key.
func TestHTTPInteractions(t *testing.T) {
	srv := httptest.NewServer(Handler(testResponder(t), testPublic, quietLog()))
	defer srv.Close()
	url := srv.URL + "/discord/interactions"
	do := func(req *http.Request) (int, map[string]any) {
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&v)
		return resp.StatusCode, v
	}
	now := time.Now()
	tests := []struct {
		name     string
		body     string
		wantType float64
		want     string
	}{
		{"ping", `{"id":"1","application_id":"42","type":1,"token":"t","version":1}`, 1, ""},
		{"command", commandJSON("ask", "question", "uvloop", false), 4, "High Performance Networking in Python"},
		{"autocomplete", commandJSON("speaker", "name", "beaz", true), 8, "David Beazley"},
		{"button", buttonJSON(customID(buttonMore, answer.Request{Command: "event", Arg: "pycodeconf 2011", Offset: 5})), 7, "talk:more:10:event:pycodeconf 2011"},
		// A press on a message holding a component type discordgo does
		// not know (99) is answered, not refused.
		{"unknown component in the message", strings.Replace(buttonJSON(customID(buttonShare, answer.Request{Command: "ask", Arg: "uvloop"})), `"flags":64}`, `"flags":64,"components":[{"type":1,"components":[{"type":99,"custom_id":"x"}]}]}`, 1), 4, "uvloop"},
	}
	for _, tt := range tests {
		code, v := do(signed(t, url, tt.body, now, testPrivate))
		b, _ := json.Marshal(v)
		if code != http.StatusOK || v["type"] != tt.wantType || !strings.Contains(string(b), tt.want) {
			t.Errorf("%s: status %d, response %s", tt.name, code, b)
		}
	}

	_, otherKey, _ := ed25519.GenerateKey(bytes.NewReader(bytes.Repeat([]byte{9}, 64)))
	ping := `{"id":"1","application_id":"42","type":1,"token":"t","version":1}`
	refused := []struct {
		name string
		req  *http.Request
		want int
	}{
		{"forged", signed(t, url, ping, now, otherKey), http.StatusUnauthorized},
		{"unsigned", signed(t, url, ping, now, nil), http.StatusUnauthorized},
		{"stale", signed(t, url, ping, now.Add(-6*time.Minute), testPrivate), http.StatusUnauthorized},
		{"oversized", signed(t, url, ping+strings.Repeat(" ", MaxBodyBytes), now, testPrivate), http.StatusRequestEntityTooLarge},
	}
	for _, tt := range refused {
		if code, _ := do(tt.req); code != tt.want {
			t.Errorf("%s: status %d; want %d", tt.name, code, tt.want)
		}
	}
	// A signed body tampered with in transit.
	req := signed(t, url, ping, now, testPrivate)
	req.Body = io.NopCloser(strings.NewReader(strings.Replace(ping, `"type":1`, `"type":2`, 1)))
	if code, _ := do(req); code != http.StatusUnauthorized {
		t.Errorf("tampered: status %d; want 401", code)
	}
}

// TestHostileCommands sends every hostile question as /talk ask and as
// autocomplete input: each gets a message (or choices), mentions off and
// none live in it.
func TestHostileCommands(t *testing.T) {
	r := testResponder(t)
	for _, tc := range hostile.Questions {
		t.Run(tc.Name, func(t *testing.T) {
			for _, focused := range []bool{false, true} {
				raw, _ := json.Marshal(tc.Q)
				body := strings.Replace(commandJSON("ask", "question", "PLACEHOLDER", focused), `"PLACEHOLDER"`, string(raw), 1)
				resp := respond(t, r, body)
				if resp.Data == nil {
					t.Fatalf("no data in %+v", resp)
				}
				if !focused && (resp.Data.AllowedMentions == nil || len(resp.Data.AllowedMentions.Parse) != 0) {
					t.Errorf("mentions not turned off: %+v", resp.Data.AllowedMentions)
				}
				var buf strings.Builder
				enc := json.NewEncoder(&buf)
				enc.SetEscapeHTML(false)
				resp.Data.Components = nil
				enc.Encode(resp.Data)
				if !focused && len(resp.Data.Embeds) == 0 && strings.TrimSpace(resp.Data.Content) == "" {
					t.Errorf("empty reply: %s", buf.String())
				}
				for _, bad := range []string{"@everyone", "@here", "<@", "<#"} {
					if strings.Contains(buf.String(), bad) {
						t.Errorf("reply holds %q: %s", bad, buf.String())
					}
				}
			}
		})
	}
}

// TestWireShapes: responses are written as discord-api-types allows them:
// no null anywhere, autocomplete data holding only its choices ([] when
// nothing matches), a message updated in place clearing what it lacks.
func TestWireShapes(t *testing.T) {
	r := testResponder(t)
	tests := []struct {
		name, raw string
		wantKeys  []string // the keys of data, sorted
	}{
		{"autocomplete", commandJSON("speaker", "name", "beaz", true), []string{"choices"}},
		{"autocomplete with no match", commandJSON("speaker", "name", "zzzzqqq", true), []string{"choices"}},
		{"message", commandJSON("ask", "question", "uvloop", false), []string{"allowed_mentions", "components", "embeds", "flags"}},
		{"refusal", commandJSON("ask", "question", "which talk covered pyo3", false), []string{"allowed_mentions", "content", "flags"}},
		{"update in place", buttonJSON(customID(buttonMore, answer.Request{Command: "event", Arg: "pycodeconf 2011", Offset: 5})), []string{"allowed_mentions", "components", "content", "embeds"}},
		{"ping", `{"id":"1","application_id":"42","type":1,"token":"t","version":1}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := encodeResponse(respond(t, r, tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(raw, []byte("null")) {
				t.Errorf("response holds null: %s", raw)
			}
			var v struct {
				Data map[string]json.RawMessage `json:"data"`
			}
			if err := json.Unmarshal(raw, &v); err != nil {
				t.Fatal(err)
			}
			keys := slices.Sorted(maps.Keys(v.Data))
			if !slices.Equal(keys, tt.wantKeys) {
				t.Errorf("data keys %q; want %q in %s", keys, tt.wantKeys, raw)
			}
			if c, ok := v.Data["choices"]; ok && !bytes.HasPrefix(c, []byte("[")) {
				t.Errorf("choices %s; want an array", c)
			}
		})
	}
}
