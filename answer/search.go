package answer

import (
	"math"
	"slices"
	"strconv"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// How much a query word counts when it is found beside the bullet rather
// than in it: in the talk's title or speakers, the section heading, the
// parent bullet or a neighbouring one.
const (
	titleLevel    = 0.7
	speakerLevel  = 0.9
	sectionLevel  = 0.6
	neighbourRate = 0.35
)

// Weights of corrected words: a correction never counts as much as the
// word itself, and little when the word is known as typed.
const (
	oneEditWeight   = 0.8
	twoEditsWeight  = 0.6
	knownWordWeight = 0.3
	maxCorrections  = 3
)

// minCoverage is the share of the question's weight that the best answer
// must match for the reply to have results at all.
const minCoverage = 0.5

// queryTerm is one content word of a question with the index terms it may
// match.
type queryTerm struct {
	word     string
	variants []variant
	idf      float64 // weight of the word in the question
	known    bool    // the word, or its stem, is in the index
}

type variant struct {
	term   uint32
	weight float64
	idf    float64
}

// maxTerms bounds the content words of one question.
const maxTerms = 16

// candidate is a bullet that matches a query word.
type candidate struct {
	doc   uint32
	level [maxTerms]float32 // match strength of each query word in the text
	score float64
	cover float64
	direct bool // some query word is in the bullet's own text
}

// queryTerms reads the content words of a question: stop words, question
// words and the words of a named event (given in skip) dropped.
func (ix *Index) queryTerms(ws []string, skip map[int]bool) []queryTerm {
	var qs []queryTerm
	seen := map[string]bool{}
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
	return qs
}

func (ix *Index) queryTerm(w string) queryTerm {
	q := queryTerm{word: w}
	term := stem(w)
	maxIDF := ix.idf(0)
	if id, ok := ix.terms[term]; ok {
		q.known = true
		idf := ix.termIDF(id)
		q.variants = append(q.variants, variant{term: id, weight: 1, idf: idf})
		q.idf = idf
	}
	n := 0
	for _, c := range ix.vocab.corrections(w) {
		if n == maxCorrections {
			break
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
		idf := ix.termIDF(c.term)
		q.variants = append(q.variants, variant{term: c.term, weight: weight, idf: idf})
		if !q.known && idf*weight > q.idf {
			q.idf = idf
		}
		n++
	}
	if len(q.variants) == 0 {
		q.idf = maxIDF // an unknown word weighs as much as the rarest
	}
	// Numbers and one-letter words say little on their own.
	if _, err := strconv.ParseFloat(w, 64); err == nil || len(w) == 1 {
		q.idf *= 0.5
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

// scored is the outcome of matching a question against the index.
type scored struct {
	cands []*candidate // best first
	total float64      // weight of the whole question
}

// match scores every bullet that matches a query word, in talks allowed
// by filter (all when nil).
func (ix *Index) match(qs []queryTerm, filter map[uint32]bool) scored {
	byDoc := map[uint32]*candidate{}
	get := func(doc uint32) *candidate {
		c := byDoc[doc]
		if c == nil {
			c = &candidate{doc: doc}
			byDoc[doc] = c
		}
		return c
	}
	allowed := func(talk uint32) bool { return filter == nil || filter[talk] }

	// Bullet text.
	for i, q := range qs {
		for _, v := range q.variants {
			ix.text[v.term].each(func(doc, tf uint32) {
				if !allowed(ix.docs[doc].talk) {
					return
				}
				l := float32(v.weight * ix.tfNorm(tf, doc) * v.idf / max(q.idf, 1e-9))
				c := get(doc)
				if l > c.level[i] {
					c.level[i] = l
				}
			})
		}
	}
	// Talk fields and section headings.
	titleHit := make([]map[uint32]float64, len(qs))
	speakerHit := make([]map[uint32]float64, len(qs))
	sectionHit := make([]map[uint32]float64, len(qs))
	fieldTalks := map[uint32]bool{}
	for i, q := range qs {
		titleHit[i], speakerHit[i], sectionHit[i] = map[uint32]float64{}, map[uint32]float64{}, map[uint32]float64{}
		for _, v := range q.variants {
			for _, t := range ix.title[v.term] {
				if allowed(t) {
					titleHit[i][t] = max(titleHit[i][t], v.weight)
					fieldTalks[t] = true
				}
			}
			for _, t := range ix.speaker[v.term] {
				if allowed(t) {
					speakerHit[i][t] = max(speakerHit[i][t], v.weight)
					fieldTalks[t] = true
				}
			}
			for _, s := range ix.section[v.term] {
				sectionHit[i][s] = max(sectionHit[i][s], v.weight)
			}
		}
	}
	// A talk found by title or speaker is represented by its first lines
	// even when no line matches.
	for t := range fieldTalks {
		first := ix.firstDoc(t)
		for k := uint32(0); k < 3 && int(k) < len(ix.corpus.Talks[t].Bullets); k++ {
			get(first + k)
		}
	}

	var total float64
	for _, q := range qs {
		total += q.idf
	}
	out := scored{total: total}
	for doc, c := range byDoc {
		d := ix.docs[doc]
		sec := ix.docSection[doc]
		var score, cover float64
		for i, q := range qs {
			direct := float64(c.level[i])
			l := direct
			if direct > 0 {
				c.direct = true
			}
			l = max(l, titleLevel*titleHit[i][d.talk], speakerLevel*speakerHit[i][d.talk])
			if sec != noSection {
				l = max(l, sectionLevel*sectionHit[i][sec])
			}
			for _, n := range ix.related(doc) {
				if nc := byDoc[n]; nc != nil {
					l = max(l, neighbourRate*float64(nc.level[i]))
				}
			}
			if l <= 0 {
				continue
			}
			score += q.idf * l
			cover += q.idf * min(1, l/neighbourRate) * coverCredit(direct, l)
		}
		if total > 0 {
			c.cover = cover / total
		}
		c.score = score * c.cover
		out.cands = append(out.cands, c)
	}
	slices.SortFunc(out.cands, func(a, b *candidate) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return int(a.doc) - int(b.doc)
	})
	return out
}

// coverCredit is how much a word counts towards coverage: fully when in the
// bullet or its talk's title, speakers or section, less when only beside it.
func coverCredit(direct, l float64) float64 {
	if direct > 0 || l > neighbourRate {
		return 1
	}
	return 0.7
}

// tfNorm is the BM25 term-frequency factor of a bullet.
func (ix *Index) tfNorm(tf uint32, doc uint32) float64 {
	f := float64(tf)
	dl := float64(ix.docLen[doc])
	return f * (bm25K1 + 1) / (f + bm25K1*(1-bm25B+bm25B*dl/math.Max(ix.avgLen, 1)))
}

// firstDoc returns the document of a talk's first bullet.
func (ix *Index) firstDoc(talk uint32) uint32 {
	return ix.talkStart[talk]
}

// related returns the parent and the neighbours of a bullet in its talk.
func (ix *Index) related(doc uint32) []uint32 {
	d := ix.docs[doc]
	t := ix.corpus.Talks[d.talk]
	out := make([]uint32, 0, 3)
	if p := t.Bullets[d.bullet].Parent; p >= 0 {
		out = append(out, ix.talkStart[d.talk]+uint32(p))
	}
	if d.bullet > 0 {
		out = append(out, doc-1)
	}
	if int(d.bullet)+1 < len(t.Bullets) {
		out = append(out, doc+1)
	}
	return out
}
