package english

import (
	_ "embed"
	"encoding/binary"
	"math"
	"strconv"
	"strings"
)

//go:embed words.txt
var list string

// Rank returns the frequency rank of a folded word in general English, 1
// for the commonest; 0 when the word is not among the first 100,000.
func Rank(word string) int {
	rank, _ := lookup(word)
	return rank
}

// Size returns the SCOWL size class of a folded word: 10 for the commonest
// dictionary words, then 20, 35, 40, 50, 55 and 60 for rarer ones; 0 when
// no English dictionary of that size has it (names, jargon, misspellings).
func Size(word string) int {
	_, size := lookup(word)
	return size
}

// lookup finds a word's line in the embedded list through wordIndex.
func lookup(word string) (rank, size int) {
	slots := uint64(len(wordIndex) / 4)
	if slots == 0 {
		return 0, 0
	}
	for h := hashWord(word) & (slots - 1); ; h = (h + 1) & (slots - 1) {
		at := le32(wordIndex, int(4*h))
		if at == 0 {
			return 0, 0
		}
		line := list[at-1:]
		if end := strings.IndexByte(line, '\n'); end >= 0 {
			line = line[:end]
		}
		w, rest, _ := strings.Cut(line, " ")
		if w != word {
			continue
		}
		r, s, _ := strings.Cut(rest, " ")
		rank, _ = strconv.Atoi(r)
		size, _ = strconv.Atoi(s)
		return rank, size
	}
}

// wordIndex is words.idx: a hash table of the list's lines, about half
// full, so that a lookup reads a slot or two and one line, where a binary
// search of the list reads seventeen. A slot holds, little-endian in 4
// bytes, the start of a line plus one (0 is free); a line sits at the
// first free slot from its word's hash. BuildWordIndex writes it.
//
//go:embed words.idx
var wordIndex string

// BuildWordIndex computes words.idx from a word list in the format of
// words.txt.
func BuildWordIndex(list string) []byte {
	slots := 1
	for slots < 3*strings.Count(list, "\n")/2+2 {
		slots <<= 1
	}
	t := make([]uint32, slots)
	mask := uint64(slots - 1)
	for start := 0; start < len(list); {
		end := strings.IndexByte(list[start:], '\n')
		if end < 0 {
			end = len(list) - start
		}
		w, _, _ := strings.Cut(list[start:start+end], " ")
		h := hashWord(w) & mask
		for t[h] != 0 {
			h = (h + 1) & mask
		}
		t[h] = uint32(start + 1)
		start += end + 1
	}
	out := make([]byte, 0, 4*slots)
	for _, v := range t {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	return out
}

// hashWord is the FNV-1a hash of a word.
func hashWord(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
}

// Ranks below Ordinary are everyday words; from Rare on, words are
// specialist, foreign, names or misspellings.
const (
	Ordinary = 2_000
	Rare     = 100_000
)

// sizeCommonness is how ordinary a word of each SCOWL size class is.
var sizeCommonness = map[int]float64{10: 1, 20: 0.85, 35: 0.6, 40: 0.5, 50: 0.4, 55: 0.3, 60: 0.2}

// Commonness returns how ordinary a word is in general English text, from
// 1 to 0 by its frequency rank: 1 among the Ordinary commonest words,
// falling with the logarithm of the rank to 0 at Rare.
func Commonness(word string) float64 {
	c, _ := Profile(word)
	return c
}

// Familiarity returns how well a speaker of English knows a word, from 1
// to 0: its Commonness, or, when higher, the commonness of the smallest
// dictionary that has it, which keeps words that news text seldom uses
// ("newbie", "bossy") familiar.
func Familiarity(word string) float64 {
	_, f := Profile(word)
	return f
}

// Profile returns a word's Commonness and Familiarity, with one lookup.
func Profile(word string) (commonness, familiarity float64) {
	r, size := lookup(word)
	switch {
	case r == 0:
	case r <= Ordinary:
		commonness = 1
	default:
		commonness = max(0, 1-math.Log(float64(r)/Ordinary)/math.Log(Rare/Ordinary))
	}
	return commonness, max(commonness, sizeCommonness[size])
}

//go:embed common.txt
var commonest string

// CommonestRank is the rank within which Commonest lists every word.
const CommonestRank = 5_000

// Commonest returns the words of rank CommonestRank or better, in
// alphabetical order.
func Commonest() []string {
	return strings.Fields(commonest)
}
