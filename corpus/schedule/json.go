package schedule

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// jsonExport is the frab schema of schedule.json, as pretalx and frab
// write it: days, each with its rooms, each with its events.
type jsonExport struct {
	Schedule struct {
		BaseURL    string `json:"base_url"`
		Conference struct {
			Acronym  string `json:"acronym"`
			Title    string `json:"title"`
			TimeZone string `json:"time_zone_name"`
			Days     []struct {
				Date  string                 `json:"date"`
				Rooms map[string][]jsonEvent `json:"rooms"`
			} `json:"days"`
		} `json:"conference"`
	} `json:"schedule"`
}

type jsonEvent struct {
	ID          json.RawMessage `json:"id"` // a number in frab, sometimes a string
	GUID        string          `json:"guid"`
	Date        string          `json:"date"`
	Start       string          `json:"start"`
	Duration    string          `json:"duration"`
	Room        string          `json:"room"`
	Slug        string          `json:"slug"`
	URL         string          `json:"url"`
	Title       string          `json:"title"`
	Subtitle    string          `json:"subtitle"`
	Track       string          `json:"track"`
	Type        string          `json:"type"`
	Language    string          `json:"language"`
	Abstract    string          `json:"abstract"`
	Description string          `json:"description"`
	Persons     []struct {
		PublicName string `json:"public_name"`
		Name       string `json:"name"`
	} `json:"persons"`
	Links []struct {
		URL   string `json:"url"`
		Title string `json:"title"`
	} `json:"links"`
}

func readJSON(data []byte) (*Schedule, error) {
	var x jsonExport
	if err := json.Unmarshal(data, &x); err != nil {
		return nil, fmt.Errorf("schedule.json: %w", err)
	}
	c := x.Schedule.Conference
	s := &Schedule{Conference: c.Title, Acronym: c.Acronym, Zone: zone(c.TimeZone), BaseURL: x.Schedule.BaseURL}
	lines := newLineFinder(data)
	for _, day := range c.Days {
		// Rooms come as a JSON object: their order is the file's, which
		// a map loses; events are sorted by start, then by line, below.
		for room, events := range day.Rooms {
			for _, e := range events {
				trim := strings.TrimSpace
				t := Talk{
					ID: idString(e.ID), GUID: e.GUID, Title: trim(e.Title), Subtitle: trim(e.Subtitle),
					Track: trim(e.Track), Type: trim(e.Type), Room: trim(e.Room), Language: trim(e.Language),
					URL: trim(e.URL), Slug: trim(e.Slug),
					Abstract: plainText(e.Abstract), Description: plainText(e.Description),
				}
				if t.Room == "" {
					t.Room = trim(room)
				}
				for _, p := range e.Persons {
					name := trim(p.PublicName)
					if name == "" {
						name = trim(p.Name)
					}
					if name != "" {
						t.Speakers = append(t.Speakers, name)
					}
				}
				for _, l := range e.Links {
					t.Links = append(t.Links, Link{Title: l.Title, URL: l.URL})
				}
				if start, err := time.Parse(time.RFC3339, e.Date); err == nil {
					t.Start = inZone(start, s.Zone)
					t.End = t.Start.Add(duration(e.Duration))
				}
				t.Line, t.AbstractLine, t.DescriptionLine = lines.event(e.GUID, t.ID, t.Title)
				s.Talks = append(s.Talks, t)
			}
		}
	}
	sortTalks(s.Talks)
	return s, nil
}

func idString(raw json.RawMessage) string {
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	var str string
	if json.Unmarshal(raw, &str) == nil {
		return str
	}
	return ""
}

// inZone shows t in the conference's zone, or as written when none.
func inZone(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		return t
	}
	return t.In(loc)
}

// lineFinder finds where an event of a JSON export stands, and its
// abstract and description: the decoder keeps no positions, so the
// event's guid (or id, or title) is looked up in the text, and its fields
// after it.
type lineFinder struct {
	data  []byte
	lines lineIndex
	from  int // where the last event was found: events come in order
}

func newLineFinder(data []byte) *lineFinder {
	return &lineFinder{data: data, lines: newLineIndex(data)}
}

func (f *lineFinder) event(guid, id, title string) (line, abstract, description int) {
	at := -1
	for _, value := range []string{guid, title} {
		if value == "" {
			continue
		}
		for _, key := range jsonStrings(value) {
			if at = indexFrom(f.data, key, f.from); at < 0 {
				at = indexFrom(f.data, key, 0)
			}
			if at >= 0 {
				break
			}
		}
		if at >= 0 {
			break
		}
	}
	if at < 0 {
		return 1, 1, 1
	}
	f.from = at
	// The object's opening brace is the event's line.
	open := max(0, bytes.LastIndexByte(f.data[:at], '{'))
	line = f.lines.at(open)
	end := indexFrom(f.data, []byte(`"guid"`), at+len(guid)+2) // the next event, or the end
	if end < 0 {
		end = len(f.data)
	}
	field := func(name string) int {
		if i := indexFrom(f.data[:end], []byte(`"`+name+`"`), open); i >= 0 {
			return f.lines.at(i)
		}
		return line
	}
	return line, field("abstract"), field("description")
}

// jsonStrings returns a string as JSON may write it: with "<", ">" and
// "&" as themselves or escaped.
func jsonStrings(s string) [][]byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	plain := bytes.TrimSpace(b.Bytes())
	escaped, _ := json.Marshal(s)
	if bytes.Equal(plain, escaped) {
		return [][]byte{plain}
	}
	return [][]byte{plain, escaped}
}

func indexFrom(data, key []byte, from int) int {
	if from >= len(data) {
		return -1
	}
	i := bytes.Index(data[from:], key)
	if i < 0 {
		return -1
	}
	return from + i
}
