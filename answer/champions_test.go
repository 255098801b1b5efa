package answer

import (
	"os"
	"testing"

	"github.com/talkbot/talkbot/internal/synth"
)

// TestChampionsAgreeWithFullScan measures what reading common words
// through their champions costs in answers: on a synthetic corpus large
// enough for hundreds of common terms, the best talk of most questions
// must be the one reading every posting finds.
func TestChampionsAgreeWithFullScan(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 30,000-bullet corpus")
	}
	dir, vocab := syntheticNotes(t, 11, 30_000)
	c := loadNotes(t, dir)
	fast, exact := New(newIndex(c, false)), New(newIndex(c, true))
	if len(fast.Index().common) < 100 {
		t.Fatalf("only %d common terms", len(fast.Index().common))
	}
	g := synth.NewGenerator(vocab, 12)
	for _, tt := range []struct {
		kind       string
		top1, top3 float64 // the least agreement allowed
	}{
		{"words", 0.8, 0.9},
		// Long chat questions: many common words, each read through its
		// champions.
		{"chat", 0.7, 0.8},
		// Words at an event: the common ones read through their
		// champions among the event's lines.
		{"event", 0.8, 0.9},
	} {
		answered, same1, in3 := 0, 0, 0
		for range 400 {
			q := g.Query()
			switch tt.kind {
			case "event":
				q += " at " + fast.Index().events[len(q)%len(fast.Index().events)].name
			case "chat":
				q = g.KindQuery(tt.kind)
			}
			want := exact.Ask(t.Context(), q, Options{})
			if len(want.Talks) == 0 {
				continue
			}
			answered++
			got := fast.Ask(t.Context(), q, Options{})
			if len(got.Talks) > 0 && got.Talks[0].Title == want.Talks[0].Title {
				same1++
			} else if os.Getenv("CHAMPIONS_VERBOSE") != "" {
				t.Logf("%q: exact %q %.2f (%d lines shown), champions %q %.2f", q, want.Talks[0].Title, want.Talks[0].Score, len(want.Talks[0].Snippets), first(got).Title, first(got).Score)
			}
			for _, r := range got.Talks[:min(3, len(got.Talks))] {
				if r.Title == want.Talks[0].Title {
					in3++
					break
				}
			}
		}
		top1, top3 := float64(same1)/float64(answered), float64(in3)/float64(answered)
		t.Logf("%s: %d answered questions: same best talk %.3f, exact best talk in top 3 %.3f", tt.kind, answered, top1, top3)
		if top1 < tt.top1 || top3 < tt.top3 {
			t.Errorf("%s: champions change too many answers: top-1 agreement %.3f (want ≥ %.1f), top-3 %.3f (want ≥ %.1f)", tt.kind, top1, tt.top1, top3, tt.top3)
		}
	}
}

func first(r Reply) TalkResult {
	if len(r.Talks) == 0 {
		return TalkResult{}
	}
	return r.Talks[0]
}
