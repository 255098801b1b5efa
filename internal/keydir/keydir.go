// Package keydir finds keys in a sorted list of 64-bit hash keys by their
// top bits. A directory of where each value of the top bits starts
// narrows the binary search to the few keys that share them, a cache line
// or two, where a search of the whole list reads a key at random at each
// of its twenty-odd steps.
package keydir

// Dir is the directory of a sorted list of keys.
type Dir struct {
	shift uint     // 64 less the bits the directory reads
	start []uint32 // start[p]: the first key whose top bits are p or more
}

// keysPerSlot is about how many keys share a value of the top bits: the
// directory takes half a byte a key.
const keysPerSlot = 8

// New builds the directory of n keys, sorted, read through key.
func New(n int, key func(i int) uint64) Dir {
	bits := 1
	for bits < 31 && keysPerSlot<<bits < n {
		bits++
	}
	d := Dir{shift: uint(64 - bits), start: make([]uint32, 1<<bits+1)}
	p := 0
	for i := range n {
		for top := int(key(i) >> d.shift); p <= top; p++ {
			d.start[p] = uint32(i)
		}
	}
	for ; p < len(d.start); p++ {
		d.start[p] = uint32(n)
	}
	return d
}

// Search returns the first i whose key is target or more, n when none is:
// what a binary search of all the keys returns.
func (d Dir) Search(target uint64, key func(i int) uint64) int {
	if len(d.start) == 0 {
		return 0
	}
	p := target >> d.shift
	lo, hi := int(d.start[p]), int(d.start[p+1])
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if key(mid) < target {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
