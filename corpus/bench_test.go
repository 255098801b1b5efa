package corpus

import (
	"testing"

	"github.com/talkbot/talkbot/corpus/embedded"
)

// BenchmarkLoadEmbedded loads the default corpus, as every start does.
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(embedded.FS); err != nil {
			b.Fatal(err)
		}
	}
}
