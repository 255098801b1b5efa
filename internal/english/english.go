package english

import (
	_ "embed"
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

// lookup finds a word's line by binary search over the embedded list.
func lookup(word string) (rank, size int) {
	lo, hi := 0, len(list) // byte range whose lines may hold word
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(list[lo:mid], '\n') + 1 + lo
		end := strings.IndexByte(list[start:], '\n') + start
		w, rest, _ := strings.Cut(list[start:end], " ")
		switch c := strings.Compare(word, w); {
		case c == 0:
			r, s, _ := strings.Cut(rest, " ")
			rank, _ = strconv.Atoi(r)
			size, _ = strconv.Atoi(s)
			return rank, size
		case c < 0:
			hi = start
		default:
			lo = end + 1
		}
	}
	return 0, 0
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
