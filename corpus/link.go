package corpus

import (
	"slices"
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// linkTalks joins drafts of the same talk from several files (same event,
// much the same title, no conflicting speakers) into one talk with several
// sources, and returns the talks in load order.
func linkTalks(drafts []draft) []*Talk {
	var talks []*Talk
	byEvent := map[string]*eventTalks{}
	for _, d := range drafts {
		t := d.talk
		key := strings.ToLower(t.Event.String())
		ev := byEvent[key]
		if ev == nil {
			ev = newEventTalks()
			byEvent[key] = ev
		}
		words := titleWordSet(t.Title)
		if i := ev.findSame(t, words); i >= 0 {
			ev.merge(i, t)
			continue
		}
		ev.add(t, words)
		talks = append(talks, t)
	}
	return talks
}

// eventTalks are the talks of one event so far, found by title word: two
// titles naming one talk share a word.
type eventTalks struct {
	talks  []*Talk
	words  []map[string]bool
	byWord map[string][]int
	// The talks no schedule lists, by title word: all a schedule's talk
	// may be another note of, where a schedule lists thousands.
	notesByWord map[string][]int
}

func newEventTalks() *eventTalks {
	return &eventTalks{byWord: map[string][]int{}, notesByWord: map[string][]int{}}
}

func (ev *eventTalks) add(t *Talk, words map[string]bool) {
	i := len(ev.talks)
	ev.talks = append(ev.talks, t)
	ev.words = append(ev.words, words)
	for w := range words {
		ev.byWord[w] = append(ev.byWord[w], i)
		if t.Slot == nil {
			ev.notesByWord[w] = append(ev.notesByWord[w], i)
		}
	}
}

// merge adds t to talk i, whose title may change.
func (ev *eventTalks) merge(i int, t *Talk) {
	same := ev.talks[i]
	title := same.Title
	merge(same, t)
	if same.Title != title {
		old := ev.words[i]
		ev.words[i] = titleWordSet(same.Title)
		for w := range ev.words[i] {
			if old[w] { // listed already
				continue
			}
			if list := ev.byWord[w]; !slices.Contains(list, i) {
				ev.byWord[w] = append(list, i)
			}
			if list := ev.notesByWord[w]; same.Slot == nil && !slices.Contains(list, i) {
				ev.notesByWord[w] = append(list, i)
			}
		}
	}
}

// findSame returns the first talk, in load order, that t is another note
// of, or -1. A talk's shared title words are counted as its candidates are
// gathered: that count bounds what sameTitle finds, so that most
// candidates are passed over without comparing their titles or speakers.
//
// A title of two words or more only matches one sharing two of them
// (titlesMayMatch), so one in the longest list alone is none: that list,
// a word most of the event's titles hold ("Talk 1", "Talk 2", ...), is
// not gathered, and a load stays linear in its talks.
//
// A schedule's talk is looked for among the talks no schedule lists only.
func (ev *eventTalks) findSame(t *Talk, words map[string]bool) int {
	byWord := ev.byWord
	if t.Slot != nil {
		byWord = ev.notesByWord
	}
	longest := ""
	if len(words) >= 2 {
		for w := range words {
			if n := len(byWord[w]); n > len(byWord[longest]) || n == len(byWord[longest]) && w < longest {
				longest = w
			}
		}
	}
	shared := map[int]int{} // candidate -> its lists among words' (at least its common words)
	var cands []int
	for w := range words {
		if w == longest {
			continue
		}
		for _, i := range byWord[w] {
			if shared[i] == 0 {
				cands = append(cands, i)
			}
			shared[i]++
		}
	}
	slices.Sort(cands)
	for _, i := range cands {
		if ev.words[i][longest] {
			shared[i]++
		}
		c := ev.talks[i]
		if c.Slot != nil && t.Slot != nil {
			continue // two events of a schedule are two talks, however alike
		}
		overlap := len(c.Speakers) > 0 && len(t.Speakers) > 0
		if !titlesMayMatch(len(ev.words[i]), len(words), shared[i], overlap) ||
			!sameTitle(ev.words[i], words, overlap) || !speakersCompatible(c.Speakers, t.Speakers) {
			continue
		}
		return i
	}
	return -1
}

// sameTitle decides whether two titles name one talk: most words shared,
// or one title's words all within the other's; less is needed when the
// speakers agree.
func sameTitle(a, b map[string]bool, speakersAgree bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	common := 0
	for w := range a {
		if b[w] {
			common++
		}
	}
	return titlesMayMatch(len(a), len(b), common, speakersAgree)
}

// titlesMayMatch is sameTitle's decision for titles of na and nb words
// sharing common of them; the more they share, the likelier it is.
func titlesMayMatch(na, nb, common int, speakersAgree bool) bool {
	if na == 0 || nb == 0 {
		return false
	}
	common = min(common, na, nb)
	union := na + nb - common
	small := min(na, nb)
	switch {
	case common == small && (small >= 2 || na == nb):
		return true
	case small >= 2 && 2*common >= union:
		return true
	case speakersAgree && 4*common >= union && common >= 2:
		return true
	}
	return false
}

func titleWordSet(title string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if english.IsStopWord(w) {
			continue
		}
		set[english.Stem(w, false)] = true
	}
	return set
}

// speakersCompatible reports whether two speaker lists can be the same
// people: either is empty or they share a name (a letter of spelling apart).
func speakersCompatible(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			if sameName(x, y) {
				return true
			}
		}
	}
	return false
}

func sameName(a, b string) bool {
	fa, fb := strings.Fields(strings.ToLower(a)), strings.Fields(strings.ToLower(b))
	if len(fa) == 0 || len(fb) == 0 {
		return false
	}
	if fa[0][0] != fb[0][0] {
		return false
	}
	return editDistance(fa[len(fa)-1], fb[len(fb)-1]) <= 1
}

// editDistance is the Levenshtein distance of two short strings.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// merge adds the notes of b to a.
func merge(a, b *Talk) {
	switch {
	case a.Slot == nil && b.Slot != nil:
		// The schedule has the talk's title as given, and its slot.
		a.Title, a.Slot = b.Title, b.Slot
	case a.Slot == nil && titleScore(b.Title) > titleScore(a.Title):
		a.Title = b.Title
	}
	for _, s := range b.Speakers {
		dup := false
		for _, x := range a.Speakers {
			if sameName(x, s) {
				dup = true
			}
		}
		if !dup {
			a.Speakers = append(a.Speakers, s)
		}
	}
	a.Sources = append(a.Sources, b.Sources...)
	if len(b.Sections) > 0 {
		have := make(map[string]bool, len(a.Sections)+len(b.Sections))
		for _, s := range a.Sections {
			have[s] = true
		}
		for _, s := range b.Sections {
			if !have[s] {
				have[s] = true
				a.Sections = append(a.Sections, s)
			}
		}
	}
	a.expand() // talks read after the dictionary was made come coded
	b.expand()
	off := len(a.bullets)
	for _, bl := range b.bullets {
		if bl.Parent >= 0 {
			bl.Parent += off
		}
		a.bullets = append(a.bullets, bl)
	}
}

// titleScore prefers titles written in title case over lower-case notes.
func titleScore(t string) int {
	score := 0
	for _, w := range strings.Fields(t) {
		if r := []rune(w); unicode.IsUpper(r[0]) {
			score++
		}
	}
	return score
}
