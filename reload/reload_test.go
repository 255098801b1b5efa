package reload

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/internal/indexcache"
)

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReloadWhileAsking: questions run under -race while files change;
// every answer comes from one whole index, the new content is served
// after the swap, and a broken file keeps its old content and counts an
// error.
func TestReloadWhileAsking(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.md", "# Grok the GIL (A. Jesse Jiryu Davis)\n\n* one thread runs at a time\n")
	write(t, dir, "b.md", "# Dask (Matthew Rocklin)\n\n* a thread pool by default\n")

	e := answer.New(nil)
	var swaps, fileErrors atomic.Int32
	r := New(os.DirFS(dir), dir, e.Swap, slog.New(slog.NewTextHandler(io.Discard, nil)), Hooks{
		Swapped:   func(*answer.Index) { swaps.Add(1) },
		FileError: func(*corpus.FileError) { fileErrors.Add(1) },
	})
	if _, err := r.Load(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	hup := make(chan os.Signal, 1)
	wait, err := r.Watch(ctx, hup)
	if err != nil {
		t.Fatal(err)
	}

	// Ask all along; each reply must be whole: the talks it names agree
	// with the lines it cites.
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				reply := e.Ask(ctx, "thread", answer.Options{})
				for _, tk := range reply.Talks {
					for _, s := range tk.Snippets {
						if s.Citation.Talk != tk.Title {
							t.Errorf("torn reply: line of %q under %q", s.Citation.Talk, tk.Title)
						}
					}
				}
			}
		}()
	}

	answers := func(q string) string {
		var titles []string
		for _, tk := range e.Ask(ctx, q, answer.Options{}).Talks {
			titles = append(titles, tk.Title)
		}
		return strings.Join(titles, "|")
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	// A new file is picked up by the watcher.
	write(t, dir, "c.md", "# Kubernetes For Pythonistas (Kelsey Hightower)\n\n* a load balancer acts as a stable end point\n")
	waitFor("the new talk", func() bool { return answers("load balancer") == "Kubernetes For Pythonistas" })

	// A broken file: its old content keeps serving, an error is counted.
	before := fileErrors.Load()
	write(t, dir, "a.md", "# Grok the GIL\n\n* caf\xe9 is not UTF-8\n")
	waitFor("the error", func() bool { return fileErrors.Load() > before })
	if got := answers("one thread runs"); got != "Grok the GIL" {
		t.Errorf("after a.md broke, %q answers from %q; want the old Grok the GIL", "one thread runs", got)
	}

	// SIGHUP reloads too.
	n := swaps.Load()
	hup <- syscall.SIGHUP
	waitFor("the reload on SIGHUP", func() bool { return swaps.Load() > n })

	close(stop)
	wg.Wait()
	cancel()
	if err := wait(); err != nil {
		t.Errorf("Watch: %v", err)
	}
}

// failingFS refuses to read the files named in deny, as an unreadable
// file would (the tests run as root, where chmod does not stop reading).
type failingFS struct {
	fs.FS
	mu   sync.Mutex
	deny map[string]bool
}

func (f *failingFS) Open(name string) (fs.File, error) {
	f.mu.Lock()
	denied := f.deny[name]
	f.mu.Unlock()
	if denied {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.FS.Open(name)
}

func (f *failingFS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(file)
}

// TestFaultsKeepLastGoodContent: an unreadable file, a half-written file,
// an emptied folder and a removed folder each leave the last good content
// serving, and each is reported.
func TestFaultsKeepLastGoodContent(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.md", "# Grok the GIL (A. Jesse Jiryu Davis)\n\n* one thread runs at a time\n")
	write(t, dir, "b.md", "# Dask (Matthew Rocklin)\n\n* a thread pool by default\n")
	fsys := &failingFS{FS: os.DirFS(dir), deny: map[string]bool{}}
	e := answer.New(nil)
	var problems []string
	var mu sync.Mutex
	r := New(fsys, dir, e.Swap, slog.New(slog.NewTextHandler(io.Discard, nil)), Hooks{
		FileError: func(p *corpus.FileError) { mu.Lock(); problems = append(problems, p.Error()); mu.Unlock() },
	})
	if _, err := r.Load(); err != nil {
		t.Fatal(err)
	}
	serves := func(q, title string) {
		t.Helper()
		reply := e.Ask(t.Context(), q, answer.Options{})
		if len(reply.Talks) == 0 || reply.Talks[0].Title != title {
			t.Errorf("%q answered by %+v; want %q", q, reply.Talks, title)
		}
	}
	reported := func(want string) {
		t.Helper()
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			if strings.Contains(p, want) {
				return
			}
		}
		t.Errorf("problems %q; want one holding %q", problems, want)
	}

	// Unreadable.
	fsys.mu.Lock()
	fsys.deny["a.md"] = true
	fsys.mu.Unlock()
	if _, err := r.Load(); err != nil {
		t.Fatal(err)
	}
	serves("one thread runs", "Grok the GIL")
	reported("permission denied")
	fsys.mu.Lock()
	fsys.deny["a.md"] = false
	fsys.mu.Unlock()

	// Half-written: cut inside a UTF-8 sequence.
	write(t, dir, "a.md", "# Grok the GIL (A. Jesse Jiryu Davis)\n\n* one thread runs at a time, caf\xc3")
	if _, err := r.Load(); err != nil {
		t.Fatal(err)
	}
	serves("one thread runs", "Grok the GIL")
	reported("not UTF-8")

	// Emptied: nothing to answer from, so the last index stays.
	os.Remove(filepath.Join(dir, "a.md"))
	os.Remove(filepath.Join(dir, "b.md"))
	if _, err := r.Load(); err == nil {
		t.Error("an emptied folder replaced the index")
	}
	serves("thread pool", "Dask")

	// Removed: the same, and the watcher waits for it to come back.
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	wait, err := r.Watch(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * debounce)
	serves("thread pool", "Dask")
	reported("notes folder removed")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "c.md", "# Kubernetes For Pythonistas (Kelsey Hightower)\n\n* a load balancer acts as a stable end point\n")
	deadline := time.Now().Add(10 * time.Second)
	for {
		reply := e.Ask(t.Context(), "load balancer", answer.Options{})
		if len(reply.Talks) > 0 && reply.Talks[0].Title == "Kubernetes For Pythonistas" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the folder came back but its notes were never loaded")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := wait(); err != nil {
		t.Errorf("Watch: %v", err)
	}
}

// TestWriteInPiecesLoadsOnce: a file written in pieces closer together
// than the debounce is read once, whole.
func TestWriteInPiecesLoadsOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.md", "# Grok the GIL (A. Jesse Jiryu Davis)\n\n* one thread runs at a time\n")
	e := answer.New(nil)
	var swaps atomic.Int32
	r := New(os.DirFS(dir), dir, e.Swap, slog.New(slog.NewTextHandler(io.Discard, nil)), Hooks{Swapped: func(*answer.Index) { swaps.Add(1) }})
	if _, err := r.Load(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	wait, err := r.Watch(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "b.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, piece := range []string{"# Dask (Matthew Rocklin)\n\n", "* a thread pool ", "by default\n"} {
		f.WriteString(piece)
		time.Sleep(debounce / 4)
	}
	f.Close()
	time.Sleep(3 * debounce)
	if n := swaps.Load(); n != 2 {
		t.Errorf("%d swaps; want the first load and one reload", n)
	}
	reply := e.Ask(t.Context(), "thread pool by default", answer.Options{})
	if len(reply.Talks) == 0 || reply.Talks[0].Title != "Dask" || !strings.Contains(reply.Talks[0].Snippets[0].Text, "by default") {
		t.Errorf("answered %+v; want the whole Dask line", reply.Talks)
	}
	cancel()
	wait()
}

// TestKeptContentIsDeflated: once a load is done, the contents kept for
// files that may fail later are held deflated, and a file that then fails
// serves its content from them.
func TestKeptContentIsDeflated(t *testing.T) {
	dir := t.TempDir()
	line := "* one thread runs at a time, the others wait for the lock\n"
	write(t, dir, "a.md", "# Grok the GIL (A. Jesse Jiryu Davis)\n\n"+strings.Repeat(line, 200))
	write(t, dir, "b.md", "# Dask (Matthew Rocklin)\n\n* a thread pool by default\n")
	fsys := &failingFS{FS: os.DirFS(dir), deny: map[string]bool{}}
	e := answer.New(nil)
	r := New(fsys, dir, e.Swap, slog.New(slog.NewTextHandler(io.Discard, nil)), Hooks{})
	if _, err := r.Load(); err != nil {
		t.Fatal(err)
	}
	r.deflating.Wait()
	r.mu.Lock()
	a := r.good["a.md"]
	r.mu.Unlock()
	if !a.deflated || len(a.data) >= len(line)*200 {
		t.Fatalf("a.md kept as %d bytes, deflated %v: want it deflated, smaller than its %d", len(a.data), a.deflated, len(line)*200)
	}
	fsys.mu.Lock()
	fsys.deny["a.md"] = true
	fsys.mu.Unlock()
	if _, err := r.Load(); err != nil {
		t.Fatal(err)
	}
	reply := e.Ask(t.Context(), "others wait for the lock", answer.Options{})
	if len(reply.Talks) == 0 || reply.Talks[0].Title != "Grok the GIL" {
		t.Errorf("after a.md failed, answered by %+v; want its kept content", reply.Talks)
	}
	// A load replacing the contents while they are deflated wins.
	r.deflating.Wait()
	r.mu.Lock()
	_, ok := r.good["a.md"]
	r.mu.Unlock()
	if !ok {
		t.Error("a.md's content was not kept through the load it failed")
	}
}

// TestFirstLoadFromCache: a reloader's first load reads the index the
// cache keeps of unchanged notes, reports its problems, and keeps its
// files' content, so that a file that breaks later still serves; later
// loads index the notes.
func TestFirstLoadFromCache(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	write(t, dir, "a.md", "# Grok the GIL (A. Jesse Jiryu Davis)\n\n* one thread runs at a time\n")
	write(t, dir, "b.md", "# Dask (Matthew Rocklin)\n\n* a thread pool by default\n")
	write(t, dir, "c.md", "# Broken\n\n* caf\xc3")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cache := indexcache.New(cacheDir, log)
	first := New(os.DirFS(dir), dir, answer.New(nil).Swap, log, Hooks{})
	first.UseCache(cache, dir)
	if _, err := first.Load(); err != nil {
		t.Fatal(err)
	}

	// b.md changes without its size or time changing: only an index read
	// from the cache still holds the old line.
	b := filepath.Join(dir, "b.md")
	info, err := os.Stat(b)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "b.md", "# Dask (Matthew Rocklin)\n\n* a worker pool by default\n")
	os.Chtimes(b, info.ModTime(), info.ModTime())

	e := answer.New(nil)
	var problems []string
	r := New(os.DirFS(dir), dir, e.Swap, log, Hooks{FileError: func(p *corpus.FileError) { problems = append(problems, p.File) }})
	r.UseCache(cache, dir)
	if _, err := r.Load(); err != nil {
		t.Fatal(err)
	}
	serves := func(q, line string) {
		t.Helper()
		reply := e.Ask(t.Context(), q, answer.Options{})
		if len(reply.Talks) == 0 || len(reply.Talks[0].Snippets) == 0 || reply.Talks[0].Snippets[0].Text != line {
			t.Errorf("%q answered by %+v; want %q", q, reply.Talks, line)
		}
	}
	serves("thread pool", "a thread pool by default")
	if !slices.Equal(problems, []string{"c.md"}) {
		t.Errorf("problems reported %q; want the cached index's c.md", problems)
	}

	// a.md breaks: its content as the cached load found it keeps serving,
	// and the next load indexes the notes (b.md's new line).
	write(t, dir, "a.md", "# Grok the GIL (A. Jesse Jiryu Davis)\n\n* one thread runs at a time, caf\xc3")
	if _, err := r.Load(); err != nil {
		t.Fatal(err)
	}
	serves("one thread runs", "one thread runs at a time")
	serves("worker pool", "a worker pool by default")
}
