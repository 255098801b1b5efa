package answer

import (
	"slices"
	"strconv"
	"strings"
)

// Weights of corrected words: a correction never counts as much as the
// word itself, and little when the word is known as typed.
const (
	oneEditWeight      = 0.8
	twoEditsWeight     = 0.6
	knownWordWeight    = 0.3
	prefixWeight       = 0.7
	abbreviationWeight = 0.6
	maxCorrections     = 3
)

// queryTerm is one content word of a question with the index terms it may
// match.
type queryTerm struct {
	word     string
	variants []variant
	idf      float64 // weight of the word in the question
	known    bool    // the word, or its stem, is in the index
	scale    float64 // 1, or less for numbers and single letters
}

type variant struct {
	term   uint32
	weight float64
	idf    float64
	full   bool // the word as typed, or typed cut short ("plpython" for "plpythonu"): full coverage
}

// maxTerms bounds the content words of one question.
const maxTerms = 16

// queryTerms reads the content words of a question: stop words, question
// words and the words of a named event (given in skip) dropped. A compound
// of the question that the notes use ("python-dev") is a word of its own.
func (ix *Index) queryTerms(question string, ws []string, skip map[int]bool) []queryTerm {
	var qs []queryTerm
	seen := map[string]bool{}
	for _, c := range compounds(fold(question)) {
		if _, ok := ix.terms[c]; ok && !seen[c] {
			seen[c] = true
			qs = append(qs, ix.queryTerm(c))
		}
	}
	for i, w := range ws {
		if skip[i] || isStop(w) || questionWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		qs = append(qs, ix.queryTerm(w))
		if len(qs) == maxTerms {
			break
		}
	}
	// A word the notes never use weighs as much as a typical word of the
	// question: in a short query it decides, in a long one it may be a
	// paraphrase.
	var known []float64
	for _, q := range qs {
		if len(q.variants) > 0 {
			known = append(known, q.idf)
		}
	}
	unknown := ix.idf(1)
	if len(known) > 0 {
		slices.Sort(known)
		unknown = known[len(known)/2]
	}
	for i := range qs {
		if len(qs[i].variants) == 0 {
			qs[i].idf = unknown
			if qs[i].scale < 1 && len(known) > 0 {
				// A number cannot be paraphrased: one the notes never
				// give ("3.13") weighs as the question's rarest word.
				qs[i].idf = known[len(known)-1]
			}
		}
	}
	return qs
}

func (ix *Index) queryTerm(w string) queryTerm {
	q := queryTerm{word: w, scale: 1}
	term := stem(w)
	if id, ok := ix.terms[term]; ok {
		q.known = true
		idf := ix.termIDF(id)
		q.variants = append(q.variants, variant{term: id, weight: 1, idf: idf, full: true})
		q.idf = idf
	}
	n := 0
	count := ix.vocab.countOf(w)
	for _, c := range ix.vocab.corrections(w) {
		if n == maxCorrections {
			break
		}
		// A word the notes use is not corrected to a much commoner one:
		// that is another word ("cpython" is not "python"), not a
		// note-taker's slip.
		if q.known && c.count > 3*count {
			continue
		}
		// Slips rarely touch the first letter; a different first letter
		// mostly makes another word ("python", "cython").
		firstSame := c.word[0] == w[0]
		if q.known && !firstSame {
			continue
		}
		if slices.ContainsFunc(q.variants, func(v variant) bool { return v.term == c.term }) {
			continue
		}
		weight := oneEditWeight
		if c.distance == 2 {
			weight = twoEditsWeight
		}
		if q.known {
			weight = knownWordWeight
		}
		if strings.HasPrefix(c.word, w) {
			weight = max(weight, prefixWeight) // "plpython" -> "plpythonu"
		}
		if !firstSame {
			weight *= 0.75
		}
		idf := ix.termIDF(c.term)
		q.variants = append(q.variants, variant{term: c.term, weight: weight, idf: idf, full: strings.HasPrefix(c.word, w)})
		if !q.known && idf*weight > q.idf {
			q.idf = idf
		}
		n++
	}
	// Notes abbreviate: "tech" for "technology", "perf" for "performance".
	for _, a := range ix.vocab.abbreviations(w) {
		weight := abbreviationWeight
		if q.known {
			weight = knownWordWeight
		}
		if !slices.ContainsFunc(q.variants, func(v variant) bool { return v.term == a.term }) {
			q.variants = append(q.variants, variant{term: a.term, weight: weight, idf: ix.termIDF(a.term)})
		}
	}
	// Numbers and one-letter words say little on their own.
	if _, err := strconv.ParseFloat(w, 64); err == nil || len(w) == 1 {
		q.scale = 0.5
		q.idf *= q.scale
	}
	return q
}

// termIDF is the idf of a term in bullet text; a term found only in titles,
// speakers or headings counts as rare.
func (ix *Index) termIDF(id uint32) float64 {
	df := ix.text[id].count
	if df == 0 {
		df = 1
	}
	return ix.idf(df)
}

// coverage returns how much a match through variant v counts towards
// coverage: fully for the word as typed (or an extension of it), and for the
// best correction of a word the notes do not use; at least
// minCorrectedCredit for the other corrections.
func (q queryTerm) coverage(v variant) float64 {
	if v.full {
		return 1
	}
	return max(v.weight/q.bestWeight(), minCorrectedCredit)
}

// minCorrectedCredit is the least coverage a corrected word gives: spelling
// variants ("optimisation") count, yet never as much as the word itself.
const minCorrectedCredit = 0.75

// bestWeight is the weight of the most trusted variant of a word: 1 when
// the notes use the word as typed.
func (q queryTerm) bestWeight() float64 {
	best := 0.0
	for _, v := range q.variants {
		best = max(best, v.weight)
	}
	if best == 0 {
		return 1
	}
	return best
}
