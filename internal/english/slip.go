package english

import (
	_ "embed"
	"encoding/binary"
	"slices"
	"strings"
	"sync"

	"github.com/talkbot/talkbot/internal/keydir"
)

// A word is taken for a slip of another only when the other is among the
// first slipRank words and at least slipRatio times as frequent: "frist"
// (rank 15,190) is "first" (rank 40), "tokio" (59,072) is no slip of
// "tokyo" (1,277).
const (
	slipRank  = 30_000
	slipRatio = 100
	// dictionarySize is the largest SCOWL size class whose words are
	// words, never slips, however rare in text ("lint", "helm").
	dictionarySize = 35
	// minSlipLen is the shortest word taken for a slip: shorter ones are
	// too often a name one letter from a word ("htmx", "vite").
	minSlipLen = 5
	// maxSlips bounds the words a slip may stand for: "chosing" is
	// "choosing" or "closing".
	maxSlips = 3
)

// Slips returns the common English words that a folded word is most
// likely a slip for, commonest first: the words one edit away (a letter
// added, dropped or replaced, or two neighbours swapped) that are far more
// frequent than it. A word of the common dictionaries, or of fewer than
// minSlipLen letters, is no slip; nil when none is found.
//
// The words one edit away are found through a deletion neighbourhood
// computed from the word list when it is generated (slips.bin): nothing
// is built at start-up.
func Slips(word string) []string {
	if len(word) < minSlipLen || len(word) > 64 || !isLower(word) {
		return nil
	}
	rank, size := lookup(word)
	if size > 0 && size <= dictionarySize {
		return nil
	}
	var out []string
	var ranks []int
	for _, h := range oneDeletionHashes(word) {
		for _, c := range slipTable.candidates(h) {
			if c == word || slices.Contains(out, c) || !oneEdit(word, c) {
				continue
			}
			if r := Rank(c); rank == 0 || rank >= slipRatio*r {
				i, _ := slices.BinarySearch(ranks, r)
				out, ranks = slices.Insert(out, i, c), slices.Insert(ranks, i, r)
			}
		}
	}
	return out[:min(len(out), maxSlips)]
}

//go:embed slips.bin
var slipData string

// slipTable is slips.bin: the deletion neighbourhood of the first slipRank
// words of four letters or more (a slip may drop one). Little-endian: the
// number of keys, the keys (the top bits of a hash and a word number,
// sorted), the number of words, each word's end offset, then the words.
var slipTable = readSlipTable(slipData)

// slipDir is the directory of the slip table's keys, built at the first
// slip looked for.
var slipDir = sync.OnceValue(func() keydir.Dir { return keydir.New(len(slipTable.keys)/8, slipTable.key) })

type slipNeighbourhood struct {
	keys  string // 8 bytes a key
	ends  string // 4 bytes a word
	words string
}

// slipIDBits is how many low bits of a key number the word.
const slipIDBits = 16

func readSlipTable(s string) slipNeighbourhood {
	if len(s) < 4 {
		return slipNeighbourhood{}
	}
	nk := int(le32(s, 0))
	keys := s[4 : 4+8*nk]
	s = s[4+8*nk:]
	nw := int(le32(s, 0))
	return slipNeighbourhood{keys: keys, ends: s[4 : 4+4*nw], words: s[4+4*nw:]}
}

func le32(s string, at int) uint32 {
	return uint32(s[at]) | uint32(s[at+1])<<8 | uint32(s[at+2])<<16 | uint32(s[at+3])<<24
}

func (t slipNeighbourhood) key(i int) uint64 {
	return uint64(le32(t.keys, 8*i)) | uint64(le32(t.keys, 8*i+4))<<32
}

func (t slipNeighbourhood) word(id int) string {
	start := uint32(0)
	if id > 0 {
		start = le32(t.ends, 4*id-4)
	}
	return t.words[start:le32(t.ends, 4*id)]
}

// candidates returns the words filed under a hash: some of them share it
// only by its top bits.
func (t slipNeighbourhood) candidates(h uint64) []string {
	h >>= slipIDBits
	n := len(t.keys) / 8
	lo := slipDir().Search(h<<slipIDBits, t.key)
	var out []string
	for i := lo; i < n && t.key(i)>>slipIDBits == h; i++ {
		out = append(out, t.word(int(t.key(i)&(1<<slipIDBits-1))))
	}
	return out
}

// BuildSlipTable computes slips.bin from a word list in the format of
// words.txt ("word rank size" a line).
func BuildSlipTable(list string) []byte {
	var words []string
	var keys []uint64
	for rest := list; rest != ""; {
		line, next, _ := strings.Cut(rest, "\n")
		rest = next
		w, fields, _ := strings.Cut(line, " ")
		r, _, _ := strings.Cut(fields, " ")
		if rank := atoi(r); rank == 0 || rank > slipRank || len(w) < minSlipLen-1 || !isLower(w) {
			continue
		}
		id := uint64(len(words))
		words = append(words, w)
		for _, h := range oneDeletionHashes(w) {
			keys = append(keys, h>>slipIDBits<<slipIDBits|id)
		}
	}
	slices.Sort(keys)
	out := binary.LittleEndian.AppendUint32(nil, uint32(len(keys)))
	for _, k := range keys {
		out = binary.LittleEndian.AppendUint64(out, k)
	}
	out = binary.LittleEndian.AppendUint32(out, uint32(len(words)))
	end := 0
	for _, w := range words {
		end += len(w)
		out = binary.LittleEndian.AppendUint32(out, uint32(end))
	}
	for _, w := range words {
		out = append(out, w...)
	}
	return out
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = 10*n + int(s[i]-'0')
	}
	return n
}

// isLower reports whether a word is lower-case ASCII letters only.
func isLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// oneDeletionHashes returns the FNV-1a hashes of an ASCII word and of each
// distinct string made by deleting one of its letters: two words one edit
// apart share one of them.
func oneDeletionHashes(w string) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	hash := func(skip int) uint64 {
		h := uint64(offset)
		for i := 0; i < len(w); i++ {
			if i != skip {
				h ^= uint64(w[i])
				h *= prime
			}
		}
		return h
	}
	out := make([]uint64, 0, len(w)+1)
	out = append(out, hash(-1))
	for i := range len(w) {
		if i > 0 && w[i] == w[i-1] {
			continue // deleting either of two equal letters gives one string
		}
		out = append(out, hash(i))
	}
	return out
}

// oneEdit reports whether two different ASCII words are one edit apart: a
// letter added or dropped, one replaced, or two neighbours swapped.
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	switch len(b) - len(a) {
	case 0:
		if i == len(a) {
			return false
		}
		if a[i+1:] == b[i+1:] {
			return true // replaced
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // swapped
	case 1:
		return a[i:] == b[i+1:]
	}
	return false
}
