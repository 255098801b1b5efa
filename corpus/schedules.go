package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/talkbot/talkbot/corpus/schedule"
)

// scheduleExts are the extensions of schedule exports: read when their
// first bytes say they are one, ignored otherwise ("package.json").
var scheduleExts = map[string]bool{".json": true, ".xml": true}

// Slot is where and when a scheduled talk is given.
type Slot struct {
	Start, End time.Time // in the conference's time zone; zero when the export gives none
	Room       string
	Track      string
	Type       string // "lecture", "workshop"
	Language   string
	Subtitle   string
	URL        string // the talk's page
	Links      []schedule.Link
	File       string // the export it comes from
	Line       int    // the line of its event there
}

// looksLikeSchedule reads the first bytes of a .json or .xml file.
func looksLikeSchedule(fsys fs.FS, name string) bool {
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return schedule.IsSchedule(head[:n])
}

// readSchedule reads a schedule export: a talk per event.
func (l *loader) readSchedule(f string) ([]draft, *FileError) {
	info, err := fs.Stat(l.fsys, f)
	if err != nil {
		return nil, &FileError{File: f, Err: err}
	}
	if info.Size() > schedule.MaxSize {
		return nil, &FileError{File: f, Err: fmt.Errorf("schedule of %d bytes is larger than %d", info.Size(), schedule.MaxSize)}
	}
	data, err := fs.ReadFile(l.fsys, f)
	if err != nil {
		return nil, &FileError{File: f, Err: err}
	}
	return l.scheduleDrafts(f, data)
}

// scheduleDrafts reads the export data, from a file or a URL, into talks.
func (l *loader) scheduleDrafts(f string, data []byte) ([]draft, *FileError) {
	s, err := schedule.Read(data)
	if err != nil {
		return nil, &FileError{File: f, Err: err}
	}
	for _, line := range s.Untitled {
		l.warn(&FileError{File: f, Line: line, Err: errors.New("event without a title, left out")})
	}
	ds := scheduleTalks(s, f)
	for i := range ds {
		l.resolve(&ds[i], f)
	}
	return ds, nil
}

// scheduleFiles returns the files the manifest lists as schedules.
func (m *Manifest) scheduleFiles() []string {
	if m == nil {
		return nil
	}
	var out []string
	for _, s := range m.Schedules {
		if !isURL(s) {
			out = append(out, strings.Trim(path.Clean(s), "/"))
		}
	}
	return out
}

// ReadManifest returns the manifest at the root of fsys, or nil when there
// is none.
func ReadManifest(fsys fs.FS) (*Manifest, error) {
	m, err := readManifest(fsys)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// ScheduleURLs returns the schedules the manifest at the root of fsys
// names by URL. A manifest that never says "schedules" names none and is
// not parsed: a command that answers one question would spend a
// millisecond of its start on reading the YAML.
func ScheduleURLs(fsys fs.FS) ([]string, error) {
	name, data, ferr := manifestFile(fsys)
	if ferr != nil {
		return nil, ferr
	}
	if !bytes.Contains(data, []byte("schedules")) {
		return nil, nil
	}
	m, ferr := parseManifestFile(name, data)
	if ferr != nil {
		return nil, ferr
	}
	return m.ScheduleURLs(), nil
}

// scheduleTalks turns the events of an export into talks: a first line
// saying when and where (cited at the event), the subtitle, then the
// sentences of the abstract and the description, each cited at its field.
func scheduleTalks(s *schedule.Schedule, file string) []draft {
	event := s.Conference
	if event == "" {
		event = s.Acronym
	}
	if !yearRe.MatchString(event) && len(s.Talks) > 0 && !s.Talks[0].Start.IsZero() {
		event += " " + strconv.Itoa(s.Talks[0].Start.Year())
	}
	var ds []draft
	for _, st := range s.Talks {
		t := &Talk{
			Title: st.Title, Speakers: st.Speakers,
			Sources: []Source{{File: file, Line: st.Line}},
			Slot: &Slot{Start: st.Start, End: st.End, Room: st.Room, Track: st.Track, Type: st.Type,
				Language: st.Language, Subtitle: st.Subtitle, URL: st.URL, Links: st.Links, File: file, Line: st.Line},
		}
		add := func(text string, line int, section string) {
			var sec []string
			if section != "" {
				sec = []string{section}
				if !containsString(t.Sections, section) {
					t.Sections = append(t.Sections, section)
				}
			}
			for _, para := range strings.Split(text, "\n") {
				blk := block{kind: paraBlock, text: strings.TrimSpace(para), line: line}
				if blk.text == "" {
					continue
				}
				for _, g := range sentenceGroups(&blk) {
					t.bullets = append(t.bullets, Bullet{Text: g.text, File: file, Line: line, Section: sec, Parent: -1})
				}
			}
		}
		add(slotText(st), st.Line, "")
		add(st.Subtitle, st.Line, "")
		add(st.Abstract, st.AbstractLine, "Abstract")
		if st.Description != st.Abstract { // some exports repeat the abstract
			add(st.Description, st.DescriptionLine, "Description")
		}
		ds = append(ds, draft{talk: t, event: event})
	}
	return ds
}

// slotText is the first line of a scheduled talk: its track, type, room
// and time, as words the index can find ("Janson", "Saturday").
func slotText(st schedule.Talk) string {
	var parts []string
	for _, p := range []string{st.Track, st.Type, st.Room} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if !st.Start.IsZero() {
		parts = append(parts, st.Start.Format("Monday 2 January 2006, 15:04")+"–"+st.End.Format("15:04 MST"))
	}
	return strings.Join(parts, " · ")
}
