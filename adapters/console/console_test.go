package console

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/internal/golden"
	"github.com/talkbot/talkbot/internal/testengine"
)

func defaultEngine(tb testing.TB) *answer.Engine { return testengine.Default(tb) }

// TestRenderGolden renders the replies to typical commands as a user sees
// them in the terminal.
func TestRenderGolden(t *testing.T) {
	tests := []struct{ name, command string }{
		{"ask-grok", "grok the gil"},
		{"ask-uvloop", "uvloop"},
		{"ask-beazley", "what did beazley say about thread priorities"},
		{"ask-none", "kubernetis deploymnt strategies for graphql"},
		{"show", "show the dictionary even mighter"},
		{"speaker", "speaker martelli"},
		{"event", "event europython"},
		{"help", "help"},
		{"help-show", "show"},
	}
	e := testengine.NewFrozen(t) // replies frozen: the goldens move with rendering only
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, e.Handle(t.Context(), answer.Parse(tt.command), answer.Options{})); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tt.name+".golden", buf.String())
		})
	}
}

// TestRenderScheduleGolden renders scheduled talks: their day, time, zone
// and room, from the schedule and the notes alike.
func TestRenderScheduleGolden(t *testing.T) {
	e := testengine.NewFrozen(t)
	for _, tt := range []struct{ name, command string }{
		{"when", "when secured grid enabled policy"},
		{"now", "now"},
		{"ask-scheduled", "what do stable functions need"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, e.Handle(t.Context(), answer.Parse(tt.command), answer.Options{})); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, tt.name+".golden", buf.String())
		})
	}
}

// TestConsoleSession types a short chat into the console.
func TestConsoleSession(t *testing.T) {
	in := strings.NewReader("kubernets\n\nevent pycodeconf 2011\nmore\nhelp\nquit\nnot read\n")
	var out bytes.Buffer
	if err := New(defaultEngine(t), in, &out, 5).Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"Kubernetes For Pythonistas",
		"1. Embrace the GIL", // first page of the event, its talks before notes on tools
		"6. ",                // "more" continues the numbering
		"show <talk title>",  // help
	} {
		if !strings.Contains(got, want) {
			t.Errorf("console output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "not read") {
		t.Error("the console read past quit")
	}
}

// panicky is an engine that fails.
type panicky struct{}

func (panicky) Handle(context.Context, answer.Request, answer.Options) answer.Reply {
	panic("boom")
}

func TestConsoleSurvivesPanics(t *testing.T) {
	var out bytes.Buffer
	err := New(panicky{}, strings.NewReader("gil\nquit\n"), &out, 5).Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "something went wrong") {
		t.Errorf("no error message after a panic:\n%s", out.String())
	}
}

// TestConsoleFollowUps: in the terminal, a message after an answer may
// build on it.
func TestConsoleFollowUps(t *testing.T) {
	var out bytes.Buffer
	in := strings.NewReader("what did beazley say about the gil\nwhat else did he say?\nquit\n")
	if err := New(defaultEngine(t), in, &out, 5).Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	answers := strings.Split(out.String(), "talkbot> ")
	// Asked on its own, the question names nobody.
	var alone bytes.Buffer
	if err := New(defaultEngine(t), strings.NewReader("what else did he say?\nquit\n"), &alone, 5).Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	fresh := strings.Split(alone.String(), "talkbot> ")[1]
	if len(answers) < 3 || !strings.Contains(answers[2], "Keynote: David Beazley") || !strings.Contains(answers[2], "Embracing The GIL") || answers[2] == fresh {
		t.Errorf("'what else did he say?' after a Beazley answer:\n%s\nasked alone:\n%s", answers[2], fresh)
	}
	if strings.Contains(fresh, "Keynote: David Beazley") {
		t.Errorf("asked alone, the follow-up still found Beazley:\n%s", fresh)
	}
}
