package corpus

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestFindSameFindsTheFirstMatch: the talk findSame finds, gathering only
// candidates that can match, is the first one comparing every talk of the
// event finds, as talks (a third of them a schedule's) are added and
// merged the way linkTalks does it.
func TestFindSameFindsTheFirstMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	words := []string{"talk", "talk", "talk", "python", "python", "async", "data", "rust", "gil", "web"}
	speakers := []string{"Ann Lee", "Anne Lee", "Bob Stone", "Cleo Park"}
	for round := range 200 {
		ev := newEventTalks()
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
			if rng.IntN(3) == 0 { // a schedule's talk
				tk.Slot = &Slot{Room: fmt.Sprint(rng.IntN(3))}
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

// TestScheduleFindsRetitledNotes: notes whose title a better one replaced
// are found by a schedule's talk through the words of the new title.
func TestScheduleFindsRetitledNotes(t *testing.T) {
	ev := Event{Name: "PyCon", Year: 2024}
	talks := linkTalks([]draft{
		{talk: &Talk{Event: ev, Title: "async patterns", Speakers: []string{"Ann Lee"}, Sources: []Source{{File: "a.md"}}}},
		{talk: &Talk{Event: ev, Title: "Async Patterns With Python Generators", Speakers: []string{"Ann Lee"}, Sources: []Source{{File: "b.md"}}}},
		{talk: &Talk{Event: ev, Title: "Python Generators", Speakers: []string{"Ann Lee"}, Slot: &Slot{Room: "A"}, Sources: []Source{{File: "schedule.json"}}}},
	})
	if len(talks) != 1 || len(talks[0].Sources) != 3 || talks[0].Slot == nil {
		t.Fatalf("%d talks; want the notes and the schedule's talk as one", len(talks))
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

// manySections is the notes of one talk with n sections of a bullet each,
// every tenth heading a repeat of the first ("## Q&A").
func manySections(n int) string {
	var b strings.Builder
	b.WriteString("# One Long Talk\n\n")
	for i := range n {
		if i%10 == 9 {
			b.WriteString("## Q&A\n\n- asked again\n\n")
			continue
		}
		fmt.Fprintf(&b, "## Part %d\n\n- line %d\n\n", i, i)
	}
	return b.String()
}

// TestManySections: a talk's sections are listed once each, in the order
// they first come, in one file and across two files linked into one talk.
func TestManySections(t *testing.T) {
	text := manySections(200)
	var want []string
	for i := range 200 {
		if i%10 == 9 {
			if i == 9 {
				want = append(want, "Q&A")
			}
			continue
		}
		want = append(want, fmt.Sprintf("Part %d", i))
	}
	c, err := Load(fstest.MapFS{
		"meetup-2024/a.md": {Data: []byte(text)},
		"meetup-2024/b.md": {Data: []byte(text + "## Extra\n\n- one more\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Talks) != 1 {
		t.Fatalf("%d talks; want the two files linked into one", len(c.Talks))
	}
	if got := c.Talks[0].Sections; !slices.Equal(got, append(want, "Extra")) {
		t.Errorf("sections %q...; want %q...", got[:min(len(got), 12)], want[:12])
	}
}

// BenchmarkLoadManySections loads a talk of 20,000 sections.
func BenchmarkLoadManySections(b *testing.B) {
	fsys := fstest.MapFS{"meetup-2024/a.md": {Data: []byte(manySections(20_000))}}
	for b.Loop() {
		if _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLinkScheduleTalks links 5,000 talks of one schedule whose
// titles share two words ("Talk 1 about Rust", ...).
func BenchmarkLinkScheduleTalks(b *testing.B) {
	drafts := make([]draft, 5000)
	for i := range drafts {
		drafts[i] = draft{talk: &Talk{Event: Event{Name: "Meetup"}, Title: fmt.Sprintf("Talk %d about Rust", i), Slot: &Slot{}, Sources: []Source{{File: "schedule.json"}}}}
	}
	for b.Loop() {
		linkTalks(drafts)
	}
}
