package answer

import (
	"cmp"
	"slices"
)

// maxTalkLines is the most lines of a talk kept for its answer: more than
// the snippets it shows with the lines that follow them.
const maxTalkLines = 4 * maxSnippets

// rankedTalk is a talk with its matching bullets, best first.
type rankedTalk struct {
	talk  uint32
	score float64
	best  *candidate
	lines []*candidate
}

// ranking is how a question's talks are ranked, read once from the
// question.
type ranking struct {
	need      float64 // the share of the question a line must explain (answerShare)
	listing   bool    // the question asks for the talks on a topic
	byTitle   bool    // a talk whose title holds the question's words comes first
	talkAsked bool    // the question describes a talk: a tool's notes come after talks
}

// newRanking reads how to rank the talks that answer a question.
func (ix *Index) newRanking(qs []queryTerm, an analysis, need float64) ranking {
	return ranking{
		need:    need,
		listing: an.kind.listing,
		// The talks on a topic, keywords, or a question of one word
		// ("what's zeromq good for"): a talk whose title holds them
		// comes first.
		byTitle:   an.kind.listing || !an.kind.question || len(qs) == 1 && !ix.namesSpeaker(qs[0].word),
		talkAsked: slices.ContainsFunc(qs, func(q queryTerm) bool { return q.naming }),
	}
}

// rankTalks groups the lines that answer enough of the question by talk: a
// talk scores its best line, plus a part of its next best lines that hold
// words of the question.
func (ix *Index) rankTalks(s scored, r ranking) []rankedTalk {
	need := r.need
	further := furtherLines
	if r.listing {
		further = furtherLinesListing
	}
	// A talk answers when one of its lines explains enough of the
	// question; its lines are then ranked by score among those that
	// explain nearly as much. Candidates come best first. The lines are
	// grouped by talk in two passes, into one array: the first finds each
	// line's talk and counts its lines, the second lays them out.
	var (
		keyBuf    [2 * shortlistSize]uint32 // a talk's place in out, found by talk
		slotBuf   [2 * shortlistSize]int32
		placeBuf  [shortlistSize]int32
		countBuf  [shortlistSize]int
		answerBuf [shortlistSize]bool
		bestBuf   [shortlistSize]*candidate
		scoreBuf  [shortlistSize]float64
	)
	places := docTableIn(keyBuf[:], slotBuf[:])
	place := placeBuf[:0]     // each candidate's talk in out, or -1
	lineCount := countBuf[:0] // by talk in out: its lines kept
	answers := answerBuf[:0]  // ... whether one of them answers
	best := bestBuf[:0]       // ... its best line
	scores := scoreBuf[:0]    // ... and its score
	kept := 0
	for _, c := range s.cands {
		if c.score <= 0 || c.strict < lineShare*need {
			place = append(place, -1)
			continue
		}
		i, ok := places.get(c.talk)
		if !ok {
			i = int32(len(best))
			places.put(c.talk, i)
			best, scores = append(best, c), append(scores, c.score)
			lineCount = append(lineCount, 0)
			answers = append(answers, false)
		} else if n := lineCount[i]; n < len(further) && c.direct {
			scores[i] += further[n] * c.score
		}
		answers[i] = answers[i] || c.strict >= need
		if lineCount[i] < maxTalkLines {
			lineCount[i]++
			kept++
		}
		place = append(place, i)
	}
	// The talks are counted first: a question's shortlist holds up to
	// shortlistSize of them, most far fewer.
	out := make([]rankedTalk, len(best))
	for i, c := range best {
		out[i] = rankedTalk{talk: c.talk, best: c, score: scores[i]}
	}
	lines := make([]*candidate, kept)
	for i, n := range lineCount {
		out[i].lines, lines = lines[:0:n], lines[n:]
	}
	for j, c := range s.cands {
		if i := place[j]; i >= 0 && len(out[i].lines) < cap(out[i].lines) {
			out[i].lines = append(out[i].lines, c)
		}
	}
	talks := out[:0]
	for i, t := range out {
		if r.byTitle {
			// "talks about testing", "zeromq": a talk whose title says it
			// is about the topic comes before one that mentions it.
			t.score *= 1 + titleListingBonus*t.best.titled
		}
		if r.talkAsked && ix.corpus.Talks[t.talk].Topic {
			// "the pandas talk": a talk, not the notes on pandas the tool.
			t.score *= topicAsTalkRate
		}
		if answers[i] {
			talks = append(talks, t)
		}
	}
	out = talks
	slices.SortStableFunc(out, func(a, b rankedTalk) int { return cmp.Compare(b.score, a.score) })
	return out
}

// answerShare returns the share of the question's weight that an answer
// must explain, and the words whose absence raised it.
func answerShare(qs []queryTerm) (float64, []string) {
	need := minShare
	// Words of a sentence that sets the scene only add evidence: the
	// words that ask say how many the question has.
	asking := 0
	for _, q := range qs {
		if !q.context {
			asking++
		}
	}
	if asking == 0 {
		asking = len(qs)
	}
	switch asking {
	case 1:
		return 0.99, nil // the one word asked about
	case 2:
		need = 0.7 // most of a query of two words, each of which the user chose
	case 3:
		need = 0.55
	}
	var total, missing float64
	var words []string
	for _, q := range qs {
		total += q.weight
		if q.specificAbsent() {
			missing += q.weight
			words = append(words, q.word)
		}
	}
	if total > 0 && missing/total >= missingShare {
		return max(need, strongShare), words
	}
	return need, nil
}

// specificAbsent reports whether the notes never use a word of the
// sentence that asks, in any spelling, and it is no ordinary English.
func (q queryTerm) specificAbsent() bool {
	return len(q.variants) == 0 && !q.context && q.familiar < typoCommonness
}
