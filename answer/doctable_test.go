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
		holdsAll(t, &tb, want, "round", round)
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

// TestDocTableInActsAsMap: a table in a caller's arrays, as rankTalks
// keeps on its stack, gives each key its value, for a shortlist's talks
// and for more, when it grows into memory of its own; in arrays of any
// length.
func TestDocTableInActsAsMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, size := range []int{2 * shortlistSize, 1, 3, 192, 300} { // a length not a power of two must not lose slots
		for _, lines := range []int{0, 1, 7, shortlistSize, shortlistSize + 1, 5000} {
			keyBuf := make([]uint32, size)
			placeBuf := make([]int32, size)
			keyBuf[size/2] = 99 // left over from an earlier question
			tb := docTableIn(keyBuf, placeBuf)
			if n := len(tb.keys); n&(n-1) != 0 || n > size || 2*n <= size {
				t.Fatalf("a table in %d slots uses %d", size, n)
			}
			want := map[uint32]int32{}
			for i := range lines {
				talk := rng.Uint32N(uint32(lines/2 + 1))
				if i%3 == 0 {
					talk = ^uint32(0) - 1 - uint32(i) // the largest
				}
				got, ok := tb.get(talk)
				w, wok := want[talk]
				if got != w || ok != wok {
					t.Fatalf("%d lines: get(%d) = %d, %v; want %d, %v", lines, talk, got, ok, w, wok)
				}
				if !ok {
					want[talk] = int32(len(want))
					tb.put(talk, want[talk])
				}
			}
			holdsAll(t, &tb, want, "lines", lines)
		}
	}
}

// TestDocTableSet: set overwrites a value a key has and adds one it lacks,
// as assigning to a map does.
func TestDocTableSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var tb docTable
	for round := range 4 {
		want := map[uint32]int32{}
		for i := range 2000 * (round + 1) {
			key := rng.Uint32N(uint32(300 * (round + 1))) // many set again
			if i%5 == 0 {
				key = ^uint32(0) - 1 - rng.Uint32N(4) // the largest
			}
			want[key] = int32(i)
			tb.set(key, int32(i))
		}
		if tb.n != len(want) {
			t.Fatalf("round %d: %d entries; want %d", round, tb.n, len(want))
		}
		holdsAll(t, &tb, want, "round", round)
		tb.reset()
	}
}

// holdsAll fails the test unless the table gives every key of want its
// value; what and n say which case it is.
func holdsAll(t *testing.T, tb *docTable, want map[uint32]int32, what string, n int) {
	t.Helper()
	for key, w := range want {
		if got, ok := tb.get(key); !ok || got != w {
			t.Fatalf("%s %d: get(%d) = %d, %v; want %d", what, n, key, got, ok, w)
		}
	}
}
