package answer

import (
	"slices"
	"strings"
	"sync"
)

// Question words are Zipfian: the same few hundred words ("talk", "async",
// "thanks") make most of what people ask. Reading a word's variants (its
// stem, typo corrections, abbreviations, derived forms) looks it up in
// tables far out of the cache (20 of a long chat question's 200 us at
// 100,000 bullets), and depends on the word and the index alone: an index
// keeps the terms of the words it read last (the chat question's terms
// then take 10-12 us).

// termCacheSize bounds each of the cache's two generations (a term takes
// about 350 bytes: 1.4 MiB at most); words longer than termCacheWordLen
// are read afresh each time.
const (
	termCacheSize    = 2048
	termCacheWordLen = 40
)

type termKey struct {
	word             string
	context, verbose bool
}

// termCache holds the query terms of recent words in two generations: a
// full current one becomes the previous, dropping the one before, and a
// word found in the previous is carried into the current. Its size stays
// bounded while the words asked often stay in it.
type termCache struct {
	mu        sync.Mutex
	cur, prev map[termKey]queryTerm
}

func (c *termCache) get(k termKey) (queryTerm, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if q, ok := c.cur[k]; ok {
		return q, true
	}
	q, ok := c.prev[k]
	if ok {
		c.putLocked(k, q)
	}
	return q, ok
}

func (c *termCache) put(k termKey, q queryTerm) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(k, q)
}

func (c *termCache) putLocked(k termKey, q queryTerm) {
	if len(c.cur) >= termCacheSize {
		c.prev, c.cur = c.cur, nil
	}
	if c.cur == nil {
		c.cur = make(map[termKey]queryTerm, termCacheSize)
	}
	c.cur[k] = q
}

// cachedQueryTerm is queryTerm, read once for each recent word. Its
// slices are shared with the cache: appending to them copies.
func (ix *Index) cachedQueryTerm(w string, context, verbose bool) queryTerm {
	if len(w) > termCacheWordLen {
		return ix.queryTerm(w, context, verbose)
	}
	k := termKey{w, context, verbose}
	if q, ok := ix.termCache.get(k); ok {
		return q
	}
	q := ix.queryTerm(w, context, verbose)
	// The word is a piece of the question: kept, it would keep all of it.
	k.word = strings.Clone(w)
	q.word = k.word
	q.variants, q.slipOf = slices.Clip(q.variants), slices.Clip(q.slipOf)
	ix.termCache.put(k, q)
	return q
}
