// Command compare measures talkbot, Bleve and a plain sahilm/fuzzy scan on
// the same notes and questions, each engine in a process of its own so
// that their heaps do not mix, and prints one line per engine and the
// ratios against talkbot; with -by-kind, a queries file of kind<TAB>question
// lines (cmd/gen's queries-by-kind.tsv) and the latencies and ratios of
// each kind too.
//
//	go run ./cmd/compare -corpus /tmp/talkbot-1m/notes -queries /tmp/talkbot-1m/queries.txt
//	go run ./cmd/compare -corpus /tmp/talkbot-100k/notes -queries /tmp/talkbot-100k/queries-by-kind.tsv -by-kind -engines talkbot,bleve
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/talkbot/talkbot/internal/perf"
)

func main() {
	corpusDir := flag.String("corpus", "", "folder of notes (required)")
	queries := flag.String("queries", "", "questions, one a line (required)")
	engines := flag.String("engines", "talkbot,bleve,fuzzy", "engines to measure, comma-separated")
	fuzzySample := flag.Int("fuzzy-sample", 200, "questions the fuzzy scan answers at most (it reads every bullet for each)")
	engine := flag.String("engine", "", "measure this engine alone and print JSON (used by compare itself)")
	byKind := flag.Bool("by-kind", false, "the queries file holds kind<TAB>question lines: print p50/p99 and ratios per kind too")
	flag.Parse()
	if *corpusDir == "" || *queries == "" {
		fmt.Fprintln(os.Stderr, "compare: -corpus and -queries are required")
		os.Exit(2)
	}
	f, err := os.Open(*queries)
	if err != nil {
		fail(err)
	}
	var qs, kinds []string
	if *byKind {
		qs, kinds, err = perf.ReadKindQueries(f)
	} else {
		qs, err = perf.ReadQueries(f)
	}
	f.Close()
	if err != nil {
		fail(err)
	}
	if *engine != "" {
		r, err := measure(*engine, *corpusDir, qs, kinds, *fuzzySample)
		if err != nil {
			fail(err)
		}
		json.NewEncoder(os.Stdout).Encode(r)
		return
	}
	var results []measured
	for _, name := range strings.Split(*engines, ",") {
		r, err := child(name, os.Args[1:])
		if err != nil {
			fail(fmt.Errorf("%s: %w", name, err))
		}
		fmt.Println(r.Result)
		for _, k := range r.Kinds {
			fmt.Printf("engine=%s %s\n", r.Engine, k)
		}
		results = append(results, r)
	}
	if len(results) > 0 && results[0].Engine == "talkbot" {
		for _, r := range results[1:] {
			fmt.Println(Ratio(results[0].Result, r.Result))
			for _, line := range KindRatios(results[0].Kinds, r) {
				fmt.Println(line)
			}
		}
	}
}

// KindRatios compares an engine with talkbot kind by kind: how many times
// talkbot's p50 and p99 the other takes.
func KindRatios(tb []perf.KindResult, o measured) []string {
	talkbot := map[string]perf.KindResult{}
	for _, k := range tb {
		talkbot[k.Kind] = k
	}
	var out []string
	for _, k := range o.Kinds {
		t, ok := talkbot[k.Kind]
		if !ok || t.P50us <= 0 || t.P99us <= 0 {
			continue
		}
		out = append(out, fmt.Sprintf("ratio engine=%s vs=talkbot kind=%s p50_x=%.1f p99_x=%.1f", o.Engine, k.Kind, k.P50us/t.P50us, k.P99us/t.P99us))
	}
	return out
}

// child measures one engine in a new process running this program.
func child(engine string, args []string) (measured, error) {
	cmd := exec.Command(os.Args[0], append([]string{"-engine", engine}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return measured{}, err
	}
	var r measured
	err := json.Unmarshal(out.Bytes(), &r)
	return r, err
}

// Ratio compares an engine with talkbot: how many times talkbot's load and
// index time, query latencies and heap the other takes (above 1: talkbot
// is faster or smaller). Bleve's build is its index time alone, talkbot's
// its load and index time together.
func Ratio(tb, o perf.Result) string {
	div := func(a, b float64) string {
		if b <= 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f", a/b)
	}
	return fmt.Sprintf("ratio engine=%s vs=talkbot build_x=%s p50_x=%s p99_x=%s heap_x=%s",
		o.Engine, div(o.IndexS, tb.LoadS+tb.IndexS), div(o.P50us, tb.P50us), div(o.P99us, tb.P99us), div(o.HeapMiB, tb.HeapMiB))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compare:", err)
	os.Exit(1)
}
