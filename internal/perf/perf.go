// Package perf measures talkbot on a corpus and a set of questions: load
// and index time, Go heap after indexing, and the latency of each
// question answered single-threaded. The bot's "bench" command and the
// side-by-side comparison in bench/ both use it.
package perf

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/corpus"
)

// Result is one engine's measurement. Its JSON is what `bot bench --json`
// prints.
type Result struct {
	Engine  string  `json:"engine"`
	Bullets int     `json:"bullets"`
	LoadS   float64 `json:"load_s"`   // reading and parsing the notes
	IndexS  float64 `json:"index_s"`  // building the index from them
	HeapMiB float64 `json:"heap_mib"` // Go heap in use after indexing, after a GC
	Queries int     `json:"queries"`  // questions timed
	P50us   float64 `json:"p50_us"`
	P99us   float64 `json:"p99_us"`
	Note    string  `json:"note,omitempty"` // how the figures were taken, when it differs
}

// String is the result as one line of key=value pairs.
func (r Result) String() string {
	s := fmt.Sprintf("engine=%s bullets=%d load_s=%.2f index_s=%.2f heap_mib=%.0f p50_us=%.0f p99_us=%.0f queries=%d",
		r.Engine, r.Bullets, r.LoadS, r.IndexS, r.HeapMiB, r.P50us, r.P99us, r.Queries)
	if r.Note != "" {
		s += fmt.Sprintf(" note=%q", r.Note)
	}
	return s
}

// ReadQueries reads one question a line; blank lines and lines starting
// with "#" are skipped.
func ReadQueries(r io.Reader) ([]string, error) {
	var qs []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		q := strings.TrimSpace(sc.Text())
		if q == "" || strings.HasPrefix(q, "#") {
			continue
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}

// HeapMiB returns the Go heap in use after a full collection.
func HeapMiB() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// Latencies times fn on every question, single-threaded, after one warm-up
// pass over the first few, and returns the durations in question order.
func Latencies(qs []string, fn func(q string)) []time.Duration {
	for _, q := range qs[:min(len(qs), 20)] {
		fn(q)
	}
	out := make([]time.Duration, len(qs))
	for i, q := range qs {
		start := time.Now()
		fn(q)
		out[i] = time.Since(start)
	}
	return out
}

// Percentile returns the p-th percentile (0-100) of ds, nearest rank.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	k := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(k, len(s)-1))]
}

// Micros is a duration in microseconds.
func Micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// Talkbot loads the notes in fsys, indexes them and answers every
// question as the bot does (parse, retrieve, build the reply).
func Talkbot(ctx context.Context, fsys fs.FS, qs []string) (Result, error) {
	r, _, err := TalkbotLatencies(ctx, fsys, qs)
	return r, err
}

// TalkbotLatencies is Talkbot, with the latency of each question.
func TalkbotLatencies(ctx context.Context, fsys fs.FS, qs []string) (Result, []time.Duration, error) {
	base := HeapMiB()
	start := time.Now()
	c, err := corpus.Load(fsys)
	if err != nil {
		return Result{}, nil, err
	}
	loaded := time.Now()
	ix := answer.NewIndex(c)
	ix.Warm() // what a server builds right after: counted as indexing
	eng := answer.New(ix)
	indexed := time.Now()
	_, bullets := eng.Index().Size()
	r := Result{
		Engine:  "talkbot",
		Bullets: bullets,
		LoadS:   loaded.Sub(start).Seconds(),
		IndexS:  indexed.Sub(loaded).Seconds(),
		HeapMiB: HeapMiB() - base,
		Queries: len(qs),
	}
	lat := Latencies(qs, func(q string) { eng.Handle(ctx, answer.Parse(q), answer.Options{}) })
	r.P50us, r.P99us = Micros(Percentile(lat, 50)), Micros(Percentile(lat, 99))
	runtime.KeepAlive(eng)
	return r, lat, nil
}

// KindResult is the latency of the questions of one kind.
type KindResult struct {
	Kind    string  `json:"kind"`
	Queries int     `json:"queries"`
	P50us   float64 `json:"p50_us"`
	P99us   float64 `json:"p99_us"`
}

func (k KindResult) String() string {
	return fmt.Sprintf("kind=%s queries=%d p50_us=%.0f p99_us=%.0f", k.Kind, k.Queries, k.P50us, k.P99us)
}

// ByKind groups latencies by the kinds of their questions, in the order
// the kinds first appear, and adds "mix", all of them.
func ByKind(kinds []string, lat []time.Duration) []KindResult {
	var order []string
	by := map[string][]time.Duration{}
	for i, k := range kinds {
		if _, ok := by[k]; !ok {
			order = append(order, k)
		}
		by[k] = append(by[k], lat[i])
	}
	var out []KindResult
	for _, k := range append(order, "mix") {
		ds := by[k]
		if k == "mix" {
			ds = lat
		}
		out = append(out, KindResult{Kind: k, Queries: len(ds), P50us: Micros(Percentile(ds, 50)), P99us: Micros(Percentile(ds, 99))})
	}
	return out
}

// ReadKindQueries reads "kind<TAB>question" lines; a line without a tab
// is a question of kind "words".
func ReadKindQueries(r io.Reader) (qs, kinds []string, err error) {
	lines, err := ReadQueries(r)
	for _, l := range lines {
		k, q, ok := strings.Cut(l, "\t")
		if !ok {
			k, q = "words", l
		}
		qs, kinds = append(qs, strings.TrimSpace(q)), append(kinds, k)
	}
	return qs, kinds, err
}
