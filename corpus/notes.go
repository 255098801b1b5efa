package corpus

import (
	"encoding/binary"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// A talk's bullets are kept compact once loaded: a 16-byte record a line,
// and the text coded with a dictionary of the pieces the corpus's notes
// use most ("gil, ", "the "), so that a million bullets fit in a fraction
// of the memory their strings would take. Bullet materialises one.

// notes are the bullets of a loaded talk.
type notes struct {
	lines []noteLine
	files []string   // the talk's files, each once
	paths [][]string // the section paths of its bullets, each once
	text  []byte     // the coded texts, one after the other
	dict  *pieceDict
}

type noteLine struct {
	end    uint32 // end of the line's coded text in notes.text
	line   int32
	parent int32
	file   uint16
	path   uint16
}

// NumBullets returns the number of bullets of the talk.
func (t *Talk) NumBullets() int {
	if t.notes.lines == nil {
		return len(t.bullets)
	}
	return len(t.notes.lines)
}

// Bullet returns the talk's i-th bullet, in note order.
func (t *Talk) Bullet(i int) Bullet {
	if t.notes.lines == nil {
		return t.bullets[i]
	}
	n := &t.notes
	l := n.lines[i]
	return Bullet{
		Text:    n.dict.decode(n.code(i)),
		File:    n.files[l.file],
		Line:    int(l.line),
		Section: n.paths[l.path],
		Parent:  int(l.parent),
	}
}

// AppendText appends the text of the talk's i-th bullet to dst: what
// Bullet(i).Text holds, without making a string of it.
func (t *Talk) AppendText(dst []byte, i int) []byte {
	if t.notes.lines == nil {
		return append(dst, t.bullets[i].Text...)
	}
	n := &t.notes
	code := n.code(i)
	if n.dict == nil {
		return append(dst, code...)
	}
	return n.dict.appendDecoded(dst, code)
}

// Dictionary numbers the commonest pieces of a corpus's notes, which the
// talks' texts are coded with: a piece is a run of letters and digits with
// the run of other characters after it ("gil, ", "the "). Its zero value
// is no dictionary. Dictionaries compare equal when they are the same.
type Dictionary struct{ d *pieceDict }

// Len returns how many pieces the dictionary numbers.
func (d Dictionary) Len() int {
	if d.d == nil {
		return 0
	}
	return len(d.d.ends)
}

// Piece returns piece number i.
func (d Dictionary) Piece(i int) string { return d.d.piece(i) }

// AppendTextPieces is AppendText that also appends to ids the number of
// each piece of the text in the dictionary it returns, in order, -1 for a
// piece not in it; when the talk's text is kept as written, it appends no
// numbers and returns no dictionary.
func (t *Talk) AppendTextPieces(dst []byte, ids []int32, i int) ([]byte, []int32, Dictionary) {
	n := &t.notes
	if n.lines == nil || n.dict == nil {
		return t.AppendText(dst, i), ids, Dictionary{}
	}
	dst, ids = n.dict.appendDecodedPieces(dst, ids, n.code(i), true)
	return dst, ids, Dictionary{n.dict}
}

// code returns the coded text of the i-th line.
func (n *notes) code(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = n.lines[i-1].end
	}
	return n.text[start:n.lines[i].end]
}

// Place returns where the talk's i-th bullet stands in its notes (file,
// line, section, parent) without its text, which costs decoding.
func (t *Talk) Place(i int) Bullet {
	if t.notes.lines == nil {
		b := t.bullets[i]
		b.Text = ""
		return b
	}
	n := &t.notes
	l := n.lines[i]
	return Bullet{File: n.files[l.file], Line: int(l.line), Section: n.paths[l.path], Parent: int(l.parent)}
}

// AllBullets returns all bullets of the talk.
func (t *Talk) AllBullets() []Bullet {
	out := make([]Bullet, t.NumBullets())
	for i := range out {
		out[i] = t.Bullet(i)
	}
	return out
}

// pieceDict codes text as pieces: a run of letters and digits with the
// run of other characters after it. The commonest pieces are numbered,
// most frequent first, so that they take one or two bytes; others are
// written out. The pieces lie one after the other in one string, the
// commonest together: decoding a line reads few cache lines.
type pieceDict struct {
	data string   // the pieces, most frequent first
	ends []uint32 // where each piece ends in data
	ids  map[string]uint32
}

// newPieceDictOf makes the dictionary of pieces, numbered in order.
func newPieceDictOf(pieces []string) *pieceDict {
	size := 0
	for _, p := range pieces {
		size += len(p)
	}
	var b strings.Builder
	b.Grow(size)
	d := &pieceDict{ends: make([]uint32, len(pieces)), ids: make(map[string]uint32, len(pieces))}
	for i, p := range pieces {
		b.WriteString(p)
		d.ends[i] = uint32(b.Len())
	}
	d.data = b.String()
	for i := range pieces {
		d.ids[d.piece(i)] = uint32(i)
	}
	return d
}

// piece returns piece number i.
func (d *pieceDict) piece(i int) string {
	start := uint32(0)
	if i > 0 {
		start = d.ends[i-1]
	}
	return d.data[start:d.ends[i]]
}

// pieces returns the pieces in order.
func (d *pieceDict) pieces() []string {
	out := make([]string, len(d.ends))
	for i := range out {
		out[i] = d.piece(i)
	}
	return out
}

// Dictionary sizing: pieces are counted in up to sampleBullets bullets and
// kept when seen at least twice, up to maxPieces of them.
const (
	sampleBullets = 50_000
	maxPieces     = 1 << 16
)

// newPieceDict counts the pieces of a sample of the talks' bullets.
func newPieceDict(talks []*Talk) *pieceDict {
	count := map[string]int{}
	n := 0
	for _, t := range talks {
		if n >= sampleBullets {
			break
		}
		for _, b := range t.bullets {
			forPieces(b.Text, func(p string) { count[p]++ })
			n++
		}
	}
	var pieces []string
	for p, c := range count {
		if c >= 2 {
			pieces = append(pieces, p)
		}
	}
	slices.SortFunc(pieces, func(a, b string) int {
		if d := count[b] - count[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return newPieceDictOf(pieces[:min(len(pieces), maxPieces)])
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

// forPieces calls fn with each piece of s, in order; together they are s.
func forPieces(s string, fn func(string)) {
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		for j < len(s) && !isWordByte(s[j]) {
			j++
		}
		fn(s[i:j])
		i = j
	}
}

// encode appends the code of s to dst: for each piece, its number plus
// one, or 0 and its length and bytes.
func (d *pieceDict) encode(dst []byte, s string) []byte {
	forPieces(s, func(p string) {
		if id, ok := d.ids[p]; ok {
			dst = binary.AppendUvarint(dst, uint64(id)+1)
			return
		}
		dst = binary.AppendUvarint(dst, 0)
		dst = binary.AppendUvarint(dst, uint64(len(p)))
		dst = append(dst, p...)
	})
	return dst
}

// decode returns the text of code; a nil dictionary reads raw text, which
// a snapshot's notes share with the snapshot, never to change.
func (d *pieceDict) decode(code []byte) string {
	if d == nil {
		if len(code) == 0 {
			return ""
		}
		return unsafe.String(&code[0], len(code))
	}
	b := d.appendDecoded(make([]byte, 0, len(code)*4), code)
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b)) // b is never written again
}

// appendDecoded appends the text a code stands for to dst.
func (d *pieceDict) appendDecoded(dst, code []byte) []byte {
	dst, _ = d.appendDecodedPieces(dst, nil, code, false)
	return dst
}

// appendDecodedPieces appends the text a code stands for to dst and, when
// numbered, the number of each of its pieces to ids, -1 for one written
// out.
func (d *pieceDict) appendDecodedPieces(dst []byte, ids []int32, code []byte, numbered bool) ([]byte, []int32) {
	for len(code) > 0 {
		v, n := binary.Uvarint(code)
		code = code[n:]
		if v > 0 {
			dst = append(dst, d.piece(int(v-1))...)
			if numbered {
				ids = append(ids, int32(v-1))
			}
			continue
		}
		l, m := binary.Uvarint(code)
		code = code[m:]
		dst = append(dst, code[:l]...)
		code = code[l:]
		if numbered {
			ids = append(ids, -1)
		}
	}
	return dst, ids
}

// compactFrom is the fewest bullets worth coding: below it the strings
// cost less than building the dictionary takes.
const compactFrom = 20_000

// compact codes the bullets of every talk not coded yet, in parallel, and
// drops their strings: with d, the dictionary made while the files were
// read (dictSampler); without, when there are enough of them to matter,
// with one made of the talks now.
func compact(talks []*Talk, d *pieceDict) {
	if d == nil {
		n := 0
		for _, t := range talks {
			n += t.NumBullets()
		}
		if n < compactFrom {
			return
		}
		d = newPieceDict(talks)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(talks))) {
		wg.Go(func() {
			var buf []byte
			for {
				i := int(next.Add(1)) - 1
				if i >= len(talks) {
					return
				}
				if t := talks[i]; t.notes.lines == nil {
					buf = t.compact(d, buf[:0])
				}
			}
		})
	}
	wg.Wait()
}

// dictSampler makes the dictionary while the files are still being read,
// of the first sampleBullets bullets in file order (whichever worker reads
// which file), so that the talks of the files read after it are coded at
// once: a large corpus is never held whole as strings, which would double
// the memory loading takes. (The files read while it is being made are
// coded with the sample's, once every file is read.)
type dictSampler struct {
	mu      sync.Mutex
	drafts  [][]draft // file -> its drafts, from when it is read until sampled
	read    []bool    // file -> whether it is read
	sampled int       // files [0, sampled) are in the sample
	talks   []*Talk   // the sample's talks, in file order
	bullets int       // ... and their bullets
	full    bool      // the sample is complete: no file joins it
	dict    atomic.Pointer[pieceDict]
}

func newDictSampler(files int) *dictSampler {
	return &dictSampler{drafts: make([][]draft, files), read: make([]bool, files)}
}

// add records the drafts read from file i and returns the dictionary, nil
// until it is made. The call that completes the sample makes it.
func (s *dictSampler) add(i int, ds []draft) *pieceDict {
	s.mu.Lock()
	if s.full {
		s.mu.Unlock()
		return s.dict.Load()
	}
	s.read[i], s.drafts[i] = true, ds
	for s.sampled < len(s.read) && s.read[s.sampled] && s.bullets < sampleBullets {
		for _, d := range s.drafts[s.sampled] {
			s.talks = append(s.talks, d.talk)
			s.bullets += d.talk.NumBullets()
		}
		s.drafts[s.sampled] = nil
		s.sampled++
	}
	if s.bullets < sampleBullets {
		s.mu.Unlock()
		return nil
	}
	// The sample's talks are read by this call alone: no other worker
	// codes them (their calls found no dictionary) until compact, once
	// every file is read.
	s.full = true
	talks := s.talks
	s.talks, s.drafts = nil, nil
	s.mu.Unlock()
	d := newPieceDict(talks)
	s.dict.Store(d)
	return d
}

// expand turns a coded talk's notes back into strings, to be added to.
func (t *Talk) expand() {
	if t.notes.lines == nil {
		return
	}
	t.bullets = t.AllBullets()
	t.notes = notes{}
}

// compact moves the talk's bullets into notes, using buf as scratch.
func (t *Talk) compact(d *pieceDict, buf []byte) []byte {
	n := notes{dict: d, lines: make([]noteLine, len(t.bullets))}
	fileIDs := map[string]uint16{}
	for i, b := range t.bullets {
		f, ok := fileIDs[b.File]
		if !ok {
			f = uint16(len(n.files))
			fileIDs[b.File] = f
			n.files = append(n.files, b.File)
		}
		p := -1
		for k := len(n.paths) - 1; k >= max(0, len(n.paths)-4); k-- { // sections come in runs
			if slices.Equal(n.paths[k], b.Section) {
				p = k
				break
			}
		}
		if p < 0 {
			p = len(n.paths)
			n.paths = append(n.paths, b.Section)
		}
		buf = d.encode(buf, b.Text)
		n.lines[i] = noteLine{end: uint32(len(buf)), line: int32(b.Line), parent: int32(b.Parent), file: f, path: uint16(p)}
	}
	if len(n.files) > math.MaxUint16+1 || len(n.paths) > math.MaxUint16+1 || len(buf) > math.MaxUint32 {
		return buf // too large to number compactly: kept as strings
	}
	n.text = slices.Clone(buf)
	if n.lines == nil {
		n.lines = []noteLine{}
	}
	t.notes = n
	t.bullets = nil
	return buf
}
