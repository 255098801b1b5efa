package answer

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/talkbot/talkbot/internal/english"
)

// Overview is what a home page says of the notes: their events with how
// many talks each has, and example questions the notes answer.
type Overview struct {
	Talks    int
	Events   []EventCount // most talks first
	Examples []Example
}

// EventCount is an event and its number of talks.
type EventCount struct {
	Name  string
	Talks int
}

// Example is a question the notes answer, with a short title for a
// button or a suggested prompt.
type Example struct {
	Title    string // "Beazley on the GIL"
	Question string // "What did Beazley say about the GIL?"
}

// Overview returns the notes' events and up to n example questions, each
// about a different talk (of different events first), each checked to be
// answered by its talk. Before the notes are loaded it is empty.
//
// It is made once per index and number of examples: every opening of a
// home page asks for it, and making it reads every talk and asks up to
// maxExampleTalks questions (20 ms at 1,000,000 bullets). The slices of
// the Overview returned are shared: callers only read them.
func (e *Engine) Overview(ctx context.Context, n int) Overview {
	ix := e.Index()
	if ix == nil {
		return Overview{}
	}
	if last := e.overview.Load(); last != nil && last.ix == ix && last.n == n {
		return last.o
	}
	o := e.makeOverview(ctx, ix, n)
	if ctx.Err() == nil { // a cancelled one may lack examples
		e.overview.Store(&overviewOf{ix: ix, n: n, o: o})
	}
	return o
}

// overviewOf is an Overview made of an index with n examples.
type overviewOf struct {
	ix *Index
	n  int
	o  Overview
}

func (e *Engine) makeOverview(ctx context.Context, ix *Index, n int) Overview {
	var o Overview
	byEvent := map[string]int{}
	var talks []int // talks with speakers, most notes first
	for i, t := range ix.corpus.Talks {
		if t.Topic {
			continue
		}
		o.Talks++
		byEvent[t.Event.String()]++
		if len(t.Speakers) > 0 && t.Title != "" {
			talks = append(talks, i)
		}
	}
	for name, count := range byEvent {
		o.Events = append(o.Events, EventCount{Name: name, Talks: count})
	}
	slices.SortFunc(o.Events, func(a, b EventCount) int { return cmp.Or(cmp.Compare(b.Talks, a.Talks), cmp.Compare(a.Name, b.Name)) })
	slices.SortStableFunc(talks, func(a, b int) int {
		return cmp.Compare(ix.corpus.Talks[b].NumBullets(), ix.corpus.Talks[a].NumBullets())
	})
	// Different events first, then any talk; a question is kept only if
	// its own talk answers it first.
	used := map[string]bool{}
	for pass := 0; pass < 2 && len(o.Examples) < n; pass++ {
		for _, i := range talks[:min(len(talks), maxExampleTalks)] {
			if len(o.Examples) == n || ctx.Err() != nil {
				break
			}
			t := ix.corpus.Talks[i]
			if used[t.Title] || pass == 0 && used["event:"+t.Event.String()] {
				continue
			}
			ex, ok := ix.example(i)
			if !ok {
				continue
			}
			r := e.ask(ctx, ix, ex.Question, Options{Limit: 1}, false)
			if len(r.Talks) == 0 || r.Talks[0].Title != t.Title {
				continue
			}
			used[t.Title], used["event:"+t.Event.String()] = true, true
			o.Examples = append(o.Examples, ex)
		}
	}
	return o
}

// everydayTopic is how common in English a title's word may be and still
// name a topic worth an example question.
const everydayTopic = 0.85

// maxExampleTalks bounds the talks tried for examples.
const maxExampleTalks = 50

// example makes a question about a talk: what its speaker said about the
// rarest word of its title.
func (ix *Index) example(talk int) (Example, bool) {
	t := ix.corpus.Talks[talk]
	named := words(fold(strings.Join(t.Speakers, " ")))
	best, bestIDF := "", 0.0
	for _, w := range strings.Fields(t.Title) {
		w = strings.Trim(w, `"'()[]{}.,:;!?`)
		f := fold(w)
		// A topic: no name of the speaker's, no everyday word ("beyond").
		if len(f) < 3 || roleOf(f) != roleContent || talkNouns[f] || !isWord(f) || slices.Contains(named, f) {
			continue
		}
		if common, _ := english.Profile(f); common >= everydayTopic {
			continue
		}
		id, ok := ix.stemTerm(f)
		if !ok {
			continue
		}
		if idf := ix.termIDF(id); idf > bestIDF {
			best, bestIDF = w, idf
		}
	}
	if best == "" {
		return Example{}, false
	}
	if isCapitalised(best) {
		best = strings.ToLower(best) // "Networking" in a title is "networking" in a question
	}
	name := strings.Fields(t.Speakers[0])
	surname := name[len(name)-1]
	return Example{Title: surname + " on " + best, Question: "What did " + surname + " say about " + best + "?"}, true
}

// isWord reports whether w is letters only.
func isWord(w string) bool {
	for _, r := range w {
		if !('a' <= r && r <= 'z') {
			return false
		}
	}
	return true
}
