package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/talkbot/talkbot/corpus/schedule"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// MaxFileSize bounds the size of one notes file, MaxLineSize one line of
// it; larger files, and files with a longer line, are reported and skipped.
const (
	MaxFileSize = 8 << 20
	MaxLineSize = 64 << 10
)

// noteExts are the extensions Load reads, lower-cased.
var noteExts = map[string]bool{".md": true, ".markdown": true, ".txt": true, ".rst": true}

// Load reads every notes file under the root of fsys and returns the talks.
// A file that cannot be read or parsed is reported in Corpus.Problems and
// skipped; the error is non-nil only when the tree itself cannot be walked.
func Load(fsys fs.FS) (*Corpus, error) { return LoadWith(fsys, Options{}) }

// Options are what Load takes from outside the folder.
type Options struct {
	// Fetched returns the last good body of a schedule the manifest names
	// by URL, and whether there is one; nil when URLs are not fetched.
	Fetched func(url string) ([]byte, bool)
}

// LoadWith is Load, with the schedules fetched from the URLs the manifest
// lists.
func LoadWith(fsys fs.FS, opts Options) (*Corpus, error) {
	c := &Corpus{}
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			c.Problems = append(c.Problems, &FileError{File: p, Err: err})
			return nil
		}
		name := d.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch ext := strings.ToLower(path.Ext(name)); {
		case d.IsDir():
		case noteExts[ext]:
			files = append(files, p)
		case scheduleExts[ext] && looksLikeSchedule(fsys, p):
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	sort.Strings(files)

	m, merr := readManifest(fsys)
	if merr != nil {
		c.Problems = append(c.Problems, merr)
	}
	// Schedules the manifest names as files are read whatever their first
	// bytes say.
	for _, f := range m.scheduleFiles() {
		if _, err := fs.Stat(fsys, f); err == nil && !slices.Contains(files, f) {
			files = append(files, f)
		} else if err != nil {
			c.Problems = append(c.Problems, &FileError{File: f, Err: err})
		}
	}
	sort.Strings(files)

	l := &loader{fsys: fsys, manifest: m, indexed: map[string]indexEntry{}, dirEvent: map[string]string{}}
	notes, indexes := splitIndexFiles(files)
	for _, f := range indexes {
		if err := l.readIndex(f, files); err != nil {
			c.Problems = append(c.Problems, err)
		}
	}
	// Files are parsed in parallel, their talks kept in file order.
	type parsed struct {
		drafts    []draft
		programme bool
		schedule  bool
		err       *FileError
	}
	results := make([]parsed, len(notes))
	var wg sync.WaitGroup
	next := atomic.Int64{}
	sampler := newDictSampler(len(notes))
	for range min(runtime.GOMAXPROCS(0), len(notes)) {
		wg.Go(func() {
			var buf []byte
			for {
				i := int(next.Add(1)) - 1
				if i >= len(notes) {
					return
				}
				ds, err := l.readNotes(notes[i])
				if d := sampler.add(i, ds); d != nil {
					for _, dr := range ds {
						buf = dr.talk.compact(d, buf[:0])
					}
				}
				results[i] = parsed{drafts: ds, err: err, schedule: scheduleExts[strings.ToLower(path.Ext(notes[i]))]}
				if err == nil && strings.EqualFold(path.Ext(notes[i]), ".txt") {
					results[i].programme = l.isProgrammeFile(notes[i])
				}
			}
		})
	}
	wg.Wait()
	var drafts []draft
	for i, r := range results {
		report := FileReport{File: notes[i], Kind: OneTalk}
		switch {
		case r.err != nil:
			c.Problems = append(c.Problems, r.err)
			report.Kind = Skipped
		case r.programme:
			report.Kind = Programme
		case r.schedule:
			report.Kind = ScheduleFile
		case len(r.drafts) > 1:
			report.Kind = ManyTalks
		case len(r.drafts) == 0:
			report.Kind = Pointer
		}
		c.Files = append(c.Files, report)
		drafts = append(drafts, r.drafts...)
	}
	for _, f := range indexes {
		c.Files = append(c.Files, FileReport{File: f, Kind: Index})
	}
	sort.Slice(c.Files, func(i, j int) bool { return c.Files[i].File < c.Files[j].File })
	// Schedules fetched from URLs come last, cited at their URL (without
	// credentials or query).
	for _, u := range m.ScheduleURLs() {
		if opts.Fetched == nil {
			continue
		}
		name := schedule.SafeURL(u)
		data, ok := opts.Fetched(u)
		if !ok {
			c.Problems = append(c.Problems, &FileError{File: name, Err: errors.New("schedule not fetched yet")})
			continue
		}
		ds, err := l.scheduleDrafts(name, data)
		if err != nil {
			c.Problems = append(c.Problems, err)
			c.Files = append(c.Files, FileReport{File: name, Kind: Skipped})
			continue
		}
		c.Files = append(c.Files, FileReport{File: name, Kind: ScheduleFile})
		drafts = append(drafts, ds...)
	}
	sort.Slice(l.warnings, func(i, j int) bool {
		a, b := l.warnings[i], l.warnings[j]
		return a.File < b.File || a.File == b.File && a.Line < b.Line
	})
	for _, w := range l.warnings {
		c.Problems = append(c.Problems, w)
	}
	c.Talks = linkTalks(drafts)
	compact(c.Talks, sampler.dict.Load())
	for i, t := range c.Talks {
		t.ID = i
	}
	return c, nil
}

func readManifest(fsys fs.FS) (*Manifest, *FileError) {
	name, data, ferr := manifestFile(fsys)
	if ferr != nil || data == nil {
		return nil, ferr
	}
	return parseManifestFile(name, data)
}

// manifestFile returns the name and content of the manifest at the root of
// fsys, the first of ManifestNames there; nil content when there is none.
func manifestFile(fsys fs.FS) (string, []byte, *FileError) {
	for _, name := range ManifestNames {
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return name, nil, &FileError{File: name, Err: err}
		}
		return name, data, nil
	}
	return "", nil, nil
}

func parseManifestFile(name string, data []byte) (*Manifest, *FileError) {
	m, err := parseManifest(data)
	if err != nil {
		return nil, &FileError{File: name, Line: yamlErrorLine(err), Err: err}
	}
	return m, nil
}

// splitIndexFiles separates index files (README and index files that sit
// beside other notes, or above them) from notes. A README alone in a tree
// is notes.
func splitIndexFiles(files []string) (notes, indexes []string) {
	perDir := map[string]int{}
	for _, f := range files {
		perDir[path.Dir(f)]++
	}
	below := func(dir string) bool { // notes lie in folders under dir
		for _, f := range files {
			if d := path.Dir(f); d != dir && (dir == "." || strings.HasPrefix(d, dir+"/")) {
				return true
			}
		}
		return false
	}
	for _, f := range files {
		if isIndexName(f) && (perDir[path.Dir(f)] > 1 || below(path.Dir(f))) {
			indexes = append(indexes, f)
		} else {
			notes = append(notes, f)
		}
	}
	return notes, indexes
}

func isIndexName(f string) bool {
	base := strings.ToLower(path.Base(f))
	return strings.HasPrefix(base, "readme") || strings.HasPrefix(base, "index.")
}

type loader struct {
	fsys     fs.FS
	manifest *Manifest
	indexed  map[string]indexEntry // note file -> what an index file says of it
	dirEvent map[string]string     // folder -> the event its index file's title names

	mu       sync.Mutex
	warnings []*FileError // problems within files that still load
}

// warn reports a problem within a file that still loads; safe for
// concurrent use.
func (l *loader) warn(e *FileError) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.warnings = append(l.warnings, e)
}

// indexEntry is what an index file says about a note file it links to.
type indexEntry struct {
	event    string
	url      string
	speakers []string
}

func (l *loader) read(f string) ([]byte, *FileError) {
	info, err := fs.Stat(l.fsys, f)
	if err != nil {
		return nil, &FileError{File: f, Err: err}
	}
	if info.Size() > MaxFileSize {
		return nil, &FileError{File: f, Err: fmt.Errorf("file of %d bytes is larger than %d", info.Size(), MaxFileSize)}
	}
	data, err := fs.ReadFile(l.fsys, f)
	if err != nil {
		return nil, &FileError{File: f, Err: err}
	}
	if !utf8.Valid(data) {
		line := 1
		for i := 0; i < len(data); {
			r, w := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && w == 1 {
				break
			}
			if r == '\n' {
				line++
			}
			i += w
		}
		return nil, &FileError{File: f, Line: line, Err: errors.New("not UTF-8 text")}
	}
	if strings.IndexByte(string(data[:min(len(data), 8000)]), 0) >= 0 {
		return nil, &FileError{File: f, Err: errors.New("binary file")}
	}
	line := 1
	for rest := data; len(rest) > 0; line++ {
		n := bytes.IndexByte(rest, '\n')
		if n < 0 {
			n = len(rest)
		}
		if n > MaxLineSize {
			return nil, &FileError{File: f, Line: line, Err: fmt.Errorf("line of %d bytes is longer than %d: not notes", n, MaxLineSize)}
		}
		rest = rest[min(n+1, len(rest)):]
	}
	return data, nil
}

// readNotes parses one notes file into draft talks with their events.
func (l *loader) readNotes(f string) (ds []draft, ferr *FileError) {
	if scheduleExts[strings.ToLower(path.Ext(f))] {
		return l.readSchedule(f)
	}
	data, ferr := l.read(f)
	if ferr != nil {
		return nil, ferr
	}
	defer func() {
		// A parser bug must cost one file, not the corpus.
		if r := recover(); r != nil {
			ds, ferr = nil, &FileError{File: f, Err: fmt.Errorf("parse failed: %v", r)}
		}
	}()
	data = normalizeNewlines(data)
	var o *outline
	switch ext := strings.ToLower(path.Ext(f)); {
	case ext == ".rst":
		o = readRST(data)
	case ext == ".txt" && isProgramme(data):
		ds = readProgramme(data, f)
	default:
		o = readMarkdown(data)
	}
	if o != nil {
		ds = talksFromOutline(o, f)
	}
	if len(ds) == 0 {
		if o != nil && isPointer(o) {
			return nil, nil // "Notes moved to [other.md](./other.md)": nothing lost
		}
		return nil, &FileError{File: f, Err: errors.New("no talk notes found")}
	}
	for i := range ds {
		l.resolve(&ds[i], f)
	}
	return ds, nil
}

// isProgrammeFile reports whether a text file reads as a programme page.
func (l *loader) isProgrammeFile(f string) bool {
	data, err := l.read(f)
	return err == nil && isProgramme(normalizeNewlines(data))
}

// onlyYear reports whether an event heading is a year and nothing else.
func onlyYear(s string) bool {
	return yearRe.ReplaceAllString(strings.TrimSpace(s), "") == ""
}

func normalizeNewlines(data []byte) []byte {
	if !bytes.ContainsRune(data, '\r') {
		return bytes.TrimPrefix(data, []byte("\ufeff"))
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return []byte(strings.TrimPrefix(s, "\ufeff"))
}

// resolve sets the event and URLs of a draft: the manifest first, then what
// the file says, its index file, its folder, and its name.
func (l *loader) resolve(d *draft, f string) {
	t := d.talk
	idx, indexed := l.indexed[f]
	if len(t.Speakers) == 0 && indexed {
		t.Speakers = idx.speakers
	}
	url := l.manifest.fileURL(f)
	if url == "" && indexed {
		url = idx.url
	}
	for i := range t.Sources {
		t.Sources[i].URL = url
	}
	src, _, ok := l.manifest.lookup(f)
	if ok && d.event != "" {
		for name, e := range src.Events {
			if strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(d.event)) {
				t.Event = Event{Name: e.Event, Year: e.Year}
				return
			}
		}
	}
	if ok && src.Event != "" {
		t.Event = Event{Name: src.Event, Year: src.Year}
		return
	}
	switch {
	case d.event != "":
		t.Event = parseEvent(d.event, f)
	case indexed && idx.event != "" && !onlyYear(idx.event):
		t.Event = parseEvent(idx.event, f)
	case indexed && idx.event != "" && path.Dir(f) != ".":
		// "## 2015" above the links: the folder names the event.
		t.Event = eventFromPath(path.Base(path.Dir(f)))
		if t.Event.Year == 0 {
			t.Event.Year, _ = strconv.Atoi(yearRe.FindString(idx.event))
		}
	case l.dirEvent[path.Dir(f)] != "":
		t.Event = parseEvent(l.dirEvent[path.Dir(f)], f)
	case path.Dir(f) != ".":
		t.Event = eventFromPath(path.Base(path.Dir(f)))
		if t.Event.Year == 0 {
			t.Event.Year = yearInPath(path.Dir(f)) // "2018/pygotham"
		}
	default:
		t.Event = eventFromPath(strings.TrimSuffix(path.Base(f), path.Ext(f)))
	}
	if ok && src.Year != 0 && t.Event.Year == 0 {
		t.Event.Year = src.Year
	}
}
