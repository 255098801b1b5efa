package main

import (
	"context"
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"io"
	"os"
	"strings"

	"github.com/talkbot/talkbot/answer"
)

func runEval(ctx context.Context, e *env, args []string) error {
	st := newSettings(e, "eval")
	verbose := st.fset.Bool("verbose", false, "print one line per question")
	misses := st.fset.Bool("misses", false, "print each miss with the wanted and the returned line")
	part := st.fset.String("part", answer.PartAll, "the questions to score: all, tune (the tuning part) or held (the held-out part)")
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
	if qs, err = answer.SelectPart(qs, *part); err != nil {
		return usageError{err.Error()}
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
			fmt.Fprintf(e.stdout, "%s %s %-8s talk#%d line#%d %q -> %s\n", mark, o.Question.ID, o.Question.Kind, o.TalkRank, o.LineRank, o.Question.Q, firstResult(o))
		}
		fmt.Fprintln(e.stdout)
	}
	if *misses {
		for _, o := range outcomes {
			if !o.Pass() {
				printMiss(e.stdout, o)
			}
		}
	}
	fmt.Fprintf(e.stdout, "%-9s %5s %7s %7s %8s %8s %7s\n", "kind", "n", "talk@1", "talk@3", "MRR@5", "neg.acc", "silent")
	for _, k := range answer.Kinds(scores) {
		s := scores[k]
		fmt.Fprintf(e.stdout, "%-9s %5d %7s %7s %8s %8s %7s\n", k, s.Questions, fig(s.TalkAt1), fig(s.TalkAt3), fig(s.SnippetMRR5), fig(s.NegativeAcc), fig(s.Silent))
	}
	return nil
}

func firstResult(o answer.EvalOutcome) string {
	if len(o.Results) == 0 {
		return "(no results)"
	}
	r := o.Results[0]
	return fmt.Sprintf("%s | %s:%d %q", r.Talk, r.Source, r.Line, clip.Runes(r.Snippet, 60))
}

// printMiss shows a missed question: what was wanted and what came back.
func printMiss(w io.Writer, o answer.EvalOutcome) {
	q := o.Question
	fmt.Fprintf(w, "MISS %s %s %q (talk#%d line#%d)\n", q.ID, q.Kind, q.Q, o.TalkRank, o.LineRank)
	if q.Kind == "negative" {
		fmt.Fprintln(w, "  want: no results")
	} else {
		fmt.Fprintf(w, "  want: %s | %s:%d %q\n", strings.Join(q.Talks, " / "), q.File, q.Line, q.Snippet)
	}
	if len(o.Results) == 0 {
		fmt.Fprintln(w, "  got:  (no results)")
	}
	for i, r := range o.Results {
		if i == 3 {
			break
		}
		fmt.Fprintf(w, "  got:  %s | %s:%d %q\n", r.Talk, r.Source, r.Line, clip.Runes(r.Snippet, 80))
	}
}

func fig(f float64) string {
	if f < 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", f)
}
