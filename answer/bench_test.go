package answer

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/corpus/embedded"
	"github.com/talkbot/talkbot/internal/synth"
)

var benchQuestions = []string{
	"grok the gil",
	"what did beazley say about thread priorities",
	"kubernets",
	"how many crashes does mozilla get per day",
	"europython uvloop",
	"kotlin coroutines",
	"talks by martelli",
	"how do I use the free-threaded python 3.13 build without the gil",
}

// BenchmarkAsk answers a mix of questions on the embedded corpus.
func BenchmarkAsk(b *testing.B) {
	e := defaultEngine(b)
	ctx := b.Context()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		e.Handle(ctx, Parse(benchQuestions[i%len(benchQuestions)]), Options{})
	}
}

// BenchmarkLoadAndIndex loads and indexes the embedded corpus, as a cold
// start does.
func BenchmarkLoadAndIndex(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := corpus.Load(embedded.FS)
		if err != nil {
			b.Fatal(err)
		}
		NewIndex(c)
	}
}

// syntheticEngine indexes a synthetic corpus of n bullets (see
// internal/synth) and returns the engine and questions drawn for it.
func syntheticEngine(b *testing.B, n int) (*Engine, []string) {
	b.Helper()
	dir, vocab := syntheticNotes(b, 1, n)
	c := loadNotes(b, dir)
	g := synth.NewGenerator(vocab, 2)
	qs := make([]string, 500)
	for i := range qs {
		qs[i] = g.Query()
	}
	return New(NewIndex(c)), qs
}

// BenchmarkAskKinds answers each kind of synthetic question (synth.Kinds:
// plain words, each kind of typo, a speaker and a word, a fragment of a
// title, nonsense, long chat questions) on a synthetic corpus of 100,000
// bullets, or TALKBOT_BENCH_BULLETS: compare kinds before and after a
// change with benchstat. chat-typed asks the questions of
// testdata/chat.jsonl, typed as people type in chat (greetings,
// contractions, asides), of the same notes; event, words at an event
// (synth.EventQuery), whose common words are read within it.
func BenchmarkAskKinds(b *testing.B) {
	e, g := kindsEngine(b)
	kinds := map[string][]string{}
	for _, kind := range synth.Kinds {
		qs := make([]string, 300)
		for i := range qs {
			qs[i] = g.KindQuery(kind)
		}
		kinds[kind] = qs
	}
	for _, q := range readEvalFile(b, "testdata/chat.jsonl") {
		kinds["chat-typed"] = append(kinds["chat-typed"], q.Q)
	}
	for range 300 {
		kinds["event"] = append(kinds["event"], g.EventQuery())
	}
	for _, kind := range append(synth.Kinds, "chat-typed", "event") {
		qs := kinds[kind]
		b.Run(kind, func(b *testing.B) {
			ctx := b.Context()
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				e.Handle(ctx, Parse(qs[i%len(qs)]), Options{})
			}
		})
	}
}

// kindsEngine indexes a synthetic corpus of 100,000 bullets, or
// TALKBOT_BENCH_BULLETS, and returns its engine and a generator of
// questions that knows its talks.
func kindsEngine(b *testing.B) (*Engine, *synth.Generator) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("TALKBOT_BENCH_BULLETS")); err == nil && v > 0 {
		n = v
	}
	vocab, err := synth.Vocabulary()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	writer := synth.NewGenerator(vocab, 1)
	if _, _, err := writer.WriteCorpus(dir, n); err != nil {
		b.Fatal(err)
	}
	c, err := corpus.Load(os.DirFS(dir))
	if err != nil {
		b.Fatal(err)
	}
	ix := NewIndex(c)
	ix.Warm()
	g := synth.NewGenerator(vocab, 2)
	g.Knows(writer)
	return New(ix), g
}

// BenchmarkBrowse runs the browsing commands on the notes of
// BenchmarkAskKinds: speaker with the surname most speakers share (and so
// the most talks), speaker with any speaker's surname, show with a part of
// a title, event with an event's name. Completion has
// BenchmarkComplete100kTitles.
func BenchmarkBrowse(b *testing.B) {
	e, _ := kindsEngine(b)
	talks := e.Index().corpus.Talks
	surnames := map[string]int{}
	var any, titles, events []string
	for i, t := range talks {
		for _, s := range t.Speakers {
			f := strings.Fields(s)
			surnames[f[len(f)-1]]++
			if i%7 == 0 {
				any = append(any, f[len(f)-1])
			}
		}
		if f := strings.Fields(t.Title); i%7 == 0 && len(f) > 0 {
			titles = append(titles, strings.Join(f[:min(2, len(f))], " "))
			events = append(events, t.Event.String())
		}
	}
	shared := ""
	for s, n := range surnames {
		if shared == "" || n > surnames[shared] || n == surnames[shared] && s < shared {
			shared = s
		}
	}
	for _, bb := range []struct {
		name, command string
		args          []string
	}{
		{"speaker-shared", "speaker", []string{shared}},
		{"speaker", "speaker", any},
		{"show", "show", titles},
		{"event", "event", events},
	} {
		b.Run(bb.name, func(b *testing.B) {
			ctx := b.Context()
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				e.Handle(ctx, Request{Command: bb.command, Arg: bb.args[i%len(bb.args)]}, Options{})
			}
		})
	}
}

// BenchmarkAskSynthetic answers synthetic questions on a synthetic corpus
// of 100,000 bullets, or TALKBOT_BENCH_BULLETS.
func BenchmarkAskSynthetic(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("TALKBOT_BENCH_BULLETS")); err == nil && v > 0 {
		n = v
	}
	e, qs := syntheticEngine(b, n)
	ctx := b.Context()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		e.Handle(ctx, Parse(qs[i%len(qs)]), Options{})
	}
}
