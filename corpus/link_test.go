package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFindSameFindsTheFirstMatch: the talk findSame finds, gathering only
// candidates that can match, is the first one comparing every talk of the
// event finds, as talks are added and merged the way linkTalks does it.
func TestFindSameFindsTheFirstMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	words := []string{"talk", "talk", "talk", "python", "python", "async", "data", "rust", "gil", "web"}
	speakers := []string{"Ann Lee", "Anne Lee", "Bob Stone", "Cleo Park"}
	for round := range 200 {
		ev := &eventTalks{byWord: map[string][]int{}}
		for k := range 60 {
			var title []string
			for range 1 + rng.IntN(4) {
				title = append(title, words[rng.IntN(len(words))])
			}
			if rng.IntN(3) == 0 {
				title = append(title, fmt.Sprint(rng.IntN(30)))
			}
			tk := &Talk{Title: strings.Join(title, " "), Sources: []Source{{File: fmt.Sprint(k)}}}
			for range rng.IntN(3) {
				tk.Speakers = append(tk.Speakers, speakers[rng.IntN(len(speakers))])
			}
			ws := titleWordSet(tk.Title)
			got, want := ev.findSame(tk, ws), firstSame(ev, tk, ws)
			if got != want {
				t.Fatalf("round %d, talk %d %q %q: findSame = %d; comparing every talk gives %d", round, k, tk.Title, tk.Speakers, got, want)
			}
			if got >= 0 {
				ev.merge(got, tk)
			} else {
				ev.add(tk, ws)
			}
		}
	}
}

// firstSame is findSame comparing every talk of the event.
func firstSame(ev *eventTalks, t *Talk, words map[string]bool) int {
	for i, c := range ev.talks {
		if c.Slot != nil && t.Slot != nil {
			continue
		}
		overlap := len(c.Speakers) > 0 && len(t.Speakers) > 0
		if sameTitle(ev.words[i], words, overlap) && speakersCompatible(c.Speakers, t.Speakers) {
			return i
		}
	}
	return -1
}

// BenchmarkLinkTalksSharedWord links 5,000 talks of one event whose
// titles share a word ("Talk 1", "Talk 2", ...).
func BenchmarkLinkTalksSharedWord(b *testing.B) {
	drafts := make([]draft, 5000)
	for i := range drafts {
		drafts[i] = draft{talk: &Talk{Event: Event{Name: "Meetup"}, Title: fmt.Sprintf("Talk %d", i), Sources: []Source{{File: "a.md"}}}}
	}
	for b.Loop() {
		linkTalks(drafts)
	}
}
