package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A paragraph longer than this is split into sentence groups, so that an
// answer can quote the sentence that matters with the line it starts on.
const (
	splitAbove = 280
	groupUpTo  = 240
)

type sentenceGroup struct {
	text string
	line int
}

// sentenceGroups splits a long paragraph into groups of whole sentences of
// at most about groupUpTo bytes; list items and short paragraphs stay whole.
func sentenceGroups(b *block) []sentenceGroup {
	if len(b.text) <= splitAbove {
		return []sentenceGroup{{b.text, b.line}}
	}
	var groups []sentenceGroup
	emit := func(from, to int) {
		if t := strings.TrimSpace(b.text[from:to]); t != "" {
			groups = append(groups, sentenceGroup{t, b.lineAt(from + leadingSpace(b.text[from:to]))})
		}
	}
	start, prev := 0, 0
	for _, end := range sentenceEnds(b.text) {
		if end-start > groupUpTo && prev > start {
			emit(start, prev)
			start = prev
		}
		prev = end
	}
	emit(start, len(b.text))
	return groups
}

func leadingSpace(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// sentenceEnds returns the offsets just past each sentence: after ".", "!"
// or "?" (and closing quotes) followed by a space and a capital or digit.
func sentenceEnds(s string) []int {
	var ends []int
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i
		for j < len(s) && strings.ContainsRune(`"')]”’`, rune(s[j])) {
			j++
		}
		if j >= len(s) || s[j] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[j+1:])
		if unicode.IsUpper(next) || unicode.IsDigit(next) || next == '"' || next == '(' || next == '“' {
			if r == '.' && abbreviationBefore(s[:i-1]) {
				continue
			}
			ends = append(ends, j)
		}
	}
	ends = append(ends, len(s))
	return ends
}

// abbreviationBefore reports whether the word before a full stop is an
// abbreviation or an initial ("e.g", "Dr", "J").
func abbreviationBefore(s string) bool {
	i := strings.LastIndexAny(s, " (")
	w := strings.ToLower(s[i+1:])
	switch w {
	case "e.g", "i.e", "etc", "vs", "dr", "mr", "mrs", "ms", "st", "no", "cf", "approx":
		return true
	}
	return utf8.RuneCountInString(w) == 1
}
