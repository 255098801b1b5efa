package answer

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// timeKind is the time a question asks about, in the schedules' terms.
type timeKind int

const (
	noTime timeKind = iota
	onDay           // "tomorrow", "on saturday"
	onNow           // "now", "right now", "currently"
	upNext          // "what's next", "the next talk", "coming up", "later"
)

// timeWindow is the time a question names: the schedules' talks in it and
// the positions of the words that named it.
type timeWindow struct {
	kind  timeKind
	talks map[uint32]bool
	skip  map[int]bool
	day   string // "Mon 14 Dec", for onDay
}

// dayWords name a day relative to today.
var dayWords = map[string]int{"today": 0, "tomorrow": 1, "yesterday": -1}

// dayPart is a part of a day, in hours from its midnight.
type dayPart struct{ from, to int }

// dayParts name a part of a day: "this afternoon", "tomorrow morning",
// "tonight" (this evening).
var dayParts = map[string]dayPart{
	"morning": {0, 12}, "afternoon": {12, 18}, "evening": {18, 24}, "tonight": {18, 24},
}

// wholeDay is the part of a day a question names when it names none.
var wholeDay = dayPart{0, 24}

// partOfDay finds the part of a day a question names, and the positions of
// its words: a word of dayParts, or lunch after "after" or "before"; else
// wholeDay.
func partOfDay(ws []string) (dayPart, map[int]bool, bool) {
	for i, w := range ws {
		if p, ok := dayParts[w]; ok {
			skip := map[int]bool{i: true}
			if i > 0 && ws[i-1] == "this" {
				skip[i-1] = true
			}
			return p, skip, true
		}
		if w == "lunch" && i > 0 && (ws[i-1] == "after" || ws[i-1] == "before") {
			p := dayPart{13, 18}
			if ws[i-1] == "before" {
				p = dayPart{0, 12}
			}
			return p, map[int]bool{i - 1: true, i: true}, true
		}
	}
	return wholeDay, nil, false
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// nowWords ask what is on at the moment.
var nowWords = map[string]bool{"now": true, "currently": true}

// laterWords ask what comes next, wherever they stand.
var laterWords = map[string]bool{"upcoming": true, "later": true, "soon": true}

// nextBefore and nextAfter are the words around "next" that make it ask
// what comes next ("what's next", "next talk in janson") rather than
// name something ("the next decade", "next generation sequencing").
var (
	nextBefore = map[string]bool{"what": true, "whats": true, "s": true, "is": true, "on": true, "up": true, "comes": true, "coming": true}
	nextAfter  = map[string]bool{"in": true, "at": true, "on": true, "up": true, "talk": true, "talks": true, "session": true, "sessions": true, "room": true, "track": true}
)

// namedTime reads the time a question names, when schedules are loaded:
// a day ("talks about rust tomorrow", "on saturday", in the conference's
// zone; a weekday is the conference day of that name nearest on or after
// today, or the first), now (while the conference runs) or what comes next
// (while talks remain).
func (ix *Index) namedTime(ws []string, now time.Time) timeWindow {
	p := ix.programme()
	if len(p.talks) == 0 {
		return timeWindow{}
	}
	zone := ix.corpus.Talks[p.talks[0]].Slot.Start.Location()
	now = now.In(zone)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, zone)
	part, partSkip, hasPart := partOfDay(ws)
	window := func(date time.Time, at int) timeWindow { return ix.dayWindow(date, at, part, partSkip) }
	for i, w := range ws {
		if d, ok := dayWords[w]; ok {
			return window(today.AddDate(0, 0, d), i)
		}
		if wd, ok := weekdays[w]; ok {
			if date, ok := p.conferenceDay(ix, wd, today); ok {
				return window(date, i)
			}
			// No day of the schedules is a Saturday: none of their talks
			// is on it, which is not today's.
			return timeWindow{kind: onDay, talks: map[uint32]bool{}, skip: withWord(partSkip, i), day: p.missingDay(ix, wd)}
		}
		switch {
		case nowWords[w] && ix.conferenceRuns(now):
			skip := map[int]bool{i: true}
			if i > 0 && ws[i-1] == "right" {
				skip[i-1] = true // "right now"
			}
			return timeWindow{kind: onNow, talks: ix.onAt(now), skip: skip}
		case asksNext(ws, i):
			later := ix.talksAfter(now)
			if later == nil {
				continue // the conference is over: a word like another
			}
			skip := map[int]bool{i: true}
			if w == "coming" {
				skip[i+1] = true // "coming up"
			}
			return timeWindow{kind: upNext, talks: later, skip: skip}
		}
	}
	if hasPart {
		return window(today, -1) // "this afternoon"
	}
	return timeWindow{}
}

// asksNext reports whether the word at i asks what comes next.
func asksNext(ws []string, i int) bool {
	switch w := ws[i]; {
	case laterWords[w]:
		return true
	case w == "coming":
		return i+1 < len(ws) && ws[i+1] == "up"
	case w == "next":
		return i+1 == len(ws) || nextAfter[ws[i+1]] || i > 0 && nextBefore[ws[i-1]]
	}
	return false
}

// dayWindow holds the talks starting on date within part of it, named by
// the word at (none when at is negative) and the words at partSkip.
func (ix *Index) dayWindow(date time.Time, at int, part dayPart, partSkip map[int]bool) timeWindow {
	p := ix.programme()
	// By the clock, not by elapsed hours: a day may change its offset.
	from := time.Date(date.Year(), date.Month(), date.Day(), part.from, 0, 0, 0, date.Location())
	to := time.Date(date.Year(), date.Month(), date.Day(), part.to, 0, 0, 0, date.Location())
	talks := map[uint32]bool{}
	for _, t := range p.talks[p.startingFrom(ix, from):] {
		if !ix.corpus.Talks[t].Slot.Start.Before(to) {
			break
		}
		talks[t] = true
	}
	day := date.Format(dayFormat)
	if part != wholeDay {
		day += fmt.Sprintf(", %02d:00–%02d:00", part.from, part.to)
	}
	return timeWindow{kind: onDay, talks: talks, skip: withWord(partSkip, at), day: day}
}

// dayFormat names a day of a schedule: "Mon 14 Dec".
const dayFormat = "Mon 2 Jan"

// withWord returns the positions of the words that name a time: those of
// a part of the day and the word at (none when negative).
func withWord(partSkip map[int]bool, at int) map[int]bool {
	skip := maps.Clone(partSkip)
	if skip == nil {
		skip = map[int]bool{}
	}
	if at >= 0 {
		skip[at] = true
	}
	return skip
}

// conferenceDay returns the day of the schedules with that weekday: the
// first on or after today, else the first.
func (p *programme) conferenceDay(ix *Index, wd time.Weekday, today time.Time) (time.Time, bool) {
	var first time.Time
	for _, t := range p.talks {
		s := ix.corpus.Talks[t].Slot.Start
		if s.Weekday() != wd {
			continue
		}
		d := time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, s.Location())
		if !d.Before(today) {
			return d, true
		}
		if first.IsZero() {
			first = d
		}
	}
	return first, !first.IsZero()
}

// maxDaysListed bounds the days of the schedules a reply lists.
const maxDaysListed = 7

// missingDay names a weekday none of the schedules' days is, and the days
// they have when there are few: "a Saturday (the schedule's days: Mon 14
// Dec, Tue 15 Dec, Wed 16 Dec)".
func (p *programme) missingDay(ix *Index, wd time.Weekday) string {
	var days []string
	for _, t := range p.talks {
		d := ix.corpus.Talks[t].Slot.Start.Format(dayFormat)
		if !slices.Contains(days, d) {
			if len(days) == maxDaysListed {
				return "a " + wd.String()
			}
			days = append(days, d)
		}
	}
	return fmt.Sprintf("a %s (the schedule's days: %s)", wd, strings.Join(days, ", "))
}

// startingFrom returns the position in p.talks of the first talk starting
// at or after at.
func (p *programme) startingFrom(ix *Index, at time.Time) int {
	i, _ := slices.BinarySearchFunc(p.talks, at, func(t uint32, at time.Time) int {
		if ix.corpus.Talks[t].Slot.Start.Before(at) {
			return -1
		}
		return 1
	})
	return i
}

// conferenceRuns reports whether now falls within the schedules' days,
// from the first talk's day to the end of the last talk's: "now" asks
// about the schedule only then.
func (ix *Index) conferenceRuns(now time.Time) bool {
	p := ix.programme()
	first, last := ix.corpus.Talks[p.talks[0]].Slot.Start, p.lastEnd
	firstDay := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, first.Location())
	dayAfterLast := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, last.Location())
	return !now.Before(firstDay) && now.Before(dayAfterLast)
}

// onAt returns the talks running at now.
func (ix *Index) onAt(now time.Time) map[uint32]bool {
	p := ix.programme()
	talks := map[uint32]bool{}
	for _, t := range p.talks[:p.startingFrom(ix, now.Add(time.Nanosecond))] {
		if s := ix.corpus.Talks[t].Slot; now.Before(s.End) {
			talks[t] = true
		}
	}
	return talks
}

// talksAfter returns the talks starting after now; nil when none does.
func (ix *Index) talksAfter(now time.Time) map[uint32]bool {
	p := ix.programme()
	from := p.startingFrom(ix, now.Add(time.Nanosecond))
	if from == len(p.talks) {
		return nil
	}
	talks := make(map[uint32]bool, len(p.talks)-from)
	for _, t := range p.talks[from:] {
		talks[t] = true
	}
	return talks
}

// placeFiller are the words of "what's on in the rust track now" that are
// neither the time nor the place.
var placeFiller = map[string]bool{"whats": true, "happening": true, "going": true, "on": true, "in": true, "at": true, "s": true, "up": true, "there": true}

// namedPlace reads what is left of a question asking what is on now or
// next once the time words are set aside: nothing ("what's on now?") or
// a room or track ("what's next in the rust track") it returns as the
// argument of the now or next command; ok is false when other words are
// left, which make it a question to search.
func (ix *Index) namedPlace(ws []string, skip map[int]bool) (arg string, ok bool) {
	var kind string
	var rest []string
	for i, w := range ws {
		switch {
		case skip[i] || placeFiller[w] || questionWords[w] || isStop(w):
		case w == "room" || w == "track":
			kind = w
		default:
			rest = append(rest, w)
		}
	}
	if len(rest) == 0 {
		return "", kind == ""
	}
	arg = strings.Join(rest, " ")
	if kind != "" {
		arg = kind + " " + arg
	}
	_, ok = ix.programme().parseFilter(arg)
	return arg, ok
}

// bySlotStart orders ranked talks by when they start, those without a time
// last, keeping their order otherwise.
func (ix *Index) bySlotStart(talks []rankedTalk) {
	slices.SortStableFunc(talks, func(a, b rankedTalk) int {
		sa, sb := ix.corpus.Talks[a.talk].Slot, ix.corpus.Talks[b.talk].Slot
		switch {
		case sa == nil || sa.Start.IsZero():
			if sb == nil || sb.Start.IsZero() {
				return 0
			}
			return 1
		case sb == nil || sb.Start.IsZero():
			return -1
		}
		return sa.Start.Compare(sb.Start)
	})
}

// slotWords ask where or when a talk is given ("which room is lennart
// in", "what time is the ebpf talk"): with schedules loaded, a talk's
// slot line answers them, so they need not be found in its text.
var slotWords = map[string]bool{"room": true, "rooms": true, "time": true, "schedule": true, "scheduled": true}

// skipSlotWords adds the positions of slot words to skip when schedules
// are loaded and other words are left to search for.
func (ix *Index) skipSlotWords(ws []string, skip map[int]bool) map[int]bool {
	if len(ix.programme().talks) == 0 {
		return skip
	}
	var at []int
	rest := 0
	for i, w := range ws {
		switch {
		case skip[i] || isStop(w) || questionWords[w]:
		case slotWords[w]:
			at = append(at, i)
		default:
			rest++
		}
	}
	if len(at) == 0 || rest == 0 {
		return skip
	}
	if skip == nil {
		skip = map[int]bool{}
	}
	for _, i := range at {
		skip[i] = true
	}
	return skip
}

// withScheduled returns deny with the scheduled talks added.
func (ix *Index) withScheduled(deny map[uint32]bool) map[uint32]bool {
	out := make(map[uint32]bool, len(deny)+len(ix.programme().talks))
	maps.Copy(out, deny)
	for _, t := range ix.programme().talks {
		out[t] = true
	}
	return out
}

// programmeOf answers with the scheduled talks among those given, in the
// order they start, each with its opening line.
func (ix *Index) programmeOf(talks map[uint32]bool, query, day string, opts Options) Reply {
	var order []uint32
	for _, t := range ix.programme().talks {
		if talks[t] {
			order = append(order, t)
		}
	}
	if len(order) == 0 {
		return Reply{Command: "ask", Query: query, Offset: opts.offset, Notice: "No scheduled talk on " + day + "."}
	}
	return ix.listTalks("ask", query, order, opts)
}
