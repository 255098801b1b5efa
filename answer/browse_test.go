package answer

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/talkbot/talkbot/corpus"
)

// TestPageTalks: joining speakers' talks a page at a time gives the page
// and the "more" that joining them all would.
func TestPageTalks(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for round := range 2000 {
		lists := make([][]uint32, rng.IntN(6))
		for i := range lists {
			lists[i] = make([]uint32, rng.IntN(12))
			for j := range lists[i] {
				lists[i][j] = uint32(rng.IntN(20)) // shared talks: co-speakers
			}
		}
		var all []uint32
		for _, l := range lists {
			for _, tk := range l {
				if !slices.Contains(all, tk) {
					all = append(all, tk)
				}
			}
		}
		opts := Options{Limit: rng.IntN(4), offset: rng.IntN(15)}
		got := pageTalks(lists, opts)
		start, end := min(opts.offset, len(all)), min(opts.offset+opts.limit(), len(all))
		if len(got) < end || !slices.Equal(got[start:end], all[start:end]) {
			t.Fatalf("round %d: pageTalks(%v, offset %d limit %d) = %v; want page %v of %v", round, lists, opts.offset, opts.limit(), got, all[start:end], all)
		}
		if more, wantMore := len(got) > opts.offset+opts.limit(), len(all) > opts.offset+opts.limit(); more != wantMore {
			t.Fatalf("round %d: pageTalks(%v, offset %d limit %d) = %v tells more %v; want %v (all %v)", round, lists, opts.offset, opts.limit(), got, more, wantMore, all)
		}
		if len(got) > opts.offset+opts.limit()+1 {
			t.Fatalf("round %d: pageTalks gathered %d talks for a page ending at %d", round, len(got), opts.offset+opts.limit())
		}
	}
}

// TestQuestionsAboutNothing: a question naming no topic ("what talks are
// there?") says what the notes hold, largest events first, at most
// briefEvents of them, and how to ask.
func TestQuestionsAboutNothing(t *testing.T) {
	files := fstest.MapFS{}
	topics := strings.Fields("caching tracing logging packaging profiling testing typing")
	for i := range 7 {
		for k := range i + 1 {
			files[fmt.Sprintf("devconf-20%02d/talk-%d.md", 10+i, k)] = &fstest.MapFile{Data: fmt.Appendf(nil, "# Practical %s\n\n- Note line about %[1]s\n", topics[k])}
		}
	}
	c, err := corpus.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	seven := New(NewIndex(c))
	tests := []struct {
		e    *Engine
		q    string
		want string
	}{
		{defaultEngine(t), "what talks are there?", "The notes hold 69 talks of 5 events: PyCodeConf 2011 (19), PyBay 2016 (16), PyCon US 2012 (14), PyCon US 2017 (12), EuroPython 2016 (8). Ask about a talk, a speaker or a topic, for example: " + exampleQuestion},
		{defaultEngine(t), "hi", "The notes hold 69 talks of 5 events"},
		{seven, "list all talks", "The notes hold 28 talks of 7 events: DevConf 2016 (7), DevConf 2015 (6), DevConf 2014 (5), DevConf 2013 (4), DevConf 2012 (3) and 2 more. Ask about"},
	}
	for _, tt := range tests {
		r := tt.e.Ask(t.Context(), tt.q, Options{})
		if !strings.HasPrefix(r.Notice, tt.want) || len(r.Talks) > 0 {
			t.Errorf("Ask(%q) = %q with %d talks; want %q…", tt.q, r.Notice, len(r.Talks), tt.want)
		}
	}
}
