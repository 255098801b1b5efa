// Package reload keeps the engine's index in step with the notes folder:
// when a file changes (fsnotify) or on SIGHUP, the corpus is loaded and
// indexed beside the live index and swapped in at once, so questions never
// see a half-built index. A file that fails to load keeps serving the
// content it last loaded with.
package reload

import (
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing/fstest"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/internal/indexcache"
)

// Hooks tell the rest of the bot what a reload did.
type Hooks struct {
	Swapped   func(ix *answer.Index)          // a new index is live
	FileError func(problem *corpus.FileError) // a file failed to load
}

// Schedules fetches the schedules the manifest names by URL (see package
// poll).
type Schedules interface {
	SetURLs(urls []string)
	Body(url string) ([]byte, bool)
	FetchAll(ctx context.Context) bool
	Run(ctx context.Context, reload func())
}

// Reloader loads a corpus into an engine, again and again.
type Reloader struct {
	fsys  fs.FS
	dir   string // the folder behind fsys, to watch; empty for the embedded corpus
	swap  func(*answer.Index)
	log   *slog.Logger
	hooks Hooks

	schedules Schedules // nil: URLs in the manifest are not fetched

	cache     *indexcache.Cache // the first load may read its index from it; nil for none
	cacheName string            // the notes' name in the cache

	mu     sync.Mutex
	good   map[string]kept // each file's content as it last loaded
	gen    int             // loads that set good
	loaded bool            // an index with talks was swapped in

	deflating sync.WaitGroup // the deflating of the last loads' contents
}

// kept is a file's content as it last loaded, deflated once the load that
// read it is done: the notes of a large corpus are tens of megabytes a
// served bot would otherwise hold twice, as notes and as index.
type kept struct {
	data     []byte
	deflated bool
}

func (k kept) content() ([]byte, error) {
	if !k.deflated {
		return k.data, nil
	}
	return io.ReadAll(flate.NewReader(bytes.NewReader(k.data)))
}

// deflate keeps the contents of load gen deflated, unless a later load
// has replaced them meanwhile.
func (r *Reloader) deflate(gen int, files map[string]kept) {
	defer r.deflating.Done()
	out := make(map[string]kept, len(files))
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestSpeed) // the level is valid
	for name, k := range files {
		if k.deflated {
			out[name] = k
			continue
		}
		buf.Reset()
		w.Reset(&buf)
		w.Write(k.data)
		w.Close()
		out[name] = kept{data: bytes.Clone(buf.Bytes()), deflated: true}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.gen == gen {
		r.good = out
	}
}

// FetchSchedules makes the reloader fetch the schedules the manifest names
// by URL with s: at each load the ones not yet fetched, and, while Watch
// runs, all of them on s's interval, reloading when one changes.
func (r *Reloader) FetchSchedules(s Schedules) { r.schedules = s }

// New returns a reloader of fsys (the folder dir, when not empty) that
// swaps each new index in with swap.
func New(fsys fs.FS, dir string, swap func(*answer.Index), log *slog.Logger, hooks Hooks) *Reloader {
	if hooks.Swapped == nil {
		hooks.Swapped = func(*answer.Index) {}
	}
	if hooks.FileError == nil {
		hooks.FileError = func(*corpus.FileError) {}
	}
	return &Reloader{fsys: fsys, dir: dir, swap: swap, log: log, hooks: hooks, good: map[string]kept{}}
}

// UseCache makes the first load read the index from c when it holds one
// of these notes, named name there (see package indexcache), and write it
// there otherwise: a restart of a bot with a large notes folder is ready in
// a fraction of the time. Later loads index the notes, as a changed file
// is what makes them. Notes whose manifest names schedules by URL are
// never read from the cache.
func (r *Reloader) UseCache(c *indexcache.Cache, name string) { r.cache, r.cacheName = c, name }

// Load loads and indexes the corpus and swaps the index in. Files that fail
// are reported; those that loaded before serve their previous content.
func (r *Reloader) Load() (*answer.Index, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	opts := r.scheduleOptions()
	var ix *answer.Index
	var err error
	if r.startsFromCache() {
		var fromCache bool
		ix, fromCache, err = r.cache.Index(r.fsys, r.cacheName, func() (*answer.Index, error) { return r.index(opts) })
		if err == nil && fromCache {
			r.cached(ix)
		}
	} else {
		ix, err = r.index(opts)
	}
	if err != nil {
		return nil, err
	}
	r.swap(ix)
	r.hooks.Swapped(ix)
	talks, bullets := ix.Size()
	r.log.Info("corpus indexed", "talks", talks, "bullets", bullets, "problems", len(ix.Corpus().Problems))
	// Off the way to the first answers.
	r.deflating.Add(1)
	go r.deflate(r.gen, r.good)
	return ix, nil
}

// startsFromCache reports whether this load may read the index from the
// cache: the first, of notes whose manifest names no schedule by URL.
func (r *Reloader) startsFromCache() bool {
	if r.cache == nil || r.loaded {
		return false
	}
	urls, err := corpus.ScheduleURLs(r.fsys)
	return err == nil && len(urls) == 0
}

// cached takes an index read from the cache as loaded: its problems are
// reported, and the content of its files is kept as the load that wrote
// it would have kept it. The cache read it because no file changed since.
func (r *Reloader) cached(ix *answer.Index) {
	c := ix.Corpus()
	failed := map[string]bool{}
	for _, p := range c.Problems {
		r.log.Warn("notes not loaded", "file", p.File, "line", p.Line, "err", p.Err)
		r.hooks.FileError(p)
		failed[p.File] = true
	}
	names := slices.Clone(corpus.ManifestNames)
	for _, f := range c.Files {
		names = append(names, f.File)
	}
	good := map[string]kept{}
	for _, name := range names {
		if failed[name] {
			continue
		}
		if data, err := fs.ReadFile(r.fsys, name); err == nil {
			good[name] = kept{data: data}
		}
	}
	r.good = good
	r.gen++
	r.loaded = true
}

// index loads and indexes the corpus, keeping each file's content as it
// loaded.
func (r *Reloader) index(opts corpus.Options) (*answer.Index, error) {
	rec := &recording{FS: r.fsys, read: map[string][]byte{}}
	c, err := corpus.LoadWith(rec, opts)
	if err != nil {
		return nil, err
	}
	keep := map[string][]byte{}
	for _, p := range c.Problems {
		r.log.Warn("notes not loaded", "file", p.File, "line", p.Line, "err", p.Err)
		r.hooks.FileError(p)
		if old, ok := r.good[p.File]; ok {
			if data, err := old.content(); err == nil {
				keep[p.File] = data
			}
		}
	}
	if len(keep) > 0 {
		r.log.Info("serving the previous content of files that failed", "files", len(keep))
		c, err = corpus.LoadWith(overlay{FS: r.fsys, files: keep}, opts)
		if err != nil {
			return nil, err
		}
	}
	if len(c.Talks) == 0 && r.loaded {
		// An emptied folder is a checkout or copy in progress more often
		// than a wish to answer nothing.
		return nil, errors.New("no talk notes found; the previous index keeps serving")
	}
	failed := map[string]bool{}
	for _, p := range c.Problems {
		failed[p.File] = true
	}
	good := make(map[string]kept, len(keep)+len(rec.read))
	for f, data := range keep {
		good[f] = kept{data: data}
	}
	for f, data := range rec.read {
		if !failed[f] {
			good[f] = kept{data: data}
		}
	}
	r.good = good
	r.gen++
	r.loaded = true
	return answer.NewIndex(c), nil
}

// scheduleOptions tells the schedule fetcher the URLs the manifest lists,
// fetches those it has no schedule of yet, and gives the loader their
// bodies.
func (r *Reloader) scheduleOptions() corpus.Options {
	if r.schedules == nil {
		return corpus.Options{}
	}
	m, err := corpus.ReadManifest(r.fsys)
	if err != nil {
		return corpus.Options{Fetched: r.schedules.Body} // the loader reports the manifest
	}
	urls := m.ScheduleURLs()
	r.schedules.SetURLs(urls)
	for _, u := range urls {
		if _, ok := r.schedules.Body(u); !ok {
			ctx, cancel := context.WithTimeout(context.Background(), firstFetch)
			r.schedules.FetchAll(ctx)
			cancel()
			break
		}
	}
	return corpus.Options{Fetched: r.schedules.Body}
}

// firstFetch bounds the fetching of schedules a load waits for.
const firstFetch = time.Minute

// debounce is how long the folder must be quiet before a reload: a file
// being written is read once it is whole.
const debounce = 300 * time.Millisecond

// rewatchEvery is how often a removed notes folder is looked for.
const rewatchEvery = time.Second

// Watch starts watching: it reloads when a file under the folder changes
// or a signal arrives on hup, until ctx ends; without a folder it only
// serves hup. The watch is in place when Watch returns; wait blocks until
// it ends.
func (r *Reloader) Watch(ctx context.Context, hup <-chan os.Signal) (wait func() error, err error) {
	var w *fsnotify.Watcher
	var events chan fsnotify.Event // nil without a folder: never ready
	var errs chan error
	if r.dir != "" {
		if w, err = fsnotify.NewWatcher(); err != nil {
			return nil, err
		}
		if err := addTree(w, r.dir); err != nil {
			w.Close()
			return nil, err
		}
		events, errs = w.Events, w.Errors
	}
	done := make(chan error, 1)
	polled := make(chan struct{})
	go func() {
		defer close(polled)
		if r.schedules != nil {
			r.schedules.Run(ctx, r.reload)
		}
	}()
	go func() {
		if w != nil {
			defer w.Close()
		}
		err := r.loop(ctx, hup, w, events, errs)
		<-polled
		done <- err
	}()
	return func() error { return <-done }, nil
}

func (r *Reloader) loop(ctx context.Context, hup <-chan os.Signal, w *fsnotify.Watcher, events chan fsnotify.Event, errs chan error) error {
	var timer <-chan time.Time
	var rewatch <-chan time.Time // polls for a removed folder to come back
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-rewatch:
			if err := addTree(w, r.dir); err != nil {
				rewatch = time.After(rewatchEvery)
				continue
			}
			rewatch = nil
			r.log.Info("the notes folder is back")
			r.reload()
		case <-hup:
			r.log.Info("reloading the corpus: signal")
			r.reload()
		case ev, ok := <-events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) && w != nil {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					_ = addTree(w, ev.Name)
				}
			}
			if (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) && filepath.Clean(ev.Name) == filepath.Clean(r.dir) {
				r.log.Error("the notes folder was removed; the previous index keeps serving until it is back", "dir", r.dir)
				r.hooks.FileError(&corpus.FileError{File: ".", Err: errors.New("notes folder removed")})
				rewatch = time.After(rewatchEvery)
				continue
			}
			timer = time.After(debounce)
		case err := <-errs:
			r.log.Warn("watching the corpus", "err", err)
		case <-timer:
			timer = nil
			r.log.Info("reloading the corpus: files changed")
			r.reload()
		}
	}
}

func (r *Reloader) reload() {
	if _, err := r.Load(); err != nil {
		r.log.Error("corpus reload failed; the previous index keeps serving", "err", err)
		r.hooks.FileError(&corpus.FileError{File: ".", Err: err})
	}
}

// addTree watches dir and every folder below it.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return w.Add(p)
	})
}

// recording is an fs.FS that remembers the content of every file read
// through it, so that what loaded is what is kept.
type recording struct {
	fs.FS
	mu   sync.Mutex
	read map[string][]byte
}

func (r *recording) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(r.FS, name)
	if err == nil {
		r.mu.Lock()
		r.read[name] = data
		r.mu.Unlock()
	}
	return data, err
}

// overlay is an fs.FS that serves some files from memory.
type overlay struct {
	fs.FS
	files map[string][]byte
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	if data, ok := o.files[name]; ok {
		return data, nil
	}
	return fs.ReadFile(o.FS, name)
}

// Open serves kept files from memory, so that one that has become
// unreadable still opens.
func (o overlay) Open(name string) (fs.File, error) {
	if data, ok := o.files[name]; ok {
		return fstest.MapFS{name: {Data: data, Mode: 0o444}}.Open(name)
	}
	return o.FS.Open(name)
}

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	if data, ok := o.files[name]; ok {
		return fstest.MapFS{name: {Data: data, Mode: 0o444}}.Stat(name)
	}
	return fs.Stat(o.FS, name)
}
