package answer

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPageTalks: joining speakers' talks a page at a time gives the page
// and the "more" that joining them all would.
func TestPageTalks(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for round := range 2000 {
		lists := make([][]uint32, rng.IntN(6))
		for i := range lists {
			lists[i] = make([]uint32, rng.IntN(12))
			for j := range lists[i] {
				lists[i][j] = uint32(rng.IntN(20)) // shared talks: co-speakers
			}
		}
		var all []uint32
		for _, l := range lists {
			for _, tk := range l {
				if !slices.Contains(all, tk) {
					all = append(all, tk)
				}
			}
		}
		opts := Options{Limit: rng.IntN(4), offset: rng.IntN(15)}
		got := pageTalks(lists, opts)
		start, end := min(opts.offset, len(all)), min(opts.offset+opts.limit(), len(all))
		if len(got) < end || !slices.Equal(got[start:end], all[start:end]) {
			t.Fatalf("round %d: pageTalks(%v, offset %d limit %d) = %v; want page %v of %v", round, lists, opts.offset, opts.limit(), got, all[start:end], all)
		}
		if more, wantMore := len(got) > opts.offset+opts.limit(), len(all) > opts.offset+opts.limit(); more != wantMore {
			t.Fatalf("round %d: pageTalks(%v, offset %d limit %d) = %v tells more %v; want %v (all %v)", round, lists, opts.offset, opts.limit(), got, more, wantMore, all)
		}
		if len(got) > opts.offset+opts.limit()+1 {
			t.Fatalf("round %d: pageTalks gathered %d talks for a page ending at %d", round, len(got), opts.offset+opts.limit())
		}
	}
}
