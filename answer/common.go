package answer

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
)

// fullScan is the most bullets a term is read in whole for a question. A
// commoner term is read through its champions, the fullScan bullets where
// it weighs most (by BM25, shortest lines first), and looked up in the
// forward lists of the candidates the other words bring: work per
// question stays bounded however large the corpus grows.
const fullScan = 256

// fewChampions is how many champions are read of a correction.
const fewChampions = fullScan / 4

// rareChampions is how many champions of a common word are read when a
// rarer word of the question is read in whole: the lines holding the rarer
// word are looked up for the common one anyway.
const rareChampions = 16

// posting is a document and its stored term frequency.
type posting struct {
	doc uint32
	tf  uint32
}

// buildCommon picks the champions of each common term and writes the
// forward lists of common terms.
func (ix *Index) buildCommon() {
	ix.champions = map[uint32][]posting{}
	ix.common = map[uint32]uint16{}
	var commons []uint32
	for id := range ix.text {
		if ix.text[id].count > fullScan {
			commons = append(commons, uint32(id))
		}
	}
	if len(commons) == 0 {
		return
	}
	if len(commons) > maxCommon {
		// The commonest are the costliest to read in whole.
		slices.SortFunc(commons, func(a, b uint32) int { return cmp.Compare(ix.text[b].count, ix.text[a].count) })
		commons = commons[:maxCommon]
		slices.Sort(commons)
	}
	for k, id := range commons {
		ix.common[id] = uint16(k)
	}
	// The champions of each term are picked by workers of their own, each
	// counting the forward entries of its terms' lines.
	workers := max(1, min(runtime.GOMAXPROCS(0), len(commons)/16))
	champions := make([][]posting, len(commons))
	perWorker := make([][]uint32, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			counts := make([]uint32, len(ix.docs)+1)
			var all []posting
			for k := w; k < len(commons); k += workers {
				all = all[:0]
				lastTalk := uint32(math.MaxUint32)
				ix.text[commons[k]].each(func(doc, tf uint32) {
					counts[doc+1]++
					if t := ix.docs[doc].talk; t != lastTalk && tf&1 == 0 {
						tf |= championFirst
						lastTalk = t
					}
					all = append(all, posting{doc, tf})
				})
				champions[k] = ix.pickChampions(all)
			}
			perWorker[w] = counts
		})
	}
	wg.Wait()
	for k, id := range commons {
		ix.champions[id] = champions[k]
	}
	ix.buildSkips()
	counts := perWorker[0]
	for _, more := range perWorker[1:] {
		for i, n := range more {
			counts[i] += n
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	for doc := range ix.docs {
		ix.docs[doc].fwd = counts[doc]
	}
	n := counts[len(counts)-1]
	ix.fwd = make([]uint16, n)
	// The forward lists are written by workers of their own, each those of
	// a run of whole talks (which tells it where a talk first uses a
	// term), reading each term's postings in its run through the skip
	// lists. next is where each document's list goes on.
	next := counts[:len(ix.docs)]
	parts := ix.talkRuns(runtime.GOMAXPROCS(0))
	for _, part := range parts {
		wg.Go(func() {
			run := []docRange{part}
			var ps []posting
			for k, id := range commons {
				ps = ix.text[id].appendIn(ps[:0], run, ix.skips[id])
				lastTalk := uint32(math.MaxUint32)
				for _, p := range ps {
					doc, tf := p.doc, p.tf
					e := uint16(k) | tfClass(tf)<<14
					if t := ix.docs[doc].talk; t != lastTalk && tf&1 == 0 {
						// Where the talk first uses the word, outside links.
						e |= firstInTalk
						lastTalk = t
					}
					ix.fwd[next[doc]] = e
					next[doc]++
				}
			}
		})
	}
	wg.Wait()
}

// talkRuns splits the documents into at most n runs of whole talks, of
// about as many documents each.
func (ix *Index) talkRuns(n int) []docRange {
	docs := uint32(len(ix.docs))
	var out []docRange
	start := uint32(0)
	for k := 1; k <= n && start < docs; k++ {
		end := docs
		if k < n {
			// The first talk to start at or after the k-th share of the documents.
			target := uint32(uint64(docs) * uint64(k) / uint64(n))
			t, _ := slices.BinarySearch(ix.talkStart, target)
			if t < len(ix.talkStart) {
				end = ix.talkStart[t]
			}
		}
		if end > start {
			out = append(out, docRange{start, end})
			start = end
		}
	}
	return out
}

// buildSkips makes the skip lists of the common terms, in a pass over
// their postings: after buildCommon, and when a snapshot, which does not
// keep them, is read.
func (ix *Index) buildSkips() {
	if len(ix.common) == 0 {
		return
	}
	commons := make([]uint32, 0, len(ix.common))
	for id := range ix.common {
		commons = append(commons, id)
	}
	skips := make([][]postingSkip, len(commons))
	var wg sync.WaitGroup
	workers := max(1, min(runtime.GOMAXPROCS(0), len(commons)/16))
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(commons); k += workers {
				skips[k] = ix.text[commons[k]].skipList()
			}
		})
	}
	wg.Wait()
	ix.skips = make(map[uint32][]postingSkip, len(commons))
	for k, id := range commons {
		ix.skips[id] = skips[k]
	}
}

// championFirst marks, in a champion's frequency, the talk's first line
// using the term outside links.
const championFirst = 1 << 31

// A forward entry is a 13-bit term number, a bit set on the talk's first
// line using the term (outside links), and a 2-bit frequency class.
const (
	maxCommon   = 1 << 13
	firstInTalk = 1 << 13
)

// tfClass sorts a stored frequency into one of four: once, twice, more
// (counted as three), or only inside links (counted as once).
func tfClass(tf uint32) uint16 {
	switch {
	case tf&1 == 1:
		return 3
	case tf <= 2:
		return 0
	case tf == 4:
		return 1
	}
	return 2
}

// classTF is the stored frequency a class stands for.
var classTF = [4]uint32{2, 4, 6, 3}

// pickChampions returns the fullScan postings of ps where the term weighs
// most, best first.
func (ix *Index) pickChampions(ps []posting) []posting {
	best := ix.bestPostings(make([]rankedPosting, 0, len(ps)), ps, fullScan)
	out := make([]posting, len(best))
	for i := range out {
		out[i] = best[i].posting
	}
	return out
}

// bestPostings returns the n postings of ps where the term weighs most, by
// BM25 (less inside links), best first: ranked is a buffer for them all.
func (ix *Index) bestPostings(ranked []rankedPosting, ps []posting, n int) []rankedPosting {
	for _, p := range ps {
		w := ix.tfNorm((p.tf&^championFirst)>>1, p.doc)
		if p.tf&1 == 1 {
			w *= linkRate
		}
		ranked = append(ranked, rankedPosting{posting: p, impact: float32(w)})
	}
	n = min(n, len(ranked))
	selectTop(ranked, n, rankedPosting.better)
	ranked = ranked[:n]
	slices.SortFunc(ranked, func(a, b rankedPosting) int {
		if a.better(b) {
			return -1
		}
		return 1
	})
	return ranked
}

type rankedPosting struct {
	posting
	impact float32
}

// better orders postings by impact, then by document.
func (a rankedPosting) better(b rankedPosting) bool {
	return a.impact > b.impact || a.impact == b.impact && a.doc < b.doc
}

// forward returns the forward list of a document: an entry per common
// term it uses.
func (ix *Index) forward(doc uint32) []uint16 {
	if ix.fwd == nil {
		return nil
	}
	return ix.fwd[ix.docs[doc].fwd:ix.fwdStart(doc+1)]
}

// fwdStart is where the forward list of a document starts, or the end of
// the lists for the document after the last.
func (ix *Index) fwdStart(doc uint32) uint32 {
	if int(doc) < len(ix.docs) {
		return ix.docs[doc].fwd
	}
	return uint32(len(ix.fwd))
}

// forwardEntry reads an entry of a forward list: the common term, its
// stored frequency as its class keeps it, and whether the document is where
// its talk first uses the term.
func forwardEntry(e uint16) (common uint16, tf uint32, first bool) {
	return e & (maxCommon - 1), classTF[e>>14], e&firstInTalk != 0
}
