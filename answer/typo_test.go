package answer

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestOSADistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kubernets", "kubernetes", 2, 1},
		{"teh", "the", 1, 1}, // a transposition is one edit
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 1, 2}, // beyond the limit: limit+1
		{"", "abc", 3, 3},
		{"café", "cafe", 1, 1},
		{"same", "same", 0, 0},
	}
	for _, tt := range tests {
		if got := osaDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("osaDistance(%q, %q, %d) = %d; want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// TestOSADistanceAgreesWithTable checks the three-row distance against the
// whole table, on random words short and long (longer than its buffers).
func TestOSADistanceAgreesWithTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]rune, r.IntN(40))
		for i := range b {
			b[i] = []rune("abcé")[r.IntN(4)]
		}
		return string(b)
	}
	for range 2000 {
		a, b := word(), word()
		limit := r.IntN(6)
		want := fullOSA(a, b)
		if want > limit {
			want = limit + 1
		}
		if got := osaDistance(a, b, limit); got != want {
			t.Fatalf("osaDistance(%q, %q, %d) = %d; want %d", a, b, limit, got, want)
		}
	}
}

// fullOSA is the optimal string alignment distance from the whole table.
func fullOSA(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// TestDeletionHashesWithin: the hashes made in place are those of the
// strings deletions builds, ASCII or not.
func TestDeletionHashesWithin(t *testing.T) {
	for _, w := range []string{"kubernets", "aab", "coroutines", "café", "x", ""} {
		for maxD := 1; maxD <= 2; maxD++ {
			want := map[uint64]bool{}
			for _, d := range deletions(w, maxD) {
				want[hashString(d)] = true
			}
			got := deletionHashesWithin(w, maxD)
			if len(got) != len(want) {
				t.Errorf("deletionHashesWithin(%q, %d): %d hashes; want %d", w, maxD, len(got), len(want))
			}
			for _, h := range got {
				if !want[h] {
					t.Errorf("deletionHashesWithin(%q, %d) has a hash of no deletion", w, maxD)
				}
			}
		}
	}
}

// TestDerived checks that a stem finds the words extending it by a short
// suffix, commonest first and at most maxDerived, and nothing else.
func TestDerived(t *testing.T) {
	v := newVocabulary(0)
	for w, n := range map[string]int{
		"mentorship": 3, "mentors": 5, "mentor": 9, "mentorships": 1, "mentorshipping": 2,
		"mentee": 4, "metro": 1, "deploy": 2, "deployments": 7, "deployment": 3, "deploys": 1,
	} {
		for range n {
			v.add(w, 0)
		}
	}
	words := func(cs []correction) []string {
		out := []string{}
		for _, c := range cs {
			out = append(out, c.word)
		}
		return out
	}
	tests := []struct {
		stem string
		want []string
	}{
		{"mentor", []string{"mentors", "mentorship", "mentorships"}}, // "mentorshipping": too long a suffix; "mentor" itself is no variant
		{"deploy", []string{"deployments", "deployment", "deploys"}},
		{"ment", nil},   // too short a stem
		{"zebra", nil},  // nothing extends it
		{"mentee", nil}, // no longer word
	}
	for _, tt := range tests {
		got := words(v.derived(tt.stem))
		if !slices.Equal(got, tt.want) {
			t.Errorf("derived(%q) = %q; want %q", tt.stem, got, tt.want)
		}
	}
}

// TestAbbreviations checks which words of the notes stand for a longer
// word of a question cut short.
func TestAbbreviations(t *testing.T) {
	v := newVocabulary(0)
	for _, w := range []string{"tech", "perf", "sets", "trace", "config"} {
		v.add(w, 0)
	}
	tests := []struct {
		word string
		want []string
	}{
		{"technology", []string{"tech"}},
		{"performance", []string{"perf"}},
		{"configuration", []string{"config"}},
		{"setswitchinterval", nil}, // "sets" is less than a third of it
		{"tracebin", nil},          // "bin" is a word: a compound of "trace"
		{"perfect", nil},           // too short to be cut
	}
	for _, tt := range tests {
		var got []string
		for _, c := range v.abbreviations(tt.word) {
			got = append(got, c.word)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("abbreviations(%q) = %q; want %q", tt.word, got, tt.want)
		}
	}
}

// TestTypoLengths: a word of typoMinLen letters or more is corrected by
// one edit, from typoTwoLen by two, and a word longer than typoMaxLen not
// at all: its neighbourhood would grow with the square of its length (a
// question of 500 letters took 0.3 s). A word of the notes too long to be
// any correction has no neighbourhood either.
func TestTypoLengths(t *testing.T) {
	tests := []struct{ letters, edits int }{{4, 0}, {5, 1}, {8, 1}, {9, 2}, {typoMaxLen, 2}, {typoMaxLen + 1, 0}, {500, 0}}
	for _, tt := range tests {
		for _, letter := range []string{"a", "é", "語"} {
			if got := maxEdits(strings.Repeat(letter, tt.letters)); got != tt.edits {
				t.Errorf("maxEdits(%d × %q) = %d; want %d", tt.letters, letter, got, tt.edits)
			}
		}
	}
	v := newVocabulary(0)
	typo := strings.Repeat("xy", typoMaxLen/2)      // typoMaxLen letters
	near := "q" + typo[1:]                          // one edit away
	longer := "a" + typo                            // one edit away, typoMaxLen+1 letters
	farther := strings.Repeat("xy", typoMaxLen/2+2) // too long to be a correction
	for _, w := range []string{near, longer, farther} {
		v.add(w, 0)
	}
	var got []string
	for _, c := range v.corrections(typo) {
		got = append(got, c.word)
	}
	slices.Sort(got)
	if want := []string{longer, near}; !slices.Equal(got, want) {
		t.Errorf("corrections(%q) = %q; want %q", typo, got, want)
	}
	if got := v.corrections(typo + "q"); got != nil {
		t.Errorf("corrections of a word of %d letters = %v; want none", typoMaxLen+1, got)
	}
	for _, k := range v.keys {
		if id := k & (1<<idBits - 1); v.words[id] == farther {
			t.Fatalf("%q, of %d letters, has a neighbourhood", farther, len(farther))
		}
	}
}

// TestLineWordsInVocabulary: every word of every line the index holds is
// a word of its vocabulary, listed by wordsOfStem under the term stemTerm
// gives it: proximity finds the question's words in a line so, without
// looking the line's words up. Notes of every format, accents and URLs
// included, many lines stored compactly, and a snapshot's index.
func TestLineWordsInVocabulary(t *testing.T) {
	engines := map[string]*Engine{"embedded": defaultEngine(t)}
	for _, dir := range []string{"../corpus/testdata/robspectre", "../corpus/testdata/daneah", "../corpus/schedule/testdata", "../corpus/testdata/layouts"} {
		engines[dir] = corpusEngine(t, dir)
	}
	big, _ := syntheticNotes(t, 7, 30_000) // enough lines to be stored compactly
	engines["synthetic"] = corpusEngine(t, big)
	fromSnapshot, err := ReadSnapshot(snapshotOf(defaultEngine(t).Index()))
	if err != nil {
		t.Fatal(err)
	}
	engines["snapshot"] = New(fromSnapshot)
	for name, e := range engines {
		ix := e.Index()
		checked := 0
		for _, talk := range ix.corpus.Talks {
			for i := range talk.NumBullets() {
				for _, w := range words(fold(talk.Bullet(i).Text)) {
					if isStop(w) {
						continue
					}
					id, ok := ix.vocab.ids[w]
					term, known := ix.stemTerm(w)
					if !ok || !known || !slices.Contains(ix.vocab.wordsOfStem(term), id) {
						t.Fatalf("%s: %q of %q: in the vocabulary %v, term %v, listed under it %v", name, w, talk.Bullet(i).Text, ok, known, ok && known && slices.Contains(ix.vocab.wordsOfStem(term), id))
					}
					checked++
				}
			}
		}
		if checked < 50 {
			t.Errorf("%s: only %d words checked", name, checked)
		}
	}
}
