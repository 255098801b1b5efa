package answer

import (
	"cmp"
	"slices"
	"strings"
)

// nameIndex finds titles, speakers or events by what a user typed without
// reading every name: names are looked up by the words they hold, and only
// when those give too few matches are they screened by the letters they
// hold, a bit mask a name, before github.com/sahilm/fuzzy scores the
// survivors as subsequences.
type nameIndex struct {
	names []string
	masks []uint64
	words []nameWord // every word of every name, sorted
}

type nameWord struct {
	word string
	name uint32
}

// Bounds of the work one lookup does.
const (
	maxWordCandidates        = 1000
	maxSubsequenceCandidates = 1500
)

func newNameIndex(names []string) *nameIndex {
	n := &nameIndex{names: names, masks: make([]uint64, len(names))}
	for i, name := range names {
		f := fold(name)
		n.masks[i] = letterMask(f)
		for _, w := range words(f) {
			n.words = append(n.words, nameWord{w, uint32(i)})
		}
	}
	slices.SortFunc(n.words, func(a, b nameWord) int {
		if c := strings.Compare(a.word, b.word); c != 0 {
			return c
		}
		return cmp.Compare(a.name, b.name)
	})
	return n
}

// letterMask has a bit for each letter and digit s holds, and one for
// anything else.
func letterMask(s string) uint64 {
	var m uint64
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z':
			m |= 1 << (r - 'a')
		case '0' <= r && r <= '9':
			m |= 1 << (26 + r - '0')
		case r == ' ':
		default:
			m |= 1 << 63
		}
	}
	return m
}

// withPrefix returns the names holding a word that starts with p.
func (n *nameIndex) withPrefix(p string, out map[uint32]bool, limit int) {
	i, _ := slices.BinarySearchFunc(n.words, p, func(w nameWord, p string) int { return strings.Compare(w.word, p) })
	for ; i < len(n.words) && strings.HasPrefix(n.words[i].word, p) && len(out) < limit; i++ {
		out[n.words[i].name] = true
	}
}

// find ranks the names matching typed as matchNames does, looking at a
// bounded number of them; at least limit matches are returned when that
// many exist among them. corrections, when not nil, gives near spellings
// of a typed word.
func (n *nameIndex) find(typed string, limit int, corrections func(string) []string) []nameMatch {
	qws := words(fold(typed))
	if len(qws) == 0 {
		return nil
	}
	cands := n.byWords(qws, corrections)
	ms := n.rank(typed, cands, true)
	if len(ms) >= limit {
		return ms
	}
	// Too few: screen the names by their letters, then match subsequences.
	mask := letterMask(fold(typed))
	for i, m := range n.masks {
		if len(cands) >= maxWordCandidates+maxSubsequenceCandidates {
			break
		}
		if m&mask == mask {
			cands[uint32(i)] = true
		}
	}
	return n.rank(typed, cands, true)
}

// findWords ranks the names holding every typed word, or a near spelling
// of each, by what they hold (exact, prefix, every word, near words); no
// name is matched by its letters alone.
func (n *nameIndex) findWords(typed string, corrections func(string) []string) []nameMatch {
	qws := words(fold(typed))
	if len(qws) == 0 {
		return nil
	}
	return n.rank(typed, n.byWords(qws, corrections), false)
}

// byWords returns the names holding a word that starts with the longest
// typed word (a name matching every word holds it), or a near spelling of
// it.
func (n *nameIndex) byWords(qws []string, corrections func(string) []string) map[uint32]bool {
	key := ""
	for _, w := range qws {
		if len(w) > len(key) && !(isStop(w) && len(qws) > 1) {
			key = w
		}
	}
	if key == "" {
		key = qws[0]
	}
	cands := map[uint32]bool{}
	n.withPrefix(key, cands, maxWordCandidates)
	if corrections != nil && maxEdits(key) > 0 {
		for _, c := range corrections(key) {
			n.withPrefix(c, cands, maxWordCandidates)
		}
	}
	return cands
}

// rank orders the candidates with matchNames, with the subsequence
// matches or without.
func (n *nameIndex) rank(typed string, cands map[uint32]bool, subsequences bool) []nameMatch {
	ids := make([]uint32, 0, len(cands))
	for id := range cands {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	sub := make([]string, len(ids))
	for i, id := range ids {
		sub[i] = n.names[id]
	}
	ms := matchNamesBy(typed, sub, subsequences)
	for i := range ms {
		ms[i].index = int(ids[ms[i].index])
	}
	return ms
}
