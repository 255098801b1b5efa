package answer

import (
	"fmt"
)

// Explanation tells how a question was read and why it was answered or
// refused (bot ask --explain). It is plain data, like the reply.
type Explanation struct {
	Words []WordTrace // every word of the question, in order
	Lines []LineTrace // the best lines found, best first, answered or not
	// Confidence is the share of the question's weight that the best line
	// explains, in its context; Threshold the share an answer needs.
	Confidence, Threshold float64
	Answered              bool
	Reason                string // why it answered or refused, in words
}

// WordTrace is one word of a question as the engine read it.
type WordTrace struct {
	Word        string
	Kept        bool    // a content word the question is searched for
	Why         string  // why it was dropped, or what it is
	Weight      float64 // how much it counts in the question, when kept
	Commonness  float64 // how ordinary it is in general English, 0 to 1
	Context     bool    // from a sentence that sets the scene rather than asks
	Naming      bool    // describes the talk asked about ("the dict talk"), not what is asked of it
	InNotes     bool    // the notes use it as typed (or its stem)
	Corrections []string
}

// LineTrace is a candidate line with what it matched.
type LineTrace struct {
	Talk    string
	File    string
	Line    int
	Score   float64
	Cover   float64  // share of the question's weight it explains
	Matched []string // the question's words it, or its context, holds
}

// explainWords traces the words of a question: those kept, with their
// weights, and those dropped, with why.
func (ix *Index) explainWords(an analysis, skip map[int]bool, events []int, qs []queryTerm, dropped map[string]string) []WordTrace {
	byWord := map[string]queryTerm{}
	for _, q := range qs {
		byWord[q.word] = q
	}
	var out []WordTrace
	traced := map[string]bool{}
	for i, w := range an.words {
		t := WordTrace{Word: w.text, Context: w.context}
		switch q, kept := byWord[w.text]; {
		case traced[w.text]:
			t.Why = "repeated"
		case skip[i]:
			t.Why = "names the event"
			for _, ev := range events {
				t.Why += " " + ix.events[ev].name
			}
		case w.role != roleContent:
			t.Why = w.role.String()
		case dropped[w.text] != "":
			t.Why = dropped[w.text]
		case !kept:
			t.Why = fmt.Sprintf("beyond the first %d content words", maxTerms)
		default:
			t = traceTerm(q)
			traced[w.text] = true
		}
		out = append(out, t)
	}
	// Compounds ("python-dev") are words of their own.
	for _, q := range qs {
		if !traced[q.word] {
			out = append(out, traceTerm(q))
		}
	}
	return out
}

func traceTerm(q queryTerm) WordTrace {
	t := WordTrace{Word: q.word, Kept: true, Weight: round2(q.weight), Commonness: round2(q.common), Context: q.context, Naming: q.naming, InNotes: q.known}
	switch {
	case q.known:
		t.Why = "in the notes"
	case len(q.variants) > 0:
		t.Why = "not in the notes as typed"
	case q.familiar >= typoCommonness:
		t.Why = "not in the notes; ordinary English, so it may be said otherwise there"
	default:
		t.Why = "not in the notes in any spelling; specific, so an answer must hold it"
	}
	for _, v := range q.variants {
		if v.surface != "" {
			t.Corrections = append(t.Corrections, fmt.Sprintf("%s (×%.2f)", v.surface, v.weight))
		}
	}
	return t
}

// explainLines traces the best candidate lines of a question.
func (ix *Index) explainLines(s scored, qs []queryTerm, n int) []LineTrace {
	var out []LineTrace
	for _, c := range s.cands[:min(n, len(s.cands))] {
		d := ix.doc(c.doc)
		talk := ix.corpus.Talks[d.talk]
		b := talk.Bullet(int(d.bullet))
		lt := LineTrace{Talk: talk.Title, File: b.File, Line: b.Line, Score: round2(c.score), Cover: round2(c.strict)}
		for i, q := range qs {
			if c.matched&(1<<i) != 0 {
				lt.Matched = append(lt.Matched, q.word)
			}
		}
		out = append(out, lt)
	}
	return out
}
