package indexcache

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/corpus"
)

// notesDir writes a notes folder of one talk and returns it.
func notesDir(t *testing.T, bullet string) string {
	t.Helper()
	dir := t.TempDir()
	note := "# Grok the GIL (David Beazley)\n\n* " + bullet + "\n* threads wait for the lock\n"
	if err := os.WriteFile(filepath.Join(dir, "pycon-2017.md"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// builder returns a build function that counts its calls.
func builder(t *testing.T, dir string, calls *int) func() (*answer.Index, error) {
	return func() (*answer.Index, error) {
		*calls++
		c, err := corpus.Load(os.DirFS(dir))
		if err != nil {
			return nil, err
		}
		return answer.NewIndex(c), nil
	}
}

func ask(t *testing.T, ix *answer.Index, q string) string {
	t.Helper()
	r := answer.New(ix).Handle(context.Background(), answer.Parse(q), answer.Options{Limit: 5})
	b, err := json.Marshal(r.Answer(q, 5))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCacheIndex(t *testing.T) {
	notes := notesDir(t, "the GIL is a global lock")
	cacheDir := filepath.Join(t.TempDir(), "talkbot")
	c := New(cacheDir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	calls := 0
	build := builder(t, notes, &calls)

	built, fromCache, err := c.Index(os.DirFS(notes), notes, build)
	if err != nil || fromCache || calls != 1 {
		t.Fatalf("first Index: from cache %v, %d builds, err %v; want one build", fromCache, calls, err)
	}
	read, fromCache, err := c.Index(os.DirFS(notes), notes, build)
	if err != nil || !fromCache || calls != 1 {
		t.Fatalf("second Index: from cache %v, %d builds, err %v; want it read from the cache", fromCache, calls, err)
	}
	if got, want := ask(t, read, "what is the gil"), ask(t, built, "what is the gil"); got != want {
		t.Errorf("cached index answers %s; want %s", got, want)
	}
	files, _ := filepath.Glob(filepath.Join(cacheDir, "*"))
	if len(files) != 1 {
		t.Fatalf("cache holds %q; want one file", files)
	}

	// Notes changed: built again, and the cache file replaced.
	later := time.Now().Add(time.Minute)
	note := filepath.Join(notes, "pycon-2017.md")
	if err := os.WriteFile(note, []byte("# Grok the GIL (David Beazley)\n\n* the GIL is released on I/O\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(note, later, later)
	ix, fromCache, err := c.Index(os.DirFS(notes), notes, build)
	if err != nil || fromCache || calls != 2 {
		t.Fatalf("after an edit: from cache %v, %d builds, err %v; want a new build", fromCache, calls, err)
	}
	if got := ask(t, ix, "when is the gil released"); !strings.Contains(got, "released on I/O") {
		t.Errorf("after an edit the answer is %s; want the new line", got)
	}
	if again, _ := filepath.Glob(filepath.Join(cacheDir, "*")); len(again) != 1 {
		t.Errorf("cache holds %q after an edit; want one file per notes folder", again)
	}

	// Another binary: built again, in the same file.
	c.exe = func() (string, error) { return note, nil }
	if _, fromCache, _ := c.Index(os.DirFS(notes), notes, build); fromCache || calls != 3 {
		t.Errorf("another binary: from cache %v, %d builds; want a new build", fromCache, calls)
	}
	if both, _ := filepath.Glob(filepath.Join(cacheDir, "*")); len(both) != 1 {
		t.Errorf("cache holds %q for two binaries; want one file per notes folder", both)
	}
}

// TestCacheDamaged: a damaged or foreign cache file, or a cache folder
// that cannot be written, costs a build and nothing else.
func TestCacheDamaged(t *testing.T) {
	notes := notesDir(t, "the GIL is a global lock")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cacheDir := t.TempDir()
	c := New(cacheDir, log)
	calls := 0
	build := builder(t, notes, &calls)
	if _, _, err := c.Index(os.DirFS(notes), notes, build); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(cacheDir, fileName(notes))
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"flipped": append(append([]byte(nil), data[:len(data)-1]...), data[len(data)-1]^1),
		"cut":     data[:len(data)/2],
		"empty":   nil,
		"foreign": []byte("not a snapshot at all"),
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(file, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			before := calls
			ix, fromCache, err := c.Index(os.DirFS(notes), notes, build)
			if err != nil || fromCache || calls != before+1 || ix == nil {
				t.Fatalf("from cache %v, %d builds, err %v; want one build", fromCache, calls-before, err)
			}
			if _, fromCache, _ := c.Index(os.DirFS(notes), notes, build); !fromCache {
				t.Error("the damaged file was not replaced")
			}
		})
	}

	// A file others may write is not trusted: built again, and written
	// anew, which leaves it the user's alone.
	os.Chmod(file, 0o666)
	before := calls
	if _, fromCache, _ := c.Index(os.DirFS(notes), notes, build); fromCache || calls != before+1 {
		t.Errorf("a cache file others may write: from cache %v; want it passed over", fromCache)
	}
	if info, err := os.Stat(file); err != nil || info.Mode().Perm()&0o077 != 0 {
		t.Errorf("rewritten cache file: %v, %v; want it the user's alone", info.Mode(), err)
	}

	blocked := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocked, nil, 0o600)
	c = New(filepath.Join(blocked, "talkbot"), log) // a folder under a file: never writable
	before = calls
	if ix, fromCache, err := c.Index(os.DirFS(notes), notes, build); err != nil || fromCache || ix == nil || calls != before+1 {
		t.Errorf("unwritable cache: from cache %v, err %v; want the index built", fromCache, err)
	}
}
