package corpus

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestHostileFilesLoadInBoundedTime feeds each parser inputs known to
// make parsers slow (emphasis marks by the hundred thousand, deep nesting,
// unclosed constructs, long lines): each file must load, or be reported,
// well within a generous bound, and the good file beside it must load.
func TestHostileFilesLoadInBoundedTime(t *testing.T) {
	good := "# Grok the GIL - David Beazley\n\n* threads and the GIL\n"
	for _, tc := range []struct{ name, data string }{
		{"emphasis.md", "# T\n\n" + strings.Repeat("*a_b*c_d**e_f*g**h*i_j**", 40000) + "\n"},
		{"emphasis-lines.md", "# T\n\n" + strings.Repeat("*a_b*c_d**e_f*g**h*i_j**\n", 40000)},
		{"strike.md", "# T\n\n" + strings.Repeat("~~a~b~~~c", 50000) + "\n"},
		{"comments.md", "# T\n\n" + strings.Repeat("a <!--a\n", 20000)},
		{"cdata.md", "# T\n\n" + strings.Repeat("a <![CDATA[a\n", 20000)},
		{"brackets.md", "# T\n\n" + strings.Repeat("[a", 100000) + "\n"},
		{"nested-brackets.md", "# T\n\n" + strings.Repeat("- "+strings.Repeat("[", 30000)+"a"+strings.Repeat("]", 30000)+"\n", 20)},
		{"nested-lists.md", "# T\n\n" + strings.Repeat(strings.Repeat("- ", 29000)+"a\n", 5)},
		{"nested-quotes.md", "# T\n\n" + strings.Repeat(strings.Repeat("> ", 29000)+"a\n", 20)},
		{"staircase.md", "# T\n\n" + staircase(2500)},
		{"nested-numbers.md", "# T\n\n" + strings.Repeat(strings.Repeat("1. ", 19000)+"a\n", 5)},
		{"open-links.md", "# T\n\n" + strings.Repeat(strings.Repeat("[a](<b", 10000)+"\n", 20)},
		{"backticks.md", "# T\n\n" + strings.Repeat("`a", 100000) + "\n"},
		{"quotes.md", "# T\n\n" + strings.Repeat("> ", 20000) + "x\n"},
		{"lists.md", "# T\n\n" + strings.Repeat("* a\n  ", 20000)},
		{"headings.md", strings.Repeat("# T\n## S\n### U\n", 30000)},
		{"fences.md", "# T\n\n" + strings.Repeat("```\n", 30000)},
		{"long-line.md", "# T\n\n* " + strings.Repeat("word ", MaxLineSize/5-1) + "\n"},
		{"nested.rst", "Title\n=====\n\n" + strings.Repeat("* a\n\n  ", 5000)},
		{"directives.rst", "Title\n=====\n\n" + strings.Repeat(".. note::\n\n   ", 20000)},
		{"underlines.rst", strings.Repeat("T\n=\n", 100000)},
		{"programme.txt", strings.Repeat("____________\nTitle\nTrack, Beginner\nAbstract: x\n", 50000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{tc.name: {Data: []byte(tc.data)}, "good.md": {Data: []byte(good)}}
			start := time.Now()
			c, err := Load(fsys)
			if d := time.Since(start); d > 20*time.Second {
				t.Fatalf("loading %d bytes took %v", len(tc.data), d)
			}
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, tk := range c.Talks {
				found = found || tk.Title == "Grok the GIL"
			}
			if !found {
				t.Errorf("the good file was lost beside %s", tc.name)
			}
		})
	}
}

// TestUnreadableFilesAreReportedAndSkipped: binary, not UTF-8, empty and
// oversized files are each reported with their name, and the rest loads.
func TestUnreadableFilesAreReportedAndSkipped(t *testing.T) {
	fsys := fstest.MapFS{
		"good.md":   {Data: []byte("# Grok the GIL - David Beazley\n\n* threads\n")},
		"binary.md": {Data: []byte("# T\n\x00\x01\x02 PNG\n")},
		"latin1.md": {Data: []byte("# T\n\n* caf\xe9\n")},
		"empty.md":  {Data: nil},
		"blank.md":  {Data: []byte("\n \n\t\n")},
		"huge.md":   {Data: []byte("# T\n\n* " + strings.Repeat("a", MaxFileSize))},
		"wide.md":   {Data: []byte("# T\n\n* fine\n* " + strings.Repeat("a ", MaxLineSize) + "\n")},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Talks) != 1 || c.Talks[0].Title != "Grok the GIL" {
		t.Fatalf("talks %+v: want the good file's only", c.Talks)
	}
	reported := map[string]string{}
	for _, p := range c.Problems {
		reported[p.File] = p.Error()
		var fe *FileError
		if !errors.As(p, &fe) {
			t.Errorf("problem %v is not a FileError", p)
		}
	}
	for file, want := range map[string]string{
		"binary.md": "binary file", "latin1.md": "latin1.md:3: not UTF-8", "empty.md": "no talk notes",
		"blank.md": "no talk notes", "huge.md": "larger than", "wide.md": "wide.md:4: line of",
	} {
		if !strings.Contains(reported[file], want) {
			t.Errorf("%s: reported %q, want %q", file, reported[file], want)
		}
	}
}

// TestDefuseMarks: a paragraph of more emphasis marks or '[' than goldmark
// reads in reasonable time has them escaped, each kind on its own; others
// are left as they are, and lines keep their numbers.
func TestDefuseMarks(t *testing.T) {
	many := strings.Repeat("*a* ", maxEmphasisMarks) + "\n" // 2000 marks in one paragraph
	spread := strings.Repeat("* item *b*\n\n", maxEmphasisMarks)
	nested := strings.Repeat("[", maxLinkOpeners+1) + "gil" + strings.Repeat("]", maxLinkOpeners+1) + "\n"
	links := strings.Repeat("* [a](https://a.example) [b][1]\n\n", maxLinkOpeners)
	tests := []struct {
		name, src          string
		emphasis, brackets bool // escaped
	}{
		{"few marks", "# T\n\n* a *b* c [link](https://a.example)\n", false, false},
		{"many marks over many paragraphs", spread, false, false},
		{"many marks in one paragraph", "# T\n\n" + many, true, false},
		{"many links over many paragraphs", links, false, false},
		{"nested brackets in one paragraph", "# T\n\n* *x* " + nested, false, true},
		{"brackets over the lines of one paragraph", "# T\n\n" + strings.Repeat("- [[a] x\n", maxLinkOpeners/2+1), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(defuseMarks([]byte(tt.src)))
			if emphasis, brackets := strings.Contains(got, `\*`), strings.Contains(got, `\[`); emphasis != tt.emphasis || brackets != tt.brackets {
				t.Fatalf("escaped emphasis %v, brackets %v; want %v, %v", emphasis, brackets, tt.emphasis, tt.brackets)
			}
			if strings.Count(got, "\n") != strings.Count(tt.src, "\n") {
				t.Errorf("lines changed: %d, want %d", strings.Count(got, "\n"), strings.Count(tt.src, "\n"))
			}
			if !tt.emphasis && !tt.brackets && got != tt.src {
				t.Errorf("text changed without escaping")
			}
		})
	}
}

// TestNestedBracketsRead: a note of thousands of nested brackets is read,
// as text, its words found.
func TestNestedBracketsRead(t *testing.T) {
	line := strings.Repeat("[", 20_000) + "gil threads" + strings.Repeat("]", 20_000)
	c, err := Load(fstest.MapFS{"brackets.md": {Data: []byte("# Brackets\n\n- " + line + "\n- plain line\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Talks) != 1 || c.Talks[0].NumBullets() != 2 || c.Talks[0].Bullet(0).Text != line {
		t.Fatalf("talks %+v: want the line read as it is", c.Talks)
	}
}

// TestFlattenNesting: a line opening more than maxNesting block quotes and
// list items keeps its first maxNesting markers and its text; others are
// left as they are.
func TestFlattenNesting(t *testing.T) {
	deep := func(marker string, n int) string { return strings.Repeat(marker, n) + "gil" }
	tests := []struct{ name, src, want string }{
		{"a few", "- > 1. gil\n", "- > 1. gil\n"},
		{"as deep as allowed", deep("- ", maxNesting) + "\n", deep("- ", maxNesting) + "\n"},
		{"one too deep", deep("- ", maxNesting+1) + "\n", deep("- ", maxNesting) + "\n"},
		{"quotes", "# T\n" + deep("> ", 3*maxNesting) + "\nnext\n", "# T\n" + deep("> ", maxNesting) + "\nnext\n"},
		{"quotes without spaces", deep(">", 2*maxNesting) + "\n", deep(">", maxNesting) + "\n"},
		{"numbers and indents", deep("  12) ", 2*maxNesting), deep("  12) ", maxNesting)},
		{"mixed", deep("- > 3. + ", maxNesting), deep("- > 3. + ", maxNesting/4)},
		{"not markers", strings.Repeat("-x ", 3*maxNesting) + "\n", strings.Repeat("-x ", 3*maxNesting) + "\n"},
		{"a thematic break", strings.Repeat("- ", 3*maxNesting) + "\n", strings.Repeat("- ", maxNesting) + "\n"},
		{"indented as deep as allowed", strings.Repeat(" ", maxIndent) + "- gil\n", strings.Repeat(" ", maxIndent) + "- gil\n"},
		{"indented too deep", "a\n" + strings.Repeat(" ", 3*maxIndent) + "- gil\nb", "a\n" + strings.Repeat(" ", maxIndent) + "- gil\nb"},
		{"tabs", strings.Repeat("\t", maxIndent/4+1) + "gil\n", strings.Repeat(" ", maxIndent) + "gil\n"},
		{"indented and too deep", strings.Repeat(" ", 2*maxIndent) + deep("> ", 2*maxNesting), strings.Repeat(" ", maxIndent) + deep("> ", maxNesting)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(flattenNesting([]byte(tt.src))); got != tt.want {
				t.Errorf("flattenNesting(%.40q...) = %.60q...; want %.60q...", tt.src, got, tt.want)
			}
		})
	}
}

// staircase is n list items, each nested in the one before by its
// indentation.
func staircase(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}
