package corpus

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzPieceCode checks that coding a text with a dictionary and decoding
// it gives the text back, whatever it holds.
func FuzzPieceCode(f *testing.F) {
	sample := &Talk{bullets: []Bullet{{Text: "the GIL, the GIL and the rest"}, {Text: "asyncio: the event loop"}, {Text: "the GIL, again"}}}
	d := newPieceDict([]*Talk{sample})
	for _, s := range []string{"", "the GIL, the GIL", "ünïcödé text — dashes", "\xff\xfe invalid", "a\x00b", "   leading", "trailing   ", "3.6.1 -> 3.7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := d.decode(d.encode(nil, s)); got != s {
			t.Fatalf("decode(encode(%q)) = %q", s, got)
		}
	})
}

func TestCompactKeepsBullets(t *testing.T) {
	bullets := []Bullet{
		{Text: "first line, with words", File: "a.md", Line: 3, Section: []string{"Intro"}, Parent: -1},
		{Text: "a sub-bullet", File: "a.md", Line: 4, Section: []string{"Intro"}, Parent: 0},
		{Text: "from another file — ünïcödé", File: "b.md", Line: 10, Section: nil, Parent: -1},
		{Text: "", File: "b.md", Line: 11, Section: []string{"Q&A", "More"}, Parent: -1},
	}
	tk := &Talk{bullets: append([]Bullet(nil), bullets...)}
	for i, want := range bullets { // before compacting, as small corpora stay
		if place, text := tk.Place(i), tk.AppendText(nil, i); place.Text != "" || place.Line != want.Line || string(text) != want.Text {
			t.Errorf("uncompacted bullet %d: place %+v, text %q; want %+v", i, place, text, want)
		}
	}
	tk.compact(newPieceDict([]*Talk{tk}), nil)
	if tk.bullets != nil {
		t.Error("strings kept after compacting")
	}
	if tk.NumBullets() != len(bullets) {
		t.Fatalf("NumBullets = %d, want %d", tk.NumBullets(), len(bullets))
	}
	for i, want := range bullets {
		place := tk.Place(i)
		if place.Text != "" || place.File != want.File || place.Line != want.Line || place.Parent != want.Parent || !slices.Equal(place.Section, want.Section) {
			t.Errorf("place of bullet %d = %+v, want %+v without its text", i, place, want)
		}
		if text := tk.AppendText([]byte("kept:"), i); string(text) != "kept:"+want.Text {
			t.Errorf("AppendText(bullet %d) = %q, want %q after what it appends to", i, text, want.Text)
		}
		got := tk.Bullet(i)
		if got.Text != want.Text || got.File != want.File || got.Line != want.Line || got.Parent != want.Parent || len(got.Section) != len(want.Section) {
			t.Errorf("bullet %d = %+v, want %+v", i, got, want)
		}
		for k := range want.Section {
			if got.Section[k] != want.Section[k] {
				t.Errorf("bullet %d section = %q, want %q", i, got.Section, want.Section)
			}
		}
	}
}

// TestLoadCodesAsItReads: in a corpus large enough to code, the talks of
// files read after the dictionary is made come coded; a talk two such
// files share is joined with its lines, files and parents as written; and
// the dictionary is the same however many workers read the files.
// (Files read while the dictionary is being made come as strings, coded
// once all are read.)
func TestLoadCodesAsItReads(t *testing.T) {
	fsys := fstest.MapFS{}
	const files, talks, lines = 20, 10, 300 // 60,000 bullets: the sample is whole after 17 files
	for f := range files {
		var b strings.Builder
		for k := range talks {
			fmt.Fprintf(&b, "# %s - Ann Lee\n\n", nonsenseWord(f*talks+k))
			for i := range lines {
				fmt.Fprintf(&b, "* line %d of talk %d in file %d, about the gil\n", i, k, f)
			}
			b.WriteString("\n")
		}
		fsys[fmt.Sprintf("bigconf-2020-notes-%03d.md", f)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	fsys["zconf-2021-a.md"] = &fstest.MapFile{Data: []byte("# The Shared Talk - Bo Chen\n\n* first of a\n    * child of a\n")}
	fsys["zconf-2021-b.md"] = &fstest.MapFile{Data: []byte("# The Shared Talk - Bo Chen\n\n* first of b\n* second of b\n    * child of b\n")}

	load := func(procs int) *Corpus {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		c, err := Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := load(1) // one worker: the files after the sample are read once the dictionary is made
	if len(c.Talks) != files*talks+1 {
		t.Fatalf("%d talks, want %d", len(c.Talks), files*talks+1)
	}
	for _, tk := range c.Talks {
		if tk.notes.lines == nil || tk.bullets != nil {
			t.Fatalf("talk %q is not coded", tk.Title)
		}
	}
	tk := c.Talks[len(c.Talks)-1]
	want := []Bullet{
		{Text: "first of a", File: "zconf-2021-a.md", Line: 3, Parent: -1},
		{Text: "child of a", File: "zconf-2021-a.md", Line: 4, Parent: 0},
		{Text: "first of b", File: "zconf-2021-b.md", Line: 3, Parent: -1},
		{Text: "second of b", File: "zconf-2021-b.md", Line: 4, Parent: -1},
		{Text: "child of b", File: "zconf-2021-b.md", Line: 5, Parent: 3},
	}
	if tk.Title != "The Shared Talk" || tk.NumBullets() != len(want) {
		t.Fatalf("last talk %q has %d lines, want %q with %d", tk.Title, tk.NumBullets(), "The Shared Talk", len(want))
	}
	for i, w := range want {
		if got := tk.Bullet(i); got.Text != w.Text || got.File != w.File || got.Line != w.Line || got.Parent != w.Parent {
			t.Errorf("shared talk's line %d = %+v, want %+v", i, got, w)
		}
	}
	if got, want := c.Talks[123].Bullet(45).Text, "line 45 of talk 3 in file 12, about the gil"; got != want {
		t.Errorf("talk 123, line 45 = %q, want %q", got, want)
	}
	if more := load(4); more.Talks[0].notes.dict.data != c.Talks[0].notes.dict.data {
		t.Error("the dictionary depends on how many workers read the files")
	}
}

// nonsenseWord is a word of its own for each n: "Baca", "Bace", ...
func nonsenseWord(n int) string {
	w := []byte{'B'}
	for range 3 {
		w = append(w, "aeiou"[n%5], "bcdfg"[n/5%5])
		n /= 25
	}
	return string(w)
}
