package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/talkbot/talkbot/answer"
)

func runEval(ctx context.Context, e *env, args []string) error {
	st := newSettings(e, "eval")
	verbose := st.fset.Bool("verbose", false, "print one line per question")
	if err := st.parse(args); err != nil {
		return err
	}
	cfg, err := st.load(e)
	if err != nil {
		return err
	}
	if st.fset.NArg() != 1 {
		return usageError{"one questions file is needed: bot eval QUESTIONS.jsonl"}
	}
	f, err := os.Open(st.fset.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	qs, err := answer.ReadEval(f)
	if err != nil {
		return err
	}
	eng, err := loadEngine(e, cfg)
	if err != nil {
		return err
	}
	scores, outcomes := answer.Evaluate(ctx, eng, qs)
	if *verbose {
		for _, o := range outcomes {
			mark := "ok  "
			if !o.Pass() {
				mark = "MISS"
			}
			first := "(no results)"
			if len(o.Results) > 0 {
				r := o.Results[0]
				first = fmt.Sprintf("%s | %s:%d %q", r.Talk, r.Source, r.Line, clipText(r.Snippet, 60))
			}
			fmt.Fprintf(e.stdout, "%s %s %-8s talk#%d line#%d %q -> %s\n", mark, o.Question.ID, o.Question.Kind, o.TalkRank, o.LineRank, o.Question.Q, first)
		}
		fmt.Fprintln(e.stdout)
	}
	fmt.Fprintf(e.stdout, "%-9s %5s %7s %7s %8s %8s\n", "kind", "n", "talk@1", "talk@3", "MRR@5", "neg.acc")
	for _, k := range answer.Kinds(scores) {
		s := scores[k]
		fmt.Fprintf(e.stdout, "%-9s %5d %7s %7s %8s %8s\n", k, s.Questions, fig(s.TalkAt1), fig(s.TalkAt3), fig(s.SnippetMRR5), fig(s.NegativeAcc))
	}
	return nil
}

func fig(f float64) string {
	if f < 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", f)
}

func clipText(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n])) + "…"
}
