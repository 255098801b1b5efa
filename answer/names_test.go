package answer

import (
	"slices"
	"testing"
	"time"

	"github.com/talkbot/talkbot/internal/synth"
)

// TestNameIndexAgreesWithScan checks that looking names up through the
// name index ranks them as scanning every name does, on the default
// corpus's titles and speakers.
func TestNameIndexAgreesWithScan(t *testing.T) {
	e := defaultEngine(t)
	ix := e.Index()
	for _, tc := range []struct {
		field Field
		typed string
	}{
		{TitleField, "grok the gil"},
		{TitleField, "grok"},
		{TitleField, "gil"},
		{TitleField, "asyncio"},
		{TitleField, "asynci"},
		{TitleField, "kubernets"},
		{TitleField, "grkgl"},
		{TitleField, "python"},
		{TitleField, "the"},
		{TitleField, "x"},
		{SpeakerField, "beazley"},
		{SpeakerField, "beazly"},
		{SpeakerField, "dvd"},
		{EventField, "pycon"},
		{EventField, "europyton"},
	} {
		all := ix.names(tc.field).names
		want := matchNames(tc.typed, all)
		got := ix.findNames(tc.field, tc.typed, len(all))
		if !slices.EqualFunc(got, want, func(a, b nameMatch) bool { return a.index == b.index && a.rank == b.rank }) {
			t.Errorf("%q: index found %d names, scan %d:\n got %v\nwant %v", tc.typed, len(got), len(want), names(got), names(want))
		}
	}
}

func names(ms []nameMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.text)
	}
	return out
}

// BenchmarkComplete100kTitles completes what users type (a title's first
// letters, a word, a word with a typo, letters in order) over 100,000
// synthetic titles, and reports the 99th percentile.
func BenchmarkComplete100kTitles(b *testing.B) {
	vocab, err := synth.Vocabulary()
	if err != nil {
		b.Fatal(err)
	}
	g := synth.NewGenerator(vocab, 3)
	titles := g.Titles(100_000)
	ix := &Index{vocab: newVocabulary(0)}
	tz := newTokenizer()
	for _, t := range titles {
		for _, tk := range tz.tokenize(t) {
			ix.vocab.add(tk.word, 0)
		}
	}
	ix.titles = titles
	var typed []string
	for i := range 200 {
		t := titles[i*37%len(titles)]
		typed = append(typed, t[:min(len(t), 1+i%12)])
		typed = append(typed, g.Query())
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		ix.findNames(TitleField, typed[i%len(typed)], 25)
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
}

func TestMostShared(t *testing.T) {
	tests := []struct {
		lists [][]uint32
		want  int
	}{
		{nil, 0},
		{[][]uint32{{1, 5, 9}}, 1},
		{[][]uint32{{1, 5, 9}, {2, 6, 10}}, 1},
		{[][]uint32{{1, 5, 9}, {2, 5, 10}}, 2},
		{[][]uint32{{1, 5}, {5}, {3, 5}}, 3},
		{[][]uint32{{1, 2}, {2, 3}, {3, 4}}, 2},
		{[][]uint32{{}, {7}}, 1},
	}
	for _, tt := range tests {
		if got := mostShared(slices.Clone(tt.lists)); got != tt.want {
			t.Errorf("mostShared(%v) = %d; want %d", tt.lists, got, tt.want)
		}
	}
}
