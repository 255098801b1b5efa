package corpus

import (
	"strings"
	"unicode"

	"github.com/talkbot/talkbot/internal/english"
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

// screenedRe is a pattern that matches only text holding one of its
// needs: other text is not searched. Every talk has a heading and most a
// speaker line, and most hold none of them.
type screenedRe struct {
	*lazyRegexp
	needs []string
}

func screened(pattern string, needs ...string) screenedRe {
	return screenedRe{lazyRE(pattern), needs}
}

// may reports whether the pattern may match s.
func (r screenedRe) may(s string) bool {
	for _, n := range r.needs {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

func (r screenedRe) ReplaceAllString(s, repl string) string {
	if !r.may(s) {
		return s
	}
	return r.lazyRegexp.ReplaceAllString(s, repl)
}

func (r screenedRe) Split(s string, n int) []string {
	if !r.may(s) {
		return []string{s}
	}
	return r.lazyRegexp.Split(s, n)
}

var (
	handleRe     = screened(`\s*\(?@[A-Za-z0-9_]+\)?`, "@")
	parenTailRe  = screened(`\s*[(<\[].*$`, "(", "<", "[")
	nameSplitRe  = screened(`\s*(?:,|&|\band\b|/)\s*`, ",", "&", "and", "/")
	talkByRe     = lazyRE(`(?i)^(?:(?:a|the)\s+)?(?:talk|keynote|presentation|session|tutorial)?\s*(?:given|presented|delivered)?\s*by\s+(.+)$`)
	speakerKeyRe = lazyRE(`(?i)^(?:speakers?|presenters?|authors?|presented by|by)\s*[:\-]\s*(.+)$`)
)

// orgWords end the names of organisations, never of people.
var orgWords = map[string]bool{
	"corp": true, "corp.": true, "inc": true, "inc.": true, "ltd": true, "ltd.": true, "llc": true,
	"gmbh": true, "labs": true, "lab": true, "software": true, "systems": true, "technologies": true,
	"university": true, "institute": true, "foundation": true, "group": true, "team": true, "co.": true,
}

// looksLikeName reports whether s reads as a person's name: two to four
// capitalised words, no digits, no words that only titles or
// organisations use.
func looksLikeName(s string) bool {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ":,;."))
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	caps := 0
	for i, w := range words {
		lw := strings.ToLower(w)
		if titleWords[lw] || orgWords[lw] {
			return false
		}
		if nameParticles[lw] && i > 0 && i < len(words)-1 {
			continue
		}
		rs := []rune(w)
		if !unicode.IsUpper(rs[0]) || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
			return false // "Shopify's Experience" is no one's name
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
	// `"Evolution of API Design" by Eric Baer, Formidable (https://...)`:
	// a quoted title, then who gave it and where they work.
	if m := quotedTitleRe.FindStringSubmatch(h); m != nil {
		names := leadingNames(m[2])
		if n := cleanName(linkTailRe.ReplaceAllString(m[2], "")); names == nil && isMononym(n) {
			names = []string{n} // `"The Automatic Computer and You" by Glyph`
		}
		return strings.TrimSpace(m[1]), names
	}
	// "Title (Speaker)" and "Speaker (title)"; never "Title (or a
	// subtitle)".
	if strings.HasSuffix(h, ")") {
		if open := matchingOpen(h); open > 0 {
			outer := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(h[:open]), ":-–—"))
			inner := strings.TrimSpace(h[open+1 : len(h)-1])
			if !subtitleRe.MatchString(inner) {
				innerNames, outerNames := namesIn(inner), personNames(outer)
				switch {
				case innerNames != nil && outer != "":
					return outer, innerNames
				case outerNames != nil && inner != "":
					return inner, outerNames
				}
			}
		}
	}
	// "Try-Monads with Big Data by Jordan Yaker (https://...), CEO hireross".
	if i := strings.LastIndex(h, " by "); i > 0 {
		if names := leadingNames(h[i+len(" by "):]); names != nil {
			return strings.TrimSpace(h[:i]), names
		}
	}
	// "Title - Speaker", and "Title - Speaker, Company @handle".
	for _, sep := range []string{" - ", " – ", " — "} {
		if i := strings.LastIndex(h, sep); i > 0 {
			if names := leadingPersonNames(h[i+len(sep):]); names != nil {
				return strings.TrimSpace(h[:i]), names
			}
		}
	}
	return h, nil
}

// leadingPersonNames is leadingNames for a part of a heading that might as
// well be words of a title: names whose every word is a common English
// word are none.
func leadingPersonNames(s string) []string {
	names := leadingNames(handleRe.ReplaceAllString(s, ""))
	for _, n := range names {
		if allCommonWords(n) {
			return nil
		}
	}
	return names
}

var (
	// quotedTitleRe matches a quoted title and what follows it: `"Loop
	// Better" by Trey Hunner`.
	quotedTitleRe = lazyRE(`^["“]([^"”]{2,})["”]\s*(?:[-–—,:]\s*|by\s+)(.*)$`)
	// subtitleRe matches a parenthesis that goes on with the title: "(or
	// Why Django Sucks?)", "(aka ...)", "(part 2)".
	subtitleRe = lazyRE(`(?i)^(?:or|aka|a\.k\.a\.?|i\.e\.?|e\.g\.?|part|and|vs\.?|with|in|for)\b`)
	// nicknameRe matches a nickname inside a name: "Michael (Stu) Stewart".
	nicknameRe = screened(`\s+\([A-Z][a-z]+\)\s+`, "(")
	// linkTailRe matches a link or handle in parentheses or brackets.
	linkTailRe = screened(`\s*[(\[<]\s*(?:https?://|www\.|@)[^)\]>]*[)\]>]`, "http", "www.", "@")
)

// leadingNames returns the names a "by" part starts with, links, handles
// and what follows the names (a company, a job) dropped: "Eric Baer,
// Formidable (https://...)" -> "Eric Baer"; "Jessica Cox and Corey
// Harper, Elsevier" -> both. Nil when it starts with no name.
func leadingNames(s string) []string {
	s = linkTailRe.ReplaceAllString(s, "")
	s = nicknameRe.ReplaceAllString(s, " ") // "Michael (Stu) Stewart"
	var names []string
	for _, part := range nameSplitRe.Split(strings.TrimSpace(s), -1) {
		part = cleanName(part)
		if part == "" {
			continue
		}
		if !looksLikeName(part) {
			break
		}
		names = append(names, part)
	}
	return names
}

// isMononym reports whether s is one capitalised word that may be a name
// after "by": "Glyph".
func isMononym(s string) bool {
	if strings.ContainsAny(s, " \t,") || len(s) < 2 || titleWords[strings.ToLower(s)] || orgWords[strings.ToLower(s)] {
		return false
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) || i == 0 && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// personNames is namesIn for a part of a heading that might as well be
// words of a title: names whose every word is a common English word ("LFS
// - Lightning Fast Shop", "Long Term Predictions (low accuracy)") are none.
func personNames(s string) []string {
	names := namesIn(s)
	for _, n := range names {
		if allCommonWords(n) {
			return nil
		}
	}
	return names
}

// allCommonWords reports whether every word of s is a common English
// dictionary word.
func allCommonWords(s string) bool {
	for _, w := range strings.Fields(s) {
		if size := english.Size(strings.ToLower(strings.Trim(w, ".,'’"))); size == 0 || size > commonWordSize {
			return false
		}
	}
	return true
}

// commonWordSize is the largest dictionary size class whose words are
// common ones.
const commonWordSize = 35

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

// speakerPageRe matches a link to a speaker's page on a conference site,
// the name in its last segment: ".../speaker/DocNorton",
// ".../speakers/jane-doe.html".
var speakerPageRe = lazyRE(`(?i)https?://\S*?/speakers?/([a-z][a-z._\-]*?)(?:\.html?)?/?(?:[\s)>\]]|$)`)

// speakersInURLs finds a speaker named by the link to their page on the
// conference's site, under a talk's title: "DocNorton" is Doc Norton,
// "jane-doe" Jane Doe; a single capitalised word ("Lozinski") is a name
// too. Slugs of codes or of common words are none.
func speakersInURLs(text string, links []link) []string {
	var urls []string
	for _, l := range links {
		urls = append(urls, l.dest)
	}
	urls = append(urls, text)
	for _, u := range urls {
		m := speakerPageRe.FindStringSubmatch(u + " ")
		if m == nil {
			continue
		}
		slug := m[1]
		var words []string
		for _, part := range strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
			words = append(words, splitCamel(part)...)
		}
		for i, w := range words {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
		name := strings.Join(words, " ")
		switch {
		case len(words) >= 2 && looksLikeName(name) && !allCommonWords(name):
			return []string{name}
		case len(words) == 1 && unicode.IsUpper(rune(slug[0])) && strings.ToUpper(slug) != slug && isMononym(name) && !allCommonWords(name):
			return []string{name}
		}
	}
	return nil
}

// splitCamel splits "DocNorton" into "Doc" and "Norton"; a word without
// inner capitals is itself.
func splitCamel(s string) []string {
	var out []string
	start := 0
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' && s[i-1] >= 'a' && s[i-1] <= 'z' {
			out = append(out, s[start:i])
			start = i
		}
	}
	return append(out, s[start:])
}
