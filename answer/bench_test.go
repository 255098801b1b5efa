package answer

import (
	"testing"

	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/corpus/embedded"
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
