package answer

import (
	"math/rand/v2"
	"testing"
)

// TestDocTableActsAsMap: whatever documents a question reaches (spread,
// dense, colliding, the largest), the table answers as a map does, and
// again after a reset; a small question after a large one lets the large
// one's slots go.
func TestDocTableActsAsMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var tb docTable
	for round := range 6 {
		want := map[uint32]int32{}
		for i := range 3000 * (round + 1) {
			var doc uint32
			switch i % 4 {
			case 0:
				doc = rng.Uint32N(1 << 20)
			case 1:
				doc = uint32(i) // dense
			case 2:
				doc = uint32(i) << 16 // the same low bits
			default:
				doc = ^uint32(0) - 1 - rng.Uint32N(8) // the largest
			}
			if _, ok := want[doc]; !ok {
				want[doc] = int32(i)
				tb.put(doc, int32(i))
			}
			probe := rng.Uint32N(1 << 21)
			got, ok := tb.get(probe)
			if w, wok := want[probe]; ok != wok || got != w {
				t.Fatalf("round %d: get(%d) = %d, %v; want %d, %v", round, probe, got, ok, w, wok)
			}
		}
		for doc, w := range want {
			if got, ok := tb.get(doc); !ok || got != w {
				t.Fatalf("round %d: get(%d) = %d, %v; want %d", round, doc, got, ok, w)
			}
		}
		tb.reset()
		for doc := range want {
			if _, ok := tb.get(doc); ok {
				t.Fatalf("round %d: %d found after reset", round, doc)
			}
		}
	}
	for doc := range uint32(10) {
		tb.put(doc*7, int32(doc))
	}
	tb.reset()
	if len(tb.keys) != 0 {
		t.Errorf("%d slots kept after a question of 10 documents", len(tb.keys))
	}
	tb.put(3, 4)
	if got, ok := tb.get(3); !ok || got != 4 {
		t.Errorf("after letting slots go: get(3) = %d, %v; want 4", got, ok)
	}
}
