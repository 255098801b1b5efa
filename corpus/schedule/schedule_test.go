package schedule

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/talkbot/talkbot/internal/golden"
)

// readTestdata returns a file of testdata, gunzipped when it ends in .gz.
func readTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			tb.Fatal(err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			tb.Fatal(err)
		}
	}
	return data
}

var exports = []string{"fosdem-2026.xml.gz", "fosdem-2012.xml.gz", "pretalx-rc3.json", "pretalx-democon.json", "frab-camp2019.json"}

// countEvents counts an export's events without this package: <event>
// elements of the XML, event objects of the JSON's days and rooms.
func countEvents(t *testing.T, data []byte) int {
	t.Helper()
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("<")) {
		return len(regexp.MustCompile(`<event[\s>]`).FindAll(data, -1))
	}
	var v struct {
		Schedule struct {
			Conference struct {
				Days []struct {
					Rooms map[string][]json.RawMessage `json:"rooms"`
				} `json:"days"`
			} `json:"conference"`
		} `json:"schedule"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range v.Schedule.Conference.Days {
		for _, evs := range d.Rooms {
			n += len(evs)
		}
	}
	return n
}

// TestEveryEventLoads: each export gives as many talks as it has events,
// each with a title, a start, a room and lines inside the file.
func TestEveryEventLoads(t *testing.T) {
	for _, name := range exports {
		t.Run(name, func(t *testing.T) {
			data := readTestdata(t, name)
			s, err := Read(data)
			if err != nil {
				t.Fatal(err)
			}
			want := countEvents(t, data)
			if len(s.Talks) != want {
				t.Errorf("%d talks; the file has %d events", len(s.Talks), want)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, tk := range s.Talks {
				if tk.Title == "" || tk.Start.IsZero() || tk.Room == "" {
					t.Errorf("talk at line %d: title %q, start %v, room %q", tk.Line, tk.Title, tk.Start, tk.Room)
				}
				if tk.End.Before(tk.Start) {
					t.Errorf("%q ends before it starts", tk.Title)
				}
				for _, l := range []int{tk.Line, tk.AbstractLine, tk.DescriptionLine} {
					if l < 1 || l > lines {
						t.Errorf("%q cites line %d of %d", tk.Title, l, lines)
					}
				}
			}
			t.Logf("%s: %d talks, zone %v", s.Conference, len(s.Talks), s.Zone)
		})
	}
}

// TestCitedLinesHoldTheText: the line a talk cites holds its title, and
// its abstract's line the abstract's start, as the file writes them.
func TestCitedLinesHoldTheText(t *testing.T) {
	for _, name := range exports {
		t.Run(name, func(t *testing.T) {
			data := readTestdata(t, name)
			s, err := Read(data)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(data), "\n")
			for _, tk := range s.Talks {
				if !strings.Contains(lines[tk.AbstractLine-1], "abstract") {
					t.Errorf("%q: abstract line %d is %q", tk.Title, tk.AbstractLine, lines[tk.AbstractLine-1])
				}
			}
		})
	}
}

// TestTimes: starts in the conference's zone, ends after the duration,
// the older XML's day change respected.
func TestTimes(t *testing.T) {
	s, err := Read(readTestdata(t, "fosdem-2026.xml.gz"))
	if err != nil {
		t.Fatal(err)
	}
	first := s.Talks[0]
	if first.Title != "Welcome to FOSDEM 2026" || first.Start.Location().String() != "Europe/Brussels" ||
		first.Start.Format(time.DateTime) != "2026-01-31 09:30:00" || first.End.Sub(first.Start) != 20*time.Minute {
		t.Errorf("first talk %q at %v to %v", first.Title, first.Start, first.End)
	}
	old, err := Read([]byte(`<schedule><conference><title>Night Conf</title><day_change>04:00</day_change><time_zone_name>Europe/Berlin</time_zone_name></conference>
<day date="2019-08-21"><event id="1"><start>23:30</start><duration>01:00</duration><room>A</room><title>Late</title></event>
<event id="2"><start>01:30</start><duration>00:30</duration><room>A</room><title>Later</title></event></day></schedule>`))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(old.Talks[0].Start.Format(time.DateTime), " ", old.Talks[1].Start.Format(time.DateTime), " ", old.Talks[1].Start.Location())
	if want := "2019-08-21 23:30:00 2019-08-22 01:30:00 Europe/Berlin"; got != want {
		t.Errorf("night talks at %s; want %s", got, want)
	}
}

// TestSamplesGolden: a few talks of each export, as read.
func TestSamplesGolden(t *testing.T) {
	for _, name := range exports {
		t.Run(name, func(t *testing.T) {
			s, err := Read(readTestdata(t, name))
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%s (%s), zone %v, %d talks\n", s.Conference, s.Acronym, s.Zone, len(s.Talks))
			for _, i := range []int{0, len(s.Talks) / 2, len(s.Talks) - 1} {
				tk := s.Talks[i]
				fmt.Fprintf(&b, "\n%s\n  subtitle %q\n  by %q\n  %s, %s–%s, room %q, track %q, type %q, language %q\n  %s\n  lines %d, %d, %d; %d links\n",
					tk.Title, tk.Subtitle, tk.Speakers, tk.Start.Format("Mon 2006-01-02 15:04 MST"), tk.Start.Format("15:04"), tk.End.Format("15:04"),
					tk.Room, tk.Track, tk.Type, tk.Language, tk.URL, tk.Line, tk.AbstractLine, tk.DescriptionLine, len(tk.Links))
				fmt.Fprintf(&b, "  abstract: %s\n", clip(tk.Abstract, 300))
				fmt.Fprintf(&b, "  description: %s\n", clip(tk.Description, 300))
			}
			golden.Check(t, strings.TrimSuffix(name, ".gz")+".golden", b.String())
		})
	}
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ⏎ ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>One &amp; two.</p><p>Three</p>", "One & two.\nThree"},
		{"plain text &lt;3", "plain text <3"},
		{"a < b and c > d", "a < b and c > d"},
		{"<ul><li>x</li><li>y</li></ul>", "x\ny"},
		{"line one<br/>line two", "line one\nline two"},
		{"<a href=\"http://x\">link</a> text", "link text"},
		{"one<b>two</b>", "onetwo"},
		{"  spaced \r\n\r\n out  ", "spaced\nout"},
		{"a sentence broken\nover lines.\n\nA paragraph.", "a sentence broken over lines.\nA paragraph."},
		{"the <a href=\"x\">Y.js CRDT</a>, and", "the Y.js CRDT, and"},
		{"unclosed <p", "unclosed <p"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestNotSchedules(t *testing.T) {
	for _, in := range []string{"", "# notes\n", `{"a": 1}`, `<html><body>x</body></html>`, `{"schedule": {"conference": {"days": []}}}`, "<schedule></schedule>", "<schedule><event>"} {
		if _, err := Read([]byte(in)); err == nil {
			t.Errorf("Read(%q) = nil error; want one", in)
		}
	}
	if !IsSchedule(readTestdata(t, "pretalx-democon.json")) || IsSchedule([]byte(`{"talks": []}`)) || !IsSchedule([]byte("<?xml version=\"1.0\"?>\n<schedule>")) {
		t.Error("IsSchedule misreads")
	}
}

// FuzzRead: any input is read or refused without panic, in bounded time,
// and every talk read cites lines inside the input.
// FuzzReadJSON and FuzzReadXML: the parsers never panic, and every talk
// they read has a title and is cited at lines of the export.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"schedule":{"conference":{"title":"C","time_zone_name":"Europe/Berlin","days":[{"date":"2020-01-01","rooms":{"A":[{"guid":"g","date":"2020-01-01T10:00:00+01:00","duration":"00:30","title":"T","abstract":"<p>x</p>","persons":[{"public_name":"P"}]}]}}]}}}`))
	f.Add(readTestdata(f, "pretalx-democon.json")[:4000])
	f.Fuzz(checkRead)
}

func FuzzReadXML(f *testing.F) {
	f.Add([]byte("<schedule><conference><title>C</title><day_change>04:00</day_change></conference><day date=\"2012-02-04\"><event id=\"1\"><start>01:00</start><duration>00:30</duration><room>R</room><title>T</title><abstract>&lt;p&gt;a&lt;/p&gt;</abstract></event></day></schedule>"))
	f.Add([]byte("<schedule><conference><title>C</title><time_zone_name>Europe/Brussels</time_zone_name></conference><day index=\"1\" date=\"2026-01-31\"><room name=\"K.1.105\"><event guid=\"g\" id=\"2\"><date>2026-01-31T10:00:00+01:00</date><start>10:00</start><duration>00:50</duration><room>K.1.105</room><title>T</title><persons><person id=\"3\">P</person></persons></event></room></day></schedule>"))
	f.Fuzz(checkRead)
}

func checkRead(t *testing.T, data []byte) {
	s, err := Read(data)
	if err != nil {
		return
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	for _, tk := range s.Talks {
		if strings.TrimSpace(tk.Title) == "" {
			t.Fatalf("a talk without a title at line %d", tk.Line)
		}
		for _, l := range []int{tk.Line, tk.AbstractLine, tk.DescriptionLine} {
			if l < 1 || l > lines {
				t.Fatalf("%q cites line %d of %d", tk.Title, l, lines)
			}
		}
	}
}

func TestSafeURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://pretalx.example/democon/schedule.json", "https://pretalx.example/democon/schedule.json"},
		{"https://bot:hunter2@pretalx.example/democon/schedule.json?token=s3cr3t#x", "https://pretalx.example/democon/schedule.json"},
		{"http://example.org:8080/a.xml?", "http://example.org:8080/a.xml"},
		{"http://[::1", "(unreadable URL)"},
	} {
		if got := SafeURL(tt.in); got != tt.want {
			t.Errorf("SafeURL(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestLineIndex: the line an offset is on is one more than the line breaks
// before it, for every offset of texts with and without breaks.
func TestLineIndex(t *testing.T) {
	for _, text := range []string{"", "a", "\n", "\n\n", "a\nb", "ab\n\ncd\n", "\nx\n\ny"} {
		lines := newLineIndex([]byte(text))
		for off := -1; off <= len(text)+1; off++ {
			want := strings.Count(text[:min(max(off, 0), len(text))], "\n") + 1
			if got := lines.at(off); got != want {
				t.Errorf("line of offset %d in %q = %d; want %d", off, text, got, want)
			}
		}
	}
}
