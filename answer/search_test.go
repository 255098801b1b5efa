package answer

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestFilterRangesHoldTheFilteredTalks: the runs of documents a filter
// gives hold the lines of the talks it allows and no others.
func TestFilterRangesHoldTheFilteredTalks(t *testing.T) {
	dir, _ := syntheticNotes(t, 3, 5_000)
	ix := NewIndex(loadNotes(t, dir))
	if len(ix.events) < 2 {
		t.Fatalf("%d events; want several", len(ix.events))
	}
	filters := []map[uint32]bool{{}, {0: true}, {uint32(len(ix.talkStart) - 1): true, 0: true, 1: true}}
	for _, ev := range ix.events[:2] {
		f := map[uint32]bool{}
		for _, talk := range ev.talks {
			f[talk] = true
		}
		filters = append(filters, f)
	}
	odd := map[uint32]bool{}
	for talk := range uint32(len(ix.talkStart)) {
		if talk%3 == 1 {
			odd[talk] = true
		}
	}
	filters = append(filters, odd, map[uint32]bool{2: false})
	for _, filter := range filters {
		m := newMatcher(ix, nil, filter)
		rs := m.filterRanges()
		if !slices.IsSortedFunc(rs, func(a, b docRange) int { return int(a.start) - int(b.start) }) {
			t.Errorf("filter of %d talks: runs out of order: %v", len(filter), rs)
		}
		for doc := range uint32(len(ix.docs)) {
			in := slices.ContainsFunc(rs, func(r docRange) bool { return r.start <= doc && doc < r.end })
			if want := filter[ix.docs[doc].talk]; in != want {
				t.Fatalf("filter of %d talks: document %d of talk %d in the runs: %v, want %v", len(filter), doc, ix.docs[doc].talk, in, want)
			}
		}
		m.release()
	}
}

// TestFilteredCommonWordReadsItsChampions: a word in more of an event's
// lines than fullScan is read through the best of them, as without a
// filter, and not line by line: the lines a question naming an event
// makes candidates stay bounded however large the event.
func TestFilteredCommonWordReadsItsChampions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 30,000-bullet corpus")
	}
	dir, _ := syntheticNotes(t, 11, 30_000)
	ix := NewIndex(loadNotes(t, dir))
	ev := ix.events[0]
	filter := map[uint32]bool{}
	for _, talk := range ev.talks {
		filter[talk] = true
	}
	// The word the event's lines use most.
	var word string
	inEvent := 0
	for id := range ix.common {
		n := 0
		ix.text[id].each(func(doc, _ uint32) {
			if filter[ix.docs[doc].talk] {
				n++
			}
		})
		if n > inEvent && !isStop(ix.termList[id]) {
			word, inEvent = ix.termList[id], n
		}
	}
	if inEvent <= fullScan {
		t.Fatalf("the commonest word of %s is in %d of its lines; want more than %d", ev.name, inEvent, fullScan)
	}
	qs, _ := ix.queryTerms(word, analyze(word), nil)
	if len(qs) != 1 {
		t.Fatalf("%q read as %d words", word, len(qs))
	}
	s, m := ix.match(qs, analyze(word), filter, nil)
	defer m.release()
	if limit := fullScan + 3*maxForcedTalks + 64; len(m.pool) > limit {
		t.Errorf("%q at %s (in %d of its lines): %d candidates, want at most %d", word, ev.name, inEvent, len(m.pool), limit)
	}
	if !m.partial[0] {
		t.Errorf("%q at %s not read through its champions", word, ev.name)
	}
	for _, c := range s.cands {
		if !filter[c.talk] {
			t.Fatalf("candidate of talk %d, not of %s", c.talk, ev.name)
		}
	}
	if len(s.cands) == 0 {
		t.Errorf("%q at %s found nothing", word, ev.name)
	}
}

// TestFieldHits: a field's terms found among a question's variants give
// each word its best variant's weight, whether the variants are walked or
// the terms searched for (many variants, few terms), against comparing
// every pair.
func TestFieldHits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 3000 {
		var vs []termVariant
		for range rng.IntN(120) {
			vs = append(vs, termVariant{term: uint32(rng.IntN(60)), word: uint8(rng.IntN(maxTerms)), weight: float64(rng.IntN(8)) / 8})
		}
		slices.SortFunc(vs, func(a, b termVariant) int { return cmp.Compare(a.term, b.term) })
		var terms []uint32
		for range rng.IntN(12) {
			terms = append(terms, uint32(rng.IntN(60)))
		}
		slices.Sort(terms)
		terms = slices.Compact(terms)
		var want [maxTerms]float64
		for _, term := range terms {
			for _, v := range vs {
				if v.term == term {
					want[v.word] = max(want[v.word], v.weight)
				}
			}
		}
		var got [maxTerms]float64
		(&matcher{byTerm: vs}).fieldHits(terms, &got)
		if got != want {
			t.Fatalf("round %d: %d variants, terms %v: got %v, want %v", round, len(vs), terms, got, want)
		}
	}
}

// TestTalkDocs: a talk's documents are its bullets, one each, in order:
// the index counts a talk's lines without reading the talk.
func TestTalkDocs(t *testing.T) {
	dir, _ := syntheticNotes(t, 5, 3_000)
	for _, ix := range []*Index{defaultEngine(t).Index(), NewIndex(loadNotes(t, dir))} {
		for talk, tk := range ix.corpus.Talks {
			first, end := ix.firstDoc(uint32(talk)), ix.endDoc(uint32(talk))
			if int(end-first) != tk.NumBullets() {
				t.Fatalf("talk %d %q: documents %d-%d for %d bullets", talk, tk.Title, first, end, tk.NumBullets())
			}
			for d := first; d < end; d++ {
				if got := ix.doc(d); got.talk != uint32(talk) || got.bullet != d-first {
					t.Fatalf("document %d is %+v; want talk %d bullet %d", d, got, talk, d-first)
				}
			}
		}
	}
}
