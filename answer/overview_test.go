package answer

import (
	"strings"
	"testing"
)

func TestOverview(t *testing.T) {
	e := defaultEngine(t)
	o := e.Overview(t.Context(), 4)
	if o.Talks == 0 || len(o.Events) != 5 {
		t.Fatalf("overview of the embedded notes: %d talks, %d events; want 5 events", o.Talks, len(o.Events))
	}
	sum := 0
	for i, ev := range o.Events {
		sum += ev.Talks
		if i > 0 && ev.Talks > o.Events[i-1].Talks {
			t.Errorf("events not by talk count: %v", o.Events)
		}
	}
	if sum != o.Talks {
		t.Errorf("event counts add up to %d, talks %d", sum, o.Talks)
	}
	if len(o.Examples) != 4 {
		t.Fatalf("%d examples, want 4: %+v", len(o.Examples), o.Examples)
	}
	seen := map[string]bool{}
	for _, ex := range o.Examples {
		if !strings.HasPrefix(ex.Question, "What did ") || seen[ex.Question] || ex.Title == "" {
			t.Errorf("example %+v", ex)
		}
		seen[ex.Question] = true
		if r := e.Ask(t.Context(), ex.Question, Options{}); len(r.Talks) == 0 {
			t.Errorf("example %q is not answered", ex.Question)
		}
	}
	if got := New(nil).Overview(t.Context(), 4); got.Talks != 0 || len(got.Examples) != 0 {
		t.Errorf("overview before loading: %+v", got)
	}
}
