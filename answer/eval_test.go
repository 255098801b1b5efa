package answer

import (
	"os"
	"testing"

	"github.com/talkbot/talkbot/corpus"
)

// The quality bar of the development questions (testdata/dev.jsonl, scored
// as testdata/eval-format.md says).
const (
	minTalkAt3     = 0.95
	minSnippetMRR  = 0.80
	minNegativeAcc = 0.80
	minTypoTalkAt3 = 0.90
)

func TestEvalDevSet(t *testing.T) {
	scores, outcomes := Evaluate(t.Context(), defaultEngine(t), readEvalFile(t, "testdata/dev.jsonl"))
	all, typo := scores["all"], scores["typo"]
	t.Logf("talk@1 %.3f talk@3 %.3f MRR@5 %.3f negatives %.3f typo talk@3 %.3f",
		all.TalkAt1, all.TalkAt3, all.SnippetMRR5, all.NegativeAcc, typo.TalkAt3)
	for _, o := range outcomes {
		// Held-out misses are never shown: nobody tunes on them.
		if !o.Pass() && !o.Question.HeldOut() {
			t.Logf("miss %s %q: talk rank %d, line rank %d", o.Question.ID, o.Question.Q, o.TalkRank, o.LineRank)
		}
	}
	check := func(name string, got, want float64) {
		if got < want {
			t.Errorf("%s = %.3f; want at least %.2f", name, got, want)
		}
	}
	check("talk@3", all.TalkAt3, minTalkAt3)
	check("snippet MRR@5", all.SnippetMRR5, minSnippetMRR)
	check("negative accuracy", all.NegativeAcc, minNegativeAcc)
	check("typo talk@3", typo.TalkAt3, minTypoTalkAt3)
}

// TestEvalHeldOut runs questions written for another note-taker's corpus
// (Rob Spectre's one-file-per-talk notes), never used to tune the engine: a
// guard against fitting the development questions.
func TestEvalHeldOut(t *testing.T) {
	c, err := corpus.Load(os.DirFS("../corpus/testdata/robspectre"))
	if err != nil {
		t.Fatal(err)
	}
	scores, _ := Evaluate(t.Context(), New(NewIndex(c)), readEvalFile(t, "testdata/heldout/robspectre.jsonl"))
	all := scores["all"]
	t.Logf("held out: talk@3 %.3f MRR@5 %.3f negatives %.3f", all.TalkAt3, all.SnippetMRR5, all.NegativeAcc)
	if all.TalkAt3 < 0.85 || all.SnippetMRR5 < 0.65 || all.NegativeAcc < 0.66 {
		t.Errorf("held-out scores fell: talk@3 %.3f MRR@5 %.3f negatives %.3f", all.TalkAt3, all.SnippetMRR5, all.NegativeAcc)
	}
}

func readEvalFile(t *testing.T, path string) []EvalQuestion {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadEval(f)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}
