package snapshot

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
)

// magic starts every sealed snapshot.
const magic = "talkbot snapshot\n"

// ErrStale reports a snapshot of another format version or key: built by
// another binary or from other notes.
var ErrStale = errors.New("snapshot: stale")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Create writes to dst the head of a sealed snapshot, the magic, the
// format version and the key, and returns the Writer of its payload.
// Close writes a checksum of the payload after it.
func Create(dst io.Writer, version uint64, key string) *Writer {
	w := NewWriter(dst)
	w.Raw([]byte(magic))
	w.Uint(version)
	w.String(key)
	w.Flush()
	w.sealed = true
	return w
}

// Close writes what the Writer holds and, after a sealed payload, its
// checksum; it returns the first error met.
func (w *Writer) Close() error {
	if err := w.Flush(); err != nil || !w.sealed {
		return err
	}
	w.sealed = false
	w.buf = binary.LittleEndian.AppendUint32(w.buf, w.crc)
	return w.Flush()
}

// Open checks what Create and Close wrote and returns the payload, which
// shares data. It returns ErrStale when the version or key differ, and
// ErrDamaged when the data is no snapshot or its checksum fails.
func Open(data []byte, version uint64, key string) ([]byte, error) {
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok {
		return nil, ErrDamaged
	}
	r := NewReader(rest)
	v, k := r.Uint(), r.Blob()
	if r.Err() != nil || len(r.data) < 4 {
		return nil, ErrDamaged
	}
	if v != version || string(k) != key {
		return nil, ErrStale
	}
	payload, sum := r.data[:len(r.data)-4], r.data[len(r.data)-4:]
	if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(sum) {
		return nil, ErrDamaged
	}
	return payload, nil
}
