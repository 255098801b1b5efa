package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// Event is the conference or meetup a talk was given at.
type Event struct {
	Name string // "PyCon US"
	Year int    // 0 when unknown
}

// String returns the name with the year, as people write it: "PyCon US 2017".
func (e Event) String() string {
	if e.Year == 0 || strings.Contains(e.Name, strconv.Itoa(e.Year)) {
		return e.Name
	}
	if e.Name == "" {
		return strconv.Itoa(e.Year)
	}
	return e.Name + " " + strconv.Itoa(e.Year)
}

// Source is one note file's account of a talk: where its title stands.
type Source struct {
	File string // slash-separated path relative to the corpus root
	Line int    // 1-based line of the talk's title
	URL  string // link to the file, from the manifest or an index file; may be empty
}

// Talk is one talk with the notes taken of it, possibly from several files.
type Talk struct {
	ID       int // index in Corpus.Talks
	Event    Event
	Title    string
	Speakers []string
	Sources  []Source // first is where the title was taken from
	Sections []string // section headings in note order, without duplicates
	// Topic marks the notes on a topic or a tool ("pip" under "Tools"),
	// read like a talk's but no talk anyone gave.
	Topic bool
	// Slot is where and when the talk is given, for a talk a schedule
	// export lists; nil for a talk known only from notes.
	Slot *Slot

	// The bullets, in note order, file by file: as strings while the talk
	// is built, then compact (see NumBullets and Bullet).
	bullets []Bullet
	notes   notes
}

// Bullet is one note line: a list item, a sentence group of a paragraph, a
// quoted line or a code block.
type Bullet struct {
	Text    string   // plain text: markup stripped, link targets kept
	File    string   // slash-separated path relative to the corpus root
	Line    int      // 1-based line where the text starts
	Section []string // headings between the talk title and the bullet
	Parent  int      // index among the talk's bullets of the enclosing bullet, or -1
}

// Citation returns "file:line".
func (b Bullet) Citation() string { return fmt.Sprintf("%s:%d", b.File, b.Line) }

// URL returns the link to the bullet's line when the source of its file has a
// URL: the manifest's base URL with a "#L<line>" anchor, or the index file's
// link as it is.
func (t *Talk) URL(b Bullet) string {
	if t.Slot != nil && t.Slot.File == b.File && t.Slot.URL != "" {
		return t.Slot.URL // a schedule's line: the talk's page
	}
	for _, s := range t.Sources {
		if s.File == b.File && s.URL != "" {
			if strings.Contains(s.URL, "#") {
				return s.URL
			}
			return s.URL + "#L" + strconv.Itoa(b.Line)
		}
	}
	return ""
}

// Corpus is the result of Load: the talks, and the problems met on the way.
type Corpus struct {
	Talks    []*Talk
	Problems []*FileError // files skipped or partly read; the rest loaded
	Files    []FileReport // what each file was read as, in path order
}

// FileReport says what a file was read as.
type FileReport struct {
	File string
	Kind FileKind
}

// FileKind is what a file holds.
type FileKind string

// The kinds of files.
const (
	OneTalk      FileKind = "one talk"
	ManyTalks    FileKind = "talks"
	Index        FileKind = "index"     // events, links and speakers of other files
	Programme    FileKind = "programme" // a conference programme page
	Skipped      FileKind = "skipped"   // see Corpus.Problems
	Pointer      FileKind = "pointer"   // only says where its notes went
	ScheduleFile FileKind = "schedule"  // a pretalx, frab or Pentabarf schedule export
)

// FileError reports a file that could not be read or parsed, with the line
// where the trouble is (0 when it concerns the whole file).
type FileError struct {
	File string
	Line int
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("corpus: %s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("corpus: %s: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }
