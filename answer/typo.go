package answer

import (
	"cmp"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/talkbot/talkbot/internal/english"
	"github.com/talkbot/talkbot/internal/keydir"
)

// vocabulary holds the surface words of the index and finds the words near
// a misspelt one through a deletion neighbourhood (as SymSpell does): every
// word is stored under itself and each string made by deleting one of its
// letters; a query word looks itself up under the strings made by deleting
// up to two letters, and each candidate found is checked with a true edit
// distance. A lookup costs a few dozen searches among the few keys a
// directory of their top bits points to, whatever the size of the
// vocabulary.
type vocabulary struct {
	ids   map[string]uint32
	words []string
	term  []uint32 // word -> index term
	count []uint32 // word -> occurrences
	stem  []uint32 // word -> the term of its stem, noStem when that is no term

	neighbourhood sync.Once // built at the first correction asked for
	keys          []uint64  // sorted deletion-neighbourhood keys: hash bits, word number
	keyDir        keydir.Dir
	sorted        []uint32 // word numbers in the words' order, for prefixes

	// The words by the term of their stem, which lines read again at
	// query time find the question's terms by (wordsOfStem).
	stemsIndexed sync.Once
	stemStart    []uint32 // term -> its first entry in stemWords; one more at the end
	stemWords    []uint32 // word numbers, by the term of their stem
}

// Words shorter than typoMinLen are never corrected; from typoTwoLen on, two
// edits are allowed. Words longer than typoMaxLen are never corrected
// either: nobody types them, and a word's neighbourhood grows with the
// square of its length (500 letters took 0.3 s).
const (
	typoMinLen = 5
	typoTwoLen = 9
	typoMaxLen = 32
)

// newVocabulary returns an empty vocabulary with room for size words.
func newVocabulary(size int) *vocabulary { return &vocabulary{ids: make(map[string]uint32, size)} }

func (v *vocabulary) add(word string, term uint32) { v.count[v.id(word, term)]++ }

// id returns the number of a word, adding it with its term when new.
func (v *vocabulary) id(word string, term uint32) uint32 {
	id, ok := v.ids[word]
	if !ok {
		id = uint32(len(v.words))
		v.ids[word] = id
		v.words = append(v.words, word)
		v.term = append(v.term, term)
		v.count = append(v.count, 0)
	}
	return id
}

// noStem marks a word whose stem is no term of the index.
const noStem = math.MaxUint32

// setStems records the term of each word's stem, which stemOf returns:
// lines are read at query time with the stems they were indexed with,
// without stemming each word again or keeping a map of them.
func (v *vocabulary) setStems(terms map[string]uint32, stemOf func(string) string) {
	v.stem = make([]uint32, len(v.words))
	for i, w := range v.words {
		t, ok := terms[stemOf(w)]
		if !ok {
			t = noStem
		}
		v.stem[i] = t
	}
}

// wordsOfStem returns the numbers of the words whose stem is term t.
func (v *vocabulary) wordsOfStem(t uint32) []uint32 {
	v.stemsIndexed.Do(v.indexStems)
	if int(t)+1 >= len(v.stemStart) {
		return nil
	}
	return v.stemWords[v.stemStart[t]:v.stemStart[t+1]]
}

// indexStems lists the words by the term of their stem.
func (v *vocabulary) indexStems() {
	terms := 0
	for _, t := range v.stem {
		if t != noStem {
			terms = max(terms, int(t)+1)
		}
	}
	start := make([]uint32, terms+1)
	for _, t := range v.stem {
		if t != noStem {
			start[t+1]++
		}
	}
	for t := 1; t < len(start); t++ {
		start[t] += start[t-1]
	}
	words := make([]uint32, start[terms])
	next := slices.Clone(start[:terms])
	for w, t := range v.stem {
		if t != noStem {
			words[next[t]] = uint32(w)
			next[t]++
		}
	}
	v.stemStart, v.stemWords = start, words
}

func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// build computes the deletion neighbourhood of every word that can be the
// correction of a word of typoMinLen to typoMaxLen letters. A key is the top
// hashBits of a hash and the word's number: one sort of plain integers.
// Two strings sharing those bits only cost a true edit distance more.
func (v *vocabulary) build() {
	var keys []uint64
	for id, w := range v.words {
		if n := utf8.RuneCountInString(w); id >= 1<<idBits || n < typoMinLen-1 || n > typoMaxLen+2 {
			continue
		}
		for _, h := range deletionHashes(w) {
			keys = append(keys, h>>idBits<<idBits|uint64(id))
		}
	}
	slices.Sort(keys)
	v.keys = keys
	v.indexKeys()
	sorted := make([]uint32, len(v.words))
	for i := range sorted {
		sorted[i] = uint32(i)
	}
	slices.SortFunc(sorted, func(a, b uint32) int { return strings.Compare(v.words[a], v.words[b]) })
	v.sorted = sorted
}

// indexKeys builds the directory of the neighbourhood's keys.
func (v *vocabulary) indexKeys() {
	v.keyDir = keydir.New(len(v.keys), v.key)
}

func (v *vocabulary) key(i int) uint64 { return v.keys[i] }

// Derived forms: a word the notes never use finds the words they do that
// extend its stem of at least minDerivedStem letters by at most
// maxDerivedSuffix ("mentoring": "mentorship", "mentors"), up to
// maxDerived of them, commonest first.
const (
	minDerivedStem   = 5
	maxDerivedSuffix = 5
	maxDerived       = 3
)

// derived returns the words of the vocabulary that extend stem by a short
// suffix.
func (v *vocabulary) derived(stem string) []correction {
	if len(stem) < minDerivedStem {
		return nil
	}
	v.neighbourhood.Do(v.build)
	i, _ := slices.BinarySearchFunc(v.sorted, stem, func(id uint32, s string) int { return strings.Compare(v.words[id], s) })
	var out []correction
	for ; i < len(v.sorted); i++ {
		w := v.words[v.sorted[i]]
		if !strings.HasPrefix(w, stem) {
			break
		}
		if n := len(w) - len(stem); n > 0 && n <= maxDerivedSuffix {
			id := v.sorted[i]
			out = append(out, correction{word: w, term: v.term[id], distance: n, count: v.count[id]})
		}
		if len(out) == 4*maxDerived {
			break
		}
	}
	slices.SortFunc(out, func(a, b correction) int { return cmp.Compare(b.count, a.count) })
	return out[:min(len(out), maxDerived)]
}

// idBits is how many low bits of a neighbourhood key number the word.
const idBits = 24

// deletionHashes returns the hashes of w and of each string made by
// deleting one of its letters, without building the strings.
func deletionHashes(w string) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	feed := func(h uint64, s string) uint64 {
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= prime
		}
		return h
	}
	out := make([]uint64, 0, len(w)+1)
	out = append(out, feed(offset, w))
	prefix := uint64(offset)
	for i := 0; i < len(w); {
		_, size := utf8.DecodeRuneInString(w[i:])
		out = append(out, feed(prefix, w[i+size:]))
		prefix = feed(prefix, w[i:i+size])
		i += size
	}
	return out
}

// deletionHashesWithin returns the hashes (as hashString gives them) of w
// and of every distinct string made by deleting up to maxD (1 or 2) of its
// letters. An ASCII word's are hashed in place, no string built.
func deletionHashesWithin(w string, maxD int) []uint64 {
	if !isASCII(w) || maxD > 2 {
		var out []uint64
		for _, d := range deletions(w, maxD) {
			out = append(out, hashString(d))
		}
		return out
	}
	const offset, prime = 14695981039346656037, 1099511628211
	hash := func(skipA, skipB int) uint64 {
		h := uint64(offset)
		for i := 0; i < len(w); i++ {
			if i != skipA && i != skipB {
				h ^= uint64(w[i])
				h *= prime
			}
		}
		return h
	}
	out := make([]uint64, 0, 1+len(w)+len(w)*len(w)/2)
	out = append(out, hash(-1, -1))
	for i := 0; i < len(w) && len(w) > 1; i++ {
		out = append(out, hash(i, -1))
		if maxD == 2 && len(w) > 2 {
			for j := i + 1; j < len(w); j++ {
				out = append(out, hash(i, j))
			}
		}
	}
	// Deleting either of two equal letters gives one string: look it up
	// once.
	slices.Sort(out)
	return slices.Compact(out)
}

// deletions returns w and every distinct string made by deleting up to n
// of its letters.
func deletions(w string, n int) []string {
	seen := map[string]bool{w: true}
	out := []string{w}
	frontier := []string{w}
	for range n {
		var next []string
		for _, s := range frontier {
			rs := []rune(s)
			if len(rs) <= 1 {
				continue
			}
			for i := range rs {
				d := string(rs[:i]) + string(rs[i+1:])
				if !seen[d] {
					seen[d] = true
					out = append(out, d)
					next = append(next, d)
				}
			}
		}
		frontier = next
	}
	return out
}

// correction is a vocabulary word near a misspelt word.
type correction struct {
	word     string
	term     uint32
	distance int
	count    uint32
}

// maxEdits returns how many edits a word of this length may be corrected by.
func maxEdits(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n > typoMaxLen:
		return 0
	case n >= typoTwoLen:
		return 2
	case n >= typoMinLen:
		return 1
	}
	return 0
}

// corrections returns the vocabulary words within the allowed edit distance
// of word (itself excluded), nearest and most frequent first.
func (v *vocabulary) corrections(word string) []correction {
	maxD := maxEdits(word)
	if maxD == 0 {
		return nil
	}
	v.neighbourhood.Do(v.build)
	found := map[uint32]bool{}
	var out []correction
	for _, h := range deletionHashesWithin(word, maxD) {
		h >>= idBits
		i := v.keyDir.Search(h<<idBits, v.key)
		for ; i < len(v.keys) && v.keys[i]>>idBits == h; i++ {
			id := uint32(v.keys[i] & (1<<idBits - 1))
			if found[id] || v.words[id] == word {
				continue
			}
			found[id] = true
			if dist := osaDistance(word, v.words[id], maxD); dist <= maxD {
				out = append(out, correction{word: v.words[id], term: v.term[id], distance: dist, count: v.count[id]})
			}
		}
	}
	slices.SortFunc(out, func(a, b correction) int {
		if a.distance != b.distance {
			return a.distance - b.distance
		}
		return int(b.count) - int(a.count)
	})
	return out
}

// countOf returns how often word occurs in the index.
func (v *vocabulary) countOf(word string) uint32 {
	if id, ok := v.ids[word]; ok {
		return v.count[id]
	}
	return 0
}

// osaDistance is the optimal string alignment distance of a and b (edits:
// insertion, deletion, substitution, transposition of neighbours), or
// limit+1 once it is certain to exceed limit.
func osaDistance(a, b string, limit int) int {
	var bufA, bufB [32]rune
	ra, rb := appendRunes(bufA[:0], a), appendRunes(bufB[:0], b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	// Three rows of the distance table, reused: the row two back (for
	// transpositions), the previous one and the current one.
	var buf [3 * 33]int
	n := len(rb) + 1
	cells := buf[:0]
	if 3*n > len(buf) {
		cells = make([]int, 3*n)
	} else {
		cells = buf[:3*n]
	}
	back, prev, cur := cells[:n], cells[n:2*n], cells[2*n:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := limit + 1
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, back[j-2]+1)
			}
			cur[j] = d
			best = min(best, d)
		}
		if best > limit {
			return limit + 1
		}
		back, prev, cur = prev, cur, back
	}
	return min(prev[len(rb)], limit+1)
}

// appendRunes appends the runes of s to dst.
func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

// An abbreviation is at least minAbbreviation letters, and from
// minAbbreviationShare to abbreviationShare of a word of at least
// abbreviatedLen letters: "tech" abbreviates "technology", "trace" does
// not abbreviate "tracebin", nor "sets" "setswitchinterval".
const (
	minAbbreviation      = 4
	abbreviatedLen       = 8
	abbreviationShare    = 0.6
	minAbbreviationShare = 0.3
)

// abbreviations returns the vocabulary words that abbreviate word by
// cutting it short ("tech" for "technology"), longest first.
func (v *vocabulary) abbreviations(word string) []correction {
	rs := []rune(word)
	if len(rs) < abbreviatedLen {
		return nil
	}
	var out []correction
	least := max(minAbbreviation, int(math.Ceil(float64(len(rs))*minAbbreviationShare)))
	for n := int(float64(len(rs)) * abbreviationShare); n >= least; n-- {
		if english.Familiarity(string(rs[n:])) >= 0.5 {
			// The rest is a word: "taskgroups" is a compound of "task",
			// not "task" written out.
			continue
		}
		if id, ok := v.ids[string(rs[:n])]; ok {
			out = append(out, correction{word: v.words[id], term: v.term[id], distance: len(rs) - n, count: v.count[id]})
		}
	}
	return out
}

// slip tells why a word the notes never use, in any spelling, says
// nothing: a lone letter ("w/"), or a slip for a stop word ("ther",
// "teh"). It returns "" for any other word.
func slip(q queryTerm) string {
	if !q.known && len(q.slipOf) > 0 && !slices.ContainsFunc(q.slipOf, func(s string) bool { return roleOf(s) == roleContent }) {
		// "anythng": the notes' "anything" is no answer to it.
		return "a slip for " + q.slipOf[0]
	}
	if len(q.variants) > 0 {
		return ""
	}
	switch {
	case len(q.word) == 1:
		return "a lone letter the notes never use"
	case (q.familiar < typoCommonness || len(q.word) > 2 && english.Size(q.word) == 0) && nearStopWord(q.word):
		// No dictionary has it, however often the web writes it: "teh";
		// two letters no dictionary has are often a term ("hr").
		return "a slip for a stop word"
	}
	return ""
}

// nearStopWord reports whether a short word is one edit from a stop word
// or question word: "ther", "waht", "abotu".
func nearStopWord(w string) bool {
	if len(w) < 2 || len(w) > 6 || !isASCII(w) {
		return false
	}
	stopSlips.once.Do(stopSlips.build)
	if len(w) == 2 {
		// Only a letter left out: "hw" for "how", not "py" for "my".
		return len(stopSlips.byKey[w]) > 0
	}
	for _, d := range deletions(w, 1) {
		for _, s := range stopSlips.byKey[d] {
			if s != w && osaDistance(w, s, 1) <= 1 {
				return true
			}
		}
	}
	return false
}

// stopSlips is the deletion neighbourhood of the stop and question words
// of three letters or more: a word and each string made by deleting one of
// its letters, to the words.
var stopSlips stopNeighbourhood

type stopNeighbourhood struct {
	once  sync.Once
	byKey map[string][]string
}

// build finds the stop and question words among the commonest English
// words (every stop word is among the first english.CommonestRank) and
// files their neighbourhood.
func (s *stopNeighbourhood) build() {
	s.byKey = map[string][]string{}
	for _, w := range english.Commonest() {
		if r := roleOf(w); len(w) >= 3 && (r == roleStop || r == roleQuestion) {
			for _, d := range deletions(w, 1) {
				s.byKey[d] = append(s.byKey[d], w)
			}
		}
	}
	for w := range questionWords {
		if len(w) >= 3 {
			for _, d := range deletions(w, 1) {
				if !slices.Contains(s.byKey[d], w) {
					s.byKey[d] = append(s.byKey[d], w)
				}
			}
		}
	}
}
