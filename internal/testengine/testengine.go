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

// UntrustedReply is a reply in which every text a renderer shows comes
// from the given strings, for fuzzing renderers: note text, titles,
// speakers, events, file names, links, notices and suggestions.
func UntrustedReply(title, text, file, url, question string) answer.Reply {
	cit := answer.Citation{Talk: title, Speakers: []string{title}, Event: text, File: file, Line: 1, URL: url}
	return answer.Reply{Command: "ask", Query: question, Notice: text, Suggestions: []string{text},
		Talks: []answer.TalkResult{{Title: title, Speakers: []string{text}, Event: title, URL: url,
			Snippets: []answer.Snippet{{Text: text, Citation: cit}}}}}
}
