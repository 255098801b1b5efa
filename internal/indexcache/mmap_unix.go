//go:build unix

package indexcache

import (
	"errors"
	"os"
	"syscall"
)

// errNotOurs reports a cache file another user owns or may write.
var errNotOurs = errors.New("cache file writable by other users")

// readFile maps file into memory read-only and never unmaps it: the index
// read from it shares its bytes for as long as the process lives. Mapping
// saves copying it into fresh memory, which is most of the cost of reading
// it. The cache replaces a file by renaming a new one over it, which
// leaves a mapped file as it was.
func readFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	// A snapshot is trusted as the index the notes make: one that another
	// user wrote, or could have, is passed over.
	st, ok := info.Sys().(*syscall.Stat_t)
	if info.Mode().Perm()&0o022 != 0 || !ok || int(st.Uid) != os.Getuid() {
		return nil, errNotOurs
	}
	if info.Size() == 0 || info.Size() != int64(int(info.Size())) {
		return os.ReadFile(file)
	}
	return syscall.Mmap(int(f.Fd()), 0, int(info.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE)
}
