package answer

import "slices"

// rewardProximity re-reads the best few lines: it raises the score of lines
// where words of the question stand next to each other ("worse is
// better"), and lowers that of lines that hold nothing else.
func (ix *Index) rewardProximity(qs []queryTerm, want answerType, quotes [][]string, cs []*candidate) {
	// The words of the question by the words of the notes that hold them:
	// a line is read without looking each of its words up in the
	// vocabulary, which lies far out of the cache.
	var wordOf map[string]int
	wordsOf := func() {
		wordOf = map[string]int{}
		for i, q := range qs {
			for _, v := range q.variants {
				for _, w := range ix.vocab.wordsOfStem(v.term) {
					wordOf[ix.vocab.words[w]] = i
				}
			}
		}
	}
	var ws []string
	var asked []string // the words whose definition is asked for
	if want == definitionAnswer {
		for _, q := range qs {
			if !q.context {
				asked = append(asked, q.word)
			}
		}
	}
	for _, c := range cs {
		inLine := 0 // words of the question the line itself holds
		uses := 0   // ... and how often
		for i := range qs {
			if c.level[i] > 0 {
				inLine++
				uses += int(c.uses[i])
			}
		}
		pairs := len(qs) > 1 && inLine > 1
		if !pairs && len(quotes) == 0 && want == anyAnswer && !c.direct {
			continue
		}
		d := ix.doc(c.doc)
		text := ""
		if pairs || len(quotes) > 0 || want != anyAnswer {
			text = ix.corpus.Talks[d.talk].Bullet(int(d.bullet)).Text
		}
		// What a line says besides the words asked about: its words less
		// theirs, read again only when two of them stand in it.
		extra := max(0, int(ix.docs[c.doc].length)-uses)
		if pairs {
			if wordOf == nil {
				wordsOf()
			}
			var n int
			n, extra, ws = ix.nearPairs(text, wordOf, qs, ws)
			n = min(n, len(qs)-1)
			c.score *= 1 + proximityBonus*float64(n)/float64(len(qs)-1)
		}
		// A line that says what the question quotes is where it comes
		// from: "a giant PR just gets a 'looks fine'".
		if len(quotes) > 0 && holdsPhrase(text, quotes) {
			c.score *= 1 + quoteBonus
		}
		// A line holding the kind of fact asked for answers: "where does
		// Wesley Chun work" - "... at Google", even in his bio, where his
		// name does not count as the line's own words.
		if want != anyAnswer && c.holdsAnswerType(want, func() string { return text }) || want == definitionAnswer && definesTerm(text, asked) {
			c.score *= 1 + answerTypeBonus
		}
		// A line that says something besides the words asked about is a
		// better answer than a bare topic line ("Numba", "Run threads").
		if c.direct {
			c.score *= min(1, bareLineRate+0.1*float64(extra))
		}
	}
}

// nearPairs reads a line's words as the index does (stop words dropped,
// compounds last): it counts the words of the question, found by wordOf
// (a word of the notes -> the word of the question its stem is a term
// of) and, for compounds, by their terms among qs' variants, that stand
// within two words of another word of it, and the line's other words. ws
// is a buffer for the line's words, returned for reuse.
func (ix *Index) nearPairs(text string, wordOf map[string]int, qs []queryTerm, ws []string) (near, extra int, _ []string) {
	folded := fold(text)
	if isASCII(folded) {
		ws = appendASCIIWords(ws[:0], folded)
	} else {
		ws = unicodeWords(folded)
	}
	prevWord, prevPos := -1, -10
	step := func(i int, ok bool, pos int) {
		if !ok {
			extra++
			return
		}
		if prevWord >= 0 && i != prevWord && pos-prevPos <= 2 {
			near++
		}
		prevWord, prevPos = i, pos
	}
	for pos, w := range ws {
		if isStop(w) {
			continue
		}
		// Every word of a line is a word of the vocabulary, indexed
		// under the term of its stem: it is a word of the question if
		// it is one of those of the question's terms.
		i, ok := wordOf[w]
		step(i, ok, pos)
	}
	for _, c := range compounds(folded) {
		t, ok := ix.terms[c]
		i, asked := wordOfTerm(qs, t)
		step(i, ok && asked, -1)
	}
	return near, extra, ws
}

// wordOfTerm returns the last word of the question with a variant of term
// t: compounds, rare in lines, are looked up so.
func wordOfTerm(qs []queryTerm, t uint32) (int, bool) {
	for i := len(qs) - 1; i >= 0; i-- {
		if slices.ContainsFunc(qs[i].variants, func(v variant) bool { return v.term == t }) {
			return i, true
		}
	}
	return 0, false
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
