package answer

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// A question naming an event, or a day of a schedule, is asked of the
// talks a filter allows. Its words' postings are read within the runs of
// documents those talks hold, and a common word among them through its
// champions there, as without a filter.

// readChampionsIn reads a common word's lines ps, in the talks a filter
// allows, as its champions are read without one: the k where it weighs
// most, the first line of each talk using it marked, the word then looked
// up in every other candidate. A question naming an event in a large
// corpus would otherwise make every line of the event using the word a
// candidate.
func (m *matcher) readChampionsIn(i int, v variant, ps []posting, k int, get func(uint32) *candidate) {
	talks := m.talksOf(ps)
	lastTalk := uint32(math.MaxUint32)
	for j, p := range ps {
		if t := talks[j]; t != lastTalk && p.tf&1 == 0 {
			ps[j].tf |= championFirst // as buildCommon marks them
			lastTalk = t
		}
	}
	best := m.ix.bestPostings(m.rankedBuf[:0], ps, k)
	m.rankedBuf = best[:0]
	ch := ps[:0] // ps is read; best is a buffer of its own
	for _, r := range best {
		ch = append(ch, r.posting)
	}
	m.readChampions(i, v, ch, get)
}

// docRange is a run of documents, from start up to end.
type docRange struct{ start, end uint32 }

func compareRanges(a, b docRange) int { return cmp.Compare(a.start, b.start) }

// filterRanges returns the documents of the talks the filter allows, as
// sorted runs, made the first time they are needed.
func (m *matcher) filterRanges() []docRange {
	if m.rangesMade {
		return m.ranges
	}
	// The talks allowed, in order, from a bit per talk: no sort.
	talks := len(m.ix.talkStart)
	allowed := slices.Grow(m.rangeBits[:0], (talks+63)/64)[:(talks+63)/64]
	clear(allowed)
	for t, ok := range m.filter {
		if ok && int(t) < talks {
			allowed[t/64] |= 1 << (t % 64)
		}
	}
	m.rangeBits = allowed
	rs := m.ranges[:0]
	for w, set := range allowed {
		for ; set != 0; set &= set - 1 {
			t := uint32(w*64 + bits.TrailingZeros64(set))
			start := m.ix.talkStart[t]
			rs = append(rs, docRange{start, start + uint32(m.ix.corpus.Talks[t].NumBullets())})
		}
	}
	if !slices.IsSortedFunc(rs, compareRanges) { // talks' lines come in the order of the talks
		slices.SortFunc(rs, compareRanges)
	}
	merged := rs[:0]
	for _, r := range rs {
		if n := len(merged); n > 0 && merged[n-1].end >= r.start {
			merged[n-1].end = max(merged[n-1].end, r.end)
			continue
		}
		merged = append(merged, r)
	}
	m.ranges, m.rangesMade = merged, true
	return merged
}
