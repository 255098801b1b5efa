package answer

import (
	"slices"
	"strings"
)

// maxSuggestions bounds the "did you mean" list.
const maxSuggestions = 3

// shortQuestion is the most words of a question that a correction
// suggests whole; a longer one is suggested as its content words.
const shortQuestion = 6

// maxNamedWords is the most content words of a question that titles and
// speakers are suggested for.
const maxNamedWords = 6

// suggest proposes what to ask instead when a question has no good answer:
// the question with its misspelt words corrected, close talk titles, and
// speakers whose names are close to a word of the question. Each is about
// the question: a correction only of a word the notes never use and that
// is no English word, a title or a name sharing a word with it.
// maxTitleTalks is the most talks a word of the question may name by
// their titles to be suggested for it: more, and the word is no
// distinctive one ("python").
const maxTitleTalks = 2

func (ix *Index) suggest(question string, an analysis, qs []queryTerm) []string {
	var out []string
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) && len(out) < maxSuggestions {
			out = append(out, s)
		}
	}
	// The question with corrected words: as typed when short, its words
	// that carry it when long ("kubernetes deployment" for a ramble).
	corrected := map[string]string{}
	for _, q := range qs {
		if q.known || len(q.variants) == 0 {
			continue
		}
		best := q.variants[0]
		for _, v := range q.variants {
			if v.weight > best.weight {
				best = v
			}
		}
		if best.surface != "" {
			corrected[q.word] = best.surface
		}
	}
	if len(corrected) > 0 {
		var ws []string
		short := len(an.words) <= shortQuestion
		for _, w := range an.words {
			switch {
			case corrected[w.text] != "":
				ws = append(ws, corrected[w.text])
			case short || w.role == roleContent && !w.context:
				ws = append(ws, w.text)
			}
		}
		add(strings.Join(ws, " "))
	}
	// Titles and speakers close to the question's content words, found
	// through the name indexes (a bounded number of names read): a title
	// holding a ramble's every word is none a long question could name.
	var content []string
	known := map[string][]string{} // the corrections the question's words already have
	for _, q := range qs {
		content = append(content, q.word)
		for _, v := range q.variants {
			if v.surface != "" {
				known[q.word] = append(known[q.word], v.surface)
			}
		}
		if known[q.word] == nil {
			known[q.word] = []string{}
		}
	}
	corrections := func(w string) []string {
		if c, ok := known[w]; ok {
			return c
		}
		var out []string
		for _, c := range ix.vocab.corrections(w) {
			out = append(out, c.word)
		}
		known[w] = out
		return out
	}
	// The talk the question describes ("in the git log talk, ...").
	var named []string
	for _, q := range qs {
		if q.naming {
			named = append(named, q.word)
		}
	}
	if len(named) > 0 {
		for _, m := range ix.names(TitleField).findWords(strings.Join(named, " "), corrections) {
			add("show " + m.text)
		}
	}
	if len(qs) > maxNamedWords {
		return out
	}
	for _, m := range ix.names(TitleField).findWords(strings.Join(content, " "), corrections) {
		add("show " + m.text)
	}
	// A talk whose title holds a distinctive word of the notes that a
	// word of the question misspells ("kuberntes autoscaling": Kubernetes
	// For Pythonistas).
	for _, q := range qs {
		for _, v := range q.variants {
			if v.surface == "" || q.known {
				continue // the word as typed, or a near spelling of a word the notes use
			}
			if talks := ix.title[v.term]; len(talks) <= maxTitleTalks {
				for _, t := range talks {
					add("show " + ix.corpus.Talks[t].Title)
				}
			}
		}
	}
	for _, q := range qs {
		if len(q.word) < 4 || q.known && len(qs) > 2 {
			continue // a speaker is suggested for a name, or a slip of one
		}
		for _, m := range ix.names(SpeakerField).findWords(q.word, corrections) {
			add("speaker " + m.text)
		}
	}
	return out
}
