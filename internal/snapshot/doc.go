// Package snapshot is the compact binary form in which a loaded corpus and
// its index are kept between runs, so that a command that answers one
// question and ends need not read and index the notes again.
//
// A Writer appends numbers (as varints), strings and slices; a Reader reads
// them back in the same order. A Reader never panics on damaged data: the
// first problem sticks, every later read returns zero values, and Err
// reports it. Create and Open wrap a payload with a magic number, a format
// version, a key saying what it was built from, and a checksum.
package snapshot
