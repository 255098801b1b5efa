package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/sahilm/fuzzy"

	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/internal/perf"
)

// measured is an engine's figures, and its latencies by kind of question
// when the questions have kinds.
type measured struct {
	perf.Result
	Kinds []perf.KindResult `json:"kinds,omitempty"`
}

// measure times an engine on the questions; kinds, when not nil, gives
// each question's kind.
func measure(engine, dir string, qs, kinds []string, fuzzySample int) (measured, error) {
	var r perf.Result
	var lat []time.Duration
	var err error
	switch engine {
	case "talkbot":
		r, lat, err = perf.TalkbotLatencies(context.Background(), os.DirFS(dir), qs)
	case "bleve":
		r, lat, err = measureBleve(dir, qs)
	case "fuzzy":
		var sample []int
		r, lat, sample, err = measureFuzzy(dir, qs, fuzzySample)
		if kinds != nil {
			picked := make([]string, len(sample))
			for i, k := range sample {
				picked[i] = kinds[k]
			}
			kinds = picked
		}
	default:
		return measured{}, fmt.Errorf("unknown engine %q (talkbot, bleve, fuzzy)", engine)
	}
	if err != nil {
		return measured{}, err
	}
	m := measured{Result: r}
	if kinds != nil {
		m.Kinds = perf.ByKind(kinds, lat)
	}
	return m, nil
}

// bulletDoc is what Bleve indexes of a bullet.
type bulletDoc struct {
	Text    string `json:"text"`
	Title   string `json:"title"`
	Speaker string `json:"speaker"`
}

// bleveMapping is Bleve's index for bullets at its fastest that still
// answers as talkbot does: text stored (to quote it), title and speakers
// searchable, all three in the _all field, BM25, no term vectors or doc
// values (nothing here highlights, sorts or facets).
func bleveMapping() mapping.IndexMapping {
	field := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = standard.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.DocValues = false
		f.IncludeInAll = true
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("text", field(true))
	doc.AddFieldMappingsAt("title", field(false))
	doc.AddFieldMappingsAt("speaker", field(false))
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = standard.Name
	m.ScoringModel = index.BM25Scoring
	return m
}

func measureBleve(dir string, qs []string) (perf.Result, []time.Duration, error) {
	base := perf.HeapMiB()
	start := time.Now()
	c, err := corpus.Load(os.DirFS(dir))
	if err != nil {
		return perf.Result{}, nil, err
	}
	loaded := time.Now()
	ix, err := bleve.NewUsing("", bleveMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return perf.Result{}, nil, err
	}
	b := ix.NewBatch()
	n := 0
	for _, t := range c.Talks {
		speakers := ""
		for i, s := range t.Speakers {
			if i > 0 {
				speakers += ", "
			}
			speakers += s
		}
		for _, bl := range t.AllBullets() {
			if err := b.Index(strconv.Itoa(n), bulletDoc{Text: bl.Text, Title: t.Title, Speaker: speakers}); err != nil {
				return perf.Result{}, nil, err
			}
			n++
			if b.Size() >= 10_000 {
				if err := ix.Batch(b); err != nil {
					return perf.Result{}, nil, err
				}
				b.Reset()
			}
		}
	}
	if err := ix.Batch(b); err != nil {
		return perf.Result{}, nil, err
	}
	indexed := time.Now()
	c = nil // Bleve keeps what it needs: the stored text
	r := perf.Result{
		Engine:  "bleve",
		Bullets: n,
		LoadS:   loaded.Sub(start).Seconds(),
		IndexS:  indexed.Sub(loaded).Seconds(),
		HeapMiB: perf.HeapMiB() - base,
		Queries: len(qs),
		Note:    "scorch in memory, bm25, match OR fuzziness-1 match on _all, top 10 with stored text",
	}
	lat := perf.Latencies(qs, func(q string) {
		exact := bleve.NewMatchQuery(q)
		fz := bleve.NewMatchQuery(q)
		fz.SetFuzziness(1)
		req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery([]query.Query{exact, fz}), 10, 0, false)
		req.Fields = []string{"text"}
		if _, err := ix.Search(req); err != nil {
			panic(err)
		}
	})
	r.P50us, r.P99us = perf.Micros(perf.Percentile(lat, 50)), perf.Micros(perf.Percentile(lat, 99))
	return r, lat, ix.Close()
}

// measureFuzzy answers with a subsequence scan of every bullet: what
// sahilm/fuzzy alone would do. It answers at most sample questions, and
// says which.
func measureFuzzy(dir string, qs []string, sample int) (perf.Result, []time.Duration, []int, error) {
	base := perf.HeapMiB()
	start := time.Now()
	c, err := corpus.Load(os.DirFS(dir))
	if err != nil {
		return perf.Result{}, nil, nil, err
	}
	loaded := time.Now()
	var texts []string
	for _, t := range c.Talks {
		for _, b := range t.AllBullets() {
			texts = append(texts, b.Text)
		}
	}
	indexed := time.Now()
	r := perf.Result{
		Engine:  "fuzzy",
		Bullets: len(texts),
		LoadS:   loaded.Sub(start).Seconds(),
		IndexS:  indexed.Sub(loaded).Seconds(),
		HeapMiB: perf.HeapMiB() - base,
	}
	picked := make([]int, len(qs))
	for i := range picked {
		picked[i] = i
	}
	if len(qs) > sample {
		step := float64(len(qs)) / float64(sample)
		picked = picked[:0]
		for i := range sample {
			picked = append(picked, int(float64(i)*step))
		}
		r.Note = fmt.Sprintf("a sample of %d of the %d questions, evenly spread", sample, len(qs))
	}
	s := make([]string, len(picked))
	for i, k := range picked {
		s[i] = qs[k]
	}
	r.Queries = len(s)
	lat := perf.Latencies(s, func(q string) { fuzzy.Find(q, texts) })
	r.P50us, r.P99us = perf.Micros(perf.Percentile(lat, 50)), perf.Micros(perf.Percentile(lat, 99))
	return r, lat, picked, nil
}
