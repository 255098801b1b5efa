package answer

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/talkbot/talkbot/corpus"
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

// TestOverviewMadeOncePerIndex: a home page's overview is made once for an
// index and number of examples, again after a swap, and not kept when
// its making was cancelled.
func TestOverviewMadeOncePerIndex(t *testing.T) {
	ix := defaultEngine(t).Index()
	e := New(ix)
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	e.Overview(cancelled, 4)
	if e.overview.Load() != nil {
		t.Fatal("a cancelled overview was kept")
	}
	first := e.Overview(t.Context(), 4)
	made := e.overview.Load()
	if again := e.Overview(t.Context(), 4); e.overview.Load() != made || !reflect.DeepEqual(again, first) {
		t.Fatal("the overview was made again for the same index")
	}
	if three := e.Overview(t.Context(), 3); len(three.Examples) != 3 || e.overview.Load() == made {
		t.Fatalf("an overview of 3 examples gave %d", len(three.Examples))
	}
	c, err := corpus.Load(fstest.MapFS{"meetup-2024/caching.md": {Data: []byte("# Caching at Scale\n\n**Speaker:** Sam Lee\n\n- Redis clusters need sharding keys\n")}})
	if err != nil {
		t.Fatal(err)
	}
	e.Swap(NewIndex(c))
	if got := e.Overview(t.Context(), 4); got.Talks != 1 || got.Talks == first.Talks {
		t.Fatalf("after a swap the overview counts %d talks; want the new notes' 1", got.Talks)
	}
}
