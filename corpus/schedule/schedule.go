package schedule

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // conference time zones, in images without zoneinfo
)

// Schedule is one conference's programme.
type Schedule struct {
	Conference string         // "FOSDEM 2026"
	Acronym    string         // "fosdem-2026"
	Zone       *time.Location // the conference's time zone; nil when the export names none
	BaseURL    string
	Talks      []Talk
	// Untitled are the lines of events without a title, left out of Talks.
	Untitled []int
}

// Talk is one event of a schedule.
type Talk struct {
	ID, GUID string
	Title    string
	Subtitle string
	Speakers []string
	Track    string
	Type     string // "lecture", "workshop", "maintrack"
	Room     string
	Language string
	URL      string // the talk's page
	Slug     string
	// Start and End are in the conference's time zone (UTC when the export
	// names none); zero when the export gives no time.
	Start, End  time.Time
	Abstract    string // plain text, HTML removed
	Description string
	Links       []Link
	// Lines in the export, 1-based: of the event, and of its abstract and
	// description (the event's own when absent).
	Line, AbstractLine, DescriptionLine int
}

// Link is a link of a talk: slides, video, chat room.
type Link struct {
	Title, URL string
}

// MaxSize bounds an export: FOSDEM's, the largest known, is under 3 MiB.
const MaxSize = 32 << 20

// ErrNotSchedule reports data that is no schedule export.
var ErrNotSchedule = errors.New("not a schedule export")

// Read reads a schedule export, JSON or XML, telling them by their first
// character. Events without a title are left out, their lines kept in
// Untitled; an export with no titled event is an error.
func Read(data []byte) (*Schedule, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("schedule of %d bytes is larger than %d", len(data), MaxSize)
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	var s *Schedule
	var err error
	switch {
	case bytes.HasPrefix(trimmed, []byte("{")):
		s, err = readJSON(data)
	case bytes.HasPrefix(trimmed, []byte("<")):
		s, err = readXML(data)
	default:
		return nil, ErrNotSchedule
	}
	if err != nil {
		return nil, err
	}
	titled := s.Talks[:0]
	for _, t := range s.Talks {
		if t.Title == "" {
			s.Untitled = append(s.Untitled, t.Line)
			continue
		}
		titled = append(titled, t)
	}
	s.Talks = titled
	if len(s.Talks) == 0 {
		if len(s.Untitled) > 0 {
			return nil, fmt.Errorf("no event has a title (line %d)", s.Untitled[0])
		}
		return nil, fmt.Errorf("%w: no events", ErrNotSchedule)
	}
	return s, nil
}

// IsSchedule reports, from its first bytes, whether data looks like a
// schedule export: a JSON object with a "schedule" key, or XML whose root
// is <schedule>.
func IsSchedule(data []byte) bool {
	head := data[:min(len(data), 4096)]
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(trimmed, []byte("{")):
		return bytes.Contains(head, []byte(`"schedule"`))
	case bytes.HasPrefix(trimmed, []byte("<")):
		return bytes.Contains(head, []byte("<schedule"))
	}
	return false
}

// zone loads a time zone by its IANA name; nil when unknown.
func zone(name string) *time.Location {
	if name == "" {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

// duration reads "HH:MM" or "HH:MM:SS" (and "D:HH:MM:SS").
func duration(s string) time.Duration {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 2 || len(parts) > 4 {
		return 0
	}
	units := []time.Duration{24 * time.Hour, time.Hour, time.Minute, time.Second}
	units = units[len(units)-len(parts):]
	if len(parts) == 2 {
		units = []time.Duration{time.Hour, time.Minute}
	}
	var d time.Duration
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return 0
		}
		d += time.Duration(n) * units[i]
	}
	return d
}

// clock reads "HH:MM" or "HH:MM:SS" as hours and minutes since midnight.
func clock(s string) (time.Duration, bool) {
	d := duration(s)
	if d == 0 && !strings.HasPrefix(strings.TrimSpace(s), "00:00") {
		return 0, false
	}
	return d, d < 48*time.Hour
}

// lineIndex finds the 1-based line of a byte offset in an export: the
// offsets of its line breaks, counted once, so that placing every talk
// costs a search each rather than a count from the start of the file.
type lineIndex []int32

func newLineIndex(data []byte) lineIndex {
	var breaks lineIndex
	for i := 0; ; i++ {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return breaks
		}
		i += j
		breaks = append(breaks, int32(i))
	}
}

// at returns the line of offset off: one more than the breaks before it.
func (l lineIndex) at(off int) int {
	n, _ := slices.BinarySearch(l, int32(max(off, 0)))
	return n + 1
}

// SafeURL is a schedule URL as logs and citations show it: without the
// credentials, query or fragment that may carry a token.
func SafeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unreadable URL)"
	}
	u.User, u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = nil, "", false, "", ""
	return u.String()
}
