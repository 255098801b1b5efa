package answer

import (
	"slices"
	"strings"
)

// maxSuggestions bounds the "did you mean" list.
const maxSuggestions = 3

// suggest proposes what to ask instead when a question has no good answer:
// the question with its misspelt words corrected, close talk titles, and
// speakers whose names are close to a word of the question.
func (ix *Index) suggest(question string, qs []queryTerm) []string {
	var out []string
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) && len(out) < maxSuggestions {
			out = append(out, s)
		}
	}
	// The question with corrected words.
	ws := words(fold(question))
	changed := false
	for _, q := range qs {
		if q.known || len(q.variants) == 0 {
			continue
		}
		best := ix.vocab.corrections(q.word)
		if len(best) == 0 {
			continue
		}
		for i, w := range ws {
			if w == q.word {
				ws[i] = best[0].word
				changed = true
			}
		}
	}
	if changed {
		add(strings.Join(ws, " "))
	}
	for _, m := range matchNames(question, ix.titles) {
		if m.rank > nearWords {
			break
		}
		add("show " + m.text)
	}
	for _, q := range qs {
		for _, m := range matchNames(q.word, ix.speakerNames) {
			if m.rank > nearWords || len(q.word) < 4 {
				break
			}
			add("speaker " + m.text)
		}
	}
	return out
}
