package answer

import (
	"math"
	"slices"

	"github.com/talkbot/talkbot/corpus"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.5 // bullets are short already: length matters less than in documents
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

// talkCredit is how much a word counts towards coverage when the line's
// talk uses it elsewhere.
const talkCredit = 0.5

// linkRate is how much a word counts when it stands only inside a link.
const linkRate = 0.3

// minCoverage returns the share of a question's weight that an answer must
// match, by the number of content words: every word of a one- or two-word
// query, half of a short question, less of a long one (as "minimum should
// match" does in search engines).
func minCoverage(words int) float64 {
	switch {
	case words <= 1:
		return 0.99
	case words == 2:
		return 0.7
	case words == 3:
		return 0.55
	case words <= 5:
		return 0.5
	}
	return 0.35
}

// candidate is a bullet that matches a query word.
type candidate struct {
	doc       uint32
	level     [maxTerms]float32 // match strength of each query word in the text
	link      [maxTerms]bool    // ... found only inside a link
	credit    [maxTerms]float32 // ... by a variant giving this coverage (1 as typed, less corrected)
	score     float64
	cover     float64 // share of the question's weight matched, context included
	strict    float64 // ... in the line, its talk's title and speakers, its section and neighbours
	direct    bool    // some query word is in the bullet's own text
	inSection bool    // ... or in the heading of its section
	forced    bool    // found by title, speaker or section: always scored
}

// scored is the outcome of matching a question against the index.
type scored struct {
	cands []*candidate // best first
	total float64      // weight of the whole question
}

// match scores every bullet that matches a query word, in talks allowed
// by filter (all when nil).
func (ix *Index) match(qs []queryTerm, want answerType, filter map[uint32]bool) scored {
	// Candidates live in one slice, found by document through byDoc; a
	// pointer from get is good until the next call.
	size := 0
	for _, q := range qs {
		for _, v := range q.variants {
			size += int(ix.text[v.term].count)
		}
	}
	pool := make([]candidate, 0, size+64)
	byDoc := make(map[uint32]int32, size+64)
	get := func(doc uint32) *candidate {
		i, ok := byDoc[doc]
		if !ok {
			i = int32(len(pool))
			byDoc[doc] = i
			pool = append(pool, candidate{doc: doc})
		}
		return &pool[i]
	}
	lookup := func(doc uint32) *candidate {
		if i, ok := byDoc[doc]; ok {
			return &pool[i]
		}
		return nil
	}
	allowed := func(talk uint32) bool { return filter == nil || filter[talk] }

	// Bullet text; and which talks use each word anywhere.
	talkHit := make([]map[uint32]bool, len(qs))
	firstMention := make([]map[uint32]uint32, len(qs)) // talk -> first line using the word
	for i, q := range qs {
		talkHit[i] = map[uint32]bool{}
		firstMention[i] = map[uint32]uint32{}
		for _, v := range q.variants {
			ix.text[v.term].each(func(doc, tf uint32) {
				if !allowed(ix.docs[doc].talk) {
					return
				}
				l := v.weight * ix.tfNorm(tf>>1, doc) * v.idf / max(q.idf, 1e-9)
				linkOnly := tf&1 == 1
				if linkOnly {
					l *= linkRate
				}
				talk := ix.docs[doc].talk
				talkHit[i][talk] = true
				if first, ok := firstMention[i][talk]; (!ok || doc < first) && tf&1 == 0 && v.weight == 1 {
					firstMention[i][talk] = doc
				}
				c := get(doc)
				if float32(l) > c.level[i] {
					c.level[i] = float32(l)
					c.link[i] = linkOnly
					c.credit[i] = float32(q.coverage(v))
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
				if allowed(ix.sections[s].talk) {
					sectionHit[i][s] = max(sectionHit[i][s], v.weight)
				}
			}
		}
	}
	// A talk found by title or speaker is represented by its first lines
	// even when no line matches.
	for t := range fieldTalks {
		first := ix.firstDoc(t)
		for k := uint32(0); k < 3 && int(k) < len(ix.corpus.Talks[t].Bullets); k++ {
			get(first + k).forced = true
		}
	}

	// A section whose heading matches is represented by its first lines.
	for i := range qs {
		for sec := range sectionHit[i] {
			docs := ix.sectionDocs[sec]
			for _, d := range docs[:min(len(docs), 8)] {
				get(d).forced = true
			}
		}
	}

	var total float64
	for _, q := range qs {
		total += q.idf
	}
	out := scored{total: total}
	var relBuf [3]uint32
	for _, c := range shortlist(pool, qs) {
		doc := c.doc
		d := ix.docs[doc]
		sec := ix.docSection[doc]
		var score, cover, talkCover, directCover float64
		var topicCover, topicTotal float64 // the words that do not name the talk's speaker
		topicTerms := 0
		first := false
		for i, q := range qs {
			direct := float64(c.level[i])
			if speakerHit[i][d.talk] > 0 && ix.inSpeakerSection(doc) {
				// The speaker's name under "Author" says nothing the talk
				// does not: "Avery Pennarun (@apenwarr)".
				direct = 0
			}
			l := direct
			if direct > 0 && !c.link[i] {
				c.direct = true
				directCover += q.idf
				if f, ok := firstMention[i][d.talk]; ok && f == doc {
					first = true
				}
			}
			field := max(titleLevel*titleHit[i][d.talk], speakerLevel*speakerHit[i][d.talk])
			if sec != noSection && sectionHit[i][sec] > 0 {
				field = max(field, sectionLevel*sectionHit[i][sec])
				c.inSection = true
			}
			beside := 0.0
			for _, n := range ix.related(doc, &relBuf) {
				if nc := lookup(n); nc != nil {
					beside = max(beside, neighbourRate*float64(nc.level[i]))
				}
			}
			l = max(l, field, beside)
			aboutSpeaker := speakerHit[i][d.talk] > 0
			if !aboutSpeaker {
				topicTotal += q.idf
				topicTerms++
			}
			if l <= 0 {
				if talkHit[i][d.talk] {
					// The talk uses the word elsewhere: weak evidence
					// that the line is about the question, enough to
					// rank it, not to answer with it.
					talkCover += q.idf * talkCredit
					if !aboutSpeaker {
						topicCover += q.idf * talkCredit
					}
				}
				continue
			}
			score += q.idf * l
			credit := coverCredit(direct, c.link[i], field, beside)
			if direct > 0 && credit == 1 && field == 0 {
				credit = float64(c.credit[i]) // a corrected word counts less
			}
			cover += q.idf * credit
			if !aboutSpeaker {
				topicCover += q.idf * credit
			}
		}
		if total > 0 {
			c.strict = cover / total
			// "What did Noller say about the GIL": the speaker's talk
			// answers only if it says something of the rest of the
			// question.
			if topicTerms > 0 && topicTerms < len(qs) && topicCover == 0 {
				c.strict = 0
			}
			c.cover = (cover + talkCover) / total
			directCover /= total
		}
		// Lines that hold the words themselves beat lines that only sit
		// among them.
		c.score = score * c.cover * (1 + directBonus*directCover)
		if first {
			// Where a talk first uses a word is where it introduces it.
			c.score *= 1 + firstMentionBonus
		}
		out.cands = append(out.cands, c)
	}
	sortCandidates(out.cands)
	ix.rewardProximity(qs, want, out.cands[:min(len(out.cands), proximityDepth)])
	sortCandidates(out.cands)
	return out
}

func sortCandidates(cs []*candidate) {
	slices.SortFunc(cs, func(a, b *candidate) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return int(a.doc) - int(b.doc)
	})
}

// firstMentionBonus favours the line where a talk first uses a word of the
// question.
const firstMentionBonus = 0.3

// directBonus is how much more a line scores when it holds every word.
const directBonus = 0.5

// shortlistSize bounds how many candidates are scored in full: a word
// common in a large corpus matches far more lines than can be worth
// reading.
const shortlistSize = 2000

// shortlist returns the candidates worth scoring in full: those found by
// title, speaker or section, and the best of the others by the
// idf-weighted strength of the words they hold themselves.
func shortlist(pool []candidate, qs []queryTerm) []*candidate {
	all := make([]*candidate, len(pool))
	for i := range pool {
		all[i] = &pool[i]
	}
	if len(all) <= shortlistSize {
		return all
	}
	var keep, rest []*candidate
	for _, c := range all {
		if c.forced {
			keep = append(keep, c)
			continue
		}
		var quick float64
		for i, q := range qs {
			quick += q.idf * float64(c.level[i])
		}
		c.score = quick
		rest = append(rest, c)
	}
	n := max(0, shortlistSize-len(keep))
	if n < len(rest) {
		selectTop(rest, n)
		rest = rest[:n]
	}
	return append(keep, rest...)
}

// selectTop reorders cs so that its first n hold the n highest scores, in
// linear expected time (quickselect).
func selectTop(cs []*candidate, n int) {
	lo, hi := 0, len(cs)-1
	for lo < hi {
		pivot := cs[(lo+hi)/2].score
		i, j := lo, hi
		for i <= j {
			for cs[i].score > pivot {
				i++
			}
			for cs[j].score < pivot {
				j--
			}
			if i <= j {
				cs[i], cs[j] = cs[j], cs[i]
				i++
				j--
			}
		}
		switch {
		case n-1 <= j:
			hi = j
		case n-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// coverCredit is how much a word counts towards coverage: fully when in the
// bullet or its talk's title, speakers or section heading, half when only
// in the parent or a neighbouring line, little when only inside a link.
func coverCredit(direct float64, link bool, field, beside float64) float64 {
	switch {
	case direct > 0 && !link, field > 0:
		return 1
	case beside > 0:
		return besideCredit
	case direct > 0:
		return linkRate
	}
	return 0
}

// besideCredit is how much a word found only in the parent or a
// neighbouring line counts towards coverage.
const besideCredit = 0.85

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

// related returns the parent and the neighbours of a bullet in its talk:
// the lines before and after it in the same file.
func (ix *Index) related(doc uint32, buf *[3]uint32) []uint32 {
	d := ix.docs[doc]
	t := ix.corpus.Talks[d.talk]
	out := buf[:0]
	if p := t.Bullets[d.bullet].Parent; p >= 0 {
		out = append(out, ix.talkStart[d.talk]+uint32(p))
	}
	b := t.Bullets[d.bullet]
	same := func(o corpus.Bullet) bool { return o.File == b.File }
	if d.bullet > 0 && same(t.Bullets[d.bullet-1]) {
		out = append(out, doc-1)
	}
	if int(d.bullet)+1 < len(t.Bullets) && same(t.Bullets[d.bullet+1]) {
		out = append(out, doc+1)
	}
	return out
}

// inSpeakerSection reports whether a line introduces the speakers: it
// stands under a heading such as "Author", or reads "A talk by ...".
func (ix *Index) inSpeakerSection(doc uint32) bool {
	d := ix.docs[doc]
	b := ix.corpus.Talks[d.talk].Bullets[d.bullet]
	return len(b.Section) > 0 && corpus.IsSpeakerHeading(b.Section[len(b.Section)-1]) || corpus.IntroducesSpeakers(b.Text)
}
