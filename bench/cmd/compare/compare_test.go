package main

import (
	"strings"
	"testing"

	"github.com/talkbot/talkbot/internal/perf"
	"github.com/talkbot/talkbot/internal/synth"
)

// TestEnginesOnSmallCorpus measures the three engines on a small
// synthetic corpus: each indexes every bullet and times every question.
func TestEnginesOnSmallCorpus(t *testing.T) {
	vocab, err := synth.Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	n, _, err := synth.NewGenerator(vocab, 1).WriteCorpus(dir, 2000)
	if err != nil {
		t.Fatal(err)
	}
	g := synth.NewGenerator(vocab, 2)
	var qs []string
	for range 50 {
		qs = append(qs, g.Query())
	}
	results := map[string]perf.Result{}
	for _, engine := range []string{"talkbot", "bleve", "fuzzy"} {
		r, err := measure(engine, dir, qs, 20)
		if err != nil {
			t.Fatalf("%s: %v", engine, err)
		}
		if r.Engine != engine || r.Bullets != n || r.P50us <= 0 || r.P99us < r.P50us || r.HeapMiB <= 0 {
			t.Errorf("%s: implausible %+v (wrote %d bullets)", engine, r, n)
		}
		results[engine] = r
	}
	if q := results["fuzzy"].Queries; q != 20 || !strings.Contains(results["fuzzy"].Note, "sample of 20") {
		t.Errorf("fuzzy answered %d questions, note %q: want a sample of 20", q, results["fuzzy"].Note)
	}
	line := Ratio(results["talkbot"], results["bleve"])
	for _, key := range []string{"ratio engine=bleve vs=talkbot", "build_x=", "p50_x=", "p99_x=", "heap_x="} {
		if !strings.Contains(line, key) {
			t.Errorf("ratio line %q lacks %q", line, key)
		}
	}
	if _, err := measure("nope", dir, qs, 1); err == nil {
		t.Error("unknown engine accepted")
	}
}
