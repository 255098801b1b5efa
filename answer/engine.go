package answer

import (
	"cmp"
	"context"
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/talkbot/talkbot/corpus"
)

// Options shape a reply.
type Options struct {
	Limit int // talks per reply; DefaultLimit when 0
	// Explain asks for an Explanation of how the question was read and
	// why it was answered or refused.
	Explain bool

	offset int // talks to skip: the Request's Offset
}

// DefaultLimit is the number of talks a reply shows.
const DefaultLimit = 5

// explainedLines is how many of the best lines an Explanation traces.
const explainedLines = 5

// maxSnippets is the number of note lines shown per talk of an answer.
const maxSnippets = 3

// Engine answers commands from an index. The index can be replaced while
// the engine serves (Swap); each command sees one index throughout.
type Engine struct {
	ix    atomic.Pointer[Index]
	clock atomic.Pointer[func() time.Time] // SetClock's, or nil for the system's
}

// New returns an engine over ix.
func New(ix *Index) *Engine {
	e := &Engine{}
	e.ix.Store(ix)
	return e
}

// Index returns the index in use.
func (e *Engine) Index() *Index { return e.ix.Load() }

// Swap replaces the index; commands already running finish on the old one.
func (e *Engine) Swap(ix *Index) { e.ix.Store(ix) }

// Handle answers a parsed command.
func (e *Engine) Handle(ctx context.Context, r Request, opts Options) Reply {
	opts.offset = max(r.Offset, 0)
	if e.Index() == nil {
		return Reply{Command: r.Command, Query: r.Arg, Notice: "The notes are still loading; ask again in a moment."}
	}
	if r.Command == "help" {
		h := Help(r.Arg)
		if len(e.Index().programme().talks) == 0 {
			h.Help = slices.DeleteFunc(slices.Clone(h.Help), func(c CommandHelp) bool { return c.Schedule })
		}
		return h
	}
	c, ok := commandNamed(r.Command)
	if !ok || c.run == nil {
		c, _ = commandNamed("ask")
	}
	reply := c.run(e, ctx, r.Arg, opts)
	if opts.offset > 0 && len(reply.Talks) == 0 {
		// Paged past the last talk: the answer was given.
		reply = Reply{Command: reply.Command, Query: reply.Query, Offset: opts.offset, Notice: "No more talks."}
	}
	reply.Actions = actions(r, reply)
	return reply
}

// Help lists the commands; topic, when a command name, explains that one.
func Help(topic string) Reply {
	r := Reply{Command: "help", Query: topic, Help: Commands}
	for _, c := range Commands {
		if c.Name == topic && c.Arg != "" {
			r.Notice = fmt.Sprintf("%q needs a %s: %s", c.Name, c.Arg, c.Usage)
			r.Help = []CommandHelp{c}
		}
	}
	return r
}

func (o Options) limit() int {
	if o.Limit <= 0 {
		return DefaultLimit
	}
	return o.Limit
}

// Ask answers a question with the talks and note lines that match it best,
// or with no result and suggestions when nothing matches well.
func (e *Engine) Ask(ctx context.Context, question string, opts Options) Reply {
	return e.ask(ctx, e.Index(), question, opts, true)
}

// ask answers a question from ix; withSuggestions offers suggestions when
// nothing answers.
func (e *Engine) ask(ctx context.Context, ix *Index, question string, opts Options, withSuggestions bool) Reply {
	question = clip.Bytes(strings.TrimSpace(cleanInput(question)), MaxQueryLen)
	reply := Reply{Command: "ask", Query: question, Offset: opts.offset}
	if ctx.Err() != nil {
		reply.Notice = "The question was cancelled."
		return reply
	}
	an := analyze(question)
	ws := an.folded()
	eventFilter, skip, events := ix.namedEvents(ws)
	filter := eventFilter
	now := e.now()
	when := ix.namedTime(ws, now)
	if when.kind != noTime {
		// "talks about rust tomorrow", "anything on ebpf now": the
		// schedule's talks of that day, on now, or still to come.
		filter = intersect(filter, when.talks)
		if skip == nil {
			skip = map[int]bool{}
		}
		maps.Copy(skip, when.skip)
	}
	if when.kind == onNow || when.kind == upNext {
		// "what's on now?", "what's next in the rust track": the now and
		// next commands.
		if arg, ok := ix.namedPlace(ws, skip); ok {
			if when.kind == onNow {
				return e.Now(ctx, arg, opts)
			}
			return e.Next(ctx, arg, opts)
		}
	}
	day := when.day
	skip = ix.skipSlotWords(ws, skip)
	qs, dropped := ix.queryTerms(question, an, skip)
	if len(qs) == 0 {
		if len(events) > 0 {
			return e.eventTalks(ix, events, question, opts)
		}
		reply.Notice = "Ask about a talk, a speaker or a topic, for example: " + exampleQuestion
		return reply
	}
	need, missing := answerShare(qs)
	deny := ix.setAside(an)
	matched, m := ix.match(qs, an, filter, deny)
	talks := ix.rankTalks(matched, need, an.kind.listing)
	if len(talks) == 0 && len(events) > 0 && day == "" {
		// The event named has no notes that answer: the question is
		// asked of all the notes ("uvloop at pycon 2017" finds it at
		// EuroPython 2016; an event named after a talk by mistake hides
		// nothing).
		m.release()
		matched, m = ix.match(qs, an, nil, deny)
		talks = ix.rankTalks(matched, need, an.kind.listing)
	}
	if len(talks) == 0 && when.kind == onDay {
		// Nothing that day: the day may set the scene of a question
		// about notes ("I missed saturday, what did beazley say about
		// the gil"), which talks with no time answer.
		m.release()
		matched, m = ix.match(qs, an, eventFilter, ix.withScheduled(deny))
		talks = ix.rankTalks(matched, need, an.kind.listing)
	}
	if len(talks) == 0 && when.kind == onNow {
		// Nothing about it is on now: what is still to come.
		if later := ix.talksAfter(now); later != nil {
			m.release()
			matched, m = ix.match(qs, an, intersect(eventFilter, later), deny)
			talks = ix.rankTalks(matched, need, an.kind.listing)
			when.kind = upNext
		}
	}
	if len(talks) == 0 && when.kind == upNext {
		// Nor later: "now" and "next" were words of a question about
		// what was said ("is asyncio now faster").
		m.release()
		matched, m = ix.match(qs, an, eventFilter, deny)
		talks = ix.rankTalks(matched, need, an.kind.listing)
		when.kind = noTime
	}
	defer m.release()
	if opts.Explain {
		ex := &Explanation{Words: ix.explainWords(an, skip, events, qs, dropped), Lines: ix.explainLines(matched, qs, explainedLines), Threshold: need, Answered: len(talks) > 0}
		for _, c := range matched.cands[:min(explainedLines, len(matched.cands))] {
			ex.Confidence = max(ex.Confidence, round2(c.strict))
		}
		why := ""
		if len(missing) > 0 {
			why = fmt.Sprintf("; %s: not in the notes, so %.0f%% is needed", strings.Join(missing, ", "), 100*need)
		}
		if ex.Answered {
			ex.Reason = fmt.Sprintf("answered: the best line explains %.0f%% of the question's weight (%.0f%% needed%s)", 100*talks[0].best.strict, 100*need, why)
		} else {
			ex.Reason = fmt.Sprintf("refused: the best line explains %.0f%% of the question's weight, %.0f%% needed%s", 100*ex.Confidence, 100*need, why)
		}
		reply.Explain = ex
	}
	if len(talks) == 0 && day != "" {
		reply.Notice = "No scheduled talk about that on " + day + "."
		return reply
	}
	if len(talks) == 0 {
		if withSuggestions {
			reply.Suggestions = e.answerable(ctx, ix, ix.suggest(question, an, qs))
		}
		reply.Notice = "No notes answer that."
		return reply
	}
	// Talks far behind the best are noise.
	cut := len(talks)
	for i, t := range talks {
		if t.score < 0.25*talks[0].score {
			cut = i
			break
		}
	}
	talks = talks[:cut]
	if when.kind == upNext {
		// What comes next comes soonest first.
		ix.bySlotStart(talks)
	}
	start := min(opts.offset, len(talks))
	end := min(start+opts.limit(), len(talks))
	for _, t := range talks[start:end] {
		reply.Talks = append(reply.Talks, ix.talkResult(t, ix.titleNames(t.talk, qs), an.kind))
	}
	reply.More = end < len(talks)
	return reply
}

// answerable keeps the suggestions that lead somewhere: a question
// suggested with its words corrected only if the notes answer it.
func (e *Engine) answerable(ctx context.Context, ix *Index, suggestions []string) []string {
	out := suggestions[:0]
	for _, s := range suggestions {
		if r := Parse(s); r.Command == "ask" && len(e.ask(ctx, ix, r.Arg, Options{Limit: 1}, false).Talks) == 0 {
			continue
		}
		out = append(out, s)
	}
	return out
}

// maxTalkLines is the most lines of a talk kept for its answer: more than
// the snippets it shows with the lines that follow them.
const maxTalkLines = 4 * maxSnippets

// lineShare is the share of what the question needs that a line of a
// talk that answers must explain to be shown.
const lineShare = 0.75

// rankedTalk is a talk with its matching bullets, best first.
type rankedTalk struct {
	talk  uint32
	score float64
	best  *candidate
	lines []*candidate
}

// furtherLines weighs the second and third matching lines of a talk: a
// talk that keeps coming back to the words is about them. A question
// asking for the talks on a topic ("any talks about testing") weighs them
// more: it asks what talks are about, not where a line says it.
var (
	furtherLines        = []float64{0, 0.25, 0.1}
	furtherLinesListing = []float64{0, 0.7, 0.5, 0.35, 0.25}
)

// rankTalks groups the lines that answer enough of the question (need) by
// talk: a talk scores its best line, plus a part of its next best lines
// that hold words of the question.
func (ix *Index) rankTalks(s scored, need float64, listing bool) []rankedTalk {
	further := furtherLines
	if listing {
		further = furtherLinesListing
	}
	// A talk answers when one of its lines explains enough of the
	// question; its lines are then ranked by score among those that
	// explain nearly as much. Candidates come best first.
	byTalk := map[uint32]int{}
	var out []rankedTalk
	var answers []bool // by talk in out
	for _, c := range s.cands {
		if c.score <= 0 || c.strict < lineShare*need {
			continue
		}
		t := ix.docs[c.doc].talk
		i, ok := byTalk[t]
		if !ok {
			i = len(out)
			byTalk[t] = i
			out = append(out, rankedTalk{talk: t, best: c, score: c.score})
			answers = append(answers, false)
		} else if n := len(out[i].lines); n < len(further) && c.direct {
			out[i].score += further[n] * c.score
		}
		answers[i] = answers[i] || c.strict >= need
		if len(out[i].lines) < maxTalkLines {
			out[i].lines = append(out[i].lines, c)
		}
	}
	kept := out[:0]
	for i, t := range out {
		if answers[i] {
			kept = append(kept, t)
		}
	}
	out = kept
	slices.SortStableFunc(out, func(a, b rankedTalk) int { return cmp.Compare(b.score, a.score) })
	return out
}

// talkResult renders a ranked talk with its best lines: up to maxSnippets
// lines that score near the best one, lines with the words themselves
// before lines that only sit in a matching talk. A short line is followed
// by its first sub-bullet, which explains it; slots left over go to the
// lines that follow short lines in their list.
func (ix *Index) talkResult(t rankedTalk, named bool, q questionKind) TalkResult {
	want := q.answer
	talk := ix.corpus.Talks[t.talk]
	r := ix.talkHeader(talk)
	r.Score = t.score
	shown := map[uint32]bool{}
	add := func(bullet uint32, score float64) {
		if !shown[bullet] && len(r.Snippets) < maxSnippets {
			shown[bullet] = true
			r.Snippets = append(r.Snippets, ix.snippet(talk, bullet, score))
		}
	}
	if named || q.answer == summaryAnswer || (!t.best.direct && !t.best.inSection) {
		// Named by its title ("grok the gil"), or found by title or speaker
		// only: the talk's opening lines say best what it is.
		for _, b := range openingBullets(talk, 2) {
			add(uint32(b), t.best.score)
		}
		return r
	}
	var followers []uint32
	for _, c := range t.lines {
		if len(r.Snippets) == maxSnippets {
			break
		}
		if len(r.Snippets) > 0 && (c.score < 0.5*t.best.score || (t.best.direct && !c.direct)) {
			break
		}
		b := ix.doc(c.doc).bullet
		if !c.direct {
			add(b, c.score)
			continue
		}
		if children := explainingChildren(talk, int(b)); len(children) > 0 {
			// A topic line ("gh:magicstack/uvloop") or a question the
			// notes ask ("Where do we use udp?") is best answered by the
			// lines under it, which show it as their context.
			if c == t.best {
				for _, child := range children {
					add(uint32(child), c.score)
				}
				shown[b] = true
				continue
			}
			add(b, c.score)
			add(uint32(children[0]), c.score)
			continue
		}
		next, ok := followingLine(talk, int(b))
		if ok && c == t.best && want != anyAnswer && !hasAnswerType(want, talk.Bullet(int(b)).Text) && hasAnswerType(want, talk.Bullet(int(next)).Text) {
			// "who replies the most on python-dev": the line that matches
			// the question sets the scene, the next one names the person.
			add(uint32(next), c.score)
			add(b, c.score)
			continue
		}
		add(b, c.score)
		if ok && c == t.best && q.question {
			// A question asks for more than its own words: the line after
			// the one that matches them often holds the answer.
			add(uint32(next), c.score)
		} else if ok {
			followers = append(followers, uint32(next))
		}
	}
	for _, f := range followers {
		add(f, 0)
	}
	return r
}

// titleNames reports whether a question is all words of a talk's title:
// the user names the talk.
func (ix *Index) titleNames(talk uint32, qs []queryTerm) bool {
	for _, q := range qs {
		found := false
		for _, v := range q.variants {
			if v.weight == 1 && slices.Contains(ix.title[v.term], talk) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return len(qs) > 0
}

// shortLine is the length, in words, below which a line is a topic rather
// than a statement.
const shortLine = 8

func isShort(b corpus.Bullet) bool { return len(strings.Fields(b.Text)) < shortLine }

// topicLine is the length, in words, up to which a line names a topic that
// its sub-bullets explain.
const topicLine = 3

// explainingChildren returns the first sub-bullets, up to
// maxExplainingChildren, of a topic line ("gh:magicstack/uvloop" ->
// "99.(9)% compatible asyncio event loop written in Cython") or of a
// question the notes ask ("Where do we use udp?" -> "KubeDNS").
func explainingChildren(t *corpus.Talk, i int) []int {
	text := t.Bullet(i).Text
	if len(strings.Fields(text)) > topicLine && !strings.HasSuffix(strings.TrimSpace(text), "?") {
		return nil
	}
	var out []int
	for j := i + 1; j < t.NumBullets() && len(out) < maxExplainingChildren; j++ {
		next := t.Bullet(j)
		if next.File != t.Bullet(i).File || next.Parent < i {
			break
		}
		if next.Parent == i {
			out = append(out, j)
		}
	}
	return out
}

// maxExplainingChildren is how many sub-bullets answer for a topic line.
const maxExplainingChildren = 2

// followingLine returns the line after a short one in the same list and
// section ("Uses Idle with threads" -> "Kills performance ..."), or its
// first sub-bullet ("Example of NASA issue" -> "caused project to go to
// ColdFusion").
func followingLine(t *corpus.Talk, i int) (int, bool) {
	b := t.Bullet(i)
	if !isShort(b) || i+1 >= t.NumBullets() {
		return 0, false
	}
	next := t.Bullet(i + 1)
	if next.File == b.File && (next.Parent == b.Parent || next.Parent == i) && slices.Equal(next.Section, b.Section) {
		return i + 1, true
	}
	return 0, false
}

func (ix *Index) talkHeader(t *corpus.Talk) TalkResult {
	r := TalkResult{TalkID: t.ID, Title: t.Title, Speakers: t.Speakers, Event: t.Event.String()}
	if s := t.Slot; s != nil && !s.Start.IsZero() {
		r.Slot = &SlotInfo{Start: s.Start, End: s.End, Room: s.Room, Track: s.Track}
	}
	switch {
	case t.Slot != nil && t.Slot.URL != "":
		r.URL = t.Slot.URL
	case len(t.Sources) > 0:
		r.URL = t.Sources[0].URL
	}
	return r
}

func (ix *Index) snippet(t *corpus.Talk, bullet uint32, score float64) Snippet {
	b := t.Bullet(int(bullet))
	parent := ""
	if b.Parent >= 0 {
		parent = t.Bullet(b.Parent).Text
	}
	return Snippet{
		Text:    b.Text,
		Section: b.Section,
		Parent:  parent,
		Score:   score,
		Citation: Citation{
			Event: t.Event.String(), Talk: t.Title, Speakers: t.Speakers,
			File: b.File, Line: b.Line, URL: t.URL(b),
		},
	}
}
