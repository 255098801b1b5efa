package answer

import "encoding/binary"

// postings is a compact posting list: for each document, in increasing
// order, the gap from the previous document and the term frequency, both
// as unsigned varints.
type postings struct {
	data  []byte
	last  uint32
	count uint32
}

func (p *postings) add(doc uint32, tf uint32) {
	gap := doc - p.last
	if p.count == 0 {
		gap = doc
	}
	p.data = binary.AppendUvarint(p.data, uint64(gap))
	p.data = binary.AppendUvarint(p.data, uint64(tf))
	p.last = doc
	p.count++
}

// each calls fn for every document and its term frequency.
func (p *postings) each(fn func(doc, tf uint32)) {
	var doc uint32
	data := p.data
	for first := true; len(data) > 0; first = false {
		gap, n := binary.Uvarint(data)
		data = data[n:]
		tf, m := binary.Uvarint(data)
		data = data[m:]
		if first {
			doc = uint32(gap)
		} else {
			doc += uint32(gap)
		}
		fn(doc, uint32(tf))
	}
}
