package schedule

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// xmlEvent is an <event> of schedule.xml, in the newer layout (an ISO
// <date> of its own) or the older one (only <start>, under a <day date>).
type xmlEvent struct {
	ID          string `xml:"id,attr"`
	GUID        string `xml:"guid,attr"`
	Date        string `xml:"date"`
	Start       string `xml:"start"`
	Duration    string `xml:"duration"`
	Room        string `xml:"room"`
	Slug        string `xml:"slug"`
	URL         string `xml:"url"`
	Title       string `xml:"title"`
	Subtitle    string `xml:"subtitle"`
	Track       string `xml:"track"`
	Type        string `xml:"type"`
	Language    string `xml:"language"`
	Abstract    string `xml:"abstract"`
	Description string `xml:"description"`
	Persons     []struct {
		Name string `xml:",chardata"`
	} `xml:"persons>person"`
	Links []struct {
		Href  string `xml:"href,attr"`
		Title string `xml:",chardata"`
	} `xml:"links>link"`
}

type xmlConference struct {
	Acronym   string `xml:"acronym"`
	Title     string `xml:"title"`
	DayChange string `xml:"day_change"`
	BaseURL   string `xml:"base_url"`
	TimeZone  string `xml:"time_zone_name"`
}

// readXML reads schedule.xml as a stream: the conference, then each day's
// events with the line each starts on.
func readXML(data []byte) (*Schedule, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "us-ascii") {
			return r, nil
		}
		return nil, fmt.Errorf("schedule.xml: charset %q: only UTF-8", charset)
	}
	s := &Schedule{}
	var conf xmlConference
	lines := newLineIndex(data)
	dayChange := time.Duration(0)
	day := ""
	root := true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, fmt.Errorf("schedule.xml: line %d: %w", line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root {
			if se.Name.Local != "schedule" {
				return nil, fmt.Errorf("%w: the root element is <%s>", ErrNotSchedule, se.Name.Local)
			}
			root = false
			continue
		}
		switch se.Name.Local {
		case "conference":
			if err := d.DecodeElement(&conf, &se); err != nil {
				return nil, fmt.Errorf("schedule.xml: conference: %w", err)
			}
			s.Conference, s.Acronym, s.BaseURL = strings.TrimSpace(conf.Title), strings.TrimSpace(conf.Acronym), strings.TrimSpace(conf.BaseURL)
			s.Zone = zone(strings.TrimSpace(conf.TimeZone))
			if dc, ok := clock(conf.DayChange); ok {
				dayChange = dc
			}
		case "day":
			for _, a := range se.Attr {
				if a.Name.Local == "date" {
					day = a.Value
				}
			}
		case "event":
			line, _ := d.InputPos()
			begin := int(d.InputOffset())
			var e xmlEvent
			if err := d.DecodeElement(&e, &se); err != nil {
				return nil, fmt.Errorf("schedule.xml: line %d: %w", line, err)
			}
			t := xmlTalk(e, s.Zone, day, dayChange)
			t.Line = line
			body := data[begin:min(int(d.InputOffset()), len(data))]
			t.AbstractLine, t.DescriptionLine = line, line
			if i := bytes.Index(body, []byte("<abstract")); i >= 0 {
				t.AbstractLine = lines.at(begin + i)
			}
			if i := bytes.Index(body, []byte("<description")); i >= 0 {
				t.DescriptionLine = lines.at(begin + i)
			}
			s.Talks = append(s.Talks, t)
		}
	}
	if root {
		return nil, ErrNotSchedule
	}
	sortTalks(s.Talks)
	return s, nil
}

func xmlTalk(e xmlEvent, loc *time.Location, day string, dayChange time.Duration) Talk {
	trim := strings.TrimSpace
	t := Talk{
		ID: trim(e.ID), GUID: trim(e.GUID), Title: trim(e.Title), Subtitle: trim(e.Subtitle),
		Track: trim(e.Track), Type: trim(e.Type), Room: trim(e.Room), Language: trim(e.Language),
		URL: trim(e.URL), Slug: trim(e.Slug),
		Abstract: plainText(e.Abstract), Description: plainText(e.Description),
	}
	for _, p := range e.Persons {
		if name := trim(p.Name); name != "" {
			t.Speakers = append(t.Speakers, name)
		}
	}
	for _, l := range e.Links {
		t.Links = append(t.Links, Link{Title: trim(l.Title), URL: trim(l.Href)})
	}
	if start, err := time.Parse(time.RFC3339, trim(e.Date)); err == nil {
		t.Start = inZone(start, loc)
	} else if d, err := time.Parse(time.DateOnly, day); err == nil {
		// The older layout: the day's date and the start's hour, in the
		// conference's zone; an hour before the day changes belongs to
		// the next calendar day ("01:30" on a night running to 04:00).
		if at, ok := clock(e.Start); ok {
			if loc == nil {
				loc = time.UTC
			}
			if at < dayChange {
				at += 24 * time.Hour
			}
			t.Start = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc).Add(at)
		}
	}
	if !t.Start.IsZero() {
		t.End = t.Start.Add(duration(e.Duration))
	}
	return t
}

// sortTalks orders talks by start, then by where they stand in the export.
func sortTalks(ts []Talk) {
	slices.SortStableFunc(ts, func(a, b Talk) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
}
