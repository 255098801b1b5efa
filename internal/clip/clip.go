// Package clip cuts text to a length: the two ways talkbot shortens
// text, by characters for people and by bytes for protocols.
package clip

import (
	"strings"
	"unicode/utf8"
)

// Runes cuts s to at most n characters (runes), ending in "…" when cut.
func Runes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	return strings.TrimRight(string([]rune(s)[:n-1]), " ") + "…"
}

// Bytes cuts s to at most n bytes, keeping it valid UTF-8, at the last
// space when one stands in the second half of what is kept.
func Bytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := max(n, 0)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > cut/2 {
		cut = i
	}
	return s[:cut]
}
