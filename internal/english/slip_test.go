package english

import (
	"bytes"
	"slices"
	"testing"
)

func TestSlips(t *testing.T) {
	tests := []struct {
		word string
		has  string // the slips include this word; "" for none
	}{
		{"frist", "first"},
		{"chosing", "choosing"},
		{"tyring", "trying"},
		{"remeber", "remember"},
		{"somethign", "something"},
		{"recieve", "receive"},
		{"wierd", "weird"},
		{"teh", ""},        // too short to tell
		{"htmx", ""},       // a name one letter from "html"
		{"tokio", ""},      // a name in its own right, not rare enough beside "tokyo"
		{"helm", ""},       // a dictionary word
		{"pyo3", ""},       // not letters
		{"kubernetes", ""}, // nothing one edit away
		{"first", ""},      // a word
		{"Frist", ""},      // words must be folded
	}
	for _, tt := range tests {
		got := Slips(tt.word)
		switch {
		case tt.has != "" && !slices.Contains(got, tt.has):
			t.Errorf("Slips(%q) = %q; want it to hold %q", tt.word, got, tt.has)
		case tt.has == "" && len(got) > 0:
			t.Errorf("Slips(%q) = %q; want none", tt.word, got)
		}
	}
}

// TestSlipsCommonestFirst: a slip standing for several words gives the
// commonest first, at most maxSlips.
func TestSlipsCommonestFirst(t *testing.T) {
	got := Slips("chosing")
	if len(got) == 0 || len(got) > maxSlips {
		t.Fatalf("Slips(chosing) = %q", got)
	}
	for i := 1; i < len(got); i++ {
		if Rank(got[i-1]) > Rank(got[i]) {
			t.Errorf("Slips(chosing) = %q; want the commonest first", got)
		}
	}
}

// TestWordIndexUpToDate: words.idx is what the word list gives; rebuild it
// with gen -from-words after changing words.txt.
func TestWordIndexUpToDate(t *testing.T) {
	if !bytes.Equal(BuildWordIndex(list), []byte(wordIndex)) {
		t.Error("words.idx is not built from words.txt: go run ./internal/english/gen -from-words internal/english/words.txt -slips internal/english/slips.bin -index internal/english/words.idx")
	}
}

// TestSlipTableUpToDate: slips.bin is what the word list gives; rebuild it
// with gen -from-words after changing words.txt.
func TestSlipTableUpToDate(t *testing.T) {
	if !bytes.Equal(BuildSlipTable(list), []byte(slipData)) {
		t.Error("slips.bin is not built from words.txt: go run ./internal/english/gen -from-words internal/english/words.txt -slips internal/english/slips.bin")
	}
}

func TestOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"first", "frist", true},
		{"first", "firs", true},
		{"first", "firstt", true},
		{"first", "fxrst", true},
		{"first", "first", false},
		{"first", "fsrit", false},
		{"abc", "cba", false},
		{"ab", "ba", true},
		{"abcd", "ab", false},
		{"", "a", true},
	}
	for _, tt := range tests {
		if got := oneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %t; want %t", tt.a, tt.b, got, tt.want)
		}
	}
}

func BenchmarkSlips(b *testing.B) {
	for b.Loop() {
		Slips("chosing")
	}
}
