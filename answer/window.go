package answer

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A snippet longer than maxSnippetRunes (an abstract, a pasted paragraph)
// is shown as snippetWindow runes of it around the words asked about, "…"
// marking what is left out: the chat services clip a message from its
// start, which would hide them, and a reader wants the sentence that
// answers. Real note lines are shorter (their 99th percentile is 250
// bytes, schedules' abstracts 390).
const (
	maxSnippetRunes = 500
	snippetWindow   = 400
	windowLead      = 80  // runes shown before the first word asked about
	maxWindowWords  = 256 // words asked about weighed as window starts
)

// window returns text, or a window of it holding the most of the terms of
// the words asked about (none: its start).
func (ix *Index) window(text string, qs []queryTerm) string {
	if len(text) <= maxSnippetRunes || utf8.RuneCountInString(text) <= maxSnippetRunes {
		return text
	}
	var terms []uint32
	for _, q := range qs {
		for _, v := range q.variants {
			terms = append(terms, v.term)
		}
	}
	type hit struct {
		at   int // byte offset of the word
		term uint32
	}
	var hits []hit
	if len(terms) > 0 {
		forWords(text, func(at int, w string) bool {
			if t, ok, _ := ix.vocab.stemOf(fold(w)); ok && slices.Contains(terms, t) {
				hits = append(hits, hit{at, t})
			}
			return len(hits) < maxWindowWords
		})
	}
	// The window that starts before a hit and holds the most distinct
	// terms; the first such.
	start, best := 0, 0
	for i, h := range hits {
		from := wordStartBefore(text, h.at, windowLead)
		end := runesAfter(text, from, snippetWindow)
		var seen []uint32
		for _, g := range hits[i:] {
			if g.at >= end {
				break
			}
			if !slices.Contains(seen, g.term) {
				seen = append(seen, g.term)
			}
		}
		if len(seen) > best {
			start, best = from, len(seen)
		}
	}
	end := runesAfter(text, start, snippetWindow)
	if n := utf8.RuneCountInString(text[start:end]); end == len(text) && n < snippetWindow {
		// Near the end: the window reaches back as far as it can.
		start = wordStartBefore(text, start, snippetWindow-n)
	}
	if end < len(text) {
		// End at a word's end when one is near.
		if k := strings.LastIndexFunc(text[start:end], unicode.IsSpace); k > 0 && end-(start+k) < windowLead {
			end = start + k
		}
	}
	out := strings.TrimSpace(text[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	return out
}

// forWords calls fn with the byte offset of each run of letters and digits
// in s, and the run, until fn returns false.
func forWords(s string, fn func(at int, w string) bool) {
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if !fn(start, s[start:i]) {
				return
			}
			start = -1
		}
	}
	if start >= 0 {
		fn(start, s[start:])
	}
}

// wordStartBefore returns the byte offset of the start of the word at most
// n runes before at (at itself when none starts there): a window shows
// whole words.
func wordStartBefore(s string, at, n int) int {
	from := at
	for range n {
		if from == 0 {
			return 0
		}
		_, size := utf8.DecodeLastRuneInString(s[:from])
		from -= size
	}
	if from == 0 {
		return 0
	}
	if k := strings.IndexFunc(s[from:at], unicode.IsSpace); k >= 0 {
		_, size := utf8.DecodeRuneInString(s[from+k:])
		return from + k + size
	}
	return at
}

// runesAfter returns the byte offset n runes after from in s, or len(s).
func runesAfter(s string, from, n int) int {
	for i := range s[from:] {
		if n == 0 {
			return from + i
		}
		n--
	}
	return len(s)
}
