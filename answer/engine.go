package answer

import (
	"context"
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"time"
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
	ix       atomic.Pointer[Index]
	clock    atomic.Pointer[func() time.Time] // SetClock's, or nil for the system's
	overview atomic.Pointer[overviewOf]       // the last Overview made, and of what
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
		if when.kind == onDay {
			// "what's on tomorrow morning": that part of the programme.
			return ix.programmeOf(filter, question, when.day, opts)
		}
		if len(events) > 0 {
			return e.eventTalks(ix, events, question, opts)
		}
		// "what talks are there?": what the notes hold, and how to ask.
		reply.Notice = strings.TrimSpace(ix.notesInBrief() + " Ask about a talk, a speaker or a topic, for example: " + exampleQuestion)
		return reply
	}
	need, missing := answerShare(qs)
	rank := ix.newRanking(qs, an, need)
	deny := ix.setAside(an)
	matched, m := ix.match(qs, an, filter, deny)
	talks := ix.rankTalks(matched, rank)
	if len(talks) == 0 && len(events) > 0 && day == "" {
		// The event named has no notes that answer: the question is
		// asked of all the notes ("uvloop at pycon 2017" finds it at
		// EuroPython 2016; an event named after a talk by mistake hides
		// nothing).
		m.release()
		matched, m = ix.match(qs, an, nil, deny)
		talks = ix.rankTalks(matched, rank)
	}
	if len(talks) == 0 && when.kind == onDay {
		// Nothing that day: the day may set the scene of a question
		// about notes ("I missed saturday, what did beazley say about
		// the gil"), which talks with no time answer.
		m.release()
		matched, m = ix.match(qs, an, eventFilter, ix.withScheduled(deny))
		talks = ix.rankTalks(matched, rank)
	}
	if len(talks) == 0 && when.kind == onNow {
		// Nothing about it is on now: what is still to come.
		if later := ix.talksAfter(now); later != nil {
			m.release()
			matched, m = ix.match(qs, an, intersect(eventFilter, later), deny)
			talks = ix.rankTalks(matched, rank)
			when.kind = upNext
		}
	}
	if len(talks) == 0 && when.kind == upNext {
		// Nor later: "now" and "next" were words of a question about
		// what was said ("is asyncio now faster").
		m.release()
		matched, m = ix.match(qs, an, eventFilter, deny)
		talks = ix.rankTalks(matched, rank)
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
		reply.Talks = append(reply.Talks, ix.talkResult(t, ix.titleNames(t.talk, qs), an.kind, qs))
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
