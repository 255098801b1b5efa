// Package testengine gives tests an answer engine over the embedded
// corpus, built once per test binary.
package testengine

import (
	"sync"
	"testing"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/corpus/embedded"
)

var (
	once   sync.Once
	engine *answer.Engine
	err    error
)

// Default returns the engine over the embedded corpus.
func Default(tb testing.TB) *answer.Engine {
	tb.Helper()
	once.Do(func() {
		var c *corpus.Corpus
		if c, err = corpus.Load(embedded.FS); err == nil {
			engine = answer.New(answer.NewIndex(c))
		}
	})
	if err != nil {
		tb.Fatal(err)
	}
	return engine
}
