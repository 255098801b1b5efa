package snapshot

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"testing"
	"unsafe"
)

func TestRoundTrip(t *testing.T) {
	w := &Writer{}
	w.Uint(0)
	w.Uint(math.MaxUint64)
	w.Int(-7)
	w.Bool(true)
	w.Bool(false)
	w.Float(0.125)
	w.String("grok the gil")
	w.Strings([]string{"a", "", "ü"})
	w.Uint32s([]uint32{3, math.MaxUint32})
	w.Blob([]byte{0, 1})
	w.Uint(5)
	w.Uint(2)

	r := NewReader(w.Bytes())
	if got := r.Uint(); got != 0 {
		t.Errorf("Uint = %d; want 0", got)
	}
	if got := r.Uint(); got != math.MaxUint64 {
		t.Errorf("Uint = %d; want max", got)
	}
	if got := r.Int(); got != -7 {
		t.Errorf("Int = %d; want -7", got)
	}
	if a, b := r.Bool(), r.Bool(); !a || b {
		t.Errorf("Bool, Bool = %v, %v; want true, false", a, b)
	}
	if got := r.Float(); got != 0.125 {
		t.Errorf("Float = %v; want 0.125", got)
	}
	if got := r.String(); got != "grok the gil" {
		t.Errorf("String = %q", got)
	}
	if got := r.Strings(); !slices.Equal(got, []string{"a", "", "ü"}) {
		t.Errorf("Strings = %q", got)
	}
	if got := r.Uint32s(); !slices.Equal(got, []uint32{3, math.MaxUint32}) {
		t.Errorf("Uint32s = %v", got)
	}
	if got := r.Blob(); !slices.Equal(got, []byte{0, 1}) {
		t.Errorf("Blob = %v", got)
	}
	if got := r.Below(6); got != 5 {
		t.Errorf("Below(6) = %d; want 5", got)
	}
	if got := r.Below(2); got != 0 || r.Err() == nil {
		t.Errorf("Below(2) of 2 = %d, err %v; want 0 and an error", got, r.Err())
	}
	if r.Done() == nil {
		t.Error("Done after a failed read = nil; want the error")
	}
}

func TestReaderDamaged(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
		read func(r *Reader)
	}{
		{"empty", nil, func(r *Reader) { r.Uint() }},
		{"long length", []byte{200, 1, 'x'}, func(r *Reader) { _ = r.String() }},
		{"too big for 32 bits", []byte{0x80, 0x80, 0x80, 0x80, 0x10}, func(r *Reader) { r.Uint32() }},
		{"bad bool", []byte{2}, func(r *Reader) { r.Bool() }},
		{"short float", []byte{1, 2, 3}, func(r *Reader) { r.Float() }},
		{"left over", []byte{1, 1}, func(r *Reader) { r.Uint() }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(tt.data)
			tt.read(r)
			if err := r.Done(); !errors.Is(err, ErrDamaged) {
				t.Errorf("Done = %v; want ErrDamaged", err)
			}
		})
	}
}

// seal returns payload sealed as Create and Close write it.
func seal(t testing.TB, version uint64, key string, payload []byte) []byte {
	var b bytes.Buffer
	w := Create(&b, version, key)
	w.Raw(payload)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWriterStreams: a Writer to an io.Writer writes, a buffer at a time,
// the bytes a Writer in memory holds.
func TestWriterStreams(t *testing.T) {
	var b bytes.Buffer
	streamed, mem := NewWriter(&b), &Writer{}
	big := bytes.Repeat([]byte("gil "), 3*flushAt/4)
	for _, w := range []*Writer{streamed, mem} {
		for i := range 50_000 {
			w.Uint(uint64(i))
			w.String("grok the gil")
		}
		w.Blob(big)
		w.Raw(big[:10])
	}
	if err := streamed.Flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), mem.Bytes()) {
		t.Errorf("streamed %d bytes; want the %d in memory", b.Len(), len(mem.Bytes()))
	}
	if cap(streamed.buf) > 2*flushAt {
		t.Errorf("the streaming Writer's buffer grew to %d bytes", cap(streamed.buf))
	}
}

func TestSealOpen(t *testing.T) {
	sealed := seal(t, 3, "notes@1", []byte("payload"))
	got, err := Open(sealed, 3, "notes@1")
	if err != nil || string(got) != "payload" {
		t.Fatalf("Open = %q, %v; want payload", got, err)
	}
	if _, err := Open(sealed, 4, "notes@1"); !errors.Is(err, ErrStale) {
		t.Errorf("Open of another version: %v; want ErrStale", err)
	}
	if _, err := Open(sealed, 3, "notes@2"); !errors.Is(err, ErrStale) {
		t.Errorf("Open of another key: %v; want ErrStale", err)
	}
	flipped := slices.Clone(sealed)
	flipped[len(flipped)-1] ^= 1
	if _, err := Open(flipped, 3, "notes@1"); !errors.Is(err, ErrDamaged) {
		t.Errorf("Open of a flipped byte: %v; want ErrDamaged", err)
	}
	if _, err := Open(sealed[:len(magic)+2], 3, "notes@1"); !errors.Is(err, ErrDamaged) {
		t.Errorf("Open of a cut snapshot: %v; want ErrDamaged", err)
	}
}

// FuzzReader reads damaged data every way: no read panics, and a failed
// read is reported.
func FuzzReader(f *testing.F) {
	w := &Writer{}
	w.Strings([]string{"a", "b"})
	w.Uint32s([]uint32{1, 2})
	w.Float(1)
	f.Add(w.Bytes())
	f.Add(seal(f, 1, "k", w.Bytes()))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(data)
		r.Strings()
		r.Uint32s()
		r.Float()
		r.Bool()
		r.Int()
		r.Uint32Array()
		r.Uint64Array()
		r.Below(10)
		r.Done()
		Open(data, 1, "k")
	})
}

// TestArrays: fixed-width arrays read back from aligned data share it, and
// from misaligned data are copied; both hold what was written.
func TestArrays(t *testing.T) {
	small, big := []uint32{7, 0, math.MaxUint32}, []uint64{1, math.MaxUint64, 1 << 40}
	var b bytes.Buffer
	w := NewWriter(&b)
	w.String("x") // puts the arrays off their alignment
	w.Uint32Array(small)
	w.Bool(true)
	w.Uint64Array(big)
	w.Uint32Array(nil)
	w.Flush()

	aligned := make([]uint64, b.Len()/8+1) // 8-aligned memory, as a mapped file is
	data := unsafe.Slice((*byte)(unsafe.Pointer(&aligned[0])), b.Len())
	copy(data, b.Bytes())
	misaligned := make([]byte, b.Len()+1)[1:]
	copy(misaligned, b.Bytes())
	for name, data := range map[string][]byte{"aligned": data, "misaligned": misaligned} {
		t.Run(name, func(t *testing.T) {
			r := NewReader(data)
			_ = r.String()
			got32 := r.Uint32Array()
			r.Bool()
			got64 := r.Uint64Array()
			empty := r.Uint32Array()
			if err := r.Done(); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got32, small) || !slices.Equal(got64, big) || empty != nil {
				t.Errorf("read %v, %v, %v; want %v, %v, nil", got32, got64, empty, small, big)
			}
			start, end := uintptr(unsafe.Pointer(&data[0])), uintptr(unsafe.Pointer(&data[len(data)-1]))
			shared := func(p unsafe.Pointer) bool { return uintptr(p) >= start && uintptr(p) <= end }
			if want := name == "aligned"; shared(unsafe.Pointer(&got32[0])) != want || shared(unsafe.Pointer(&got64[0])) != want {
				t.Errorf("arrays share the data: %v, %v; want %v", shared(unsafe.Pointer(&got32[0])), shared(unsafe.Pointer(&got64[0])), want)
			}
		})
	}
}
