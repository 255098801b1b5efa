package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShortMix: the short mix keeps issue 17's proportions, and gen writes
// it beside the other files, a kind and a question a line.
func TestShortMix(t *testing.T) {
	count := map[string]int{}
	for _, k := range shortMix {
		count[k]++
	}
	want := map[string]int{"words": 12, "typo-swap": 3, "speaker-word": 2, "title": 2, "nonsense": 1}
	for k, n := range want {
		if count[k] != n || len(count) != len(want) {
			t.Fatalf("shortMix holds %v; want %v a twentieth", count, want)
		}
	}
	out := t.TempDir()
	if err := gen(out, 300, 80, 1); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "queries-short-mix.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 40 {
		t.Fatalf("%d questions; want 40", len(lines))
	}
	for i, l := range lines {
		kind, q, ok := strings.Cut(l, "\t")
		if !ok || kind != shortMix[i%len(shortMix)] || strings.TrimSpace(q) == "" {
			t.Fatalf("line %d %q: want %s<TAB>question", i+1, l, shortMix[i%len(shortMix)])
		}
	}
}
