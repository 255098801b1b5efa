package answer

import (
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
