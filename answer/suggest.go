package answer

import (
	"slices"
	"strings"
)

// maxSuggestions bounds the "did you mean" list.
const maxSuggestions = 3

// maxNameCandidates bounds the titles and speakers compared with a question
// for suggestions.
const maxNameCandidates = 200

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
	// Titles and speakers sharing a word (or its correction) with the
	// question, found through the field postings rather than a scan.
	var titles, speakers []string
	seenTalk := map[uint32]bool{}
	for _, q := range qs {
		for _, v := range q.variants {
			for _, t := range ix.title[v.term] {
				if !seenTalk[t] && len(titles) < maxNameCandidates {
					seenTalk[t] = true
					titles = append(titles, ix.titles[t])
				}
			}
			for _, t := range ix.speaker[v.term] {
				for _, name := range ix.corpus.Talks[t].Speakers {
					if !slices.Contains(speakers, name) && len(speakers) < maxNameCandidates {
						speakers = append(speakers, name)
					}
				}
			}
		}
	}
	for _, m := range matchNames(question, titles) {
		if m.rank > nearWords {
			break
		}
		add("show " + m.text)
	}
	for _, q := range qs {
		if len(q.word) < 4 {
			continue
		}
		for _, m := range matchNames(q.word, speakers) {
			if m.rank > nearWords {
				break
			}
			add("speaker " + m.text)
		}
	}
	return out
}
