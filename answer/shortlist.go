package answer

import "math"

// shortlistSize bounds how many candidates are scored in full: a word
// common in a large corpus matches far more lines than can be worth
// reading.
const shortlistSize = 128

// shortlist returns the candidates worth scoring in full, shortlistSize
// at most: the best by quickScore. Lines found by title, speaker or
// section alone take at most half of it: in a large corpus many titles
// and headings hold a common word of the question, and their lines must
// not crowd out the lines that hold the question's words.
func (m *matcher) shortlist(total float64) []*candidate {
	all := m.short[:0]
	for i := range m.pool {
		all = append(all, &m.pool[i])
	}
	if len(all) <= shortlistSize {
		m.short = all
		return all
	}
	forced, rest := m.forced[:0], m.rest[:0]
	for _, c := range all {
		c.score = m.quickScore(c, total)
		if c.forced {
			forced = append(forced, c)
		} else {
			rest = append(rest, c)
		}
	}
	if half := shortlistSize / 2; len(forced) > half {
		// The first line of each talk or section found comes first:
		// it alone may say what the talk is about.
		selectTop(forced, half, func(a, b *candidate) bool {
			if a.lead != b.lead {
				return a.lead
			}
			return quickBetter(a, b)
		})
		rest = append(rest, forced[half:]...)
		forced = forced[:half]
	}
	if n := shortlistSize - len(forced); n < len(rest) {
		selectTop(rest, n, quickBetter)
		rest = rest[:n]
	}
	m.forced, m.rest = forced, rest
	m.short = append(append(all[:0], forced...), rest...)
	return m.short
}

// quickScore is what is known of a line cheaply, before it is scored in
// full: how strongly it holds each word of the question, or the title,
// speakers or heading that found its talk or section do, weighed by the
// word's weight, times the share of the question's weight held so.
func (m *matcher) quickScore(c *candidate, total float64) float64 {
	levels := c.level
	for _, k := range [2]int32{fieldIn(&m.fieldTalks, c.talk), fieldIn(&m.fieldSections, c.section)} {
		if k >= 0 {
			for i := range m.qs {
				levels[i] = max(levels[i], m.levels[k][i])
			}
		}
	}
	var sum, held float64
	for i := range m.qs {
		if l := float64(levels[i]); l > 0 {
			w := m.qs[i].weight
			sum += w * l
			held += w
		}
	}
	return sum * held / max(total, 1e-9)
}

// fieldIn returns where the levels of a talk or section found by its
// fields are kept, or -1.
func fieldIn(found *docTable, id uint32) int32 {
	if id == noSection { // no key of a table
		return -1
	}
	if k, ok := found.get(id); ok {
		return k
	}
	return -1
}

// quickBetter orders candidates by their quick score, then by document:
// which of the lines alike in it are shortlisted does not hang on the
// order the question's words found them in.
func quickBetter(a, b *candidate) bool {
	return a.score > b.score || a.score == b.score && a.doc < b.doc
}

// selectTop reorders xs so that its first n hold the n best by better, in
// linear expected time (quickselect).
func selectTop[T any](xs []T, n int, better func(a, b T) bool) {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		pivot := xs[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for better(xs[i], pivot) {
				i++
			}
			for better(pivot, xs[j]) {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
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

// tfNorm is the BM25 term-frequency factor of a bullet.
func (ix *Index) tfNorm(tf uint32, doc uint32) float64 {
	f := float64(tf)
	dl := float64(ix.docs[doc].length)
	return f * (bm25K1 + 1) / (f + bm25K1*(1-bm25B+bm25B*dl/math.Max(ix.avgLen, 1)))
}

// firstDoc returns the document of a talk's first bullet.
func (ix *Index) firstDoc(talk uint32) uint32 {
	return ix.talkStart[talk]
}

// endDoc returns the document after a talk's last bullet.
func (ix *Index) endDoc(talk uint32) uint32 {
	if int(talk)+1 < len(ix.talkStart) {
		return ix.talkStart[talk+1]
	}
	return uint32(len(ix.docs))
}

// related returns the parent, the grandparent and the neighbours of a
// bullet in its talk: the lines above it in its outline, and the lines
// before and after it in the same file.
func (ix *Index) related(doc uint32, buf *[4]uint32) []uint32 {
	out := buf[:0]
	if up, ok := ix.parentDoc(doc); ok {
		out = append(out, up)
		if upper, ok := ix.parentDoc(up); ok {
			out = append(out, upper)
		}
	}
	if ix.docs[doc].flags()&flagPrevSameFile != 0 {
		out = append(out, doc-1)
	}
	if ix.docs[doc].flags()&flagNextSameFile != 0 {
		out = append(out, doc+1)
	}
	return out
}

// parentDoc returns the document of a bullet's parent, if it has one.
func (ix *Index) parentDoc(doc uint32) (uint32, bool) {
	switch up := ix.docs[doc].parent(); up {
	case 0:
		return 0, false
	case parentFar:
		d := ix.doc(doc)
		return ix.talkStart[d.talk] + uint32(ix.corpus.Talks[d.talk].Place(int(d.bullet)).Parent), true
	default:
		return doc - uint32(up), true
	}
}
