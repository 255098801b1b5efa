package answer

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/talkbot/talkbot/corpus"
)

// filler is n words of text that asks about nothing.
func filler(n int) string {
	ws := strings.Fields("alpha beta gamma delta epsilon zeta theta iota kappa lambda")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(ws[i%len(ws)])
	}
	return b.String()
}

// windowEngine indexes one talk whose lines are long paragraphs, and the
// filler's words, so that they are terms.
func windowEngine(t testing.TB, lines ...string) *Engine {
	t.Helper()
	notes := "# Paragraph talk\n\n**Speaker:** Jane Roe\n\n"
	for _, l := range lines {
		notes += "- " + l + "\n"
	}
	c, err := corpus.Load(fstest.MapFS{"longconf-2024/paragraphs.md": {Data: []byte(notes)}})
	if err != nil {
		t.Fatal(err)
	}
	return New(NewIndex(c))
}

// askedAbout is the query terms of the words of the notes in asked, each
// with its term alone.
func askedAbout(ix *Index, asked string) []queryTerm {
	var qs []queryTerm
	for _, w := range strings.Fields(asked) {
		if id, ok := ix.stemTerm(fold(w)); ok {
			qs = append(qs, queryTerm{word: w, variants: []variant{{term: id}}})
		}
	}
	return qs
}

// TestWindow: a line longer than maxSnippetRunes is shown as a window of
// it around the words asked about, whole words, "…" where text is left
// out; a shorter line is shown whole.
func TestWindow(t *testing.T) {
	match := "the garbage collector pauses dropped to two milliseconds"
	tests := []struct {
		name, text string
		asked      string // words asked about
		want       string // the window holds this
		head, tail bool   // text left out before, after
	}{
		{"short line whole", filler(20) + " " + match, "garbage", filler(20) + " " + match, false, false},
		{"match in the middle", filler(200) + " " + match + " " + filler(200), "garbage pauses", match, true, true},
		{"match at the start", match + " " + filler(400), "garbage", match, false, true},
		{"match at the end", filler(400) + " " + match, "milliseconds", match, true, false},
		{"nothing asked: the start", filler(400), "", filler(10), false, true},
		{"most words asked win", "garbage " + filler(200) + " " + match + " " + filler(200), "garbage collector pauses", match, true, true},
		{"accents and other scripts", strings.Repeat("café ünïcode 漢字 ", 100) + match + strings.Repeat(" ñandú", 100), "garbage", match, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := windowEngine(t, tt.text).Index()
			got := ix.window(tt.text, askedAbout(ix, tt.asked))
			if !strings.Contains(got, tt.want) {
				t.Errorf("window lacks %q:\n%s", tt.want, got)
			}
			if n := utf8.RuneCountInString(got); n > max(snippetWindow+2, utf8.RuneCountInString(tt.text)) || !utf8.ValidString(got) {
				t.Errorf("window of %d runes, valid UTF-8 %v", n, utf8.ValidString(got))
			}
			if head := strings.HasPrefix(got, "…"); head != tt.head {
				t.Errorf("starts with …: %v; want %v:\n%s", head, tt.head, got)
			}
			if tail := strings.HasSuffix(got, "…"); tail != tt.tail {
				t.Errorf("ends with …: %v; want %v:\n%s", tail, tt.tail, got)
			}
			inner := strings.TrimSuffix(strings.TrimPrefix(got, "…"), "…")
			if !strings.Contains(tt.text, inner) {
				t.Errorf("the window is not a part of the line:\n%s", got)
			}
			if tt.head && !strings.HasPrefix(tt.text[strings.Index(tt.text, inner)-1:], " ") {
				t.Errorf("the window starts inside a word:\n%s", got)
			}
		})
	}
}

// TestLongLineAnswered: an answer quotes a long line around the words
// asked about, which a chat service clipping from its start would hide.
func TestLongLineAnswered(t *testing.T) {
	line := filler(300) + ", and the garbage collector pauses dropped to two milliseconds after tuning, " + filler(300)
	e := windowEngine(t, line, "A short line about caching")
	r := e.Ask(t.Context(), "what about garbage collector pauses", Options{})
	if len(r.Talks) == 0 || len(r.Talks[0].Snippets) == 0 {
		t.Fatalf("no answer: %+v", r)
	}
	s := r.Talks[0].Snippets[0]
	if !strings.Contains(s.Text, "garbage collector pauses dropped") || utf8.RuneCountInString(s.Text) > snippetWindow+2 {
		t.Errorf("snippet of %d runes:\n%s", utf8.RuneCountInString(s.Text), s.Text)
	}
	if s.Citation.Line != 5 {
		t.Errorf("cites line %d; want 5, the whole line's", s.Citation.Line)
	}
}

// FuzzWindow: a window of valid text is valid, bounded and a part of it.
func FuzzWindow(f *testing.F) {
	f.Add(filler(300)+" garbage "+filler(300), "garbage")
	f.Add(strings.Repeat("é ", 400), "e")
	f.Add(strings.Repeat("漢", 700), "")
	ix := windowEngine(f, filler(20)+" garbage collector").Index()
	f.Fuzz(func(t *testing.T, text, asked string) {
		if !utf8.ValidString(text) || len(text) > 1<<16 {
			return
		}
		got := ix.window(text, askedAbout(ix, asked))
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8: %q", got)
		}
		if utf8.RuneCountInString(text) <= maxSnippetRunes {
			if got != text {
				t.Fatalf("a short line changed: %q -> %q", text, got)
			}
			return
		}
		if n := utf8.RuneCountInString(got); n > snippetWindow+2 {
			t.Fatalf("window of %d runes", n)
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(got, "…"), "…")
		if !strings.Contains(text, inner) {
			t.Fatalf("window %q is not a part of the text", got)
		}
	})
}

// BenchmarkWindowLongLine windows a line of 60 KB (a notes line may have
// 64) around a word at its end.
func BenchmarkWindowLongLine(b *testing.B) {
	line := filler(10_000) + " garbage collector"
	line = line[len(line)-60_000:]
	ix := windowEngine(b, line).Index()
	id, ok := ix.stemTerm("garbage")
	if !ok || len(ix.corpus.Talks) != 1 {
		b.Fatal("the line was not indexed")
	}
	for b.Loop() {
		ix.window(line, []queryTerm{{variants: []variant{{term: id}}}})
	}
}
