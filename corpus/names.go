package corpus

import (
	"regexp"
	"strings"
	"unicode"
)

// nameParticles may stand lower-case inside a person's name.
var nameParticles = map[string]bool{
	"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "del": true,
	"della": true, "di": true, "du": true, "la": true, "le": true, "bin": true, "al": true, "ter": true,
}

// titleWords are capitalised in talk titles but never in names.
var titleWords = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "or": true, "of": true, "for": true, "in": true,
	"on": true, "to": true, "with": true, "is": true, "your": true, "my": true, "how": true, "why": true,
	"what": true, "at": true, "by": true, "from": true, "into": true, "vs": true, "not": true, "it": true,
	"python": true, "talk": true, "keynote": true, "notes": true, "intro": true, "introduction": true,
}

var (
	handleRe     = regexp.MustCompile(`\s*\(?@[A-Za-z0-9_]+\)?`)
	parenTailRe  = regexp.MustCompile(`\s*[(<\[].*$`)
	nameSplitRe  = regexp.MustCompile(`\s*(?:,|&|\band\b|/)\s*`)
	talkByRe     = regexp.MustCompile(`(?i)^(?:(?:a|the)\s+)?(?:talk|keynote|presentation|session|tutorial)?\s*(?:given|presented|delivered)?\s*by\s+(.+)$`)
	speakerKeyRe = regexp.MustCompile(`(?i)^(?:speakers?|presenters?|authors?|presented by|by)\s*[:\-]\s*(.+)$`)
)

// looksLikeName reports whether s reads as a person's name: two to four
// capitalised words, no digits, no words that only titles use.
func looksLikeName(s string) bool {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ":,;."))
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	caps := 0
	for i, w := range words {
		lw := strings.ToLower(w)
		if titleWords[lw] {
			return false
		}
		if nameParticles[lw] && i > 0 && i < len(words)-1 {
			continue
		}
		rs := []rune(w)
		if !unicode.IsUpper(rs[0]) {
			return false
		}
		upper := 0
		for _, r := range rs {
			switch {
			case unicode.IsLetter(r):
				if unicode.IsUpper(r) {
					upper++
				}
			case r == '-' || r == '\'' || r == '.' || r == '’':
			default:
				return false
			}
		}
		// "GIL", "PSF": acronyms are not names; "McKinney", "J." are.
		if len(rs) > 2 && upper == len(rs) {
			return false
		}
		caps++
	}
	return caps >= 2
}

// cleanName strips handles, links and trailing remarks from a name.
func cleanName(s string) string {
	s = handleRe.ReplaceAllString(s, "")
	s = parenTailRe.ReplaceAllString(s, "")
	if i := strings.Index(s, " - "); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ":,;."))
}

// namesIn splits "Alice Smith, Bob Jones and Carol White" into the names, or
// returns nil when any part is not a name.
func namesIn(s string) []string {
	var names []string
	for _, part := range nameSplitRe.Split(strings.TrimSpace(s), -1) {
		part = cleanName(part)
		if part == "" {
			continue
		}
		if !looksLikeName(part) {
			return nil
		}
		names = append(names, part)
	}
	return names
}

// splitTitle separates a heading such as "Title (Speaker)", "Speaker (title)",
// "Title - Speaker" or "Title by Speaker" into title and speakers. When no
// part is a name the whole heading is the title.
func splitTitle(h string) (title string, speakers []string) {
	h = strings.TrimSpace(h)
	// "Title (Speaker)" and "Speaker (title)".
	if strings.HasSuffix(h, ")") {
		if open := matchingOpen(h); open > 0 {
			outer := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(h[:open]), ":-–—"))
			inner := strings.TrimSpace(h[open+1 : len(h)-1])
			innerNames, outerNames := namesIn(inner), namesIn(outer)
			switch {
			case innerNames != nil && outer != "":
				return outer, innerNames
			case outerNames != nil && inner != "":
				return inner, outerNames
			}
		}
	}
	for _, sep := range []string{" - ", " – ", " — ", " by "} {
		if i := strings.LastIndex(h, sep); i > 0 {
			if names := namesIn(h[i+len(sep):]); names != nil {
				return strings.TrimSpace(h[:i]), names
			}
		}
	}
	return h, nil
}

// matchingOpen returns the index of the "(" that the final ")" closes.
func matchingOpen(s string) int {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// speakersInLine finds the speakers named by a line such as "Talk by Jesse
// Noller", "A talk by David Beazley on the GIL." or "Speaker: Ada Lovelace".
func speakersInLine(s string, links []link) []string {
	s = strings.TrimSpace(s)
	if !mayNameSpeakers(s) {
		return nil
	}
	m := speakerKeyRe.FindStringSubmatch(s)
	if m == nil {
		m = talkByRe.FindStringSubmatch(s)
	}
	if m == nil {
		return nil
	}
	rest := m[1]
	// A linked name: "A talk by [David Beazley](...) on the GIL."
	for _, l := range links {
		if l.text != "" && strings.HasPrefix(rest, l.text) && looksLikeName(l.text) {
			return []string{l.text}
		}
	}
	if names := namesIn(rest); names != nil {
		return names
	}
	// "Jesse Noller at PyCodeConf 2011." / "David Beazley on the GIL."
	words := strings.Fields(cleanName(rest))
	for n := min(4, len(words)); n >= 2; n-- {
		if cand := strings.Join(words[:n], " "); looksLikeName(cand) {
			return []string{strings.TrimRight(cand, ".,;:")}
		}
	}
	return nil
}

// leadingName returns the name a bio line starts with: "Craig Kerstiens
// (<http://...>) Works at Heroku" -> "Craig Kerstiens".
func leadingName(s string) string {
	if n := cleanName(s); looksLikeName(n) {
		return n
	}
	return ""
}

// IsSpeakerHeading reports whether a section heading introduces the
// speakers ("Author", "Speakers", "About the speaker").
func IsSpeakerHeading(h string) bool {
	switch strings.ToLower(strings.TrimRight(strings.TrimSpace(h), ":")) {
	case "author", "authors", "speaker", "speakers", "presenter", "presenters",
		"about the speaker", "about the speakers", "about the author", "presented by":
		return true
	}
	return false
}

// mayNameSpeakers is a quick screen for speakerKeyRe and talkByRe: a line
// naming its speakers holds "by", or starts with "speaker", "presenter" or
// "author".
func mayNameSpeakers(s string) bool {
	for _, key := range []string{"speaker", "presenter", "author"} {
		if len(s) >= len(key) && strings.EqualFold(s[:len(key)], key) {
			return true
		}
	}
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == 'b' || s[i] == 'B') && (s[i+1] == 'y' || s[i+1] == 'Y') {
			return true
		}
	}
	return false
}

// IntroducesSpeakers reports whether a note line only introduces the
// speakers: "A talk given by [Laura Thomson](...)", "Speaker: Ada Lovelace".
func IntroducesSpeakers(line string) bool {
	return speakersInLine(line, nil) != nil
}
