package answer

import "math/bits"

// docTable finds a question's candidates by document, and the levels of
// the talks and sections found by their fields: an open-addressing hash
// table of plain integers, which a question fills with a few hundred to a
// few thousand entries and empties when it is done. It does what a
// map[uint32]int32 does in fewer instructions.
type docTable struct {
	keys  []uint32 // document plus one; 0 is free (documents are fewer than 2^32-1)
	vals  []int32
	n     int
	shift uint8 // 32 less log2 of the slots: a product's top bits are the best mixed
}

// docTableMin is the fewest slots a table has.
const docTableMin = 1 << 10

// docTableIn returns an empty table whose first slots are keys and vals
// (as many as the largest power of two they hold, at least one): arrays on
// the caller's stack spare a small table its allocation. It grows into
// memory of its own.
func docTableIn(keys []uint32, vals []int32) docTable {
	n := 1 << (bits.Len(uint(len(keys))) - 1) // probing wraps with a mask
	keys, vals = keys[:n], vals[:n]
	clear(keys)
	return docTable{keys: keys, vals: vals, shift: uint8(32 - bits.TrailingZeros(uint(len(keys))))}
}

func (t *docTable) slot(doc uint32) uint32 { return (doc * 0x9E3779B1) >> t.shift }

// get returns the value of doc, if it has one.
func (t *docTable) get(doc uint32) (int32, bool) {
	if t.n == 0 {
		return 0, false
	}
	mask := uint32(len(t.keys) - 1)
	for i := t.slot(doc); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case doc + 1:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// put sets the value of doc, which has none.
func (t *docTable) put(doc uint32, v int32) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint32(len(t.keys) - 1)
	i := t.slot(doc)
	for t.keys[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i], t.vals[i] = doc+1, v
	t.n++
}

// set sets the value of doc, which may have one.
func (t *docTable) set(doc uint32, v int32) {
	if t.n > 0 {
		mask := uint32(len(t.keys) - 1)
		for i := t.slot(doc); t.keys[i] != 0; i = (i + 1) & mask {
			if t.keys[i] == doc+1 {
				t.vals[i] = v
				return
			}
		}
	}
	t.put(doc, v)
}

func (t *docTable) grow() {
	keys, vals := t.keys, t.vals
	size := max(docTableMin, 2*len(keys))
	t.keys, t.vals, t.n = make([]uint32, size), make([]int32, size), 0
	t.shift = uint8(32 - bits.TrailingZeros(uint(size)))
	for i, k := range keys {
		if k != 0 {
			t.put(k-1, vals[i])
		}
	}
}

// reset empties the table. It keeps its slots unless a question far
// larger than this one grew them: clearing them would cost every later
// question.
func (t *docTable) reset() {
	switch {
	case len(t.keys) > 16*docTableMin && 8*t.n < len(t.keys):
		t.keys, t.vals, t.n = nil, nil, 0
	case t.n > 0:
		clear(t.keys)
		t.n = 0
	}
}
