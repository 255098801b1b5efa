package main

import (
	"strings"
	"testing"

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
	var qs, kinds []string
	for i := range 50 {
		qs = append(qs, g.Query())
		kinds = append(kinds, []string{"one", "two"}[i%2])
	}
	results := map[string]measured{}
	for _, engine := range []string{"talkbot", "bleve", "fuzzy"} {
		r, err := measure(engine, dir, qs, kinds, 20)
		if err != nil {
			t.Fatalf("%s: %v", engine, err)
		}
		if r.Engine != engine || r.Bullets != n || r.P50us <= 0 || r.P99us < r.P50us || r.HeapMiB <= 0 {
			t.Errorf("%s: implausible %+v (wrote %d bullets)", engine, r, n)
		}
		// Two kinds and the mix, every question of each counted once.
		if len(r.Kinds) != 3 || r.Kinds[2].Kind != "mix" || r.Kinds[0].Queries+r.Kinds[1].Queries != r.Queries {
			t.Errorf("%s: kinds %+v of %d questions", engine, r.Kinds, r.Queries)
		}
		results[engine] = r
	}
	if q := results["fuzzy"].Queries; q != 20 || !strings.Contains(results["fuzzy"].Note, "sample of 20") {
		t.Errorf("fuzzy answered %d questions, note %q: want a sample of 20", q, results["fuzzy"].Note)
	}
	kindLines := KindRatios(results["talkbot"].Kinds, results["bleve"])
	if len(kindLines) != 3 || !strings.Contains(kindLines[0], "ratio engine=bleve vs=talkbot kind=one p50_x=") {
		t.Errorf("kind ratios %q", kindLines)
	}
	line := Ratio(results["talkbot"].Result, results["bleve"].Result)
	for _, key := range []string{"ratio engine=bleve vs=talkbot", "build_x=", "p50_x=", "p99_x=", "heap_x="} {
		if !strings.Contains(line, key) {
			t.Errorf("ratio line %q lacks %q", line, key)
		}
	}
	if _, err := measure("nope", dir, qs, nil, 1); err == nil {
		t.Error("unknown engine accepted")
	}
}
