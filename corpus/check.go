package corpus

import (
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"strings"
)

// Warning is something suspicious about a talk as a folder was read: a
// title that reads as a section heading or a sentence, an event that may
// be wrong. Naming the file in corpus.yaml, or fixing the heading, mends it.
type Warning struct {
	File string
	Line int
	Text string
}

func (w Warning) String() string { return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Text) }

// sectionTitleRe matches titles that are section headings more often than
// talks: "Introduction", "Tip 1", "Q&A", "Things likely to happen".
var sectionTitleRe = lazyRE(`(?i)^(?:intro(?:duction)?|overview|summary|conclusions?|questions?|q\s*&\s*a|outline|agenda|notes?|references|links|resources|slides|demo|part \d+|tip \d+|step \d+|day \d+|session \d+|misc(?:ellaneous)?|background|takeaways?|wrap[- ]up)$`)

// Warnings lists the talks of a corpus whose title or event looks wrong.
func (c *Corpus) Warnings() []Warning {
	var out []Warning
	for _, t := range c.Talks {
		src := t.Sources[0]
		add := func(format string, args ...any) {
			out = append(out, Warning{File: src.File, Line: src.Line, Text: fmt.Sprintf(format, args...)})
		}
		title := strings.TrimSpace(t.Title)
		switch words := len(strings.Fields(title)); {
		case sectionTitleRe.MatchString(title):
			add("title %q reads like a section heading, not a talk", title)
		case yearRe.ReplaceAllString(title, "") == "" || strings.Trim(title, "0123456789. ") == "":
			add("title %q is a number, not a talk", title)
		case words > 20:
			add("title %q is %d words long: a sentence, not a title?", clip.Runes(title, 61), words)
		case strings.HasSuffix(title, ".") && words > 6:
			add("title %q ends like a sentence", clip.Runes(title, 61))
		}
		switch {
		case t.Event.Name == "":
			add("no event found; name it in corpus.yaml")
		case strings.EqualFold(t.Event.Name, title):
			add("event %q is the talk's own title", t.Event.Name)
		case t.Event.Year == 0:
			add("event %q has no year; give it in corpus.yaml or the folder name", t.Event.Name)
		}
	}
	return out
}
