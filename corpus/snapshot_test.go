package corpus

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"testing/fstest"

	"github.com/talkbot/talkbot/corpus/embedded"
	"github.com/talkbot/talkbot/internal/snapshot"
)

// TestSnapshotRoundTrip reads back what WriteSnapshot wrote of corpora of
// every kind: notes as strings and coded, schedules with their time zones,
// problems and file reports. The corpus read back is the one written, and
// writes the same bytes again.
func TestSnapshotRoundTrip(t *testing.T) {
	export, err := os.ReadFile("schedule/testdata/pretalx-democon.json")
	if err != nil {
		t.Fatal(err)
	}
	camp, err := os.ReadFile("schedule/testdata/frab-camp2019.json")
	if err != nil {
		t.Fatal(err)
	}
	schedules := fstest.MapFS{
		"democon-2020/schedule.json": {Data: export},
		"camp-2019/schedule.json":    {Data: camp},
		"democon-2020/notes.md":      {Data: []byte("# Managed stable function (Jeremy Beck)\n\n* the speaker showed a stable function\n  * managed by a team of two\n")},
		"democon-2020/broken.md":     {Data: []byte("# Title\n\n* ok\n\x00\xff")},
	}
	for _, tt := range []struct {
		name  string
		fsys  fs.FS
		coded bool
	}{
		{"embedded", embedded.FS, false},
		{"embedded coded", embedded.FS, true},
		{"rst folder", os.DirFS("testdata/daneah"), false},
		{"schedule", schedules, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.fsys)
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "schedule" && (len(c.Problems) == 0 || c.Talks[len(c.Talks)-1].Slot == nil) {
				t.Fatalf("problems %v, last talk's slot %v: want both", c.Problems, c.Talks[len(c.Talks)-1].Slot)
			}
			if tt.coded {
				d := newPieceDict(c.Talks)
				for _, tk := range c.Talks {
					tk.compact(d, nil)
				}
			}
			w := &snapshot.Writer{}
			c.WriteSnapshot(w)
			r := snapshot.NewReader(w.Bytes())
			got := ReadSnapshot(r)
			if err := r.Done(); err != nil {
				t.Fatalf("ReadSnapshot: %v", err)
			}
			sameCorpus(t, got, c)
			again := &snapshot.Writer{}
			got.WriteSnapshot(again)
			if !bytes.Equal(again.Bytes(), w.Bytes()) {
				t.Error("the corpus read back writes other bytes")
			}
		})
	}
}

// sameCorpus reports where got differs from want: every field of every
// talk and bullet, the slots' times with their zones, the problems as
// their messages.
func sameCorpus(t *testing.T, got, want *Corpus) {
	t.Helper()
	if len(got.Talks) != len(want.Talks) {
		t.Fatalf("%d talks; want %d", len(got.Talks), len(want.Talks))
	}
	for i, w := range want.Talks {
		g := got.Talks[i]
		// Every field but the notes and the slot, compared below: a field
		// added to Talk and left out of the snapshot fails here.
		gc, wc := *g, *w
		gc.Slot, wc.Slot = nil, nil
		gc.bullets, wc.bullets, gc.notes, wc.notes = nil, nil, notes{}, notes{}
		if !reflect.DeepEqual(gc, wc) {
			t.Errorf("talk %d = %+v; want %+v", i, gc, wc)
		}
		if g.NumBullets() != w.NumBullets() {
			t.Fatalf("talk %d: %d bullets; want %d", i, g.NumBullets(), w.NumBullets())
		}
		for k := range w.NumBullets() {
			gb, wb := g.Bullet(k), w.Bullet(k)
			if slices.Equal(gb.Section, wb.Section) {
				gb.Section = wb.Section // no section: nil and empty alike
			}
			if !reflect.DeepEqual(gb, wb) {
				t.Errorf("talk %d bullet %d = %+v; want %+v", i, k, gb, wb)
			}
		}
		if (g.Slot == nil) != (w.Slot == nil) {
			t.Fatalf("talk %d slot = %v; want %v", i, g.Slot, w.Slot)
		}
		if w.Slot == nil {
			continue
		}
		gs, ws := *g.Slot, *w.Slot
		if !gs.Start.Equal(ws.Start) || !gs.End.Equal(ws.End) ||
			gs.Start.Location().String() != ws.Start.Location().String() || gs.Start.String() != ws.Start.String() {
			t.Errorf("talk %d slot times %v-%v; want %v-%v", i, gs.Start, gs.End, ws.Start, ws.End)
		}
		gs.Start, gs.End = ws.Start, ws.End
		if !reflect.DeepEqual(gs, ws) {
			t.Errorf("talk %d slot = %+v; want %+v", i, gs, ws)
		}
	}
	if !reflect.DeepEqual(got.Files, want.Files) {
		t.Errorf("files %v; want %v", got.Files, want.Files)
	}
	if len(got.Problems) != len(want.Problems) {
		t.Fatalf("problems %v; want %v", got.Problems, want.Problems)
	}
	for i, w := range want.Problems {
		if got.Problems[i].Error() != w.Error() {
			t.Errorf("problem %d = %v; want %v", i, got.Problems[i], w)
		}
	}
}

// TestSnapshotDamaged reads every cut of a snapshot: none panics, each is
// reported as damaged.
func TestSnapshotDamaged(t *testing.T) {
	c, err := Load(embedded.FS)
	if err != nil {
		t.Fatal(err)
	}
	d := newPieceDict(c.Talks)
	for _, tk := range c.Talks[:3] {
		tk.compact(d, nil)
	}
	w := &snapshot.Writer{}
	c.WriteSnapshot(w)
	data := w.Bytes()
	for n := 0; n < len(data); n += 1 + n/50 {
		r := snapshot.NewReader(data[:n])
		ReadSnapshot(r)
		if err := r.Done(); !errors.Is(err, snapshot.ErrDamaged) {
			t.Fatalf("cut at %d of %d: %v; want ErrDamaged", n, len(data), err)
		}
	}
}

// TestSnapshotHugeTalk: a talk with more sections than 16 bits number is
// kept bullet by bullet, and read back whole.
func TestSnapshotHugeTalk(t *testing.T) {
	tk := &Talk{Title: "Everything", Event: Event{Name: "PyCon", Year: 2017}}
	for i := range 1<<16 + 10 {
		tk.bullets = append(tk.bullets, Bullet{Text: "line", File: "a.md", Line: i + 1, Section: []string{strconv.Itoa(i)}, Parent: -1})
	}
	c := &Corpus{Talks: []*Talk{tk}}
	w := &snapshot.Writer{}
	c.WriteSnapshot(w)
	r := snapshot.NewReader(w.Bytes())
	got := ReadSnapshot(r)
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
	sameCorpus(t, got, c)
}
