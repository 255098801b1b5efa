package reload

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/corpus"
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
