package answer

import (
	"math"
	"slices"
	"sync"

	"github.com/talkbot/talkbot/corpus"
)

// Index is the searchable form of a corpus. It is read-only once built and
// safe for concurrent use.
type Index struct {
	corpus *corpus.Corpus
	docs   []docInfo // a document is one bullet
	avgLen float64

	terms    map[string]uint32 // term -> id
	termList []string          // id -> term
	text     []postings        // id -> bullets whose text holds the term
	title    map[uint32][]uint32
	speaker  map[uint32][]uint32
	section  map[uint32][]uint32 // id -> sections whose heading holds the term

	talkStart []uint32 // talk -> its first document

	// Per talk and section, the terms of its title, speakers and heading,
	// sorted: a candidate line's context is probed, never enumerated.
	titleTerms   [][]uint32
	speakerTerms [][]uint32
	sectionTerms [][]uint32

	// Common terms, those in more than fullScan bullets, are read only
	// through their champions; whether a candidate holds one is looked up
	// in the forward lists.
	champions map[uint32][]posting     // term -> its best bullets, best first
	skips     map[uint32][]postingSkip // common term -> where the blocks of its postings start
	common    map[uint32]uint16        // term -> its number among common terms
	fwd       []uint16                 // common terms of each doc: number and frequency class

	sections    []sectionRef
	sectionDocs [][]uint32 // section -> its first bullets, up to sectionLead

	vocab *vocabulary // surface words, for typo correction

	titles       []string // talk id -> title, for fuzzy matching
	speakers     []speakerRef
	speakerNames []string // speaker id -> name, for fuzzy matching
	events       []eventRef
	eventNames   []string         // event id -> name, for fuzzy matching
	eventsByWord map[string][]int // folded word naming events -> the events

	nameIdx                        sync.Once  // builds the three below on first use
	titleIdx, speakerIdx, eventIdx *nameIndex // for finding names as typed

	termCache termCache // the query terms of recent words

	briefOnce sync.Once // makes brief on first use
	brief     string    // what the notes hold, in a sentence (notesInBrief)

	progOnce sync.Once  // builds prog on first use
	prog     *programme // the schedules' talks, rooms and tracks
}

const noSection = math.MaxUint32

// sectionLead is how many of a section's first lines stand for it when its
// heading matches a question.
const sectionLead = 8

// Flags of a line: it introduces the speakers (under an "Author" heading,
// or "A talk by ..."); the line before or after it in its talk is in the
// same file.
const (
	flagSpeakerLine = 1 << iota
	flagPrevSameFile
	flagNextSameFile
)

// A line's parent and flags share 16 bits: how many lines back its parent
// is in the low parentBits (parentFar when further back, found then in the
// corpus), the flags above.
const (
	parentBits = 13
	parentFar  = 1<<parentBits - 1
)

// docInfo is what the index keeps of a bullet, together, in 16 bytes: a
// candidate line costs one cache miss, not one an array, and never two.
type docInfo struct {
	talk    uint32
	section uint32 // section id, noSection when none
	fwd     uint32 // start of its entries in fwd; they end where the next doc's start
	length  uint16 // tokens in the bullet text
	up      uint16 // parent and flags (see parentBits)
}

// newDocInfo makes a line's record; parent is how many lines back its
// parent is, 0 for none, kept as parentFar when further.
func newDocInfo(talk, section uint32, length, parent int, flags uint8) docInfo {
	return docInfo{talk: talk, section: section, length: uint16(min(length, math.MaxUint16)), up: uint16(min(parent, parentFar)) | uint16(flags)<<parentBits}
}

// parent is how many lines back the line's parent is: 0 for none,
// parentFar when further.
func (d *docInfo) parent() uint16 { return d.up & parentFar }

// flags are the line's flagSpeakerLine, flagPrevSameFile and
// flagNextSameFile.
func (d *docInfo) flags() uint8 { return uint8(d.up >> parentBits) }

type docRef struct {
	talk   uint32
	bullet uint32
}

type sectionRef struct {
	talk uint32
	name string
}

type speakerRef struct {
	name  string
	talks []uint32
}

type eventRef struct {
	name  string // "PyCon US 2017"
	year  int
	words []string // folded words of the name and year
	talks []uint32
}

// termID returns the id of a term, adding it when new.
func (ix *Index) termID(term string) uint32 {
	id, ok := ix.terms[term]
	if !ok {
		id = uint32(len(ix.termList))
		ix.terms[term] = id
		ix.termList = append(ix.termList, term)
		ix.text = append(ix.text, postings{})
	}
	return id
}

// addField indexes the words of a talk or section field under id and
// returns terms with the field's terms added, sorted and unique.
func (ix *Index) addField(tz *tokenizer, field map[uint32][]uint32, text string, id uint32, terms []uint32) []uint32 {
	for _, tk := range tz.tokenize(text) {
		tid := ix.termID(tk.term)
		ix.vocab.add(tk.word, tid)
		list := field[tid]
		if len(list) == 0 || list[len(list)-1] != id {
			field[tid] = append(list, id)
		}
		if i, found := slices.BinarySearch(terms, tid); !found {
			terms = slices.Insert(terms, i, tid)
		}
	}
	return terms
}

// addWords makes the words of text terms of the index and words of its
// vocabulary, without indexing them under a field.
func (ix *Index) addWords(tz *tokenizer, text string) {
	for _, tk := range tz.tokenize(text) {
		ix.vocab.add(tk.word, ix.termID(tk.term))
	}
}

// sortedHolds reports whether a sorted list (of terms, talks, lines)
// holds x.
func sortedHolds(list []uint32, x uint32) bool {
	_, found := slices.BinarySearch(list, x)
	return found
}

// idf is the BM25 inverse document frequency of a term with df documents.
func (ix *Index) idf(df uint32) float64 {
	n := float64(len(ix.docs))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// Talks returns the number of talks and bullets indexed.
func (ix *Index) Size() (talks, bullets int) { return len(ix.corpus.Talks), len(ix.docs) }

// doc returns the talk of a document and its bullet in the talk.
func (ix *Index) doc(doc uint32) docRef {
	t := ix.docs[doc].talk
	return docRef{talk: t, bullet: doc - ix.talkStart[t]}
}

// Corpus returns the corpus the index was built from.
func (ix *Index) Corpus() *corpus.Corpus { return ix.corpus }
