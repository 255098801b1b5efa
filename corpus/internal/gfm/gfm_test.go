package gfm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// dump writes the tree of a parsed document: each node's kind, its
// table alignment, and its text.
func dump(src []byte, n gast.Node) string {
	var b strings.Builder
	gast.Walk(n, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if entering {
			fmt.Fprintf(&b, "%s", n.Kind())
			if t, ok := n.(*gast.Text); ok {
				fmt.Fprintf(&b, " %q", t.Segment.Value(src))
			}
			fmt.Fprintf(&b, " %v\n", n.Attributes())
		} else {
			b.WriteString("end\n")
		}
		return gast.WalkContinue, nil
	})
	return b.String()
}

// TestSameAsGoldmark: notes parse to the tree goldmark's own Table and
// Strikethrough extensions make.
func TestSameAsGoldmark(t *testing.T) {
	ours := goldmark.New(goldmark.WithParserOptions(ParserOptions()...)).Parser()
	theirs := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Parser()
	var all strings.Builder
	for _, src := range []string{
		"| Talk | Speaker |\n|---|:---:|\n| Grok the GIL | Beazley |\n| Stop Writing Classes | Diederich |\n",
		"a paragraph\n| no | table |\n",
		"text before\n| a | b |\n| :-- | --: |\n| `x \\| y` | ~~gone~~ |\n",
		"| one |\n|-----|\n| two | extra |\n| |\n",
		"* ~~struck~~ and ~single~ and ~~~three~~~\n* ~~not closed\n",
		"|a|b|\n|-|-|\n|1|2|\n\n- item\n  | c | d |\n  |---|---|\n  | 3 | 4 |\n",
	} {
		got, want := dump([]byte(src), ours.Parse(text.NewReader([]byte(src)))), dump([]byte(src), theirs.Parse(text.NewReader([]byte(src))))
		if got != want {
			t.Errorf("%q parses to\n%s\nwant goldmark's\n%s", src, got, want)
		}
		all.WriteString(got)
	}
	for _, kind := range []string{"TableCell", "Strikethrough", "CodeSpan"} {
		if !strings.Contains(all.String(), kind) {
			t.Errorf("no %s parsed: the cases miss what they test", kind)
		}
	}
}
