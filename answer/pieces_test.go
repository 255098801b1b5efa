package answer

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/talkbot/talkbot/corpus"
)

// TestPieceTokensAsSplit: a coded line's tokens read from its pieces are
// the tokens of its text split as written, whatever it holds (numbers,
// contractions, compounds, links, letters beyond ASCII, markup), and a
// line is read from its pieces only when they are all plain.
func TestPieceTokensAsSplit(t *testing.T) {
	fragments := []string{
		"python", "Python", "GIL", "the", "and", "of", "threads", "x86", "2024", "c++", "c#",
		"3.6", "v2.0", "3.x", "don't", "it's", "rock'n'roll", "multi-core", "snake_case", "-", "--",
		"http://example.org/a?b=c", "https://pypi.org", "www.python.org", "awww.", "WWW.x",
		"naïve", "café", "Zürich", "–", "’", "“quoted”", "e.g.", "i.e.", "a/b", "key: value",
		"(aside)", "[ref]", "`code`", "**bold**", "_under_", "#tag", "@name", "1.", "42.", "!", "?", ",", ";",
	}
	rng := rand.New(rand.NewPCG(11, 12))
	var b strings.Builder
	lines := 0
	for talk := 0; lines < 25_000; talk++ {
		fmt.Fprintf(&b, "# Talk %d - Speaker %d\n\n", talk, talk%50)
		for range 100 {
			n := 1 + rng.IntN(12)
			ws := make([]string, n)
			for i := range ws {
				ws[i] = fragments[rng.IntN(len(fragments))]
				if rng.IntN(3) == 0 {
					ws[i] = fragments[rng.IntN(3)] // plain words most often
				}
			}
			sep := " "
			if rng.IntN(5) == 0 {
				sep = ", "
			}
			fmt.Fprintf(&b, "- %s\n", strings.Join(ws, sep))
			lines++
		}
		b.WriteString("\n")
	}
	c, err := corpus.Load(fstest.MapFS{"devconf-2024/notes.md": {Data: []byte(b.String())}})
	if err != nil {
		t.Fatal(err)
	}
	r := &lineReader{stems: &sharedStems{m: map[string]string{}}, pairs: map[string]uint32{}, seen: map[string]readWord{}}
	var fromPieces, asWritten int
	var viaPieces, split []readToken
	for _, tk := range c.Talks {
		for bi := range tk.NumBullets() {
			var dict corpus.Dictionary
			r.text, r.ids, dict = tk.AppendTextPieces(r.text[:0], r.ids[:0], bi)
			text := string(r.text)
			if want := tk.Bullet(bi).Text; text != want {
				t.Fatalf("AppendTextPieces gave %q; Bullet gives %q", text, want)
			}
			if dict.Len() == 0 {
				t.Fatalf("line %q is not coded: the test needs a coded corpus", text)
			}
			var ok bool
			viaPieces, ok = r.appendPieceTokens(viaPieces[:0], dict)
			split = r.appendTokens(split[:0], text)
			if !ok {
				asWritten++
				if len(viaPieces) != 0 {
					t.Fatalf("%q: a line split as written kept %d tokens from its pieces", text, len(viaPieces))
				}
				continue
			}
			fromPieces++
			if !slices.Equal(viaPieces, split) {
				t.Fatalf("%q: tokens from pieces %v; split as written %v", text, r.wordsOf(viaPieces), r.wordsOf(split))
			}
			if strings.ContainsAny(text, "'-_:") || !isASCII(text) {
				t.Fatalf("%q was read from its pieces", text)
			}
		}
	}
	if fromPieces < lines/10 || asWritten < lines/10 {
		t.Fatalf("%d lines read from their pieces, %d split as written: the test needs many of both", fromPieces, asWritten)
	}
}

// wordsOf returns the words of tokens, to print them.
func (r *lineReader) wordsOf(toks []readToken) []string {
	var out []string
	for _, tk := range toks {
		out = append(out, r.words[tk.pair])
	}
	return out
}
