package answer

import (
	"encoding/binary"
	"sort"
)

// postings is a compact posting list: for each document, in increasing
// order, the gap from the previous document as an unsigned varint, shifted
// left one bit; the bit is set when a term frequency other than the usual
// one (stored 2: once, outside links) follows as a varint of its own.
type postings struct {
	data  []byte
	last  uint32
	count uint32
}

// usualTF is the stored frequency of a term found once, outside links.
const usualTF = 2

func (p *postings) add(doc uint32, tf uint32) {
	gap := doc - p.last
	if p.count == 0 {
		gap = doc
	}
	if tf == usualTF {
		p.data = binary.AppendUvarint(p.data, uint64(gap)<<1)
	} else {
		p.data = binary.AppendUvarint(p.data, uint64(gap)<<1|1)
		p.data = binary.AppendUvarint(p.data, uint64(tf))
	}
	p.last = doc
	p.count++
}

// each calls fn for every document and its term frequency.
func (p *postings) each(fn func(doc, tf uint32)) {
	var doc uint32
	data := p.data
	for first := true; len(data) > 0; first = false {
		v, n := binary.Uvarint(data)
		data = data[n:]
		gap, tf := v>>1, uint64(usualTF)
		if v&1 == 1 {
			var m int
			tf, m = binary.Uvarint(data)
			data = data[m:]
		}
		if first {
			doc = uint32(gap)
		} else {
			doc += uint32(gap)
		}
		fn(doc, uint32(tf))
	}
}

// appendIn appends to dst the postings whose documents lie in the runs
// rs, sorted and apart: decoded in place, those outside passed over, the
// blocks of skips (skipList's) before a run jumped over, and none read
// past the last run. A question naming an event reads its common words
// so.
func (p *postings) appendIn(dst []posting, rs []docRange, skips []postingSkip) []posting {
	data := p.data
	var doc uint32
	i, k, first := 0, 0, true
	// jump goes on from the last block that starts before run k, if that
	// is ahead: every posting before it is of an earlier document.
	jump := func() {
		target := rs[k].start
		j := sort.Search(len(skips), func(x int) bool { return skips[x].before >= target }) - 1
		if j >= 0 && int(skips[j].offset) > i {
			i, doc, first = int(skips[j].offset), skips[j].before, false
		}
	}
	if len(skips) > 0 && len(rs) > 0 {
		jump()
	}
	for i < len(data) && k < len(rs) {
		v, n := uvarint(data[i:])
		if n <= 0 {
			return dst // not a list this package wrote
		}
		i += n
		tf := uint64(usualTF)
		if v&1 == 1 {
			if tf, n = uvarint(data[i:]); n <= 0 {
				return dst
			}
			i += n
		}
		if first {
			doc, first = uint32(v>>1), false
		} else {
			doc += uint32(v >> 1)
		}
		if rs[k].end <= doc {
			for k < len(rs) && rs[k].end <= doc {
				k++
			}
			if k == len(rs) {
				break
			}
			if doc < rs[k].start && len(skips) > 0 {
				jump()
				continue
			}
		}
		if rs[k].start <= doc {
			dst = append(dst, posting{doc, uint32(tf)})
		}
	}
	return dst
}

// postingSkip is where a block of a long posting list starts: the
// document of the posting before it, from which its gaps go on, and its
// byte offset.
type postingSkip struct{ before, offset uint32 }

// skipEvery is how many postings a block of skipList's holds.
const skipEvery = 128

// skipList returns where each block of skipEvery postings but the first
// starts, for appendIn to jump to.
func (p *postings) skipList() []postingSkip { return p.skipListEvery(skipEvery) }

func (p *postings) skipListEvery(every int) []postingSkip {
	var out []postingSkip
	data := p.data
	var doc uint32
	for i, n := 0, 0; i < len(data); n++ {
		if n > 0 && n%every == 0 {
			out = append(out, postingSkip{before: doc, offset: uint32(i)})
		}
		v, m := uvarint(data[i:])
		if m <= 0 {
			return out
		}
		i += m
		if v&1 == 1 {
			if _, m = uvarint(data[i:]); m <= 0 {
				return out
			}
			i += m
		}
		if n == 0 {
			doc = uint32(v >> 1)
		} else {
			doc += uint32(v >> 1)
		}
	}
	return out
}

// uvarint is binary.Uvarint with the one-byte case, most gaps of a common
// word, inline.
func uvarint(b []byte) (uint64, int) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1
	}
	return binary.Uvarint(b)
}

// packPostings moves every list into one exactly sized buffer: lists grown
// by appending hold up to twice the room they use.
func packPostings(lists []postings) {
	n := 0
	for _, p := range lists {
		n += len(p.data)
	}
	buf := make([]byte, 0, n)
	for i := range lists {
		start := len(buf)
		buf = append(buf, lists[i].data...)
		lists[i].data = buf[start:len(buf):len(buf)]
	}
}
