package answer

import (
	"strings"
	"unicode/utf8"
)

// dropContractions removes the contractions of pronouns ("i'd", "we're",
// "what's" read as "i", "we", "what": without the apostrophe they would
// read as other words, "id", "were", "whats") and then the "'s" of
// possessives ("pydanny's talk", "2.0's"), which would otherwise join the
// word before them. "Let's" stays as it is: notes write it so.
//
// It scans for what the expressions
//
//	(?i)\b(i|you|he|she|it|we|they|that|there|here|what|who|where|how)['’](d|ll|m|ve|re|s)\b
//	(?i)\b([a-z0-9.]+)['’]s\b
//
// match, as Go's regexp would, case folded alike ("ſ" is an "s"), in a
// fifth of their time: a question with an apostrophe spent most of its
// analysis in them.
func dropContractions(s string) string {
	if strings.IndexByte(s, '\'') < 0 && !strings.Contains(s, "’") {
		return s // most questions; ContainsAny with a rune beyond ASCII reads rune by rune
	}
	s = replaceMatches(s, contractionAt, func(m string, pronoun int) string { return m[:pronoun] })
	return replaceMatches(s, possessiveAt, func(m string, _ int) string {
		if strings.EqualFold(m[:len(m)-len("'s")], "let") {
			return m
		}
		_, size := utf8.DecodeLastRuneInString(m[:len(m)-1])
		return m[:len(m)-1-size]
	})
}

// replaceMatches replaces the matches of at in s, leftmost first and not
// overlapping, as regexp's ReplaceAllStringFunc does: at says whether a
// match starts at byte i, where it ends and the length of what it keeps.
// Every match is a run of wordish runes and an apostrophe: only the run
// before each apostrophe is tried.
func replaceMatches(s string, at func(s string, i int) (end, kept int, ok bool), replace func(m string, kept int) string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		p := nextApostrophe(s, i)
		if p < 0 {
			break
		}
		i = max(i, runStart(s, p))
		if end, kept, ok := at(s, i); ok {
			b.WriteString(s[last:i])
			b.WriteString(replace(s[i:end], kept))
			i, last = end, end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// nextApostrophe returns the byte offset of the first apostrophe of s at
// or after i, straight or typographic, or -1.
func nextApostrophe(s string, i int) int {
	for j := i; j < len(s); j++ {
		if s[j] == '\'' || strings.HasPrefix(s[j:], "’") {
			return j
		}
	}
	return -1
}

// runStart returns where the run of wordish runes (possessiveAt's: ASCII
// letters, digits, dots, the Kelvin sign and the long s) that ends at p
// starts.
func runStart(s string, p int) int {
	for p > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:p])
		if !isWordish(r) {
			break
		}
		p -= size
	}
	return p
}

func isWordish(r rune) bool {
	return 'a' <= r|0x20 && r|0x20 <= 'z' && r < utf8.RuneSelf || '0' <= r && r <= '9' || r == '.' || r == '\u212A' || r == '\u017F'
}

var (
	contractionPronouns = []string{"i", "you", "he", "she", "it", "we", "they", "that", "there", "here", "what", "who", "where", "how"}
	contractionEndings  = []string{"d", "ll", "m", "ve", "re", "s"}
)

// contractionAt matches a pronoun's contraction at byte i of s: it returns
// where it ends and the pronoun's length.
func contractionAt(s string, i int) (end, pronoun int, ok bool) {
	if !wordBoundary(s, i) {
		return 0, 0, false
	}
	if c := s[i] | 0x20; c != 'h' && c != 'i' && c != 's' && c != 't' && c != 'w' && c != 'y' && !strings.HasPrefix(s[i:], "\u017F") {
		return 0, 0, false // no pronoun starts so
	}
	for _, p := range contractionPronouns {
		j, ok := foldedPrefix(s, i, p)
		if !ok {
			continue
		}
		k, ok := apostropheAt(s, j)
		if !ok {
			continue
		}
		for _, e := range contractionEndings {
			if end, ok := foldedPrefix(s, k, e); ok && wordBoundary(s, end) {
				return end, j - i, true
			}
		}
	}
	return 0, 0, false
}

// possessiveAt matches a possessive at byte i of s: letters, digits and
// dots, an apostrophe and an "s".
func possessiveAt(s string, i int) (end, kept int, ok bool) {
	if !wordBoundary(s, i) {
		return 0, 0, false
	}
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isWordish(r) {
			break
		}
		j += size
	}
	if j == i {
		return 0, 0, false
	}
	k, ok := apostropheAt(s, j)
	if !ok {
		return 0, 0, false
	}
	if end, ok := foldedPrefix(s, k, "s"); ok && wordBoundary(s, end) {
		return end, j - i, true
	}
	return 0, 0, false
}

// wordBoundary reports whether byte i of s lies between an ASCII word
// character and anything else, or the text's start or end: regexp's \b.
func wordBoundary(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

func isWordByte(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '_'
}

// foldedPrefix reports whether s holds the lower-case ASCII letters of lit
// at byte i, in any case (Unicode's simple folding: the Kelvin sign is a
// "k", the long s an "s"), and where they end.
func foldedPrefix(s string, i int, lit string) (int, bool) {
	for _, c := range []byte(lit) {
		if i >= len(s) {
			return 0, false
		}
		if s[i]|0x20 == c && s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(c == 'k' && r == '\u212A' || c == 's' && r == '\u017F') {
			return 0, false
		}
		i += size
	}
	return i, true
}

// apostropheAt reports whether s holds an apostrophe, straight or
// typographic, at byte i, and where it ends.
func apostropheAt(s string, i int) (int, bool) {
	switch {
	case strings.HasPrefix(s[i:], "'"):
		return i + 1, true
	case strings.HasPrefix(s[i:], "’"):
		return i + len("’"), true
	}
	return 0, false
}
