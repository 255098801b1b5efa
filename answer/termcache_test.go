package answer

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"unsafe"

	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/corpus/embedded"
)

// TestTermCacheKeepsAnswers asks the eval questions of two fresh indexes
// of the embedded notes, in opposite orders and each twice, so that every
// question is answered with its words first read and then cached, after
// different questions: the replies must not differ.
func TestTermCacheKeepsAnswers(t *testing.T) {
	c, err := corpus.Load(embedded.FS)
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, f := range []string{"testdata/dev.jsonl", "testdata/chat.jsonl"} {
		for _, q := range readEvalFile(t, f) {
			qs = append(qs, q.Q)
		}
	}
	ask := func(e *Engine, q string) string {
		b, err := json.Marshal(e.Ask(t.Context(), q, Options{}))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	forward, backward := New(NewIndex(c)), New(NewIndex(c))
	first := map[string]string{}
	for _, q := range qs {
		first[q] = ask(forward, q)
	}
	for _, q := range slices.Backward(qs) {
		if got := ask(backward, q); got != first[q] {
			t.Errorf("%q: answered differently after other questions:\n%s\n%s", q, got, first[q])
		}
	}
	for _, q := range qs {
		if got := ask(forward, q); got != first[q] {
			t.Errorf("%q: answered differently from the cache:\n%s\n%s", q, got, first[q])
		}
	}
}

// TestTermCacheSharesNothingWritable appends to the variants of terms read
// from the cache, as queryTerms does for "py2": no reader may see another's
// appends, nor the cache.
func TestTermCacheSharesNothingWritable(t *testing.T) {
	ix := defaultEngine(t).Index()
	words := []string{"gil", "pyhton", "threads", "asyncio", "perf", "mentoring", "frist", "k8s", "dict", "numba"}
	for _, w := range words {
		want := ix.queryTerm(w, false, false)
		a := ix.cachedQueryTerm(w, false, false)
		a.variants = append(a.variants, variant{term: 1 << 30})
		b := ix.cachedQueryTerm(w, false, false)
		b.variants = append(b.variants, variant{term: 1<<30 + 1})
		if got := a.variants[len(a.variants)-1].term; got != 1<<30 {
			t.Errorf("%q: an append to one reader's variants was overwritten by another's", w)
		}
		if got := ix.cachedQueryTerm(w, false, false); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: cached %+v, read %+v", w, got, want)
		}
	}
}

// TestTermCacheBounded reads three times as many words as a generation
// holds, from two goroutines: the cache keeps at most two generations, and
// the words read last.
func TestTermCacheBounded(t *testing.T) {
	ix := defaultEngine(t).Index()
	var tc termCache
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			for i := range 3 * termCacheSize / 2 {
				k := termKey{word: fmt.Sprintf("w%d-%d", g, i)}
				tc.put(k, ix.queryTerm(k.word, false, false))
				if _, ok := tc.get(k); !ok {
					t.Errorf("%q: not found right after it was put", k.word)
				}
			}
		})
	}
	wg.Wait()
	if n := len(tc.cur) + len(tc.prev); n > 2*termCacheSize {
		t.Errorf("the cache holds %d terms, more than %d", n, 2*termCacheSize)
	}
	long := string(make([]byte, termCacheWordLen+1))
	ix.cachedQueryTerm(long, false, false)
	if _, ok := ix.termCache.get(termKey{word: long}); ok {
		t.Errorf("a word of %d bytes was cached", len(long))
	}
}

// TestTermCacheKeepsNoQuestion: a word kept is a copy, not a piece of the
// question it came from, which it would keep from being freed.
func TestTermCacheKeepsNoQuestion(t *testing.T) {
	ix := New(NewIndex(defaultEngine(t).Index().corpus)).Index()
	question := "what did beazley say about threads in a very long question"
	word := question[len("what did "):len("what did beazley")]
	got := ix.cachedQueryTerm(word, false, false)
	for k, q := range ix.termCache.cur {
		if k.word == word && (unsafe.StringData(k.word) == unsafe.StringData(word) || unsafe.StringData(q.word) == unsafe.StringData(word)) {
			t.Errorf("the cache keeps %q as a piece of the question", word)
		}
	}
	if got.word != word {
		t.Errorf("cached term of %q is of %q", word, got.word)
	}
}
