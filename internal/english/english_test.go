package english

import (
	"bufio"
	"strconv"
	"strings"
	"testing"
)

func TestRank(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"the", 1},
		{"a1", 21287},
		{"school", 157},
		{"python", 18875},
		{"pyo3", 0},
		{"", 0},
		{"zzzzzzzz", 0},
		{"Python", 0}, // words must be folded
	}
	for _, tt := range tests {
		if got := Rank(tt.word); got != tt.want {
			t.Errorf("Rank(%q) = %d; want %d", tt.word, got, tt.want)
		}
	}
}

// TestRankFindsEveryWord looks every line of the list up: the first, the
// last and every word between must give their line's rank and size, and
// words the list lacks none.
func TestRankFindsEveryWord(t *testing.T) {
	sc := bufio.NewScanner(strings.NewReader(list))
	prev := ""
	n := 0
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 3 || fs[0] <= prev {
			t.Fatalf("line %d %q: the list must be sorted, one \"word rank size\" a line", n+1, sc.Text())
		}
		w := fs[0]
		prev = w
		rank, size := lookup(w)
		if strconv.Itoa(rank) != fs[1] || strconv.Itoa(size) != fs[2] || rank > Rare || rank == 0 && size == 0 {
			t.Fatalf("%q: rank %d, size %d; want its line %q", w, rank, size, sc.Text())
		}
		n++
	}
	for _, w := range []string{"", " ", "zzzzqx", "pytho", "the ", " the", "the\n", "a1 21287 0"} {
		if rank, size := lookup(w); rank != 0 || size != 0 {
			t.Errorf("lookup(%q) = %d, %d; want nothing", w, rank, size)
		}
	}
	if n < 120_000 {
		t.Errorf("%d words; want the first 100,000 ranks and the dictionaries", n)
	}
}

func TestCommonness(t *testing.T) {
	tests := []struct {
		word     string
		min, max float64
	}{
		{"the", 1, 1},
		{"sorry", 0.6, 0.8},
		{"python", 0.3, 0.6},
		{"django", 0.05, 0.3},
		{"newbie", 0, 0.1}, // rare in news
		{"pyo3", 0, 0},
		{"keepin", 0, 0}, // a slip
	}
	for _, tt := range tests {
		if got := Commonness(tt.word); got < tt.min || got > tt.max {
			t.Errorf("Commonness(%q) = %.2f; want %.2f to %.2f", tt.word, got, tt.min, tt.max)
		}
	}
}

func TestFamiliarity(t *testing.T) {
	for w, want := range map[string]float64{"newbie": 0.6, "the": 1, "pyo3": 0, "python": 0.85} {
		if got := Familiarity(w); got != want {
			t.Errorf("Familiarity(%q) = %.2f; want %.2f", w, got, want)
		}
	}
}

func TestCommonest(t *testing.T) {
	ws := Commonest()
	if len(ws) < CommonestRank*8/10 || len(ws) > CommonestRank {
		t.Errorf("Commonest() = %d words; want nearly %d", len(ws), CommonestRank)
	}
	for _, w := range ws {
		if r := Rank(w); r == 0 || r > CommonestRank {
			t.Fatalf("Commonest() holds %q of rank %d", w, r)
		}
	}
}

func BenchmarkRank(b *testing.B) {
	ws := []string{"the", "python", "asyncio", "weekend", "zzz"}
	for i := 0; b.Loop(); i++ {
		Rank(ws[i%len(ws)])
	}
}
