package answer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"regexp"
	"sort"
	"strings"
)

// EvalQuestion is one line of an evaluation file (see testdata/eval-format.md).
type EvalQuestion struct {
	ID      string   `json:"id"`
	Q       string   `json:"q"`
	Kind    string   `json:"kind"`
	Talks   []string `json:"talks"`
	File    string   `json:"file"`
	Line    int      `json:"line"`
	Snippet string   `json:"snippet"`
	Why     string   `json:"why"`
}

// ReadEval reads a JSON-lines evaluation file.
func ReadEval(r io.Reader) ([]EvalQuestion, error) {
	var qs []EvalQuestion
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var q EvalQuestion
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			return nil, fmt.Errorf("eval: line %d: %w", n, err)
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}

// Parts of a question set: tuning questions may be looked at to improve
// the engine; held-out questions only measure it (see HeldOut).
const (
	PartAll     = "all"
	PartTuning  = "tune"
	PartHeldOut = "held"
)

// HeldOut reports whether a question belongs to the held-out part of its
// set: a third of the questions, chosen by a hash of the id, so that the
// split is the same on every machine and for every question added later.
func (q EvalQuestion) HeldOut() bool {
	h := fnv.New32a()
	h.Write([]byte(q.ID))
	return h.Sum32()%3 == 0
}

// SelectPart returns the questions of one part (PartAll, PartTuning or
// PartHeldOut) of a set.
func SelectPart(qs []EvalQuestion, part string) ([]EvalQuestion, error) {
	switch part {
	case PartAll, "":
		return qs, nil
	case PartTuning, PartHeldOut:
	default:
		return nil, fmt.Errorf("eval: part %q: want %s, %s or %s", part, PartAll, PartTuning, PartHeldOut)
	}
	var out []EvalQuestion
	for _, q := range qs {
		if q.HeldOut() == (part == PartHeldOut) {
			out = append(out, q)
		}
	}
	return out, nil
}

// EvalScores are the figures of an evaluation, overall or for one kind.
type EvalScores struct {
	Questions                          int
	TalkAt1                            float64 // share of answerable questions whose first result is an accepted talk
	TalkAt3                            float64 // ... one of the first three
	SnippetMRR5                        float64 // mean reciprocal rank of the gold line in the first five
	NegativeAcc                        float64 // share of negative questions answered with no results
	Silent                             float64 // share of answerable questions answered with no results
	answerable, withSnippet, negatives int
}

// EvalOutcome is the result of one question.
type EvalOutcome struct {
	Question EvalQuestion
	Results  []Result
	TalkRank int // 1-based rank of the first accepted talk, 0 if none
	LineRank int // 1-based rank of the gold line, 0 if none
}

// Pass reports whether the outcome is as good as the question asks:
// an accepted talk first and the gold line in the results, or no results
// for a negative question.
func (o EvalOutcome) Pass() bool {
	if o.Question.Kind == "negative" {
		return len(o.Results) == 0
	}
	ok := o.TalkRank == 1
	if hasGoldLine(o.Question) {
		ok = ok && o.LineRank > 0
	}
	return ok
}

// Evaluate asks every question and scores the replies as the eval format
// defines: by kind and overall ("all").
func Evaluate(ctx context.Context, e *Engine, qs []EvalQuestion) (map[string]*EvalScores, []EvalOutcome) {
	scores := map[string]*EvalScores{"all": {}}
	var outcomes []EvalOutcome
	for _, q := range qs {
		reply := e.Handle(ctx, Parse(q.Q), Options{})
		results := reply.Results(DefaultLimit)
		o := EvalOutcome{Question: q, Results: results}
		for i, r := range results {
			if o.TalkRank == 0 && i < 5 && acceptedTalk(r.Talk, q.Talks) {
				o.TalkRank = i + 1
			}
			if o.LineRank == 0 && i < 5 && goldLine(r, q) {
				o.LineRank = i + 1
			}
		}
		outcomes = append(outcomes, o)
		for _, k := range []string{"all", q.Kind} {
			s := scores[k]
			if s == nil {
				s = &EvalScores{}
				scores[k] = s
			}
			s.add(o)
		}
	}
	for _, s := range scores {
		s.finish()
	}
	return scores, outcomes
}

func (s *EvalScores) add(o EvalOutcome) {
	s.Questions++
	q := o.Question
	if q.Kind == "negative" {
		s.negatives++
		if len(o.Results) == 0 {
			s.NegativeAcc++
		}
		return
	}
	s.answerable++
	if len(o.Results) == 0 {
		s.Silent++
	}
	if o.TalkRank == 1 {
		s.TalkAt1++
	}
	if o.TalkRank >= 1 && o.TalkRank <= 3 {
		s.TalkAt3++
	}
	if hasGoldLine(q) {
		s.withSnippet++
		if o.LineRank > 0 {
			s.SnippetMRR5 += 1 / float64(o.LineRank)
		}
	}
}

func (s *EvalScores) finish() {
	div := func(v *float64, n int) {
		if n > 0 {
			*v /= float64(n)
		} else {
			*v = -1 // not applicable
		}
	}
	div(&s.TalkAt1, s.answerable)
	div(&s.TalkAt3, s.answerable)
	div(&s.Silent, s.answerable)
	div(&s.SnippetMRR5, s.withSnippet)
	div(&s.NegativeAcc, s.negatives)
}

func hasGoldLine(q EvalQuestion) bool { return q.Snippet != "" || (q.File != "" && q.Line > 0) }

var (
	apostropheRe = regexp.MustCompile(`['’]`)
	nonAlnumRe   = regexp.MustCompile(`[^a-z0-9]+`)
	markupRe     = regexp.MustCompile("[*_`]")
	spacesRe     = regexp.MustCompile(`\s+`)
)

// normTitle normalises a title as the eval format says.
func normTitle(s string) string {
	s = apostropheRe.ReplaceAllString(strings.ToLower(s), "")
	return strings.TrimSpace(nonAlnumRe.ReplaceAllString(s, " "))
}

func acceptedTalk(title string, accepted []string) bool {
	t := normTitle(title)
	for _, a := range accepted {
		a = normTitle(a)
		if t == a || strings.Contains(" "+t+" ", " "+a+" ") || strings.Contains(" "+a+" ", " "+t+" ") {
			return true
		}
	}
	return false
}

func normSnippet(s string) string {
	s = markupRe.ReplaceAllString(strings.ToLower(s), "")
	return strings.TrimSpace(spacesRe.ReplaceAllString(s, " "))
}

func goldLine(r Result, q EvalQuestion) bool {
	if q.Snippet != "" && strings.Contains(normSnippet(r.Snippet), normSnippet(q.Snippet)) {
		return true
	}
	return q.File != "" && q.Line > 0 && r.Source == q.File && r.Line == q.Line
}

// Kinds returns the kinds of a score table in a stable order, "all" last.
func Kinds(scores map[string]*EvalScores) []string {
	var ks []string
	for k := range scores {
		if k != "all" {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	return append(ks, "all")
}
