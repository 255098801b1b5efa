// Package testengine gives tests an answer engine over the embedded
// corpus, built once per test binary.
package testengine

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"
	"time"

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
	return answer.Reply{Command: "ask", Query: question, Notice: text, Suggestions: []string{text}, More: true,
		Talks: []answer.TalkResult{{Title: title, Speakers: []string{text}, Event: title, URL: url,
			Snippets: []answer.Snippet{{Text: text, Citation: cit}}}}}.WithActions(answer.Request{Command: "ask", Arg: question})
}

// Schedule returns an engine over the pretalx demo conference's schedule
// export beside a notes file for one of its talks, its clock set to at
// (RFC 3339), for tests of scheduled talks.
func Schedule(tb testing.TB, at string) *answer.Engine {
	tb.Helper()
	_, here, _, _ := runtime.Caller(0)
	export, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "corpus", "schedule", "testdata", "pretalx-democon.json"))
	if err != nil {
		tb.Fatal(err)
	}
	c, err := corpus.Load(fstest.MapFS{
		"democon-2020/schedule.json": {Data: export},
		"democon-2020/notes.md":      {Data: []byte("# Managed stable function (Jeremy Beck)\n\n* stable functions need a managed team\n")},
	})
	if err != nil {
		tb.Fatal(err)
	}
	now, err := time.Parse(time.RFC3339, at)
	if err != nil {
		tb.Fatal(err)
	}
	e := answer.New(answer.NewIndex(c))
	e.SetClock(func() time.Time { return now })
	return e
}
