package answer

import (
	"cmp"
	"context"
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"slices"
	"strings"
	"time"

	"github.com/talkbot/talkbot/corpus"
)

// SlotInfo is when and where a scheduled talk is given.
type SlotInfo struct {
	Start, End time.Time // in the conference's time zone
	Room       string
	Track      string
}

// String reads "Sat 31 Jan 09:30–09:50 CET, Janson".
func (s SlotInfo) String() string {
	var parts []string
	if !s.Start.IsZero() {
		parts = append(parts, s.Start.Format("Mon 2 Jan 15:04")+"–"+s.End.Format("15:04 MST"))
	}
	if s.Room != "" {
		parts = append(parts, s.Room)
	}
	return strings.Join(parts, ", ")
}

// programme is what the index knows of the schedules it holds: the talks
// with a time, by start, and the rooms and tracks with their talks. It is
// built at the first schedule command (or by Warm).
type programme struct {
	talks         []uint32  // by start, then room
	lastEnd       time.Time // when the last talk ends
	rooms, tracks []slotGroup
	roomIdx       *nameIndex
	trackIdx      *nameIndex
}

type slotGroup struct {
	name  string
	talks []uint32 // by start
}

// programme returns the schedule part of the index, built once.
func (ix *Index) programme() *programme {
	ix.progOnce.Do(func() { ix.prog = buildProgramme(ix.corpus) })
	return ix.prog
}

func buildProgramme(c *corpus.Corpus) *programme {
	p := &programme{}
	for _, t := range c.Talks {
		if t.Slot != nil && !t.Slot.Start.IsZero() {
			p.talks = append(p.talks, uint32(t.ID))
			if t.Slot.End.After(p.lastEnd) {
				p.lastEnd = t.Slot.End
			}
		}
	}
	slices.SortStableFunc(p.talks, func(a, b uint32) int {
		sa, sb := c.Talks[a].Slot, c.Talks[b].Slot
		if x := sa.Start.Compare(sb.Start); x != 0 {
			return x
		}
		return cmp.Compare(sa.Room, sb.Room)
	})
	group := func(key func(*corpus.Slot) string) []slotGroup {
		byName := map[string]int{}
		var out []slotGroup
		for _, t := range p.talks {
			name := key(c.Talks[t].Slot)
			if name == "" {
				continue
			}
			i, ok := byName[strings.ToLower(name)]
			if !ok {
				i = len(out)
				byName[strings.ToLower(name)] = i
				out = append(out, slotGroup{name: name})
			}
			out[i].talks = append(out[i].talks, t)
		}
		return out
	}
	p.rooms = group(func(s *corpus.Slot) string { return s.Room })
	p.tracks = group(func(s *corpus.Slot) string { return s.Track })
	names := func(gs []slotGroup) []string {
		out := make([]string, len(gs))
		for i, g := range gs {
			out[i] = g.name
		}
		return out
	}
	p.roomIdx, p.trackIdx = newNameIndex(names(p.rooms)), newNameIndex(names(p.tracks))
	return p
}

// noSchedule is the notice of a schedule command over notes alone.
const noSchedule = "No schedule is loaded: the notes say what was said, not when. Add a schedule.json or schedule.xml export to the notes folder."

// When answers when and where a talk is given: "when grok the gil".
func (e *Engine) When(ctx context.Context, title string, opts Options) Reply {
	ix := e.Index()
	title = clip.Bytes(strings.TrimSpace(cleanInput(title)), MaxQueryLen)
	r := Reply{Command: "when", Query: title, Offset: opts.offset}
	if opts.offset > 0 {
		return r
	}
	if len(ix.programme().talks) > 0 {
		for _, m := range ix.findNames(TitleField, title, nameLimit) {
			if m.rank > nearWords {
				break
			}
			if t := ix.corpus.Talks[m.index]; t.Slot != nil && !t.Slot.Start.IsZero() {
				r.Talks = []TalkResult{ix.slotResult(t)}
				return r
			}
		}
	}
	// No talk of that title: a question that starts with "when" ("when
	// I use dask on my laptop, what runs the work?").
	return e.Ask(ctx, "when "+title, opts)
}

// scheduleFilter narrows now and next: "room K.1.105", "track rust".
type scheduleFilter struct {
	room, track string // the names found; "" for any
	asked       string // what was typed, for the notice when nothing matches
}

// parseFilter reads "room NAME" or "track NAME" (or a bare name, looked
// for among rooms, then tracks).
func (p *programme) parseFilter(arg string) (scheduleFilter, bool) {
	arg = strings.TrimSpace(arg)
	f := scheduleFilter{asked: arg}
	if arg == "" {
		return f, true
	}
	kind, name, _ := strings.Cut(arg, " ")
	best := func(idx *nameIndex, typed string) string {
		if ms := idx.find(typed, 1, nil); len(ms) > 0 && ms[0].rank <= nearWords {
			return ms[0].text
		}
		return ""
	}
	switch strings.ToLower(kind) {
	case "room", "in":
		f.room = best(p.roomIdx, name)
		return f, f.room != ""
	case "track":
		f.track = best(p.trackIdx, name)
		return f, f.track != ""
	}
	if f.room = best(p.roomIdx, arg); f.room != "" {
		return f, true
	}
	f.track = best(p.trackIdx, arg)
	return f, f.track != ""
}

func (f scheduleFilter) allows(s *corpus.Slot) bool {
	return (f.room == "" || strings.EqualFold(s.Room, f.room)) && (f.track == "" || strings.EqualFold(s.Track, f.track))
}

func (f scheduleFilter) where() string {
	switch {
	case f.room != "":
		return " in " + f.room
	case f.track != "":
		return " in the " + f.track + " track"
	}
	return ""
}

// Now lists the talks running at the engine's clock time, optionally in
// one room or track: "now", "now room K.1.105", "now track rust".
func (e *Engine) Now(ctx context.Context, arg string, opts Options) Reply {
	return e.onSchedule(ctx, "now", arg, opts, func(p *programme, ix *Index, f scheduleFilter, at time.Time) []uint32 {
		var out []uint32
		for _, t := range p.talks {
			s := ix.corpus.Talks[t].Slot
			if !s.Start.After(at) && s.End.After(at) && f.allows(s) {
				out = append(out, t)
			}
		}
		return out
	})
}

// Next lists, room by room, the first talk starting after the engine's
// clock time, soonest first, optionally in one room or track.
func (e *Engine) Next(ctx context.Context, arg string, opts Options) Reply {
	return e.onSchedule(ctx, "next", arg, opts, func(p *programme, ix *Index, f scheduleFilter, at time.Time) []uint32 {
		seen := map[string]bool{}
		var out []uint32
		for _, t := range p.talks {
			s := ix.corpus.Talks[t].Slot
			if s.Start.After(at) && f.allows(s) && !seen[s.Room] {
				seen[s.Room] = true
				out = append(out, t)
			}
		}
		return out
	})
}

func (e *Engine) onSchedule(ctx context.Context, command, arg string, opts Options, pick func(*programme, *Index, scheduleFilter, time.Time) []uint32) Reply {
	ix := e.Index()
	arg = clip.Bytes(strings.TrimSpace(cleanInput(arg)), MaxQueryLen)
	r := Reply{Command: command, Query: arg, Offset: opts.offset}
	p := ix.programme()
	if len(p.talks) == 0 {
		if arg != "" {
			return e.Ask(ctx, command+" "+arg, opts) // "now what about uvloop"
		}
		r.Notice = noSchedule
		return r
	}
	f, ok := p.parseFilter(arg)
	if !ok {
		// No room or track: a question that starts with the word ("now
		// what did they say about uvloop").
		if q := e.Ask(ctx, command+" "+arg, opts); len(q.Talks) > 0 {
			return q
		}
		r.Notice = fmt.Sprintf("No room or track called %q.", arg)
		r.Suggestions = p.nearestPlaces(arg)
		return r
	}
	at := e.now()
	if zone := ix.corpus.Talks[p.talks[0]].Slot.Start.Location(); zone != nil {
		at = at.In(zone)
	}
	talks := pick(p, ix, f, at)
	if len(talks) == 0 {
		switch command {
		case "now":
			r.Notice = fmt.Sprintf("Nothing is on%s now (%s).", f.where(), at.Format("Mon 2 Jan 15:04 MST"))
			r.Suggestions = []string{strings.TrimSpace("next " + arg)}
		default:
			r.Notice = fmt.Sprintf("Nothing more is scheduled%s after %s.", f.where(), at.Format("Mon 2 Jan 15:04 MST"))
		}
		return r
	}
	return ix.slotList(r, talks, opts)
}

// Room lists the talks of a room by start: "room K.1.105".
func (e *Engine) Room(ctx context.Context, name string, opts Options) Reply {
	return e.group(ctx, "room", name, opts, func(p *programme) ([]slotGroup, *nameIndex) { return p.rooms, p.roomIdx })
}

// Track lists the talks of a track by start: "track rust".
func (e *Engine) Track(ctx context.Context, name string, opts Options) Reply {
	return e.group(ctx, "track", name, opts, func(p *programme) ([]slotGroup, *nameIndex) { return p.tracks, p.trackIdx })
}

func (e *Engine) group(ctx context.Context, command, name string, opts Options, of func(*programme) ([]slotGroup, *nameIndex)) Reply {
	ix := e.Index()
	name = clip.Bytes(strings.TrimSpace(cleanInput(name)), MaxQueryLen)
	r := Reply{Command: command, Query: name, Offset: opts.offset}
	p := ix.programme()
	groups, idx := of(p)
	ms := idx.find(name, 1, nil)
	if len(ms) == 0 || ms[0].rank > nearWords {
		// A question that starts with the word ("track changes in
		// git?"), or a schedule-less corpus.
		if q := e.Ask(ctx, command+" "+name, opts); len(q.Talks) > 0 || len(p.talks) == 0 {
			return q
		}
		r.Notice = fmt.Sprintf("No %s called %q.", command, name)
		for _, m := range ms[:min(len(ms), maxSuggestions)] {
			r.Suggestions = append(r.Suggestions, command+" "+m.text)
		}
		return r
	}
	return ix.slotList(r, groups[ms[0].index].talks, opts)
}

// nearestPlaces suggests rooms and tracks for a filter that named none.
func (p *programme) nearestPlaces(typed string) []string {
	var out []string
	for _, m := range p.roomIdx.find(typed, 1, nil) {
		if len(out) == maxSuggestions {
			break
		}
		out = append(out, "room "+m.text)
	}
	for _, m := range p.trackIdx.find(typed, 1, nil) {
		if len(out) == maxSuggestions {
			break
		}
		out = append(out, "track "+m.text)
	}
	return out
}

// slotList pages through scheduled talks, each with the line saying when
// and where.
func (ix *Index) slotList(r Reply, talks []uint32, opts Options) Reply {
	start := min(opts.offset, len(talks))
	end := min(start+opts.limit(), len(talks))
	for _, t := range talks[start:end] {
		r.Talks = append(r.Talks, ix.slotResult(ix.corpus.Talks[t]))
	}
	r.More = end < len(talks)
	return r
}

// slotResult is a scheduled talk with the line of its export that says
// when and where, and the abstract's first line.
func (ix *Index) slotResult(t *corpus.Talk) TalkResult {
	r := ix.talkHeader(t)
	for i := 0; i < t.NumBullets() && len(r.Snippets) < 2; i++ {
		if t.Place(i).File == t.Slot.File {
			r.Snippets = append(r.Snippets, ix.snippet(t, uint32(i), 0))
		}
	}
	return r
}

// now is the engine's clock.
func (e *Engine) now() time.Time {
	if c := e.clock.Load(); c != nil {
		return (*c)()
	}
	return time.Now()
}

// SetClock makes now and next tell the time by clock instead of the
// system's: for tests, and for trying a schedule before its conference.
func (e *Engine) SetClock(clock func() time.Time) { e.clock.Store(&clock) }

// intersect returns the talks in both filters; a nil filter allows all.
func intersect(a, b map[uint32]bool) map[uint32]bool {
	if a == nil {
		return b
	}
	out := map[uint32]bool{}
	for t := range a {
		if b[t] {
			out[t] = true
		}
	}
	return out
}
