package answer

import "encoding/binary"

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
// rs, sorted and apart: decoded in place, those outside passed over,
// and none read past the last run. A question naming an event reads its
// common words so.
func (p *postings) appendIn(dst []posting, rs []docRange) []posting {
	data := p.data
	var doc uint32
	k := 0
	for i, first := 0, true; i < len(data) && k < len(rs); first = false {
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
			doc = uint32(v >> 1)
		} else {
			doc += uint32(v >> 1)
		}
		for k < len(rs) && rs[k].end <= doc {
			k++
		}
		if k < len(rs) && rs[k].start <= doc {
			dst = append(dst, posting{doc, uint32(tf)})
		}
	}
	return dst
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
