package indexcache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/internal/snapshot"
)

// Cache is a folder of cached indexes.
type Cache struct {
	dir string
	log *slog.Logger
	exe func() (string, error) // the running binary's path; os.Executable
}

// New returns the cache in dir, logging what it does at debug level.
func New(dir string, log *slog.Logger) *Cache {
	return &Cache{dir: dir, log: log, exe: os.Executable}
}

// Index returns the index of the notes in fsys, named name (the folder's
// absolute path, or "embedded"): read from the cache when it holds one of
// these notes by this binary, built with build and written to the cache
// otherwise. fromCache says which.
func (c *Cache) Index(fsys fs.FS, name string, build func() (*answer.Index, error)) (ix *answer.Index, fromCache bool, err error) {
	key, err := c.key(fsys)
	if err != nil {
		c.log.Debug("index cache passed over", "err", err)
		ix, err := build()
		return ix, false, err
	}
	file := filepath.Join(c.dir, fileName(name))
	if ix, err := read(file, key); err == nil {
		return ix, true, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		c.log.Debug("cached index not used", "file", file, "err", err)
	}
	ix, err = build()
	if err != nil {
		return nil, false, err
	}
	if err := write(file, func(f io.Writer) error {
		w := snapshot.Create(f, answer.SnapshotVersion, key)
		ix.WriteSnapshot(w)
		return w.Close()
	}); err != nil {
		c.log.Debug("index not cached", "file", file, "err", err)
	}
	return ix, false, nil
}

// fileName is the cache file of a notes folder. It is one whichever
// binary writes it: a file a binary would bound how many files pile up as
// binaries come and go (go run links a new one each time the code
// changes), at the cost of an index built again when two binaries take
// turns on the same notes.
func fileName(name string) string {
	sum := sha256.Sum256([]byte(name))
	return "index-" + hex.EncodeToString(sum[:8]) + ".snap"
}

func read(file, key string) (*answer.Index, error) {
	data, err := readFile(file)
	if err != nil {
		return nil, err
	}
	payload, err := snapshot.Open(data, answer.SnapshotVersion, key)
	if err != nil {
		return nil, err
	}
	return answer.ReadSnapshot(payload)
}

// write writes file with fill through a temporary file, so that a
// reader never sees half of it.
func write(file string, fill func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".index-*")
	if err != nil {
		return err
	}
	err = fill(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// key says what an index is built from: the binary that builds it and
// the notes. A notes file is known by its path, size and modification
// time, as make knows it; the embedded notes, which have no times, are
// part of the binary.
func (c *Cache) key(fsys fs.FS) (string, error) {
	exe, err := c.exe()
	if err != nil {
		return "", err
	}
	info, err := os.Stat(exe)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00", exe, info.Size(), info.ModTime().UnixNano())
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00%v\x00", p, info.Size(), info.ModTime().UnixNano(), d.IsDir())
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
