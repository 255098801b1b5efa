//go:build unix

package indexcache

import (
	"os"
	"syscall"
)

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
	if info.Size() == 0 || info.Size() != int64(int(info.Size())) {
		return os.ReadFile(file)
	}
	return syscall.Mmap(int(f.Fd()), 0, int(info.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE)
}
