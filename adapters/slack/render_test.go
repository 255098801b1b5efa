package slack

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/internal/golden"
	"github.com/talkbot/talkbot/internal/testengine"
)

// TestRenderGolden renders representative replies to Block Kit, as Slack
// receives them.
func TestRenderGolden(t *testing.T) {
	e := testengine.NewFrozen(t) // replies frozen: the goldens move with rendering only
	tests := []renderCase{
		{"results", "what did beazley say about thread priorities", 0, renderOptions{share: true, more: true}},
		{"no-result", "kubernetis deploymnt", 0, renderOptions{share: true, more: true}},
		{"show-long", "show the future of collaboration", 0, renderOptions{share: true, more: true}},
		{"paging", "event pycodeconf 2011", 5, renderOptions{share: true, more: true}},
		{"shared", "uvloop", 0, renderOptions{}},
		{"help", "help", 0, renderOptions{share: true, more: true}},
	}
	renderGolden(t, e, tests)
}

// TestRenderScheduleGolden renders scheduled talks with their day, time,
// zone and room.
func TestRenderScheduleGolden(t *testing.T) {
	e := testengine.NewFrozen(t)
	renderGolden(t, e, []renderCase{
		{"when", "when secured grid enabled policy", 0, renderOptions{share: true, more: true}},
		{"now", "now", 0, renderOptions{share: true, more: true}},
	})
}

type renderCase struct {
	name, command string
	offset        int
	opts          renderOptions
}

func renderGolden(t *testing.T, e answer.Handler, tests []renderCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := answer.Parse(tt.command)
			req.Offset = tt.offset
			r := e.Handle(t.Context(), req, answer.Options{})
			m := render(r, tt.opts)
			checkLimits(t, m)
			b, err := json.MarshalIndent(map[string]any{"text": m.Text, "blocks": m.Blocks}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tt.name+".golden.json", string(b)+"\n")
		})
	}
}

// checkLimits asserts Slack's limits on a message.
func checkLimits(t *testing.T, m message) {
	t.Helper()
	if len(m.Blocks) > maxBlocks {
		t.Errorf("%d blocks; Slack takes %d", len(m.Blocks), maxBlocks)
	}
	for _, b := range m.Blocks {
		switch b := b.(type) {
		case *slack.SectionBlock:
			if n := utf8.RuneCountInString(b.Text.Text); n > maxSectionText {
				t.Errorf("section of %d characters", n)
			}
		case *slack.ActionBlock:
			for _, el := range b.Elements.ElementSet {
				btn := el.(*slack.ButtonBlockElement)
				if utf8.RuneCountInString(btn.Text.Text) > maxButtonText || len(btn.Value) > maxButtonValue {
					t.Errorf("button %q too long", btn.Text.Text)
				}
			}
		}
	}
}

func TestLongTextsAreCut(t *testing.T) {
	long := strings.Repeat("a very long note line & more ", 300)
	var snippets []answer.Snippet
	for range 80 {
		snippets = append(snippets, answer.Snippet{Text: long, Citation: answer.Citation{Talk: "T", File: "f.md", Line: 1}})
	}
	r := answer.Reply{Command: "show", Talks: []answer.TalkResult{{Title: "T", Snippets: snippets}}, Suggestions: []string{strings.Repeat("suggestion ", 30)}}.
		WithActions(answer.Request{Command: "show", Arg: strings.Repeat("q", 5000)})
	m := render(r, renderOptions{share: true, more: true})
	checkLimits(t, m)
	last := m.Blocks[len(m.Blocks)-2]
	if c, ok := last.(*slack.ContextBlock); !ok || c.BlockID != "talk_truncated" {
		t.Errorf("a cut reply does not say so: %#v", last)
	}
	for _, b := range m.Blocks {
		if s, ok := b.(*slack.SectionBlock); ok && (!strings.HasSuffix(s.Text.Text, "…") || strings.HasSuffix(strings.TrimSuffix(s.Text.Text, "…"), "&amp")) {
			t.Errorf("a cut section ends %q", s.Text.Text[len(s.Text.Text)-10:])
		}
	}
}

func TestButtonValueRoundTrip(t *testing.T) {
	in := answer.Request{Command: "ask", Arg: `what "quotes" & <tags>`, Offset: 10}
	out, err := parseButtonValue(buttonValue(in))
	if err != nil || out != in {
		t.Errorf("parseButtonValue(value) = %+v, %v; want %+v", out, err, in)
	}
	if _, err := parseButtonValue("not json"); err == nil {
		t.Error("a broken value parsed")
	}
}

// TestButtonValueCutAfterEncoding: a question whose characters grow when
// JSON-encoded (quotes, backslashes, control characters) still fits a
// button value, and what is kept reads back; "&", "<" and ">" cost one
// byte each.
func TestButtonValueCutAfterEncoding(t *testing.T) {
	tests := []struct {
		name, arg string
	}{
		{"quotes", strings.Repeat(`"`, 3000)},
		{"backslashes", strings.Repeat(`\`, 3000)},
		{"control characters", strings.Repeat("\x01", 1500)},
		{"html characters", strings.Repeat("&<>", 700)},
		{"non-ASCII", strings.Repeat("é漢🙂", 700)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := button(actionShare, "Share", answer.Request{Command: "ask", Arg: tt.arg})
			if len(b.Value) > maxButtonValue {
				t.Fatalf("value of %d bytes; Slack takes %d", len(b.Value), maxButtonValue)
			}
			r, err := parseButtonValue(b.Value)
			if err != nil || r.Arg == "" || !strings.HasPrefix(tt.arg, strings.TrimSuffix(r.Arg, "…")) {
				t.Errorf("value %.40q… reads back as %.40q, %v", b.Value, r.Arg, err)
			}
		})
	}
	if v := buttonValue(answer.Request{Command: "ask", Arg: "a & b <c>"}); !strings.Contains(v, `"a & b <c>"`) {
		t.Errorf("value %s escapes & < >", v)
	}
}
