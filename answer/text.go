package answer

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// token is one word of a text: its folded surface form and the term it is
// indexed under (the stem).
type token struct {
	word string // folded: lower case, accents removed
	term string // stemmed word, or the word itself for numbers and codes
	pos  int    // ordinal position in the text
}

// foldAccents pools accent-removing transformers: a transform.Chain holds
// state and must not be shared by concurrent questions.
var foldAccents = sync.Pool{New: func() any {
	return transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// fold lower-cases s and removes accents: "Café" -> "cafe".
func fold(s string) string {
	if !isASCII(s) {
		tr := foldAccents.Get().(transform.Transformer)
		if t, _, err := transform.String(tr, s); err == nil {
			s = t
		}
		foldAccents.Put(tr)
	}
	return strings.ToLower(s)
}

// words splits folded text into words: runs of letters and digits, with
// apostrophes dropped ("don't" -> "dont") and a dot kept between digits
// ("3.6").
func words(s string) []string {
	if isASCII(s) {
		return asciiWords(s)
	}
	return unicodeWords(s)
}

func unicodeWords(s string) []string {
	var out []string
	start := -1 // byte offset of the current word
	var cur []byte
	prev := rune(0)
	for i, r := range s {
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
				cur = cur[:0]
			}
			cur = utf8.AppendRune(cur, r)
		case (r == '\'' || r == '’') && start >= 0 && unicode.IsLetter(next):
			// inside a word: "don't" -> "dont"
		case r == '.' && start >= 0 && unicode.IsDigit(prev) && unicode.IsDigit(next):
			cur = append(cur, '.')
		default:
			if start >= 0 {
				out = append(out, string(cur))
				start = -1
			}
		}
		prev = r
	}
	if start >= 0 {
		out = append(out, string(cur))
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// asciiWords is words for ASCII text: the words are slices of s but for
// those with an apostrophe.
func asciiWords(s string) []string {
	return appendASCIIWords(make([]string, 0, len(s)/5), s)
}

func appendASCIIWords(out []string, s string) []string {
	for i := 0; i < len(s); {
		start, end, apostrophe := nextASCIIWord(s, i)
		if start == end {
			break
		}
		w := s[start:end]
		if apostrophe {
			w = strings.ReplaceAll(w, "'", "")
		}
		out = append(out, w)
		i = end
	}
	return out
}

// nextASCIIWord finds the first word of ASCII text s at or after from, as
// words splits it: its bounds, and whether it holds an apostrophe to drop.
// start == end when there is none.
func nextASCIIWord[T string | []byte](s T, from int) (start, end int, apostrophe bool) {
	i := from
	for i < len(s) && !isAlnum(s[i]) {
		i++
	}
	start = i
	for i < len(s) {
		c := s[i]
		switch {
		case isAlnum(c):
		case c == '\'' && i+1 < len(s) && isLetter(s[i+1]):
			apostrophe = true
		case c == '.' && i > start && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1]):
		default:
			return start, i, apostrophe
		}
		i++
	}
	return start, i, apostrophe
}

// stem returns the index term of a folded word.
func stem(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return w
		}
	}
	if len(w) <= 2 {
		return w
	}
	if base, ok := irregular[w]; ok {
		w = base
	}
	return english.Stem(w, true)
}

// isStop reports whether a folded word carries no meaning for retrieval:
// the Snowball English list, less the particles and negations that carry
// meaning in notes ("pypi is down", "no gil"), plus a few more.
func isStop(w string) bool {
	if keptStop[w] {
		return false
	}
	return english.IsStopWord(w) || extraStop[w]
}

var keptStop = map[string]bool{"down": true, "up": true, "off": true, "out": true, "not": true, "no": true}

// extraStop are frequent words the Snowball list lacks.
var extraStop = map[string]bool{
	"also": true, "would": true, "could": true, "can": true, "may": true, "might": true,
	"must": true, "shall": true, "etc": true, "eg": true, "ie": true, "via": true, "us": true,
	"dont": true, "doesnt": true, "didnt": true, "isnt": true, "arent": true, "cant": true,
	"wont": true, "im": true, "ive": true, "youre": true, "its": true, "without": true,
	// contractions typed without their apostrophe
	"whats": true, "thats": true, "theres": true, "heres": true, "hows": true, "wheres": true,
	"whos": true, "whens": true, "whys": true, "wasnt": true, "werent": true, "hasnt": true,
	"havent": true, "hadnt": true, "wouldnt": true, "couldnt": true, "shouldnt": true,
	"theyre": true, "theyve": true, "weve": true, "youve": true, "youll": true,
	"within": true, "upon": true, "whether": true, "much": true, "many": true, "really": true,
	"quite": true, "rather": true, "lot": true, "lots": true,
}

// questionWords are words of a question that ask rather than tell: they
// are dropped from questions, never from notes.
var questionWords = map[string]bool{
	"say": true, "said": true, "says": true, "saying": true, "talk": true, "talks": true,
	"recommend": true, "recommended": true, "recommends": true, "suggest": true, "suggested": true, "suggests": true,
	"advise": true, "advised": true, "advises": true,
	"talked": true, "tell": true, "told": true, "mention": true, "mentioned": true, "mentions": true,
	"discuss": true, "discussed": true, "cover": true, "covered": true, "covers": true,
	"anything": true, "something": true, "somebody": true, "someone": true, "anyone": true,
	"please": true, "know": true, "explain": true, "describe": true, "thing": true, "things": true,
	"show": true, "shown": true, "speaker": true, "speakers": true, "presentation": true,
	"notes": true, "note": true, "want": true, "get": true, "use": true, "using": true, "used": true,
	"present": true, "presented": true, "presenting": true, "talking": true, "speak": true, "spoke": true,
	"giving": true, "speaking": true, "speaks": true, "presents": true, "else": true,
	"summary": true, "summarize": true, "summarise": true, "recap": true, "gist": true, "rundown": true,
}

var urlRe = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+`)

// tokenizer splits text into index tokens, remembering the stems it has
// computed: building an index stems each distinct word once. At query
// time it reads the stems of the index's words instead.
type tokenizer struct {
	stems map[string]string
	ix    *Index // the index whose words' stems are read, or nil
}

func newTokenizer() *tokenizer { return &tokenizer{stems: map[string]string{}} }

// stemTerm returns the term of a word's stem, if the index has it: from
// the vocabulary for a word of the notes, which knows it once the index is
// built, or by stemming the word.
func (ix *Index) stemTerm(w string) (uint32, bool) {
	if t, ok, listed := ix.vocab.stemOf(w); listed {
		return t, ok
	}
	t, ok := ix.terms[stem(w)]
	return t, ok
}

// stemOf returns the term a word of the vocabulary is indexed under, if
// its stem is a term, and whether the vocabulary lists the word: a lookup,
// where stemming a word the notes lack costs far more (a line of 64 KB
// took 8 ms so).
func (v *vocabulary) stemOf(w string) (term uint32, ok, listed bool) {
	id, listed := v.ids[w]
	if !listed || int(id) >= len(v.stem) {
		return 0, false, false
	}
	if t := v.stem[id]; t != noStem {
		return t, true, true
	}
	return 0, false, true
}

func (tz *tokenizer) stem(w string) string {
	switch {
	case tz == nil:
		return stem(w)
	case tz.ix != nil:
		if t, ok, _ := tz.ix.vocab.stemOf(w); ok {
			return tz.ix.termList[t]
		}
		return stem(w)
	}
	s, ok := tz.stems[w]
	if !ok {
		s = stem(w)
		tz.stems[w] = s
	}
	return s
}

// tokenize splits text into index tokens, stop words removed. Words joined
// by hyphens or underscores ("Python-dev", "TCP_NODELAY") also yield their
// joined form, so that a question using the compound finds it exactly.
func (tz *tokenizer) tokenize(s string) []token {
	var out []token
	folded := fold(s)
	for i, w := range words(folded) {
		if isStop(w) {
			continue
		}
		out = append(out, token{word: w, term: tz.stem(w), pos: i})
	}
	for _, c := range compounds(folded) {
		out = append(out, token{word: c, term: c, pos: -1})
	}
	return out
}

// tokenizer returns a tokenizer that reads the stems the index was built
// with, for reading lines at query time.
func (ix *Index) tokenizer() *tokenizer { return &tokenizer{ix: ix} }

// compounds returns the joined forms of hyphenated and underscored words of
// folded text: "python-dev" -> "pythondev".
func compounds(folded string) []string {
	if !strings.ContainsAny(folded, "-_") {
		return nil
	}
	var out []string
	var cur strings.Builder
	parts := 0
	flush := func() {
		if parts > 1 {
			out = append(out, cur.String())
		}
		cur.Reset()
		parts = 0
	}
	rs := []rune(folded)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if cur.Len() == 0 {
				parts = 1
			}
			cur.WriteRune(r)
		case (r == '-' || r == '_') && cur.Len() > 0 && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1])):
			parts++
		default:
			flush()
		}
	}
	flush()
	return out
}
