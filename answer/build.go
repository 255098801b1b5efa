package answer

import (
	"bytes"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/talkbot/talkbot/corpus"
)

// NewIndex builds the index of c. The note lines are read and split into
// words in parallel, a chunk of talks at a time; one goroutine numbers
// the terms and writes the postings in corpus order, so that the index is
// the same whatever the number of cores.
// The typo neighbourhood and the name indexes are built when first needed;
// Warm builds them at once.
func NewIndex(c *corpus.Corpus) *Index { return newIndex(c, false) }

// Warm builds the parts of the index made on first use, so that no
// question waits for them: a server calls it once the index is built.
func (ix *Index) Warm() {
	var wg sync.WaitGroup
	wg.Go(func() { ix.vocab.neighbourhood.Do(ix.vocab.build) })
	wg.Go(func() { ix.names(TitleField) })
	wg.Go(func() { stopSlips.once.Do(stopSlips.build) })
	wg.Go(func() { ix.programme() })
	wg.Go(func() { ix.vocab.stemsIndexed.Do(ix.vocab.indexStems) })
	wg.Wait()
}

// newIndex builds the index; exhaustive reads every term in whole, for
// measuring what champions cost in answers.
func newIndex(c *corpus.Corpus, exhaustive bool) *Index {
	total := 0
	for _, t := range c.Talks {
		total += t.NumBullets()
	}
	// The vocabulary grows ever slower with the notes: a few words a line
	// at first, room for that up front saves the maps' growing.
	words := min(5*total, 1<<14)
	ix := &Index{
		corpus:  c,
		terms:   make(map[string]uint32, words),
		title:   map[uint32][]uint32{},
		speaker: map[uint32][]uint32{},
		section: map[uint32][]uint32{},
		vocab:   newVocabulary(words),
	}
	ix.docs = make([]docInfo, 0, total)

	b := &builder{ix: ix, tz: newTokenizer(), speakerIDs: map[string]int{}, eventIDs: map[string]int{}, tfAt: map[uint32]int{}}
	workers := max(1, runtime.GOMAXPROCS(0))
	b.readers = make([]*lineReader, workers)
	stems := &sharedStems{m: make(map[string]string, words)}
	for w := range b.readers {
		b.readers[w] = &lineReader{stems: stems, pairs: make(map[string]uint32, words/workers), seen: make(map[string]readWord, words/workers)}
	}
	// Chunks small enough that every reader has work on a small corpus.
	per := max(1, min(talksPerChunk, len(c.Talks)/(4*workers)))
	chunks := (len(c.Talks) + per - 1) / per
	results := make([]chan *chunk, chunks)
	for i := range results {
		results[i] = make(chan *chunk, 1)
	}
	// Readers run at most window chunks ahead of the writer: chunk k may be
	// read once chunk k-window is written. Permits go out in chunk order,
	// so the chunk the writer waits for is always permitted.
	window := 2 * workers
	permits := make([]chan struct{}, chunks)
	for k := range permits {
		permits[k] = make(chan struct{})
		if k < window {
			close(permits[k])
		}
	}
	var wg sync.WaitGroup
	for w, r := range b.readers {
		wg.Go(func() {
			for k := w; k < chunks; k += workers {
				<-permits[k]
				results[k] <- r.read(c.Talks[k*per:min((k+1)*per, len(c.Talks))], w)
			}
		})
	}
	for k := range chunks {
		ch := <-results[k]
		b.write(k*per, ch)
		if k+window < chunks {
			close(permits[k+window])
		}
	}
	wg.Wait()

	if len(ix.docs) > 0 {
		ix.avgLen = float64(b.tokens) / float64(len(ix.docs))
	}
	packPostings(ix.text)
	if !exhaustive {
		ix.buildCommon()
	}
	ix.indexEventWords()
	ix.vocab.setStems(ix.terms, func(w string) string {
		if s, ok := stems.m[w]; ok {
			return s
		}
		return b.tz.stem(w)
	})
	return ix
}

// talksPerChunk is the most talks a reader reads at a time.
const talksPerChunk = 256

// lineReader splits note lines into words for one worker. Its word pairs
// (surface word, term) are numbered in the order it meets them; the writer
// maps those numbers to the index's.
type lineReader struct {
	stems *sharedStems
	pairs map[string]uint32 // word, NUL, term -> pair number
	words []string
	terms []string
	seen  map[string]readWord // folded word -> what it is, for speed
	buf   []byte              // scratch: a line lower-cased
	word  []byte              // scratch: a word without its apostrophe
	text  []byte              // scratch: a line as the notes write it
	ids   []int32             // scratch: the numbers of the line's pieces

	// What each piece of the notes' dictionary adds to a line's tokens.
	dict corpus.Dictionary
	memo []pieceToken
}

type readWord struct {
	stop bool
	pair uint32
}

// sharedStems stems each distinct word once for all readers.
type sharedStems struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *sharedStems) stem(w string) string {
	s.mu.Lock()
	st, ok := s.m[w]
	s.mu.Unlock()
	if ok {
		return st
	}
	st = stem(w)
	s.mu.Lock()
	s.m[strings.Clone(w)] = st
	s.mu.Unlock()
	return st
}

// chunk is what a reader learns of some talks' lines.
type chunk struct {
	reader int
	talks  int
	lines  []lineInfo
	toks   []readToken
	// The reader's pairs when the chunk was read; entries never change
	// once written, so the writer may read them.
	words, terms []string
}

type lineInfo struct {
	section []string
	toks    uint32 // end of the line's tokens in chunk.toks
	flags   uint8
	parent  int // lines back to the parent, 0 for none
}

// tokensPerLine is about how many tokens a note line has, to size a
// chunk's tokens.
const tokensPerLine = 8

type readToken struct {
	pair  uint32
	inURL bool
}

func (r *lineReader) pair(word, term string) uint32 {
	key := word
	if term != word {
		key = word + "\x00" + term
	}
	id, ok := r.pairs[key]
	if !ok {
		id = uint32(len(r.words))
		r.pairs[strings.Clone(key)] = id
		r.words = append(r.words, strings.Clone(word))
		r.terms = append(r.terms, strings.Clone(term))
	}
	return id
}

// appendTokens appends the tokens of a note line to dst, as tokenizeNote (in the tests)
// splits it.
func (r *lineReader) appendTokens(dst []readToken, s string) []readToken {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") {
		return r.appendSegment(dst, s, false)
	}
	last := 0
	for _, loc := range urlRe.FindAllStringIndex(s, -1) {
		dst = r.appendSegment(dst, s[last:loc[0]], false)
		dst = r.appendSegment(dst, s[loc[0]:loc[1]], true)
		last = loc[1]
	}
	return r.appendSegment(dst, s[last:], false)
}

// appendSegment appends the tokens of text as tokenizer.tokenize splits
// it, each word looked up once.
func (r *lineReader) appendSegment(dst []readToken, s string, inURL bool) []readToken {
	if !isASCII(s) {
		folded := fold(s)
		for _, w := range words(folded) {
			dst = r.appendWord(dst, []byte(w), inURL)
		}
		return r.appendCompounds(dst, folded, inURL)
	}
	// Most lines are ASCII: they are lower-cased and split in place.
	r.buf = appendLowerASCII(r.buf[:0], s)
	for i := 0; i < len(r.buf); {
		start, end, apostrophe := nextASCIIWord(r.buf, i)
		if start == end {
			break
		}
		w := r.buf[start:end]
		if apostrophe {
			r.word = r.word[:0]
			for _, c := range w {
				if c != '\'' {
					r.word = append(r.word, c)
				}
			}
			w = r.word
		}
		dst = r.appendWord(dst, w, inURL)
		i = end
	}
	if bytes.ContainsAny(r.buf, "-_") {
		dst = r.appendCompounds(dst, string(r.buf), inURL)
	}
	return dst
}

// appendLowerASCII appends s to dst with its ASCII capitals lower-cased.
func appendLowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// appendWord appends the token of a folded word, unless it is a stop word.
func (r *lineReader) appendWord(dst []readToken, w []byte, inURL bool) []readToken {
	rw, ok := r.seen[string(w)]
	if !ok {
		word := string(w)
		rw.stop = isStop(word)
		if !rw.stop {
			rw.pair = r.pair(word, r.stems.stem(word))
		}
		r.seen[word] = rw
	}
	if rw.stop {
		return dst
	}
	return append(dst, readToken{pair: rw.pair, inURL: inURL})
}

func (r *lineReader) appendCompounds(dst []readToken, folded string, inURL bool) []readToken {
	for _, c := range compounds(folded) {
		dst = append(dst, readToken{pair: r.pair(c, c), inURL: inURL})
	}
	return dst
}

func (r *lineReader) read(talks []*corpus.Talk, reader int) *chunk {
	ch := &chunk{reader: reader, talks: len(talks)}
	lines := 0
	for _, t := range talks {
		lines += t.NumBullets()
	}
	ch.lines = make([]lineInfo, 0, lines)
	ch.toks = make([]readToken, 0, lines*tokensPerLine)
	for _, t := range talks {
		n := t.NumBullets()
		for bi := range n {
			b := t.Place(bi)
			// The line's text is read in place: nothing read from it is
			// kept without a copy (words and terms are cloned when first
			// seen), and the buffer is written again only for the next line.
			var dict corpus.Dictionary
			r.text, r.ids, dict = t.AppendTextPieces(r.text[:0], r.ids[:0], bi)
			text := unsafe.String(unsafe.SliceData(r.text), len(r.text))
			var flags uint8
			if len(b.Section) > 0 && corpus.IsSpeakerHeading(b.Section[len(b.Section)-1]) || corpus.IntroducesSpeakers(text) {
				flags |= flagSpeakerLine
			}
			if bi > 0 && t.Place(bi-1).File == b.File {
				flags |= flagPrevSameFile
			}
			if bi+1 < n && t.Place(bi+1).File == b.File {
				flags |= flagNextSameFile
			}
			up := 0
			if b.Parent >= 0 {
				up = bi - b.Parent
			}
			var ok bool
			if ch.toks, ok = r.appendPieceTokens(ch.toks, dict); !ok {
				ch.toks = r.appendTokens(ch.toks, text)
			}
			ch.lines = append(ch.lines, lineInfo{section: b.Section, toks: uint32(len(ch.toks)), flags: flags, parent: up})
		}
	}
	ch.words, ch.terms = r.words[:len(r.words):len(r.words)], r.terms[:len(r.terms):len(r.terms)]
	return ch
}

// builder writes the index in corpus order.
type builder struct {
	ix         *Index
	tz         *tokenizer // for titles, speakers, events and headings
	readers    []*lineReader
	known      [][]termWord // reader -> pair -> the index's term and word
	speakerIDs map[string]int
	eventIDs   map[string]int
	tokens     int
	tf         []termFreq     // scratch: the terms of one line
	tfAt       map[uint32]int // ... by term, once there are more than linearTerms
}

type termWord struct{ term, word uint32 }

type termFreq struct{ term, tf uint32 }

// write indexes the talks from first on, whose lines ch holds.
func (b *builder) write(first int, ch *chunk) {
	ix := b.ix
	if b.known == nil {
		b.known = make([][]termWord, len(b.readers))
	}
	for range len(ch.words) - len(b.known[ch.reader]) {
		b.known[ch.reader] = append(b.known[ch.reader], termWord{term: math.MaxUint32})
	}
	known := b.known[ch.reader]
	line, tok := 0, uint32(0)
	for ti := first; ti < first+ch.talks; ti++ {
		t := ix.corpus.Talks[ti]
		tid := uint32(ti)
		b.talkFields(t, tid)
		ix.talkStart = append(ix.talkStart, uint32(len(ix.docs)))
		sectionIDs := map[string]uint32{}
		for range t.NumBullets() {
			li := ch.lines[line]
			line++
			doc := uint32(len(ix.docs))
			sec := uint32(noSection)
			if len(li.section) > 0 {
				name := li.section[len(li.section)-1]
				s, ok := sectionIDs[name]
				if !ok {
					s = uint32(len(ix.sections))
					sectionIDs[name] = s
					ix.sections = append(ix.sections, sectionRef{talk: tid, name: name})
					ix.sectionDocs = append(ix.sectionDocs, nil)
					ix.sectionTerms = append(ix.sectionTerms, ix.addField(b.tz, ix.section, name, s, nil))
				}
				sec = s
				if len(ix.sectionDocs[s]) < sectionLead {
					ix.sectionDocs[s] = append(ix.sectionDocs[s], doc)
				}
			}
			toks := ch.toks[tok:li.toks]
			tok = li.toks
			ix.docs = append(ix.docs, newDocInfo(tid, sec, len(toks), li.parent, li.flags))
			b.tokens += len(toks)
			// A posting's frequency is stored doubled, its low bit set when
			// the term stands only inside links.
			b.tf = b.tf[:0]
			if len(b.tfAt) > 0 {
				clear(b.tfAt)
			}
			for _, tk := range toks {
				kw := &known[tk.pair]
				if kw.term == math.MaxUint32 {
					kw.term = ix.termID(ch.terms[tk.pair])
					kw.word = ix.vocab.id(ch.words[tk.pair], kw.term)
				}
				ix.vocab.count[kw.word]++
				b.countTerm(kw.term, tk.inURL)
			}
			slices.SortFunc(b.tf, func(x, y termFreq) int { return int(x.term) - int(y.term) })
			for _, e := range b.tf {
				ix.text[e.term].add(doc, e.tf)
			}
		}
	}
}

// linearTerms is how many distinct terms of a line are searched in order;
// a line of more (a pasted word list) finds them through tfAt, so that it
// costs time in its words, not in their square.
const linearTerms = 32

// countTerm adds an occurrence of a term to the line's frequencies.
func (b *builder) countTerm(term uint32, inURL bool) {
	i := -1
	if len(b.tf) <= linearTerms {
		i = slices.IndexFunc(b.tf, func(e termFreq) bool { return e.term == term })
	} else {
		if len(b.tfAt) == 0 {
			for k, e := range b.tf {
				b.tfAt[e.term] = k
			}
		}
		if k, ok := b.tfAt[term]; ok {
			i = k
		}
	}
	if i < 0 {
		b.tf = append(b.tf, termFreq{term: term})
		i = len(b.tf) - 1
		if len(b.tfAt) > 0 {
			b.tfAt[term] = i
		}
	}
	tf := &b.tf[i].tf
	switch {
	case !inURL && *tf&1 == 1:
		*tf = 2 // the first occurrence outside a link
	case !inURL:
		*tf += 2
	case *tf == 0 || *tf&1 == 1:
		*tf += 2
		*tf |= 1
	}
}

// talkFields indexes a talk's title, speakers and event.
func (b *builder) talkFields(t *corpus.Talk, tid uint32) {
	ix := b.ix
	ix.titles = append(ix.titles, t.Title)
	ix.titleTerms = append(ix.titleTerms, ix.addField(b.tz, ix.title, t.Title, tid, nil))
	var spTerms []uint32
	for _, s := range t.Speakers {
		spTerms = ix.addField(b.tz, ix.speaker, s, tid, spTerms)
		key := strings.ToLower(s)
		id, ok := b.speakerIDs[key]
		if !ok {
			id = len(ix.speakers)
			b.speakerIDs[key] = id
			ix.speakers = append(ix.speakers, speakerRef{name: s})
			ix.speakerNames = append(ix.speakerNames, s)
		}
		ix.speakers[id].talks = append(ix.speakers[id].talks, tid)
	}
	ix.speakerTerms = append(ix.speakerTerms, spTerms)
	ev := t.Event.String()
	ix.addWords(b.tz, ev) // event words are known words: spelling corrections reach them
	id, ok := b.eventIDs[strings.ToLower(ev)]
	if !ok {
		id = len(ix.events)
		b.eventIDs[strings.ToLower(ev)] = id
		ix.events = append(ix.events, eventRef{name: ev, year: t.Event.Year, words: words(fold(ev))})
		ix.eventNames = append(ix.eventNames, ev)
	}
	ix.events[id].talks = append(ix.events[id].talks, tid)
}
