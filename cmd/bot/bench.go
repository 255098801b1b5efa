package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"runtime/pprof"

	"github.com/talkbot/talkbot/corpus/embedded"
	"github.com/talkbot/talkbot/internal/perf"
)

// runBench measures load, index and question latency on a corpus:
// bot bench --corpus DIR --queries FILE [--json].
func runBench(ctx context.Context, e *env, args []string) error {
	st := newSettings(e, "bench")
	queries := st.fset.String("queries", "", "questions, one a line (required)")
	asJSON := st.fset.Bool("json", false, "print the result as JSON")
	cpuProfile := st.fset.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	byKind := st.fset.Bool("by-kind", false, "the queries file holds kind<TAB>question lines: print p50/p99 per kind too")
	if err := st.parse(args); err != nil {
		return err
	}
	cfg, err := st.load(e)
	if err != nil {
		return err
	}
	if *queries == "" || st.fset.NArg() > 0 {
		return usageError{"bot bench [--corpus DIR] --queries FILE [--by-kind] [--json]"}
	}
	f, err := os.Open(*queries)
	if err != nil {
		return err
	}
	var qs, kinds []string
	if *byKind {
		qs, kinds, err = perf.ReadKindQueries(f)
	} else {
		qs, err = perf.ReadQueries(f)
	}
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *queries, err)
	}
	if len(qs) == 0 {
		return fmt.Errorf("%s holds no questions", *queries)
	}
	var fsys fs.FS = embedded.FS
	if cfg.Corpus != "" {
		fsys = os.DirFS(cfg.Corpus)
	}
	if *cpuProfile != "" {
		pf, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	r, lat, err := perf.TalkbotLatencies(ctx, fsys, qs)
	if err != nil {
		return err
	}
	if !*byKind {
		if *asJSON {
			return json.NewEncoder(e.stdout).Encode(r)
		}
		fmt.Fprintln(e.stdout, r)
		return nil
	}
	ks := perf.ByKind(kinds, lat)
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(struct {
			perf.Result
			Kinds []perf.KindResult `json:"kinds"`
		}{r, ks})
	}
	fmt.Fprintln(e.stdout, r)
	for _, k := range ks {
		fmt.Fprintln(e.stdout, k)
	}
	return nil
}
