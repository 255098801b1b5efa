package console

import (
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"io"
	"strings"

	"github.com/talkbot/talkbot/answer"
)

// RenderExplanation writes how a question was read and why it was answered
// or refused: the words kept with their weights, the words dropped and
// why, the best lines with what they matched, and the decision.
func RenderExplanation(w io.Writer, ex *answer.Explanation) error {
	if ex == nil {
		return nil
	}
	var b strings.Builder
	b.WriteString("Words kept (weight; how ordinary in English, 0-1):\n")
	for _, t := range ex.Words {
		if !t.Kept {
			continue
		}
		fmt.Fprintf(&b, "  %-16s %5.2f  english %.2f", t.Word, t.Weight, t.Commonness)
		if t.Context {
			b.WriteString("  (scene-setting sentence)")
		}
		if t.Naming {
			b.WriteString("  (describes the talk)")
		}
		fmt.Fprintf(&b, "  %s\n", t.Why)
		if len(t.Corrections) > 0 {
			fmt.Fprintf(&b, "  %-16s        also matches %s\n", "", strings.Join(t.Corrections, ", "))
		}
	}
	var dropped []string
	for _, t := range ex.Words {
		if !t.Kept {
			dropped = append(dropped, t.Word+" ("+t.Why+")")
		}
	}
	if len(dropped) > 0 {
		b.WriteString("Words dropped: " + strings.Join(dropped, ", ") + "\n")
	}
	if len(ex.Lines) > 0 {
		b.WriteString("Best lines (score; share of the question's weight explained):\n")
		for _, l := range ex.Lines {
			fmt.Fprintf(&b, "  %6.2f %4.0f%%  %s:%d  %s  [%s]\n", l.Score, 100*l.Cover, l.File, l.Line, clip.Runes(l.Talk, 40), strings.Join(l.Matched, " "))
		}
	}
	fmt.Fprintf(&b, "Decision: %s\n", ex.Reason)
	_, err := io.WriteString(w, b.String())
	return err
}
