package answer

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sync"
)

// candidate is a bullet that matches a query word.
type candidate struct {
	doc       uint32
	talk      uint32 // its talk and section, as docs has them
	section   uint32
	level     [maxTerms]float32 // match strength of each query word in the text
	link      [maxTerms]bool    // ... found only inside a link
	credit    [maxTerms]float32 // ... by a variant giving this coverage (1 as typed, less corrected)
	uses      [maxTerms]uint8   // ... times the line uses that variant
	score     float64
	cover     float64 // share of the question's weight matched, context included
	strict    float64 // ... in the line, its talk's title and speakers, its section and neighbours
	direct    bool    // some query word is in the bullet's own text
	inSection bool    // ... or in the heading of its section
	titled    float64 // share of the question's weight its talk's title holds
	forced    bool    // found by title, speaker or section: always scored
	lead      bool    // ... and the first line of its talk or section
	firstUse  uint16  // common words whose first use in the talk is this line, by bit
	firstRead uint16  // ... words read in whole
	exact     uint16  // words found in the line as typed, by bit
	matched   uint16  // words the line or its context holds, by bit (set by score)
	typed     typed   // whether the line holds the kind of fact asked for, once read
}

// typed is whether a line holds the kind of fact a question asks for, read
// once for its scoring and its rereading.
type typed uint8

const (
	typeUnread typed = iota
	typeAbsent
	typeHeld
)

// holdsAnswerType reports whether a candidate's line, text, holds the kind
// of fact asked for, want; text is read the first time only.
func (c *candidate) holdsAnswerType(want answerType, text func() string) bool {
	if c.typed == typeUnread {
		c.typed = typeAbsent
		if hasAnswerType(want, text()) {
			c.typed = typeHeld
		}
	}
	return c.typed == typeHeld
}

// scored is the outcome of matching a question against the index.
type scored struct {
	cands []*candidate // best first
	total float64      // weight of the whole question
}

// match scores the bullets that match a query word, in talks allowed by
// filter (all when nil). A word in at most fullScan bullets is read in
// whole; a commoner one through its champions, and looked up in every
// candidate the other words bring.
func (ix *Index) match(qs []queryTerm, an analysis, filter, deny map[uint32]bool) (scored, *matcher) {
	want := an.kind.answer
	m := newMatcher(ix, qs, filter)
	m.want, m.deny = want, deny
	champions := fullScan
	if m.hasRareWord() {
		champions = rareChampions
	}
	for i := range qs {
		m.readText(i, champions, false)
	}
	for i := range qs {
		m.readText(i, champions, true)
	}
	m.forceFieldTalks()
	m.forceSections()
	m.probeCommon()

	var total float64
	for _, q := range qs {
		total += q.weight
	}
	out := scored{total: total, cands: m.shortlist(total)}
	m.touchFields(out.cands)
	for _, c := range out.cands {
		m.score(c, total, false)
	}
	sortCandidates(out.cands)
	if len(m.probes) > 0 {
		// The best lines are scored again knowing whether their talks use
		// the common words they lack elsewhere.
		for _, c := range out.cands[:min(len(out.cands), talkUseDepth)] {
			m.score(c, total, true)
		}
		resortPrefix(out.cands, talkUseDepth)
	}
	ix.rewardProximity(qs, want, an.quotes, out.cands[:min(len(out.cands), proximityDepth)])
	resortPrefix(out.cands, proximityDepth)
	return out, m
}

// matcher holds the state of matching one question.
type matcher struct {
	ix     *Index
	qs     []queryTerm
	want   answerType
	filter map[uint32]bool // the talks to search, or nil for all
	deny   map[uint32]bool // talks the question sets aside

	// Candidates live in pool, found by document through byDoc; a pointer
	// into pool is good until the next candidate is added.
	pool  []candidate
	byDoc docTable

	// The talks found by title or speaker and the sections found by
	// heading: the level their fields give each word, in levels.
	fieldTalks, fieldSections docTable
	levels                    [][maxTerms]float32

	partial      [maxTerms]bool              // word i was read through its champions
	probes       []probe                     // the common variants of those words
	probeWords   *[maxCommon]uint16          // common term -> the words it is a probe of, by bit
	inTalk       map[uint32]uint16           // talk -> the common words its lines use, by bit
	talkHits     []uint16                    // talk -> the words some line of it uses, by bit
	touched      []uint32                    // talks with hits, to clear them
	firstMention [maxTerms]map[uint32]uint32 // talk -> first line using word i

	// The words some title, speaker or section heading holds, by bit:
	// lines need not look up the others in theirs.
	inTitles, inSpeakers, inSections uint16
	namedSpeakers                    uint16 // asking words that are a speaker's name as written
	namedWords                       int    // the most of them one talk's speakers hold
	// The variants of every word by term, to find them in a field's
	// sorted terms in one pass.
	byTerm []termVariant
	// The talks and sections whose fields hold each variant, in the
	// order of the words and their variants: looked up once.
	fields []variantFields

	talkBuf    []uint32        // scratch: the talks of the lines being read
	fieldFound []talkWeight    // scratch: the talks found by title or speaker
	rankedBuf  []rankedPosting // scratch: a common word's lines in a filter, ranked
	ranges     []docRange      // the documents of the talks filter allows, once rangesMade
	rangeBits  []uint64        // scratch: a bit per talk filter allows
	rangesMade bool
	postBuf    []posting  // scratch: the postings of a word read in whole
	fwdBuf     [][]uint16 // scratch: the candidates' forward lists
	// loadSink keeps the loads that bring forward lists and field terms into the cache
	// from being dropped as unused.
	loadSink uint16

	// The shortlist, and the forced and other candidates it is drawn
	// from: buffers reused from question to question.
	short, forced, rest []*candidate
}

// matchers are reused: a question's candidates and maps are most of what
// answering it allocates.
var matchers = sync.Pool{New: func() any {
	return &matcher{probeWords: new([maxCommon]uint16), inTalk: map[uint32]uint16{}}
}}

// maxPooledCandidates bounds the matchers kept for reuse: one that read a
// whole event's common words is let go, as is one that read more postings
// of a word than maxPooledPostings (a common word read in whole under an
// event's filter, most of whose lines are in other talks).
const (
	maxPooledCandidates = 1 << 14
	maxPooledPostings   = 1 << 16
)

func newMatcher(ix *Index, qs []queryTerm, filter map[uint32]bool) *matcher {
	m := matchers.Get().(*matcher)
	m.ix, m.qs, m.filter = ix, qs, filter
	m.pool = m.pool[:0]
	m.rangesMade = false
	if talks := len(ix.talkStart); len(m.talkHits) < talks {
		m.talkHits = make([]uint16, talks)
	}
	m.partial = [maxTerms]bool{}
	m.inTitles, m.inSpeakers, m.inSections, m.namedSpeakers = 0, 0, 0, 0
	m.byTerm = m.byTerm[:0]
	m.fields = m.fields[:0]
	for i, q := range qs {
		for _, v := range q.variants {
			m.byTerm = append(m.byTerm, termVariant{term: v.term, word: uint8(i), weight: v.weight})
			f := variantFields{title: ix.title[v.term], speaker: ix.speaker[v.term], section: ix.section[v.term]}
			m.fields = append(m.fields, f)
			if len(f.title) > 0 {
				m.inTitles |= 1 << i
			}
			if len(f.speaker) > 0 {
				m.inSpeakers |= 1 << i
				if !q.context && v.full && ix.namesSpeaker(q.word) {
					m.namedSpeakers |= 1 << i
				}
			}
			if len(f.section) > 0 {
				m.inSections |= 1 << i
			}
		}
	}
	m.namedWords = 0
	if bits.OnesCount16(m.namedSpeakers) > 1 {
		// "paul graham": Paul Bailey's talk names only half of him.
		var lists [maxTerms][]uint32
		n := 0
		k := 0 // the variant's fields
		for i, q := range qs {
			named := m.namedSpeakers&(1<<i) != 0
			for j, v := range q.variants {
				if named && v.full && len(m.fields[k+j].speaker) > 0 {
					lists[n] = m.fields[k+j].speaker
					n++
					break
				}
			}
			k += len(q.variants)
		}
		m.namedWords = mostShared(lists[:n])
	}
	slices.SortFunc(m.byTerm, func(a, b termVariant) int { return cmp.Compare(a.term, b.term) })
	m.probes = m.probes[:0]
	for i := range qs {
		if m.firstMention[i] == nil {
			m.firstMention[i] = map[uint32]uint32{}
		}
	}
	return m
}

// release returns the matcher for reuse; its candidates must no longer be
// used.
func (m *matcher) release() {
	if cap(m.pool) > maxPooledCandidates || cap(m.postBuf) > maxPooledPostings {
		return
	}
	m.byDoc.reset()
	m.fieldTalks.reset()
	m.fieldSections.reset()
	m.levels = m.levels[:0]
	clear(m.inTalk)
	for _, t := range m.touched {
		m.talkHits[t] = 0
	}
	m.touched = m.touched[:0]
	for _, p := range m.probes {
		m.probeWords[p.common] = 0
	}
	for i := range m.qs {
		clear(m.firstMention[i])
	}
	clear(m.fields) // they point into the index, which may be swapped out
	m.ix, m.qs, m.filter, m.deny = nil, nil, nil, nil
	matchers.Put(m)
}

// hit records that a line of a talk uses word i.
func (m *matcher) hit(talk uint32, i int) {
	if m.talkHits[talk] == 0 {
		m.touched = append(m.touched, talk)
	}
	m.talkHits[talk] |= 1 << i
}

func (m *matcher) allowed(talk uint32) bool {
	return (m.filter == nil || m.filter[talk]) && !m.deny[talk]
}

func (m *matcher) get(doc uint32) *candidate {
	i, ok := m.byDoc.get(doc)
	if !ok {
		i = int32(len(m.pool))
		m.byDoc.put(doc, i)
		d := &m.ix.docs[doc]
		m.pool = append(m.pool, candidate{doc: doc, talk: d.talk, section: d.section})
	}
	return &m.pool[i]
}

func (m *matcher) lookup(doc uint32) *candidate {
	if i, ok := m.byDoc.get(doc); ok {
		return &m.pool[i]
	}
	return nil
}

// level is how strongly variant v of word i matches a line with stored
// frequency tf, and whether only inside a link.
func (m *matcher) level(i int, v variant, doc, tf uint32) (float64, bool) {
	l := v.weight * m.ix.tfNorm(tf>>1, doc) * v.idf / max(m.qs[i].idf, 1e-9)
	if tf&1 == 1 {
		return l * linkRate, true
	}
	return l, false
}

// note records variant v of word i in a candidate line.
func (m *matcher) note(c *candidate, i int, v variant, tf uint32) {
	l, linkOnly := m.level(i, v, c.doc, tf)
	if v.weight == 1 {
		c.exact |= 1 << i
	}
	if float32(l) > c.level[i] {
		c.level[i] = float32(l)
		c.uses[i] = uint8(min(tf>>1, 255))
		c.link[i] = linkOnly
		c.credit[i] = float32(m.qs[i].coverage(v))
	}
}

// hasRareWord reports whether some word of the question, as typed, is in
// some lines but not a common term.
func (m *matcher) hasRareWord() bool {
	for _, q := range m.qs {
		for _, v := range q.variants {
			if _, common := m.ix.common[v.term]; v.weight == 1 && m.ix.text[v.term].count > 0 && !common {
				return true
			}
		}
	}
	return false
}

// readText reads the lines holding word i: all of them, or the best n
// champions of a common variant when no filter narrows the talks (fewer of
// a correction). The weak pass reads the words one letter away from a
// word the notes use as typed ("spend" for "speed"): they only add to the
// lines other words found, never bring lines of their own.
func (m *matcher) readText(i int, n int, weak bool) {
	ix := m.ix
	known := m.qs[i].known
	// The line where a talk first uses the word as typed is marked on the
	// candidate as the lines are read in order; only a word with two such
	// spellings needs a talk's first lines of each compared.
	exact := 0
	for _, v := range m.qs[i].variants {
		// A common variant under a filter counts though it may yet be
		// read through its champions: the other is then compared through
		// firstMention, which finds the same line.
		if _, common := ix.champions[v.term]; v.weight == 1 && (!common || m.filter != nil) {
			exact++
		}
	}
	for _, v := range m.qs[i].variants {
		if isWeak := known && v.weight <= knownWordWeight; isWeak != weak {
			continue
		}
		get := m.get
		if weak {
			get = m.lookup
		}
		if ch, ok := ix.champions[v.term]; ok && m.filter == nil {
			m.readChampions(i, v, ch[:min(championsRead(n, v), len(ch))], get)
			continue
		}
		m.postBuf = m.postBuf[:0]
		if m.filter == nil {
			ix.text[v.term].each(func(doc, tf uint32) { m.postBuf = append(m.postBuf, posting{doc, tf}) })
		} else {
			// A word read under a filter: the lines of talks it leaves
			// out are passed over by their documents, unread.
			m.postBuf = ix.text[v.term].appendIn(m.postBuf, m.filterRanges(), ix.skips[v.term])
		}
		ps := m.postBuf
		if _, common := ix.champions[v.term]; common && m.filter != nil {
			if k := championsRead(n, v); len(ps) > k {
				m.readChampionsIn(i, v, ps, k, get)
				continue
			}
		}
		talks := m.talksOf(ps)
		lastTalk := uint32(math.MaxUint32) // the talk whose first use is marked
		for j, p := range ps {
			doc, tf, talk := p.doc, p.tf, talks[j]
			c := m.reach(doc, talk, i, get)
			if c == nil {
				continue
			}
			if tf&1 == 0 && v.weight == 1 && talk != lastTalk {
				lastTalk = talk
				if exact == 1 {
					c.firstRead |= 1 << i
				} else if first, ok := m.firstMention[i][talk]; !ok || doc < first {
					m.firstMention[i][talk] = doc
				}
			}
			m.note(c, i, v, tf)
		}
	}
}

// reach records that a line of a talk holding word i was read, in a talk
// the question searches, and returns its candidate (from get: found or
// made); none when the talk is not searched or get has none.
func (m *matcher) reach(doc, talk uint32, i int, get func(uint32) *candidate) *candidate {
	if !m.allowed(talk) {
		return nil
	}
	m.hit(talk, i)
	return get(doc)
}

// championsRead is how many of its n champions a variant is read
// through: fewer of a correction.
func championsRead(n int, v variant) int {
	if v.weight < 1 {
		return min(n, fewChampions)
	}
	return n
}

// readChampions reads the champions ch of variant v of word i, best first:
// their first uses come marked, as they are not in document order, and the
// word is looked up in the other candidates (probeCommon).
func (m *matcher) readChampions(i int, v variant, ch []posting, get func(uint32) *candidate) {
	m.partial[i] = true
	talks := m.talksOf(ch)
	for j, p := range ch {
		c := m.reach(p.doc, talks[j], i, get)
		if c == nil {
			continue
		}
		m.note(c, i, v, p.tf&^championFirst)
		if p.tf&championFirst != 0 && v.weight == 1 {
			c.firstUse |= 1 << i
		}
	}
}

// talksOf returns the talks of the lines of postings, gathered in one tight
// loop before they are used: the lines' records lie far apart, and loads
// that depend on nothing else overlap their cache misses.
func (m *matcher) talksOf(ps []posting) []uint32 {
	m.talkBuf = m.talkBuf[:0]
	for _, p := range ps {
		m.talkBuf = append(m.talkBuf, m.ix.docs[p.doc].talk)
	}
	return m.talkBuf
}

// firstMentioned reports whether a candidate is the line where its talk
// first uses word i, read in whole, as typed.
func (m *matcher) firstMentioned(c *candidate, i int, talk uint32) bool {
	if c.firstRead&(1<<i) != 0 {
		return true
	}
	f, ok := m.firstMention[i][talk]
	return ok && f == c.doc
}

// probeCommon looks up the words read through champions in every
// candidate.
func (m *matcher) probeCommon() {
	for i, q := range m.qs {
		if !m.partial[i] {
			continue
		}
		for _, v := range q.variants {
			if k, ok := m.ix.common[v.term]; ok {
				m.probes = append(m.probes, probe{word: i, v: v, common: k})
				m.probeWords[k] |= 1 << i
			}
		}
	}
	if len(m.probes) == 0 {
		return
	}
	var partial uint16
	for i := range m.qs {
		if m.partial[i] {
			partial |= 1 << i
		}
	}
	// The candidates' forward lists lie far apart: they are found and
	// touched in tight loops first, so that their cache misses overlap.
	lists := m.fwdBuf[:0]
	for k := range m.pool {
		var l []uint16
		if c := &m.pool[k]; c.exact&partial != partial { // else it holds every common word as typed
			l = m.ix.forward(c.doc)
		}
		lists = append(lists, l)
	}
	m.fwdBuf = lists
	var touched uint16
	for _, l := range lists {
		if len(l) > 0 {
			touched |= l[0]
		}
	}
	m.loadSink = touched
	for k, l := range lists {
		c := &m.pool[k]
		for _, e := range l {
			common, tf, first := forwardEntry(e)
			if m.probeWords[common] == 0 {
				continue
			}
			for _, p := range m.probes {
				if p.common == common {
					m.note(c, p.word, p.v, tf)
					m.hit(c.talk, p.word)
					if first && p.v.weight == 1 {
						c.firstUse |= 1 << p.word
					}
				}
			}
		}
	}
}

// talkWords returns, a bit each, the words read through champions that
// some line of a talk uses: its lines' forward lists lie together, and are
// read until every such word is found.
func (m *matcher) talkWords(talk uint32) uint16 {
	if w, ok := m.inTalk[talk]; ok {
		return w
	}
	ix := m.ix
	var all uint16
	for _, p := range m.probes {
		all |= 1 << p.word
	}
	first, end := ix.firstDoc(talk), ix.endDoc(talk)
	var w uint16
	if first < end {
		for _, e := range ix.fwd[ix.docs[first].fwd:ix.fwdStart(end)] {
			if w |= m.probeWords[e&(maxCommon-1)]; w == all {
				break
			}
		}
	}
	m.inTalk[talk] = w
	return w
}

// probe is a common variant of a word of the question, looked up in the
// forward lists.
type probe struct {
	word   int
	v      variant
	common uint16
}

// levelsAt sets the text level of each word in a line, candidate or not:
// the words read in whole are known of candidates only.
func (m *matcher) levelsAt(doc uint32, out *[maxTerms]float32) {
	if c := m.lookup(doc); c != nil {
		*out = c.level
		return
	}
	*out = [maxTerms]float32{}
	if len(m.probes) == 0 {
		return
	}
	for _, e := range m.ix.forward(doc) {
		common, tf, _ := forwardEntry(e)
		if m.probeWords[common] == 0 {
			continue
		}
		for _, p := range m.probes {
			if p.common == common {
				l, _ := m.level(p.word, p.v, doc, tf)
				out[p.word] = max(out[p.word], float32(l))
			}
		}
	}
}

// variantFields are the talks whose titles and speakers, and the sections
// whose headings, hold a variant of a word of the question.
type variantFields struct{ title, speaker, section []uint32 }

// termVariant is a variant of word word of a question.
type termVariant struct {
	term   uint32
	word   uint8
	weight float64
}

// searchedVariants is how many variants of a question's words per term of
// a field make fieldHits search for the field's terms among them.
const searchedVariants = 8

// fieldHits sets the weight of the best variant of each word among a
// field's sorted terms, 0 for words it lacks.
func (m *matcher) fieldHits(terms []uint32, out *[maxTerms]float64) {
	vs := m.byTerm
	if len(vs) > searchedVariants*len(terms) {
		// A long question and a short field (a title, a name): each of
		// the field's terms is searched for among the variants rather
		// than the variants walked.
		for _, t := range terms {
			j, _ := slices.BinarySearchFunc(vs, t, func(v termVariant, t uint32) int { return cmp.Compare(v.term, t) })
			for ; j < len(vs) && vs[j].term == t; j++ {
				w := vs[j].word
				out[w] = max(out[w], vs[j].weight)
			}
			vs = vs[j:]
		}
		return
	}
	for i, j := 0, 0; i < len(terms) && j < len(vs); {
		switch t := vs[j].term; {
		case terms[i] < t:
			i++
		case terms[i] > t:
			j++
		default:
			w := vs[j].word
			out[w] = max(out[w], vs[j].weight)
			j++
		}
	}
}

// fieldLevels keeps the levels a talk's or section's fields give the
// words of the question, and returns where.
func (m *matcher) fieldLevels(levels [maxTerms]float32) int32 {
	m.levels = append(m.levels, levels)
	return int32(len(m.levels) - 1)
}

// fieldsOf sets the weight of each word of the question in a line's
// talk's title and speakers and in its section's heading, 0 for words
// they lack.
func (m *matcher) fieldsOf(doc uint32, title, speakers, section *[maxTerms]float64) {
	ix := m.ix
	d := &ix.docs[doc]
	if m.inTitles != 0 {
		m.fieldHits(ix.titleTerms[d.talk], title)
	}
	if m.inSpeakers != 0 {
		m.fieldHits(ix.speakerTerms[d.talk], speakers)
	}
	if d.section != noSection && m.inSections != 0 {
		m.fieldHits(ix.sectionTerms[d.section], section)
	}
}

// touchFields reads the first of the title, speaker and heading terms of
// the candidates' talks and sections in a tight loop before they are
// scored: they lie far apart, and loads that depend on nothing else
// overlap their cache misses.
func (m *matcher) touchFields(cs []*candidate) {
	ix := m.ix
	var touched uint32
	for _, c := range cs {
		touched |= firstTerm(ix.titleTerms[c.talk]) | firstTerm(ix.speakerTerms[c.talk])
		if c.section != noSection {
			touched |= firstTerm(ix.sectionTerms[c.section])
		}
	}
	m.loadSink |= uint16(touched)
}

// touchTalkFields is touchFields for talks.
func (m *matcher) touchTalkFields(talks []uint32) {
	ix := m.ix
	var touched uint32
	for _, t := range talks {
		touched |= firstTerm(ix.titleTerms[t]) | firstTerm(ix.speakerTerms[t])
	}
	m.loadSink |= uint16(touched)
}

func firstTerm(terms []uint32) uint32 {
	if len(terms) == 0 {
		return 0
	}
	return terms[0]
}

// talkWeight is a talk found by its title or speakers, and the weight of
// the question's words they hold.
type talkWeight struct {
	talk   uint32
	weight float64
}

// fieldScan is the most talks read of a word in titles or speakers.
const fieldScan = 2 * maxForcedTalks

// maxForcedTalks bounds the talks found by title or speaker alone that
// are scored; maxForcedSections the sections found by heading.
const (
	maxForcedTalks    = 32
	maxForcedSections = 16
)

// forceFieldTalks makes the talks whose title or speakers hold words of
// the question candidates by their first lines, even when no line
// matches: the talks matching most of the question in those fields.
func (m *matcher) forceFieldTalks() {
	ix := m.ix
	var lists [][]uint32
	for _, f := range m.fields {
		for _, talks := range [2][]uint32{f.title, f.speaker} {
			if len(talks) > 0 {
				lists = append(lists, talks)
			}
		}
	}
	// The rarest words first: a word in more than fieldScan titles adds
	// no talks once others have been found, only weight (below).
	slices.SortFunc(lists, func(a, b []uint32) int { return cmp.Compare(len(a), len(b)) })
	found := m.fieldFound[:0]
	for _, talks := range lists {
		if len(talks) > fieldScan && len(found) > 0 {
			break
		}
		for _, t := range talks[:min(len(talks), fieldScan)] {
			if m.allowed(t) {
				found = append(found, talkWeight{talk: t})
			}
		}
	}
	if len(found) == 0 {
		return
	}
	slices.SortFunc(found, func(a, b talkWeight) int { return cmp.Compare(a.talk, b.talk) })
	found = slices.CompactFunc(found, func(a, b talkWeight) bool { return a.talk == b.talk })
	m.fieldFound = found
	talks := m.talkBuf[:0]
	for _, f := range found {
		talks = append(talks, f.talk)
	}
	m.talkBuf = talks
	m.touchTalkFields(talks)
	for k := range found {
		t := found[k].talk
		var title, speakers [maxTerms]float64
		m.fieldHits(ix.titleTerms[t], &title)
		m.fieldHits(ix.speakerTerms[t], &speakers)
		w := 0.0
		var levels [maxTerms]float32
		for i := range m.qs {
			w += m.qs[i].weight * max(title[i], speakers[i])
			levels[i] = float32(max(titleLevel*title[i], speakerLevel*speakers[i]))
		}
		found[k].weight = w
		m.fieldTalks.put(t, m.fieldLevels(levels))
	}
	slices.SortFunc(found, func(a, b talkWeight) int {
		if c := cmp.Compare(b.weight, a.weight); c != 0 {
			return c
		}
		return cmp.Compare(a.talk, b.talk)
	})
	for _, f := range found[:min(len(found), maxForcedTalks)] {
		t := f.talk
		first, end := ix.firstDoc(t), ix.endDoc(t) // not the talk's record, far out of the cache
		for k := uint32(0); k < 3 && first+k < end; k++ {
			c := m.get(first + k)
			c.forced = true
			c.lead = c.lead || k == 0
		}
	}
}

// forceSections makes the first lines of sections whose heading holds a
// word of the question candidates.
func (m *matcher) forceSections() {
	ix := m.ix
	n := 0
	for _, f := range m.fields {
		for _, sec := range f.section {
			if n == maxForcedSections {
				return
			}
			if !m.allowed(ix.sections[sec].talk) {
				continue
			}
			n++
			var heading [maxTerms]float64
			m.fieldHits(ix.sectionTerms[sec], &heading)
			var levels [maxTerms]float32
			for i := range m.qs {
				levels[i] = float32(sectionLevel * heading[i])
			}
			m.fieldSections.set(sec, m.fieldLevels(levels))
			docs := ix.sectionDocs[sec]
			for k, d := range docs {
				c := m.get(d)
				c.forced = true
				c.lead = c.lead || k == 0
			}
		}
	}
}

// mostShared returns the most of the sorted lists that hold one element,
// by one merge of them.
func mostShared(lists [][]uint32) int {
	best := 0
	for {
		low, n := uint32(math.MaxUint32), 0
		for _, l := range lists {
			if len(l) > 0 && l[0] < low {
				low = l[0]
			}
		}
		if low == math.MaxUint32 {
			return best
		}
		for k, l := range lists {
			if len(l) > 0 && l[0] == low {
				lists[k] = l[1:]
				n++
			}
		}
		if best = max(best, n); best == len(lists) {
			return best
		}
	}
}
