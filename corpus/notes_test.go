package corpus

import (
	"slices"
	"testing"
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
