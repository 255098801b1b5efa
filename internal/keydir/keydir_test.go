package keydir

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSearchAgreesWithBinarySearch: whatever the keys (none, few, many,
// clustered in a few values of the top bits, repeated, at the extremes),
// the directory finds what a binary search of them all finds.
func TestSearchAgreesWithBinarySearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lists := map[string][]uint64{
		"none":      nil,
		"one":       {42},
		"extremes":  {0, 0, 1, 1 << 63, ^uint64(0) - 1, ^uint64(0)},
		"clustered": nil,
		"repeated":  nil,
		"random":    nil,
	}
	for range 5000 {
		lists["random"] = append(lists["random"], rng.Uint64())
		lists["clustered"] = append(lists["clustered"], 7<<58|rng.Uint64N(1<<20))
		lists["repeated"] = append(lists["repeated"], rng.Uint64N(50)<<40)
	}
	for name, keys := range lists {
		slices.Sort(keys)
		key := func(i int) uint64 { return keys[i] }
		d := New(len(keys), key)
		targets := []uint64{0, 1, 1 << 63, ^uint64(0)}
		for _, k := range keys {
			targets = append(targets, k, k-1, k+1)
		}
		for range 2000 {
			targets = append(targets, rng.Uint64())
		}
		for _, target := range targets {
			want, _ := slices.BinarySearch(keys, target)
			if got := d.Search(target, key); got != want {
				t.Fatalf("%s: Search(%#x) = %d; want %d", name, target, got, want)
			}
		}
	}
}

func TestZeroDir(t *testing.T) {
	var d Dir
	if got := d.Search(5, func(int) uint64 { panic("no keys to read") }); got != 0 {
		t.Errorf("zero Dir: Search = %d; want 0", got)
	}
}

// BenchmarkSearch looks random targets up among two million keys, about
// the typo neighbourhood of 200,000 words, with the directory and with a
// binary search of them all.
func BenchmarkSearch(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	keys := make([]uint64, 2_000_000)
	for i := range keys {
		keys[i] = rng.Uint64()
	}
	slices.Sort(keys)
	targets := make([]uint64, 1<<16)
	for i := range targets {
		targets[i] = rng.Uint64()
	}
	key := func(i int) uint64 { return keys[i] }
	sum := 0
	b.Run("directory", func(b *testing.B) {
		d := New(len(keys), key)
		for i := 0; b.Loop(); i++ {
			sum += d.Search(targets[i%len(targets)], key)
		}
	})
	b.Run("binary", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			at, _ := slices.BinarySearch(keys, targets[i%len(targets)])
			sum += at
		}
	})
	if sum < 0 {
		b.Fatal("negative positions")
	}
}
