// Package synth writes deterministic synthetic talk notes and questions
// for benchmarks: Markdown files of talks with titles, speakers, sections
// and nested bullets, whose words are drawn with a Zipf distribution from
// the vocabulary of talkbot's default corpus.
package synth

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/corpus/embedded"
)

// Vocabulary returns the words of the default corpus's notes, most
// frequent first (ties in alphabetical order).
func Vocabulary() ([]string, error) {
	c, err := corpus.Load(embedded.FS)
	if err != nil {
		return nil, err
	}
	count := map[string]int{}
	for _, t := range c.Talks {
		for _, b := range t.AllBullets() {
			for _, w := range strings.FieldsFunc(strings.ToLower(b.Text), func(r rune) bool { return !unicode.IsLetter(r) }) {
				if len(w) >= 2 {
					count[w]++
				}
			}
		}
	}
	words := make([]string, 0, len(count))
	for w := range count {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int {
		if d := count[b] - count[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return words, nil
}

// Spec says what to generate.
type Spec struct {
	Bullets int    // bullets in all, at least
	Queries int    // questions in the queries file
	Seed    uint64 // the same seed writes the same files
}

// Generator draws words, names and talks.
type Generator struct {
	rng   *rand.Rand
	vocab []string
	words *rand.Zipf
	names *rand.Zipf

	titles, speakers []string // of the talks written, for questions about them
	years            int      // the years of events written, from 2000
}

// zipfS is the exponent of the word distribution, near that of English text.
const zipfS = 1.07

// NewGenerator returns a generator drawing from vocab, most frequent first.
func NewGenerator(vocab []string, seed uint64) *Generator {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return &Generator{
		rng:   rng,
		vocab: vocab,
		words: rand.NewZipf(rng, zipfS, 1, uint64(len(vocab)-1)),
		names: rand.NewZipf(rng, 1.2, 1, uint64(len(firstNames)*len(lastNames)-1)),
	}
}

func (g *Generator) word() string { return g.vocab[g.words.Uint64()] }

// speaker draws a name; a few people give many talks.
func (g *Generator) speaker() string {
	k := int(g.names.Uint64())
	return firstNames[k%len(firstNames)] + " " + lastNames[k/len(firstNames)]
}

func (g *Generator) phrase(lo, hi int) string {
	n := lo + g.rng.IntN(hi-lo+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.word()
	}
	return strings.Join(ws, " ")
}

func title(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

// Talk writes one talk: a "#" heading with its title and speaker, sections
// and bullets of 5-25 words, some nested. It returns the bullets written.
func (g *Generator) Talk(w *bufio.Writer) int {
	t, sp := title(g.phrase(2, 6)), g.speaker()
	g.titles, g.speakers = append(g.titles, t), append(g.speakers, sp)
	fmt.Fprintf(w, "# %s - %s\n\n", t, sp)
	n := 0
	for range 1 + g.rng.IntN(4) {
		fmt.Fprintf(w, "## %s\n\n", title(g.phrase(1, 3)))
		for range 3 + g.rng.IntN(10) {
			fmt.Fprintf(w, "* %s\n", g.phrase(5, 25))
			n++
			if g.rng.IntN(3) == 0 {
				for range 1 + g.rng.IntN(3) {
					fmt.Fprintf(w, "    * %s\n", g.phrase(5, 25))
					n++
				}
			}
		}
		w.WriteString("\n")
	}
	return n
}

// events name the synthetic conferences; a file is named after one and a
// year, as real notes are ("pycon-2017-notes.md").
var events = []string{"pyconf", "datacamp", "gophercon", "rustfest", "jsworld", "devsummit",
	"cloudnative", "mlweek", "webdays", "opensourcecon", "scalaexpo", "kubeday"}

// bulletsPerFile keeps files near the size of a long real notes file.
const bulletsPerFile = 3000

// WriteCorpus writes Markdown notes with at least spec.Bullets bullets
// into dir and returns the number of bullets and files written.
func (g *Generator) WriteCorpus(dir string, bullets int) (written, files int, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	for written < bullets {
		ev := events[files%len(events)]
		year := 2000 + (files/len(events))%26
		part := files / (len(events) * 26)
		name := fmt.Sprintf("%s-%d-notes-%03d.md", ev, year, part)
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return written, files, err
		}
		w := bufio.NewWriter(f)
		for n := 0; n < bulletsPerFile && written < bullets; {
			k := g.Talk(w)
			n += k
			written += k
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return written, files, err
		}
		if err := f.Close(); err != nil {
			return written, files, err
		}
		files++
		g.years = max(g.years, year-2000+1)
	}
	return written, files, nil
}

// Query draws a question: mostly 1-4 words, some with one typo, some a
// speaker's name, some words that match nothing.
func (g *Generator) Query() string {
	switch r := g.rng.IntN(20); {
	case r < 3: // a speaker
		if g.rng.IntN(2) == 0 {
			return g.speaker()
		}
		s := g.speaker()
		return s[strings.IndexByte(s, ' ')+1:]
	case r < 5: // nothing
		return g.nonsense() + " " + g.nonsense()
	case r < 8: // a typo in one word
		ws := strings.Fields(g.phrase(1, 4))
		i := g.rng.IntN(len(ws))
		ws[i] = g.typo(ws[i])
		return strings.Join(ws, " ")
	}
	return g.phrase(1, 4)
}

// typo makes one edit in a word of five letters or more: a deletion,
// insertion, substitution or swap of neighbours.
func (g *Generator) typo(w string) string {
	if len(w) < 5 {
		return w
	}
	i := 1 + g.rng.IntN(len(w)-2)
	c := byte('a' + g.rng.IntN(26))
	switch g.rng.IntN(4) {
	case 0:
		return w[:i] + w[i+1:]
	case 1:
		return w[:i] + string(c) + w[i:]
	case 2:
		return w[:i] + string(c) + w[i+1:]
	}
	return w[:i-1] + string(w[i]) + string(w[i-1]) + w[i+1:]
}

func (g *Generator) nonsense() string {
	const letters = "bcdfghjklmnpqrstvwxz"
	b := make([]byte, 5+g.rng.IntN(4))
	for i := range b {
		b[i] = letters[g.rng.IntN(len(letters))]
	}
	return string(b)
}

// WriteQueries writes n questions, one a line.
func (g *Generator) WriteQueries(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for range n {
		fmt.Fprintln(w, g.Query())
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Titles returns n talk titles drawn as WriteCorpus draws them, for
// autocomplete benchmarks.
func (g *Generator) Titles(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = title(g.phrase(2, 6))
	}
	return out
}

var firstNames = strings.Fields(`Ada Alan Alex Amir Ana Anil Anna Ben Bo Carla Chen Chris Dana David
Deb Elena Emma Eric Farah Felix Grace Hana Ivan Jack Jana Jin Jon Julia Kai Karl Kim Lars Lea Lena
Luca Maria Mark Maya Mia Nadia Nina Noah Omar Oscar Paul Petra Priya Raj Rosa Sam Sara Tom Uma
Vera Wei Yara Yuki Zoe`)

var lastNames = strings.Fields(`Abbott Adler Alvarez Bauer Becker Berg Brandt Carter Castro Chang
Costa Dahl Diaz Dubois Eriksen Evans Fischer Fontaine Garcia Gomez Gruber Hahn Hansen Hart Huber
Ito Jansen Jensen Kato Keller Klein Koch Kowalski Kraus Lang Larsen Lehmann Lopez Lund Marino
Meyer Moreau Morris Nagy Nakamura Novak Olsen Ortiz Park Patel Peters Quinn Reyes Rossi Roth Sato
Schmidt Schulz Silva Singh Sousa Stein Suzuki Tanaka Torres Vogel Wagner Walsh Weber Wolf Yamada
Young Zhang Ziegler Zimmer`)

// Kinds are the kinds of questions WriteKindQueries writes: words drawn
// as notes use them, each kind of typo, a speaker's surname with a word, a
// fragment of a title, words that match nothing, and long chat questions.
var Kinds = []string{"words", "typo-swap", "typo-drop", "typo-insert", "typo-replace", "speaker-word", "title", "nonsense", "chat"}

// Knows gives the generator the titles and speakers of a corpus another
// generator wrote, for questions about them.
func (g *Generator) Knows(from *Generator) {
	g.titles, g.speakers, g.years = from.titles, from.speakers, from.years
}

// EventQuery draws a question naming an event another generator wrote
// (see Knows), with its year or without: words at it, or what was said
// of them there.
func (g *Generator) EventQuery() string {
	ev := events[g.rng.IntN(len(events))]
	if g.years > 0 && g.rng.IntN(2) == 0 {
		ev += fmt.Sprintf(" %d", 2000+g.rng.IntN(g.years))
	}
	if g.rng.IntN(2) == 0 {
		return "what did people say about " + g.phrase(1, 2) + " at " + ev
	}
	return g.phrase(1, 2) + " at " + ev
}

// KindQuery draws a question of a kind (one of Kinds).
func (g *Generator) KindQuery(kind string) string {
	switch kind {
	case "typo-swap", "typo-drop", "typo-insert", "typo-replace":
		ws := strings.Fields(g.phrase(1, 3))
		i := g.rng.IntN(len(ws))
		for len(ws[i]) < 5 { // a word long enough to misspell
			ws[i] = g.word()
		}
		ws[i] = g.typoOf(kind, ws[i])
		return strings.Join(ws, " ")
	case "speaker-word":
		if len(g.speakers) == 0 {
			return g.word()
		}
		s := g.speakers[g.rng.IntN(len(g.speakers))]
		return strings.ToLower(s[strings.IndexByte(s, ' ')+1:]) + " " + g.word()
	case "title":
		if len(g.titles) == 0 {
			return g.phrase(2, 3)
		}
		ws := strings.Fields(strings.ToLower(g.titles[g.rng.IntN(len(g.titles))]))
		n := min(len(ws), 2+g.rng.IntN(2))
		i := g.rng.IntN(len(ws) - n + 1)
		return strings.Join(ws[i:i+n], " ")
	case "nonsense":
		if g.rng.IntN(2) == 0 {
			return g.nonsense()
		}
		return g.nonsense() + " " + g.nonsense()
	case "chat":
		return g.chat()
	}
	return g.phrase(1, 3)
}

// typoOf makes one edit of a kind in a word of five letters or more.
func (g *Generator) typoOf(kind, w string) string {
	i := 1 + g.rng.IntN(len(w)-2)
	c := byte('a' + g.rng.IntN(26))
	switch kind {
	case "typo-drop":
		return w[:i] + w[i+1:]
	case "typo-insert":
		return w[:i] + string(c) + w[i:]
	case "typo-replace":
		return w[:i] + string(c) + w[i+1:]
	}
	return w[:i-1] + string(w[i]) + string(w[i-1]) + w[i+1:]
}

// chatFiller are the words around what a chat question asks.
var chatFiller = strings.Fields(`hey folks quick q sorry if this is a dumb question but i was at the
conference last week and i think someone said something about it was really interesting does anyone
remember what they said or have notes on that talk i missed most of it thanks so much in advance lol
also wondering whether there was more on this i keep thinking about it`)

// chat writes a question of 20-60 words, of which three to five matter.
func (g *Generator) chat() string {
	n := 20 + g.rng.IntN(41)
	content := 3 + g.rng.IntN(3)
	ws := make([]string, 0, n)
	for len(ws) < n {
		if content > 0 && g.rng.IntN(n) < content*3 {
			ws = append(ws, g.word())
			content--
			continue
		}
		ws = append(ws, chatFiller[g.rng.IntN(len(chatFiller))])
	}
	return strings.Join(ws, " ") + "?"
}

// WriteKindQueries writes perKind questions of each kind, a line each:
// the kind, a tab, the question; kinds interleaved.
func (g *Generator) WriteKindQueries(path string, perKind int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for range perKind {
		for _, k := range Kinds {
			fmt.Fprintf(w, "%s\t%s\n", k, g.KindQuery(k))
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
