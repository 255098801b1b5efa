package answer

import (
	"os"
	"testing"

	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/internal/synth"
)

// syntheticNotes writes n synthetic bullets drawn with seed (see
// internal/synth) into a temporary folder, and returns the folder and the
// vocabulary they were drawn from.
func syntheticNotes(tb testing.TB, seed uint64, n int) (string, []string) {
	tb.Helper()
	vocab, err := synth.Vocabulary()
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	if _, _, err := synth.NewGenerator(vocab, seed).WriteCorpus(dir, n); err != nil {
		tb.Fatal(err)
	}
	return dir, vocab
}

// loadNotes loads a folder of notes.
func loadNotes(tb testing.TB, dir string) *corpus.Corpus {
	tb.Helper()
	c, err := corpus.Load(os.DirFS(dir))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
