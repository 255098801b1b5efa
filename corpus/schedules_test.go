package corpus

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestSchedulesBesideNotes loads a pretalx export beside notes: every
// event is a talk with its slot, cited at its lines with its page; a
// talk someone took notes of is one talk with both sources; a JSON file
// that is no schedule is ignored.
func TestSchedulesBesideNotes(t *testing.T) {
	export, err := os.ReadFile("schedule/testdata/pretalx-democon.json")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"democon-2020/schedule.json": {Data: export},
		"democon-2020/notes.md": {Data: []byte("# Managed stable function (Jeremy Beck)\n\n" +
			"* the speaker showed a stable function\n* managed by a team of two\n")},
		"democon-2020/package.json": {Data: []byte(`{"name": "not-a-schedule"}`)},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) > 0 {
		t.Fatalf("problems: %v", c.Problems)
	}
	if len(c.Talks) != 36 {
		t.Errorf("%d talks; want the export's 36, the noted one among them", len(c.Talks))
	}
	var kinds []string
	for _, f := range c.Files {
		kinds = append(kinds, f.File+" "+string(f.Kind))
	}
	if want := []string{"democon-2020/notes.md one talk", "democon-2020/schedule.json schedule"}; !slices.Equal(kinds, want) {
		t.Errorf("files %q; want %q", kinds, want)
	}
	var noted *Talk
	for _, tk := range c.Talks {
		if tk.Slot == nil {
			t.Errorf("%q has no slot", tk.Title)
		}
		if tk.Event.String() != "DemoCon 2020" {
			t.Errorf("%q: event %q; want DemoCon 2020", tk.Title, tk.Event)
		}
		if tk.Title == "Managed stable function" {
			noted = tk
		}
	}
	if noted == nil {
		t.Fatal("the noted talk is missing")
	}
	if len(noted.Sources) != 2 || !slices.Contains(noted.Speakers, "Jeremy Beck") {
		t.Errorf("noted talk: sources %v, speakers %q; want the export and the notes", noted.Sources, noted.Speakers)
	}
	s := noted.Slot
	if s.Room != "Tan Room" || s.Start.Format(time.RFC3339) != "2020-12-14T08:00:00Z" || s.URL == "" {
		t.Errorf("slot %+v", s)
	}
	var fromExport, fromNotes int
	for _, b := range noted.AllBullets() {
		switch b.File {
		case "democon-2020/schedule.json":
			fromExport++
			if u := noted.URL(b); u != s.URL {
				t.Errorf("line %d of the export cites %q; want the talk's page %q", b.Line, u, s.URL)
			}
		case "democon-2020/notes.md":
			fromNotes++
		}
	}
	if fromExport == 0 || fromNotes != 2 {
		t.Errorf("%d lines from the export, %d from the notes", fromExport, fromNotes)
	}
	// The export's first line says when and where.
	for _, b := range noted.AllBullets() {
		if b.File == "democon-2020/schedule.json" {
			if !strings.Contains(b.Text, "Tan Room") || !strings.Contains(b.Text, "Monday 14 December 2020, 08:00") {
				t.Errorf("the export's first line %q; want the room and the time", b.Text)
			}
			break
		}
	}
}

// TestScheduleEventWithoutTitle: an event without a title is reported with
// its file and line, and the export's other events still load.
func TestScheduleEventWithoutTitle(t *testing.T) {
	export := `<schedule>
<conference><title>Tiny Conf</title><time_zone_name>Europe/Brussels</time_zone_name></conference>
<day date="2026-01-31">
<event id="1"><start>10:00</start><duration>00:30</duration><room>H.1</room><title>Kept talk</title></event>
<event id="2"><start>11:00</start><duration>00:30</duration><room>H.1</room><title>  </title></event>
</day>
</schedule>
`
	c, err := Load(fstest.MapFS{"tiny/schedule.xml": {Data: []byte(export)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Talks) != 1 || c.Talks[0].Title != "Kept talk" {
		t.Fatalf("talks %v, want the titled one", c.Talks)
	}
	want := "corpus: tiny/schedule.xml:5: event without a title, left out"
	if len(c.Problems) != 1 || c.Problems[0].Error() != want {
		t.Fatalf("problems %v, want %q", c.Problems, want)
	}
}

func TestScheduleURLs(t *testing.T) {
	for _, tt := range []struct {
		name     string
		manifest string // "" for none
		want     []string
		wantErr  bool
	}{
		{"no manifest", "", nil, false},
		{"no schedules", "sources:\n  a.md: {event: PyCon US, year: 2017, url: https://example.org/a}\n", nil, false},
		{"a file and a URL", "schedules:\n  - democon/schedule.json\n  - https://pretalx.example.org/democon/schedule.json\n", []string{"https://pretalx.example.org/democon/schedule.json"}, false},
		{"broken", "schedules: [https://x.org/s.json\n", nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"notes.md": {Data: []byte("# Talk\n\n* line\n")}}
			if tt.manifest != "" {
				fsys["corpus.yaml"] = &fstest.MapFile{Data: []byte(tt.manifest)}
			}
			got, err := ScheduleURLs(fsys)
			if (err != nil) != tt.wantErr || !slices.Equal(got, tt.want) {
				t.Errorf("ScheduleURLs = %q, %v; want %q, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}
