package console

import (
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"io"
	"strings"

	"github.com/talkbot/talkbot/answer"
)

// Render writes a reply as plain text: per talk a heading with speakers
// and event, then its note lines, each with its file:line citation.
func Render(w io.Writer, r answer.Reply) error {
	var b strings.Builder
	if r.Command == "help" {
		renderHelp(&b, r)
		_, err := io.WriteString(w, b.String())
		return err
	}
	if len(r.Talks) == 0 {
		notice := r.Notice
		if notice == "" {
			notice = "No notes answer that."
		}
		b.WriteString(notice + "\n")
	}
	for i, t := range r.Talks {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d. %s\n", r.Offset+i+1, heading(t))
		for j, s := range t.Snippets {
			text := s.Text
			if s.Parent != "" && (j == 0 || t.Snippets[j-1].Text != s.Parent) {
				text = clip.Runes(s.Parent, 60) + " › " + text
			}
			fmt.Fprintf(&b, "   • %s\n", text)
			cite := s.Citation.File + ":" + fmt.Sprint(s.Citation.Line)
			if len(s.Section) > 0 {
				cite += " · " + strings.Join(s.Section, " › ")
			}
			if s.Citation.URL != "" {
				cite += " · " + s.Citation.URL
			}
			fmt.Fprintf(&b, "     %s\n", cite)
		}
	}
	if len(r.Suggestions) > 0 {
		b.WriteString("\nDid you mean: " + strings.Join(quoteAll(r.Suggestions), ", ") + "\n")
	}
	if r.More {
		b.WriteString("\n(more: type \"more\")\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func heading(t answer.TalkResult) string {
	h := t.Title
	if len(t.Speakers) > 0 {
		h += " — " + strings.Join(t.Speakers, ", ")
	}
	if t.Event != "" {
		h += " · " + t.Event
	}
	if t.Slot != nil {
		h += " · " + t.Slot.String()
	}
	return h
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = "“" + s + "”"
	}
	return out
}

func renderHelp(b *strings.Builder, r answer.Reply) {
	b.WriteString(r.HelpText(help))
	if len(r.Help) > 1 {
		for _, c := range consoleCommands {
			fmt.Fprintf(b, "  %-20s %s\n", c[0], c[1])
		}
	}
}

// help is the terminal's layout of help: a table, examples below.
var help = answer.HelpFormat{
	Heading: func(s string) string { return s },
	Line: func(c answer.CommandHelp) string {
		line := fmt.Sprintf("  %-20s %s", c.Usage, c.Summary)
		if c.Example != "" {
			line += fmt.Sprintf("\n  %-20s e.g. %s", "", c.Example)
		}
		return line
	},
}

// consoleCommands are the console's own commands, beside the engine's.
var consoleCommands = [][2]string{
	{"more", "Show the next talks of the last answer."},
	{"quit", "Leave."},
}
