// Package indexcache keeps the index of a notes folder on disk between
// runs. A command that answers one question and ends spends most of its
// time reading and indexing the notes; with a cached index it reads one
// file instead.
//
// A cached index is used only when it was written by the same binary
// (its path, size and modification time) from the same notes (each file's
// path, size and modification time); otherwise the notes are indexed and
// the cache file is written again. One file is kept per notes folder. A
// cache that cannot be read or written is passed over: the index is built
// as if there were none.
package indexcache
