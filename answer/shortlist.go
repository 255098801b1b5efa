package answer

import "math"

// shortlistSize bounds how many candidates are scored in full: a word
// common in a large corpus matches far more lines than can be worth
// reading.
const shortlistSize = 200

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
			quick += q.weight * float64(c.level[i])
		}
		c.score = quick
		rest = append(rest, c)
	}
	n := max(0, shortlistSize-len(keep))
	if n < len(rest) {
		selectTop(rest, n, quickBetter)
		rest = rest[:n]
	}
	return append(keep, rest...)
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
	if ix.docs[doc].flags&flagPrevSameFile != 0 {
		out = append(out, doc-1)
	}
	if ix.docs[doc].flags&flagNextSameFile != 0 {
		out = append(out, doc+1)
	}
	return out
}

// parentDoc returns the document of a bullet's parent, if it has one.
func (ix *Index) parentDoc(doc uint32) (uint32, bool) {
	switch up := ix.docs[doc].parent; up {
	case 0:
		return 0, false
	case parentFar:
		d := ix.doc(doc)
		return ix.talkStart[d.talk] + uint32(ix.corpus.Talks[d.talk].Bullet(int(d.bullet)).Parent), true
	default:
		return doc - uint32(up), true
	}
}
