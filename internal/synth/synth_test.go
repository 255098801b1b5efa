package synth

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/talkbot/talkbot/corpus"
)

func TestCorpusIsDeterministicAndLoads(t *testing.T) {
	vocab, err := Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	if len(vocab) < 1000 || vocab[0] != "to" || vocab[1] != "the" {
		t.Fatalf("vocabulary of %d words starting %q: want the default corpus's, most frequent first", len(vocab), vocab[:min(3, len(vocab))])
	}
	a, b := t.TempDir(), t.TempDir()
	n, files, err := NewGenerator(vocab, 5).WriteCorpus(a, 5000)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := NewGenerator(vocab, 5).WriteCorpus(b, 5000); err != nil {
		t.Fatal(err)
	}
	if n < 5000 || files != 2 {
		t.Errorf("wrote %d bullets in %d files, want at least 5000 in 2", n, files)
	}
	entries, _ := os.ReadDir(a)
	for _, e := range entries {
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, err := os.ReadFile(filepath.Join(b, e.Name()))
		if err != nil || string(x) != string(y) {
			t.Fatalf("%s differs between two runs with the same seed", e.Name())
		}
	}
	c, err := corpus.Load(os.DirFS(a))
	if err != nil || len(c.Problems) > 0 {
		t.Fatalf("load: %v %v", err, c.Problems)
	}
	bullets, speakers := 0, 0
	for _, tk := range c.Talks {
		bullets += tk.NumBullets()
		if len(tk.Speakers) == 1 {
			speakers++
		}
		if tk.Event.Year < 2000 {
			t.Fatalf("talk %q has no event year: %+v", tk.Title, tk.Event)
		}
	}
	if bullets != n || speakers != len(c.Talks) {
		t.Errorf("loaded %d bullets (wrote %d), %d of %d talks with a speaker", bullets, n, speakers, len(c.Talks))
	}
}

func TestQueries(t *testing.T) {
	vocab, err := Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	g := NewGenerator(vocab, 9)
	known := map[string]bool{}
	for _, w := range vocab {
		known[w] = true
	}
	var words, unknown int
	for range 2000 {
		q := g.Query()
		ws := strings.Fields(q)
		if len(ws) < 1 || len(ws) > 4 {
			t.Fatalf("query %q has %d words, want 1-4", q, len(ws))
		}
		for _, w := range ws {
			words++
			if !known[strings.ToLower(w)] {
				unknown++
			}
		}
	}
	// Typos, names and nonsense are not in the notes' vocabulary: about a
	// quarter of the questions hold one.
	if share := float64(unknown) / float64(words); share < 0.05 || share > 0.5 {
		t.Errorf("%.2f of query words are not vocabulary words", share)
	}
}

func TestKindQueries(t *testing.T) {
	vocab, err := Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	corpusGen := NewGenerator(vocab, 1)
	if _, _, err := corpusGen.WriteCorpus(t.TempDir(), 2000); err != nil {
		t.Fatal(err)
	}
	g := NewGenerator(vocab, 2)
	g.Knows(corpusGen)
	for _, k := range Kinds {
		t.Run(k, func(t *testing.T) {
			for range 50 {
				q := g.KindQuery(k)
				n := len(strings.Fields(q))
				switch {
				case q == "":
					t.Fatal("empty question")
				case k == "chat" && (n < 20 || n > 60):
					t.Fatalf("chat question of %d words: %q", n, q)
				case k != "chat" && n > 4:
					t.Fatalf("%d words: %q", n, q)
				}
			}
		})
	}
}

// TestEventQueries: questions naming an event name one the corpus holds,
// at a year it wrote.
func TestEventQueries(t *testing.T) {
	vocab, err := Vocabulary()
	if err != nil {
		t.Fatal(err)
	}
	corpusGen := NewGenerator(vocab, 1)
	if _, _, err := corpusGen.WriteCorpus(t.TempDir(), 2*len(events)*bulletsPerFile); err != nil {
		t.Fatal(err)
	}
	g := NewGenerator(vocab, 2)
	g.Knows(corpusGen)
	years := 0
	for range 200 {
		q := g.EventQuery()
		ws := strings.Fields(q)
		at := slices.Index(ws, "at")
		if at < 1 || at+1 >= len(ws) || !slices.Contains(events, ws[at+1]) {
			t.Fatalf("%q names no event after its words", q)
		}
		if rest := ws[at+2:]; len(rest) > 0 {
			years++
			if rest[0] != "2000" && rest[0] != "2001" {
				t.Fatalf("%q: a year the corpus lacks (it wrote 2000 and 2001)", q)
			}
		}
	}
	if years == 0 || years == 200 {
		t.Errorf("%d of 200 questions give a year; want some", years)
	}
}
