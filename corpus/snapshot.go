package corpus

import (
	"errors"
	"math"
	"strings"
	"time"

	"github.com/talkbot/talkbot/corpus/schedule"
	"github.com/talkbot/talkbot/internal/snapshot"
)

// WriteSnapshot writes the corpus as ReadSnapshot reads it back: talks,
// their notes as loaded (coded or as strings), problems and file reports.
func (c *Corpus) WriteSnapshot(w *snapshot.Writer) {
	var dict *pieceDict
	for _, t := range c.Talks {
		if t.notes.dict != nil {
			dict = t.notes.dict
			break
		}
	}
	w.Bool(dict != nil)
	if dict != nil {
		w.Strings(dict.pieces())
	}
	w.Uint(uint64(len(c.Talks)))
	for _, t := range c.Talks {
		writeTalk(w, t)
	}
	w.Uint(uint64(len(c.Problems)))
	for _, p := range c.Problems {
		w.String(p.File)
		w.Int(int64(p.Line))
		w.String(p.Err.Error())
	}
	w.Uint(uint64(len(c.Files)))
	for _, f := range c.Files {
		w.String(f.File)
		w.String(string(f.Kind))
	}
}

// ReadSnapshot reads a corpus written by WriteSnapshot; r.Err reports
// damaged data.
func ReadSnapshot(r *snapshot.Reader) *Corpus {
	var dict *pieceDict
	if r.Bool() {
		dict = newPieceDictOf(r.Strings())
	}
	c := &Corpus{}
	if n := r.Len(); n > 0 {
		c.Talks = make([]*Talk, n)
		for i := range c.Talks {
			c.Talks[i] = readTalk(r, dict)
			c.Talks[i].ID = i
		}
	}
	for range r.Len() {
		c.Problems = append(c.Problems, &FileError{File: r.String(), Line: int(r.Int()), Err: errors.New(r.String())})
	}
	for range r.Len() {
		c.Files = append(c.Files, FileReport{File: r.String(), Kind: FileKind(r.String())})
	}
	return c
}

func writeTalk(w *snapshot.Writer, t *Talk) {
	w.String(t.Event.Name)
	w.Int(int64(t.Event.Year))
	w.String(t.Title)
	w.Strings(t.Speakers)
	w.Uint(uint64(len(t.Sources)))
	for _, s := range t.Sources {
		w.String(s.File)
		w.Int(int64(s.Line))
		w.String(s.URL)
	}
	w.Strings(t.Sections)
	w.Bool(t.Topic)
	w.Bool(t.Slot != nil)
	if t.Slot != nil {
		writeSlot(w, t.Slot)
	}
	n, ok := t.notes, true
	if n.lines == nil {
		n, ok = rawNotes(t.bullets)
	}
	switch {
	case !ok:
		w.Uint(bulletNotes)
		w.Uint(uint64(len(t.bullets)))
		for _, b := range t.bullets {
			w.String(b.Text)
			w.String(b.File)
			w.Int(int64(b.Line))
			w.Strings(b.Section)
			w.Int(int64(b.Parent))
		}
		return
	case n.dict != nil:
		w.Uint(codedNotes)
	default:
		w.Uint(rawText)
	}
	w.Strings(n.files)
	w.Uint(uint64(len(n.paths)))
	for _, p := range n.paths {
		w.Strings(p)
	}
	w.Blob(n.text)
	w.Uint(uint64(len(n.lines)))
	for _, l := range n.lines {
		w.Uint(uint64(l.end))
		w.Int(int64(l.line))
		w.Int(int64(l.parent))
		w.Uint(uint64(l.file))
		w.Uint(uint64(l.path))
	}
}

// How a snapshot keeps a talk's notes: coded with the corpus's pieces, as
// raw text in the same layout, or, for a talk too large to number its
// files and sections in 16 bits, bullet by bullet.
const (
	codedNotes = iota
	rawText
	bulletNotes
)

// rawNotes lays out bullets as notes whose text is not coded, in which
// form a snapshot keeps them: a record a line, the texts one after the
// other. It reports false for notes too large to number so.
func rawNotes(bullets []Bullet) (notes, bool) {
	n := notes{lines: make([]noteLine, len(bullets))}
	files := map[string]uint16{}
	paths := map[string]uint16{}
	for i, b := range bullets {
		f, ok := files[b.File]
		if !ok {
			f = uint16(len(n.files))
			files[b.File] = f
			n.files = append(n.files, b.File)
		}
		key := strings.Join(b.Section, "\x00")
		p, ok := paths[key]
		if !ok {
			p = uint16(len(n.paths))
			paths[key] = p
			n.paths = append(n.paths, b.Section)
		}
		n.text = append(n.text, b.Text...)
		n.lines[i] = noteLine{end: uint32(len(n.text)), line: int32(b.Line), parent: int32(b.Parent), file: f, path: p}
	}
	if len(n.files) > math.MaxUint16+1 || len(n.paths) > math.MaxUint16+1 || len(n.text) > math.MaxUint32 {
		return notes{}, false
	}
	return n, true
}

func readTalk(r *snapshot.Reader, dict *pieceDict) *Talk {
	t := &Talk{Event: Event{Name: r.String(), Year: int(r.Int())}, Title: r.String(), Speakers: r.Strings()}
	for range r.Len() {
		t.Sources = append(t.Sources, Source{File: r.String(), Line: int(r.Int()), URL: r.String()})
	}
	t.Sections = r.Strings()
	t.Topic = r.Bool()
	if r.Bool() {
		t.Slot = readSlot(r)
	}
	var n notes
	switch r.Below(bulletNotes + 1) {
	case codedNotes:
		if dict == nil {
			r.Fail(snapshot.ErrDamaged)
			return t
		}
		n.dict = dict
	case bulletNotes:
		if k := r.Len(); k > 0 {
			t.bullets = make([]Bullet, k)
			for i := range t.bullets {
				b := Bullet{Text: r.String(), File: r.String(), Line: int(r.Int()), Section: r.Strings(), Parent: int(r.Int())}
				if b.Parent >= i {
					r.Fail(snapshot.ErrDamaged)
					return t
				}
				t.bullets[i] = b
			}
		}
		return t
	}
	n.files = r.Strings()
	for range r.Len() {
		n.paths = append(n.paths, r.Strings())
	}
	n.text = r.Blob()
	n.lines = make([]noteLine, r.Len())
	end := uint32(0)
	for i := range n.lines {
		l := noteLine{end: r.Uint32(), line: int32(r.Int()), parent: int32(r.Int()),
			file: uint16(r.Below(len(n.files))), path: uint16(r.Below(len(n.paths)))}
		if l.end < end || int(l.end) > len(n.text) || l.parent >= int32(i) {
			r.Fail(snapshot.ErrDamaged)
			return t
		}
		end = l.end
		n.lines[i] = l
	}
	t.notes = n
	return t
}

func writeSlot(w *snapshot.Writer, s *Slot) {
	writeTime(w, s.Start)
	writeTime(w, s.End)
	for _, v := range []string{s.Room, s.Track, s.Type, s.Language, s.Subtitle, s.URL, s.File} {
		w.String(v)
	}
	w.Int(int64(s.Line))
	w.Uint(uint64(len(s.Links)))
	for _, l := range s.Links {
		w.String(l.Title)
		w.String(l.URL)
	}
}

func readSlot(r *snapshot.Reader) *Slot {
	s := &Slot{Start: readTime(r), End: readTime(r)}
	for _, v := range []*string{&s.Room, &s.Track, &s.Type, &s.Language, &s.Subtitle, &s.URL, &s.File} {
		*v = r.String()
	}
	s.Line = int(r.Int())
	for range r.Len() {
		s.Links = append(s.Links, schedule.Link{Title: r.String(), URL: r.String()})
	}
	return s
}

// writeTime writes a time with its zone's name and offset: a schedule's
// times keep their conference's zone, whose rules say where a day begins.
func writeTime(w *snapshot.Writer, t time.Time) {
	w.Bool(t.IsZero())
	if t.IsZero() {
		return
	}
	name, offset := t.Zone()
	w.Int(t.Unix())
	w.Uint(uint64(t.Nanosecond()))
	w.String(t.Location().String())
	w.String(name)
	w.Int(int64(offset))
}

func readTime(r *snapshot.Reader) time.Time {
	if r.Bool() {
		return time.Time{}
	}
	sec, nsec := r.Int(), int64(r.Uint())
	locName, zone, offset := r.String(), r.String(), int(r.Int())
	t := time.Unix(sec, nsec)
	switch loc, err := time.LoadLocation(locName); {
	case locName == "Local":
		return t
	case err == nil:
		return t.In(loc)
	default:
		return t.In(time.FixedZone(zone, offset))
	}
}
