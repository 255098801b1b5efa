package clip

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRunes(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly", 7, "exactly"},
		{"a longer text", 6, "a lon…"},
		{"ends at a space here", 5, "ends…"},
		{"日本語のテキスト", 4, "日本語…"},
		{"x", 0, ""},
		{"xy", 1, "…"},
	} {
		if got := Runes(tt.in, tt.n); got != tt.want {
			t.Errorf("Runes(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestBytes(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"cut at a word boundary", 12, "cut at a"},
		{"nospacesatall", 5, "nospa"},
		{"é" + strings.Repeat("é", 5), 3, "é"},
		{"abc", -1, ""},
	} {
		got := Bytes(tt.in, tt.n)
		if got != tt.want || !utf8.ValidString(got) {
			t.Errorf("Bytes(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func FuzzClip(f *testing.F) {
	f.Add("a longer text é 日本", 5)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 || n > 1<<16 {
			return
		}
		if r := Runes(s, n); utf8.RuneCountInString(r) > max(n, 0) && r != s {
			t.Fatalf("Runes(%q, %d) = %q", s, n, r)
		}
		if b := Bytes(s, n); len(b) > n || utf8.ValidString(s) && !utf8.ValidString(b) {
			t.Fatalf("Bytes(%q, %d) = %q", s, n, b)
		}
	})
}
