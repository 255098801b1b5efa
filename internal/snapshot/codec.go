package snapshot

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"unsafe"
)

// Writer writes values: to memory when made as a zero Writer (Bytes then
// returns them), or, from NewWriter or Create, to an io.Writer a buffer
// at a time, so that a snapshot of any size takes little memory to write.
type Writer struct {
	buf     []byte
	flushed int64     // bytes written to dst
	dst     io.Writer // nil: everything stays in buf
	sealed  bool      // a checksum of what is written follows it (Create)
	crc     uint32
	err     error
}

// NewWriter returns a Writer to dst; Flush writes what it holds.
func NewWriter(dst io.Writer) *Writer {
	return &Writer{dst: dst, buf: make([]byte, 0, flushAt+flushAt/4)}
}

// flushAt is how much a Writer to an io.Writer holds before writing it.
const flushAt = 64 << 10

// Bytes returns what a zero Writer was given.
func (w *Writer) Bytes() []byte { return w.buf }

// Flush writes what the Writer holds to its io.Writer and returns the
// first error met.
func (w *Writer) Flush() error {
	if w.dst == nil || w.err != nil {
		return w.err
	}
	if w.sealed {
		w.crc = crc32.Update(w.crc, castagnoli, w.buf)
	}
	_, w.err = w.dst.Write(w.buf)
	w.flushed += int64(len(w.buf))
	w.buf = w.buf[:0]
	return w.err
}

// grew flushes a full buffer.
func (w *Writer) grew() {
	if w.dst != nil && len(w.buf) >= flushAt {
		w.Flush()
	}
}

// Raw writes b as it is, without its length.
func (w *Writer) Raw(b []byte) {
	for len(b) > 0 {
		n := len(b)
		if w.dst != nil {
			n = min(n, max(flushAt-len(w.buf), 1))
		}
		w.buf = append(w.buf, b[:n]...)
		b = b[n:]
		w.grew()
	}
}

// Uint writes v as a varint.
func (w *Writer) Uint(v uint64) {
	w.buf = binary.AppendUvarint(w.buf, v)
	w.grew()
}

// Int writes v as a signed varint.
func (w *Writer) Int(v int64) {
	w.buf = binary.AppendVarint(w.buf, v)
	w.grew()
}

// Bool writes b as one byte.
func (w *Writer) Bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// Float writes f as its eight IEEE 754 bytes.
func (w *Writer) Float(f float64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(f))
}

// String writes s with its length.
func (w *Writer) String(s string) {
	w.Uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
	w.grew()
}

// Blob writes b with its length.
func (w *Writer) Blob(b []byte) {
	w.Uint(uint64(len(b)))
	w.Raw(b)
}

// Strings writes ss with their number.
func (w *Writer) Strings(ss []string) {
	w.Uint(uint64(len(ss)))
	for _, s := range ss {
		w.String(s)
	}
}

// Uint32s writes v with its length, each as a varint.
func (w *Writer) Uint32s(v []uint32) {
	w.Uint(uint64(len(v)))
	for _, x := range v {
		w.Uint(uint64(x))
	}
}

// Uint32Array writes v as fixed-width little-endian numbers, aligned in
// the stream to their width, which Reader.Uint32Array reads back without
// copying from data so aligned (a mapped file).
func (w *Writer) Uint32Array(v []uint32) { writeArray(w, v, binary.LittleEndian.AppendUint32) }

// Uint64Array writes v as Uint32Array does, eight bytes a number.
func (w *Writer) Uint64Array(v []uint64) { writeArray(w, v, binary.LittleEndian.AppendUint64) }

func writeArray[T uint32 | uint64](w *Writer, v []T, put func([]byte, T) []byte) {
	w.Uint(uint64(len(v)))
	w.align(int64(unsafe.Sizeof(T(0))))
	for _, x := range v {
		w.buf = put(w.buf, x)
		w.grew()
	}
}

// align writes the number of zero bytes that bring the stream's length to
// a multiple of n, then those bytes.
func (w *Writer) align(n int64) {
	pad := (n - (w.flushed+int64(len(w.buf))+1)%n) % n
	w.buf = append(w.buf, byte(pad))
	w.buf = append(w.buf, make([]byte, pad)...)
}

// Reader reads values in the order a Writer wrote them.
type Reader struct {
	data []byte
	err  error
}

// NewReader returns a Reader of data. The strings and bytes it reads share
// data rather than copy it, so that reading a large snapshot allocates
// little: data must never change afterwards.
func NewReader(data []byte) *Reader { return &Reader{data: data} }

// ErrDamaged reports data that ends early or holds an impossible value.
var ErrDamaged = errors.New("snapshot: damaged data")

// Err returns the first problem met, or nil.
func (r *Reader) Err() error { return r.err }

// Fail records err as the problem, unless one was met already; decoders
// call it when a value read is out of range.
func (r *Reader) Fail(err error) {
	if r.err == nil {
		r.err = err
		r.data = nil
	}
}

// Done reports an error when data is left over or a problem was met.
func (r *Reader) Done() error {
	if r.err == nil && len(r.data) > 0 {
		r.Fail(ErrDamaged)
	}
	return r.err
}

// Uint reads a varint.
func (r *Reader) Uint() uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.Fail(ErrDamaged)
		return 0
	}
	r.data = r.data[n:]
	return v
}

// Int reads a signed varint.
func (r *Reader) Int() int64 {
	v, n := binary.Varint(r.data)
	if n <= 0 {
		r.Fail(ErrDamaged)
		return 0
	}
	r.data = r.data[n:]
	return v
}

// Uint32 reads a varint that must fit in 32 bits.
func (r *Reader) Uint32() uint32 {
	v := r.Uint()
	if v > math.MaxUint32 {
		r.Fail(ErrDamaged)
		return 0
	}
	return uint32(v)
}

// Below reads a varint that must be less than n: an index into something
// of n elements.
func (r *Reader) Below(n int) int {
	v := r.Uint()
	if v >= uint64(n) {
		r.Fail(ErrDamaged)
		return 0
	}
	return int(v)
}

// Len reads a length: the number of elements that follow, each taking at
// least one byte, so that damaged data never makes a huge allocation.
func (r *Reader) Len() int {
	v := r.Uint()
	if v > uint64(len(r.data)) {
		r.Fail(ErrDamaged)
		return 0
	}
	return int(v)
}

// Bool reads one byte written by Writer.Bool.
func (r *Reader) Bool() bool {
	if len(r.data) < 1 || r.data[0] > 1 {
		r.Fail(ErrDamaged)
		return false
	}
	b := r.data[0] == 1
	r.data = r.data[1:]
	return b
}

// Float reads eight IEEE 754 bytes.
func (r *Reader) Float() float64 {
	if len(r.data) < 8 {
		r.Fail(ErrDamaged)
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(r.data))
	r.data = r.data[8:]
	return f
}

// Blob reads bytes written by Writer.Blob; they share the Reader's data.
func (r *Reader) Blob() []byte {
	n := r.Len()
	b := r.data[:n:n]
	r.data = r.data[n:]
	return b
}

// String reads a string written by Writer.String. It shares the Reader's
// data, which is why that must never change (see NewReader).
func (r *Reader) String() string {
	b := r.Blob()
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Strings reads strings written by Writer.Strings.
func (r *Reader) Strings() []string {
	n := r.Len()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = r.String()
	}
	return ss
}

// Uint32Array reads numbers written by Writer.Uint32Array: sharing the
// Reader's data when it is aligned and the machine little-endian, copied
// otherwise.
func (r *Reader) Uint32Array() []uint32 { return readArray(r, binary.LittleEndian.Uint32) }

// Uint64Array reads numbers written by Writer.Uint64Array, as Uint32Array
// does.
func (r *Reader) Uint64Array() []uint64 { return readArray(r, binary.LittleEndian.Uint64) }

func readArray[T uint32 | uint64](r *Reader, get func([]byte) T) []T {
	width := int(unsafe.Sizeof(T(0)))
	n, b := r.array(width)
	if n == 0 {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%uintptr(width) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
	}
	v := make([]T, n)
	for i := range v {
		v[i] = get(b[width*i:])
	}
	return v
}

// array reads the length and padding of an array of numbers of width
// bytes and returns the length and the array's bytes.
func (r *Reader) array(width int) (int, []byte) {
	n := r.Uint()
	if r.err != nil || len(r.data) < 1 {
		r.Fail(ErrDamaged)
		return 0, nil
	}
	pad := int(r.data[0])
	if pad >= width || len(r.data) < 1+pad || n > uint64(len(r.data)-1-pad)/uint64(width) {
		r.Fail(ErrDamaged)
		return 0, nil
	}
	b := r.data[1+pad : 1+pad+int(n)*width]
	r.data = r.data[1+pad+int(n)*width:]
	return int(n), b
}

// littleEndian reports whether the machine stores numbers as the arrays
// are written.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// Uint32s reads numbers written by Writer.Uint32s.
func (r *Reader) Uint32s() []uint32 {
	n := r.Len()
	if n == 0 {
		return nil
	}
	v := make([]uint32, n)
	for i := range v {
		v[i] = r.Uint32()
	}
	return v
}
