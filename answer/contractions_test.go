package answer

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDropContractions(t *testing.T) {
	tests := []struct{ in, want string }{
		{"what's new", "what new"},
		{"I'd say we’re done", "I say we done"},
		{"THERE'S a talk", "THERE a talk"},
		{"pydanny's talk on python 2.0's gil", "pydanny talk on python 2.0 gil"},
		{"let's go, Let's", "let's go, Let's"},
		{"it's armin's", "it armin"},
		{"don't", "don't"},
		{"whatsoever's", "whatsoever"},
		{"the speaker's'", "the speaker'"},
		{"it'sa", "it'sa"},
		{"ſhe'ſ", "ſhe'ſ"}, // no word boundary by a long s
		{"no apostrophe", "no apostrophe"},
	}
	for _, tt := range tests {
		if got := dropContractions(tt.in); got != tt.want {
			t.Errorf("dropContractions(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The expressions dropContractions scans for: it must take out what they
// match, and only that.
var (
	contractionExpr = regexp.MustCompile(`(?i)\b(i|you|he|she|it|we|they|that|there|here|what|who|where|how)['’](d|ll|m|ve|re|s)\b`)
	possessiveExpr  = regexp.MustCompile(`(?i)\b([a-z0-9.]+)['’]s\b`)
)

func dropContractionsByExpr(s string) string {
	s = contractionExpr.ReplaceAllString(s, "$1")
	return possessiveExpr.ReplaceAllStringFunc(s, func(m string) string {
		if strings.EqualFold(m[:len(m)-len("'s")], "let") {
			return m
		}
		_, size := utf8.DecodeLastRuneInString(m[:len(m)-1])
		return m[:len(m)-1-size]
	})
}

func FuzzDropContractions(f *testing.F) {
	for _, s := range []string{
		"what's new", "I'd say we’re done", "pydanny's talk on python 2.0's gil", "let's go", "let’s",
		"ſhe'ſ \u212Aate's", "_a.b's", "x.'s .'s", "it'sa it's_", "\xffit's", "whos's who's'", "a''s",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := dropContractions(s), dropContractionsByExpr(s); got != want {
			t.Fatalf("dropContractions(%q) = %q, expressions give %q", s, got, want)
		}
	})
}

// BenchmarkDropContractions reads a question with a contraction and a
// possessive.
func BenchmarkDropContractions(b *testing.B) {
	const q = "hey folks, quick q (sorry if it's a dumb one): does anyone remember what beazley's talk said about thread priorities?"
	for b.Loop() {
		dropContractions(q)
	}
}
