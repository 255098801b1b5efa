package answer

import "slices"

// rewardProximity re-reads the best few lines: it raises the score of lines
// where words of the question stand next to each other ("worse is
// better"), and lowers that of lines that hold nothing else.
func (ix *Index) rewardProximity(qs []queryTerm, want answerType, quotes [][]string, cs []*candidate) {
	termOf := map[string]int{}
	for i, q := range qs {
		for _, v := range q.variants {
			termOf[ix.termList[v.term]] = i
		}
	}
	tz := ix.tokenizer()
	for _, c := range cs {
		d := ix.doc(c.doc)
		text := ix.corpus.Talks[d.talk].Bullet(int(d.bullet)).Text
		toks := tz.tokenize(text)
		pairs := 0
		prevTerm, prevPos := -1, -10
		for _, tk := range toks {
			i, ok := termOf[tk.term]
			if !ok {
				continue
			}
			if prevTerm >= 0 && i != prevTerm && tk.pos-prevPos <= 2 {
				pairs++
			}
			prevTerm, prevPos = i, tk.pos
		}
		if len(qs) > 1 {
			pairs = min(pairs, len(qs)-1)
			c.score *= 1 + proximityBonus*float64(pairs)/float64(len(qs)-1)
		}
		// A line that says what the question quotes is where it comes
		// from: "a giant PR just gets a 'looks fine'".
		if len(quotes) > 0 && holdsPhrase(text, quotes) {
			c.score *= 1 + quoteBonus
		}
		// A line holding the kind of fact asked for answers: "where does
		// Wesley Chun work" - "... at Google", even in his bio, where his
		// name does not count as the line's own words.
		if want != anyAnswer && hasAnswerType(want, text) {
			c.score *= 1 + answerTypeBonus
		}
		// A line that says something besides the words asked about is a
		// better answer than a bare topic line ("Numba", "Run threads").
		if !c.direct {
			continue
		}
		extra := 0
		for _, tk := range toks {
			if _, ok := termOf[tk.term]; !ok {
				extra++
			}
		}
		c.score *= min(1, bareLineRate+0.1*float64(extra))
	}
}

// holdsPhrase reports whether text holds one of the phrases, word for word
// (folded), of two words or more.
func holdsPhrase(text string, phrases [][]string) bool {
	ws := words(fold(text))
	for _, p := range phrases {
		if len(p) < 2 {
			continue
		}
		for i := 0; i+len(p) <= len(ws); i++ {
			if slices.Equal(ws[i:i+len(p)], p) {
				return true
			}
		}
	}
	return false
}
