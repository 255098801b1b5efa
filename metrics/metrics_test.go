package metrics

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/feedback"
)

type stub struct{ talks int }

func (s stub) Handle(_ context.Context, r answer.Request, _ answer.Options) answer.Reply {
	return answer.Reply{Command: r.Command, Talks: make([]answer.TalkResult, s.talks)}
}
func (stub) Complete(answer.Field, string, int) []string { return nil }
func (stub) Overview(context.Context, int) answer.Overview {
	return answer.Overview{Talks: 1}
}

func TestInstrumentCounts(t *testing.T) {
	m := New("test")
	var logs strings.Builder
	log := slog.New(slog.NewTextHandler(&logs, nil))
	m.Instrument(stub{talks: 2}, "slack", log).Handle(t.Context(), answer.Request{Command: "ask", Arg: "secret question"}, answer.Options{})
	m.Instrument(stub{}, "discord", log).Handle(t.Context(), answer.Request{Command: "ask", Arg: "x"}, answer.Options{})
	if got := testutil.ToFloat64(m.Questions.WithLabelValues("slack", "ask", "answered")); got != 1 {
		t.Errorf("answered = %v; want 1", got)
	}
	if got := testutil.ToFloat64(m.Questions.WithLabelValues("discord", "ask", "no_result")); got != 1 {
		t.Errorf("no_result = %v; want 1", got)
	}
	if !strings.Contains(logs.String(), "adapter=slack command=ask") || strings.Contains(logs.String(), "secret question") {
		t.Errorf("log lines:\n%s", logs.String())
	}
}

// TestMetricsLint runs the checks of `promtool check metrics` (promlint)
// on everything the bot exposes.
func TestMetricsLint(t *testing.T) {
	m := New("test")
	m.Instrument(stub{talks: 1}, "console", slog.New(slog.NewTextHandler(io.Discard, nil))).Handle(t.Context(), answer.Request{Command: "ask"}, answer.Options{})
	m.Connected.WithLabelValues("slack").Set(1)
	m.Feedback.WithLabelValues("slack", "up").Inc()
	families, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	problems, err := promlint.NewWithMetricFamilies(families).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("promlint: %s: %s", p.Metric, p.Text)
	}
}

func TestOverviewPassesThrough(t *testing.T) {
	in := New("test").Instrument(stub{}, "slack", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if got := in.Overview(t.Context(), 4); got.Talks != 1 {
		t.Errorf("Overview = %+v; want the engine's", got)
	}
}

func TestUnansweredQuestionsRecorded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.jsonl")
	l, err := feedback.Open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	m := New("test")
	m.Gaps = feedback.NewRecorder(l)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	none := m.Instrument(stub{}, "slack", log)
	none.Handle(t.Context(), answer.Request{Command: "ask", Arg: "rust async"}, answer.Options{})
	none.Handle(t.Context(), answer.Request{Command: "ask", Arg: "rust async", Offset: 5}, answer.Options{}) // a page past the end
	none.Handle(t.Context(), answer.Request{Command: "speaker", Arg: "nobody"}, answer.Options{})
	m.Instrument(stub{talks: 1}, "slack", log).Handle(t.Context(), answer.Request{Command: "ask", Arg: "gil"}, answer.Options{})
	l.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], `"kind":"unanswered"`) || !strings.Contains(lines[0], `"question":"rust async"`) {
		t.Errorf("log:\n%s\nwant the one unanswered question", data)
	}
}
