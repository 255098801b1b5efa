package answer

import (
	"cmp"
	"context"
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"slices"
	"strconv"
	"strings"

	"github.com/talkbot/talkbot/corpus"
)

// Show answers with one talk's full notes, the title matched fuzzily.
// Other close titles come back as suggestions; when no title is close the
// text is asked as a question.
func (e *Engine) Show(ctx context.Context, title string, opts Options) Reply {
	ix := e.Index()
	title = clip.Bytes(strings.TrimSpace(cleanInput(title)), MaxQueryLen)
	r := Reply{Command: "show", Query: title, Offset: opts.offset}
	if opts.offset > 0 {
		return r // one talk: nothing after it
	}
	if t, ok := ix.talkAtEvent(title); ok {
		r.Talks = []TalkResult{ix.wholeTalk(ix.corpus.Talks[t])}
		return r
	}
	ms := ix.findNames(TitleField, title, nameLimit)
	if len(ms) == 0 || ms[0].rank > nearWords {
		return e.Ask(ctx, title, opts)
	}
	// Among equally good titles, the newest talk first.
	slices.SortStableFunc(ms, func(a, b nameMatch) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return ix.corpus.Talks[b.index].Event.Year - ix.corpus.Talks[a.index].Event.Year
	})
	talk := ix.corpus.Talks[ms[0].index]
	r.Talks = []TalkResult{ix.wholeTalk(talk)}
	for _, m := range ms[1:] {
		if m.rank > ms[0].rank || len(r.Suggestions) == 3 {
			break
		}
		other := ix.corpus.Talks[m.index]
		if strings.EqualFold(other.Title, talk.Title) {
			// Same title, another event: told apart by the event.
			r.Suggestions = append(r.Suggestions, "show "+other.Title+" ("+other.Event.String()+")")
			continue
		}
		r.Suggestions = append(r.Suggestions, "show "+m.text)
	}
	return r
}

// wholeTalk is a talk with all its lines.
func (ix *Index) wholeTalk(talk *corpus.Talk) TalkResult {
	tr := ix.talkHeader(talk)
	for i := range talk.NumBullets() {
		tr.Snippets = append(tr.Snippets, ix.snippet(talk, uint32(i), 0))
	}
	return tr
}

// talkAtEvent finds the talk a title with its event in parentheses names,
// as suggestions tell apart talks of one title: "Lightning Talks (PyCon US
// 2012)".
func (ix *Index) talkAtEvent(title string) (uint32, bool) {
	open := strings.LastIndexByte(title, '(')
	if open <= 0 || !strings.HasSuffix(title, ")") {
		return 0, false
	}
	name, event := strings.TrimSpace(title[:open]), strings.TrimSpace(title[open+1:len(title)-1])
	for _, m := range ix.findNames(TitleField, name, nameLimit) {
		if m.rank > exactName {
			break
		}
		if t := ix.corpus.Talks[m.index]; strings.EqualFold(t.Event.String(), event) {
			return uint32(m.index), true
		}
	}
	return 0, false
}

// Speaker lists the talks of the speakers whose names match name best.
func (e *Engine) Speaker(ctx context.Context, name string, opts Options) Reply {
	ix := e.Index()
	name = clip.Bytes(strings.TrimSpace(cleanInput(name)), MaxQueryLen)
	best := bestNames(ix.findNames(SpeakerField, name, nameLimit))
	if best == nil {
		r := e.Ask(ctx, name, opts)
		if len(r.Talks) == 0 {
			r.Notice = "No speaker by that name."
		}
		return r
	}
	lists := make([][]uint32, len(best))
	for k, i := range best {
		lists[k] = ix.speakers[i].talks
	}
	return ix.listTalks("speaker", name, pageTalks(lists, opts), opts)
}

// pageTalks joins lists of talks in order, each talk once, up to the end
// of the page opts asks for and one talk past it, which tells that more
// follow: a surname that thousands of talks share costs a page, not a
// comparison of every talk with every other.
func pageTalks(lists [][]uint32, opts Options) []uint32 {
	end := opts.offset + opts.limit()
	var talks []uint32
	seen := map[uint32]bool{}
	for _, l := range lists {
		for _, t := range l {
			if len(talks) > end {
				return talks
			}
			if !seen[t] {
				seen[t] = true
				talks = append(talks, t)
			}
		}
	}
	return talks
}

// Event lists the talks of the events whose names match name best.
func (e *Engine) Event(ctx context.Context, name string, opts Options) Reply {
	ix := e.Index()
	name = clip.Bytes(strings.TrimSpace(cleanInput(name)), MaxQueryLen)
	if _, _, events := ix.namedEvents(words(fold(name))); len(events) > 0 {
		return e.eventTalks(ix, events, name, opts)
	}
	events := bestNames(ix.findNames(EventField, name, nameLimit))
	if events == nil {
		r := e.Ask(ctx, name, opts)
		if len(r.Talks) == 0 {
			r.Notice = "No event by that name."
			r.Suggestions = nil
			for _, n := range ix.nearestEvents(name, maxSuggestions) {
				r.Suggestions = append(r.Suggestions, "event "+n)
			}
		}
		return r
	}
	return e.eventTalks(ix, events, name, opts)
}

// briefEvents is how many events notesInBrief names.
const briefEvents = 5

// notesInBrief says what the notes hold, for a question that asks about
// nothing ("what talks are there?"): "The notes hold 60 talks of 5 events:
// PyCon 2017 (20), EuroPython 2016 (12), …": the largest events first.
// It is made once per index.
func (ix *Index) notesInBrief() string {
	ix.briefOnce.Do(func() { ix.brief = ix.makeBrief() })
	return ix.brief
}

func (ix *Index) makeBrief() string {
	type count struct {
		name  string
		talks int
	}
	var events []count
	total := 0
	for _, ev := range ix.events {
		n := 0
		for _, t := range ev.talks {
			if !ix.corpus.Talks[t].Topic {
				n++
			}
		}
		if n > 0 {
			events = append(events, count{ev.name, n})
			total += n
		}
	}
	if len(events) == 0 {
		return ""
	}
	slices.SortFunc(events, func(a, b count) int { return cmp.Or(cmp.Compare(b.talks, a.talks), cmp.Compare(a.name, b.name)) })
	var b strings.Builder
	fmt.Fprintf(&b, "The notes hold %s of %s: ", plural(total, "talk"), plural(len(events), "event"))
	for i, ev := range events[:min(len(events), briefEvents)] {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (%d)", ev.name, ev.talks)
	}
	if len(events) > briefEvents {
		fmt.Fprintf(&b, " and %d more", len(events)-briefEvents)
	}
	b.WriteString(".")
	return b.String()
}

// plural counts n things: "1 talk", "2 talks".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

func (e *Engine) eventTalks(ix *Index, events []int, query string, opts Options) Reply {
	var talks []uint32
	for _, ev := range events {
		for _, t := range ix.events[ev].talks {
			if !ix.corpus.Talks[t].Topic { // notes on a tool are no talk of the event
				talks = append(talks, t)
			}
		}
	}
	return ix.listTalks("event", query, talks, opts)
}

// bestNames returns the indices of the best of ranked name matches, or nil
// when none is close enough to trust.
func bestNames(ms []nameMatch) []int {
	if len(ms) == 0 || ms[0].rank > nearWords {
		return nil
	}
	var out []int
	for _, m := range ms {
		if m.rank > ms[0].rank {
			break
		}
		out = append(out, m.index)
	}
	return out
}

// listTalks answers with talks in the given order, each with its opening
// note line.
func (ix *Index) listTalks(command, query string, talks []uint32, opts Options) Reply {
	r := Reply{Command: command, Query: query, Offset: opts.offset}
	start := min(opts.offset, len(talks))
	end := min(start+opts.limit(), len(talks))
	for _, t := range talks[start:end] {
		talk := ix.corpus.Talks[t]
		tr := ix.talkHeader(talk)
		for _, b := range openingBullets(talk, 1) {
			tr.Snippets = append(tr.Snippets, ix.snippet(talk, uint32(b), 0))
		}
		r.Talks = append(r.Talks, tr)
	}
	r.More = end < len(talks)
	return r
}

// openingBullets returns the first n top-level note lines of a talk that
// are about its content rather than its speakers or programme slot.
func openingBullets(t *corpus.Talk, n int) []int {
	var out []int
	for i := 0; i < t.NumBullets() && len(out) < n; i++ {
		if b := t.Place(i); b.Parent < 0 && (len(b.Section) == 0 || !isMetaSection(b.Section[len(b.Section)-1])) {
			out = append(out, i)
		}
	}
	if len(out) == 0 && t.NumBullets() > 0 {
		out = append(out, 0)
	}
	return out
}

// isMetaSection reports whether a section is about the talk rather than its
// content: its speakers, its track or level.
func isMetaSection(name string) bool {
	if corpus.IsSpeakerHeading(name) {
		return true
	}
	switch strings.ToLower(name) {
	case "track", "level", "audience", "bio", "biography", "about the speaker":
		return true
	}
	return false
}

// namedEvents finds the events a question names ("pycon 2012 talks",
// "europython uvloop"): a distinctive word of an event's name, and its
// year when the question gives one. It returns the talks of those events,
// the positions of the words that named them and the events.
func (ix *Index) namedEvents(ws []string) (filter map[uint32]bool, skip map[int]bool, events []int) {
	yearAt := -1
	year := 0
	for i, w := range ws {
		if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
			if y, err := strconv.Atoi(w); err == nil {
				yearAt, year = i, y
			}
		}
	}
	named := map[int][]int{} // event -> positions of its words
	for i, w := range ws {
		for _, ei := range ix.eventsByWord[w] {
			named[ei] = append(named[ei], i)
		}
	}
	if len(named) == 0 {
		return nil, nil, nil
	}
	skip = map[int]bool{}
	size := 0
	for ei := range named {
		if yearAt < 0 || ix.events[ei].year == year {
			size += len(ix.events[ei].talks)
		}
	}
	filter = make(map[uint32]bool, size) // grown at once: an event of a large corpus has thousands of talks
	for ei, pos := range named {
		if yearAt >= 0 && ix.events[ei].year != year {
			continue
		}
		events = append(events, ei)
		for _, p := range pos {
			skip[p] = true
		}
		for _, t := range ix.events[ei].talks {
			filter[t] = true
		}
	}
	if yearAt >= 0 {
		skip[yearAt] = true
	}
	if len(events) == 0 {
		// The question names an event at a year the notes do not cover.
		for _, pos := range named {
			for _, p := range pos {
				skip[p] = true
			}
		}
	}
	slices.Sort(events)
	return filter, skip, events
}

// indexEventWords maps each word that names an event to the events.
func (ix *Index) indexEventWords() {
	ix.eventsByWord = map[string][]int{}
	for ei, ev := range ix.events {
		for _, ew := range ev.words {
			if isStop(ew) || len(ew) < 3 || strconv.Itoa(ev.year) == ew || !ix.distinctive(ew) {
				continue
			}
			if list := ix.eventsByWord[ew]; len(list) == 0 || list[len(list)-1] != ei {
				ix.eventsByWord[ew] = append(list, ei)
			}
		}
	}
}

// distinctive reports whether an event word is rare enough in the notes to
// name the event when a question uses it: "europython" is, "python" is not.
func (ix *Index) distinctive(w string) bool {
	id, ok := ix.stemTerm(w)
	if !ok {
		return true
	}
	df := int(ix.text[id].count)
	return df <= max(5, len(ix.docs)/100)
}

// nearestEvents returns up to n event names nearest to what was typed, by
// the letter pairs they share (Dice's coefficient on the folded names):
// "pyohio" is nearer "PyCodeConf 2011" than "EuroPython 2016". A corpus has
// few events; each is compared.
func (ix *Index) nearestEvents(typed string, n int) []string {
	q := letterPairs(fold(typed))
	if len(q) == 0 {
		return nil
	}
	type scored struct {
		name  string
		score float64
	}
	var out []scored
	for _, name := range ix.eventNames {
		p := letterPairs(fold(name))
		shared := 0
		for pair := range q {
			if p[pair] {
				shared++
			}
		}
		if shared > 0 {
			out = append(out, scored{name, 2 * float64(shared) / float64(len(q)+len(p))})
		}
	}
	slices.SortStableFunc(out, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	var names []string
	for _, s := range out[:min(n, len(out))] {
		names = append(names, s.name)
	}
	return names
}

// letterPairs returns the pairs of neighbouring letters or digits in the
// words of s.
func letterPairs(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(s) {
		for i := 0; i+2 <= len(w); i++ {
			out[w[i:i+2]] = true
		}
	}
	return out
}
