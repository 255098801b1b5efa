// Command gen writes a synthetic notes corpus and a queries file.
//
//	go run ./cmd/gen -bullets 1000000 -out /tmp/talkbot-1m
//
// writes /tmp/talkbot-1m/notes/*.md, /tmp/talkbot-1m/queries.txt,
// /tmp/talkbot-1m/queries-by-kind.tsv (bot bench --by-kind) and
// /tmp/talkbot-1m/queries-events.tsv, questions naming an event, a tenth
// as many (bot bench --by-kind too), and /tmp/talkbot-1m/queries-short-mix.tsv,
// half as many questions of 1-3 words in issue 17's proportions (60 % words,
// 15 % swapped letters, 10 % speaker and word, 10 % title fragments, 5 %
// nonsense), by kind.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/talkbot/talkbot/internal/synth"
)

func main() {
	bullets := flag.Int("bullets", 100_000, "bullets to write")
	queries := flag.Int("queries", 2000, "questions to write")
	seed := flag.Uint64("seed", 1, "random seed: the same seed writes the same files")
	out := flag.String("out", "", "output directory (required); notes go into OUT/notes")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out is required")
		os.Exit(2)
	}
	if err := gen(*out, *bullets, *queries, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func gen(out string, bullets, queries int, seed uint64) error {
	vocab, err := synth.Vocabulary()
	if err != nil {
		return err
	}
	notes := filepath.Join(out, "notes")
	if err := os.RemoveAll(notes); err != nil {
		return err
	}
	corpusGen := synth.NewGenerator(vocab, seed)
	n, files, err := corpusGen.WriteCorpus(notes, bullets)
	if err != nil {
		return err
	}
	// Questions come from their own stream, so the same seed asks the
	// same questions whatever the corpus size.
	if err := synth.NewGenerator(vocab, seed+1).WriteQueries(filepath.Join(out, "queries.txt"), queries); err != nil {
		return err
	}
	// Questions by kind (bot bench --by-kind), about this corpus's titles
	// and speakers.
	kinds := synth.NewGenerator(vocab, seed+2)
	kinds.Knows(corpusGen)
	if err := kinds.WriteKindQueries(filepath.Join(out, "queries-by-kind.tsv"), queries/len(synth.Kinds)); err != nil {
		return err
	}
	// Questions naming an event, apart: the mix above keeps its kinds.
	events := synth.NewGenerator(vocab, seed+3)
	events.Knows(corpusGen)
	if err := writeEventQueries(filepath.Join(out, "queries-events.tsv"), events, max(1, queries/10)); err != nil {
		return err
	}
	// Short questions in the proportions issue 17 measured Bleve with.
	short := synth.NewGenerator(vocab, seed+4)
	short.Knows(corpusGen)
	if err := writeShortMix(filepath.Join(out, "queries-short-mix.tsv"), short, max(1, queries/2)); err != nil {
		return err
	}
	fmt.Printf("wrote %d bullets in %d files to %s, %d questions to %s\n", n, files, notes, queries, filepath.Join(out, "queries.txt"))
	return nil
}

// writeEventQueries writes n questions naming an event, as
// "event<TAB>question" lines.
func writeEventQueries(path string, g *synth.Generator, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for range n {
		fmt.Fprintf(w, "event\t%s\n", g.EventQuery())
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// shortMix is issue 17's mix of short questions, a kind per twentieth.
var shortMix = []string{
	"words", "typo-swap", "words", "speaker-word", "words", "title", "words", "typo-swap", "words", "nonsense",
	"words", "speaker-word", "words", "typo-swap", "words", "title", "words", "words", "words", "words",
}

// writeShortMix writes n questions of shortMix's kinds, as
// "kind<TAB>question" lines.
func writeShortMix(path string, g *synth.Generator, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i := range n {
		k := shortMix[i%len(shortMix)]
		fmt.Fprintf(w, "%s\t%s\n", k, g.KindQuery(k))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
