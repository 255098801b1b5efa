package answer

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.5 // bullets are short already: length matters less than in documents
)

// How much a query word counts when it is found beside the bullet rather
// than in it: in the talk's title or speakers, the section heading, the
// parent bullet or a neighbouring one.
const (
	titleLevel    = 0.7
	speakerLevel  = 0.9
	sectionLevel  = 0.6
	neighbourRate = 0.5
)

// namedAskedShare is how much of what a question asks of the talk it
// names by its speakers or a description a line of that talk, or the talk,
// must hold (something, when only words of its title name it): "how did kelsey set up the helm charts for the python
// app in the k8s demo" is not answered by his talk, which mentions an app.
const namedAskedShare = 0.25

// everydayWord is the familiarity from which a word is everyday English.
const everydayWord = 0.8

// titleNamedAskedShare is namedAskedShare for a talk named only by words
// of its title, which a long question may use for other things; it
// applies to the asked words that are no everyday English.
const titleNamedAskedShare = 0.1

// describedShare is how much of the weight of the words describing the
// talk asked about ("the write-your-own git log talk") a talk must hold to
// fit the description.
const describedShare = 0.75

// namingLevel is how strongly a word that describes the talk asked about
// ("the dict talk") matches every line of a talk that uses it.
const namingLevel = 0.7

// strictTalkRate is how much of a word's talk-wide credit (talkCredit)
// counts towards what a line explains: "how does mozilla deploy" is
// answered by "Deploy approximately weekly" in a talk about Mozilla.
const strictTalkRate = 0.3

// talkCredit is how much a word counts towards coverage when the line's
// talk uses it elsewhere.
const talkCredit = 0.5

// linkRate is how much a word counts when it stands only inside a link.
const linkRate = 0.3

// The share of a question's weight that an answer must explain: its
// words found in the line, in the talk's title or speakers, the section
// heading, the parent or a neighbouring line. Words weigh by how specific
// they are (queryTerms), so that in a long chat question the few words
// that say what it is about decide, not the number of words; a query of
// two or three words, each chosen, needs more of its weight.
const (
	minShare = 0.34
	// When words of the question that the notes never use, in any
	// spelling, and that are no ordinary English (a library, a name, a
	// term of art) make up missingShare of its weight, the notes most
	// likely do not cover what it asks: an answer must then explain
	// strongShare of the question.
	missingShare = 0.2
	strongShare  = 0.6
)

// answerShare returns the share of the question's weight that an answer
// must explain, and the words whose absence raised it.
func answerShare(qs []queryTerm) (float64, []string) {
	need := minShare
	// Words of a sentence that sets the scene only add evidence: the
	// words that ask say how many the question has.
	asking := 0
	for _, q := range qs {
		if !q.context {
			asking++
		}
	}
	if asking == 0 {
		asking = len(qs)
	}
	switch asking {
	case 1:
		return 0.99, nil // the one word asked about
	case 2:
		need = 0.7 // most of a query of two words, each of which the user chose
	case 3:
		need = 0.55
	}
	var total, missing float64
	var words []string
	for _, q := range qs {
		total += q.weight
		if q.specificAbsent() {
			missing += q.weight
			words = append(words, q.word)
		}
	}
	if total > 0 && missing/total >= missingShare {
		return max(need, strongShare), words
	}
	return need, nil
}

// specificAbsent reports whether the notes never use a word of the
// sentence that asks, in any spelling, and it is no ordinary English.
func (q queryTerm) specificAbsent() bool {
	return len(q.variants) == 0 && !q.context && q.familiar < typoCommonness
}

// candidate is a bullet that matches a query word.
type candidate struct {
	doc       uint32
	level     [maxTerms]float32 // match strength of each query word in the text
	link      [maxTerms]bool    // ... found only inside a link
	credit    [maxTerms]float32 // ... by a variant giving this coverage (1 as typed, less corrected)
	score     float64
	cover     float64 // share of the question's weight matched, context included
	strict    float64 // ... in the line, its talk's title and speakers, its section and neighbours
	direct    bool    // some query word is in the bullet's own text
	inSection bool    // ... or in the heading of its section
	forced    bool    // found by title, speaker or section: always scored
	firstUse  uint16  // common words whose first use in the talk is this line, by bit
	exact     uint16  // words found in the line as typed, by bit
	matched   uint16  // words the line or its context holds, by bit (set by score)
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
		champions = fewChampions
	}
	for i := range qs {
		m.readText(i, champions)
	}
	m.forceFieldTalks()
	m.forceSections()
	m.probeCommon()

	var total float64
	for _, q := range qs {
		total += q.weight
	}
	out := scored{total: total}
	for _, c := range shortlist(m.pool, qs) {
		m.score(c, total, false)
		out.cands = append(out.cands, c)
	}
	sortCandidates(out.cands)
	if len(m.probes) > 0 {
		// The best lines are scored again knowing whether their talks use
		// the common words they lack elsewhere.
		for _, c := range out.cands[:min(len(out.cands), talkUseDepth)] {
			m.score(c, total, true)
		}
		sortCandidates(out.cands)
	}
	ix.rewardProximity(qs, want, an.quotes, out.cands[:min(len(out.cands), proximityDepth)])
	sortCandidates(out.cands)
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
	byDoc map[uint32]int32

	partial      [maxTerms]bool              // word i was read through its champions
	probes       []probe                     // the common variants of those words
	inTalk       map[uint32]uint16           // talk -> the common words its lines use, by bit
	talkHits     []uint16                    // talk -> the words some line of it uses, by bit
	touched      []uint32                    // talks with hits, to clear them
	firstMention [maxTerms]map[uint32]uint32 // talk -> first line using word i
}

// matchers are reused: a question's candidates and maps are most of what
// answering it allocates.
var matchers = sync.Pool{New: func() any { return &matcher{byDoc: map[uint32]int32{}, inTalk: map[uint32]uint16{}} }}

// maxPooledCandidates bounds the matchers kept for reuse: one that read a
// whole event's common words is let go.
const maxPooledCandidates = 1 << 14

func newMatcher(ix *Index, qs []queryTerm, filter map[uint32]bool) *matcher {
	m := matchers.Get().(*matcher)
	m.ix, m.qs, m.filter = ix, qs, filter
	m.pool = m.pool[:0]
	if talks := len(ix.talkStart); len(m.talkHits) < talks {
		m.talkHits = make([]uint16, talks)
	}
	m.partial = [maxTerms]bool{}
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
	if cap(m.pool) > maxPooledCandidates {
		return
	}
	clear(m.byDoc)
	clear(m.inTalk)
	for _, t := range m.touched {
		m.talkHits[t] = 0
	}
	m.touched = m.touched[:0]
	for i := range m.qs {
		clear(m.firstMention[i])
	}
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
	i, ok := m.byDoc[doc]
	if !ok {
		i = int32(len(m.pool))
		m.byDoc[doc] = i
		m.pool = append(m.pool, candidate{doc: doc})
	}
	return &m.pool[i]
}

func (m *matcher) lookup(doc uint32) *candidate {
	if i, ok := m.byDoc[doc]; ok {
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
// a correction).
func (m *matcher) readText(i int, n int) {
	ix := m.ix
	for _, v := range m.qs[i].variants {
		visit := func(doc, tf uint32) {
			talk := ix.docs[doc].talk
			if !m.allowed(talk) {
				return
			}
			m.hit(talk, i)
			if first, ok := m.firstMention[i][talk]; (!ok || doc < first) && tf&1 == 0 && v.weight == 1 && !m.partial[i] {
				m.firstMention[i][talk] = doc
			}
			m.note(m.get(doc), i, v, tf)
		}
		if ch, ok := ix.champions[v.term]; ok && m.filter == nil {
			// First mentions of common words come marked: the champions
			// are not in document order.
			m.partial[i] = true
			k := n
			if v.weight < 1 {
				k = min(k, fewChampions)
			}
			for _, p := range ch[:min(k, len(ch))] {
				visit(p.doc, p.tf&^championFirst)
				if p.tf&championFirst != 0 && v.weight == 1 {
					m.get(p.doc).firstUse |= 1 << i
				}
			}
			continue
		}
		ix.text[v.term].each(visit)
	}
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
	for k := range m.pool {
		c := &m.pool[k]
		if c.exact&partial == partial {
			continue // holds every common word as typed: nothing to learn
		}
		m.ix.eachCommon(c.doc, func(common uint16, tf uint32, first bool) {
			for _, p := range m.probes {
				if p.common == common {
					m.note(c, p.word, p.v, tf)
					m.hit(m.ix.docs[c.doc].talk, p.word)
					if first && p.v.weight == 1 {
						c.firstUse |= 1 << p.word
					}
				}
			}
		})
	}
}

// talkWords returns, a bit each, the words read through champions that
// some line of a talk uses; a talk's forward lists lie together.
func (m *matcher) talkWords(talk uint32) uint16 {
	if w, ok := m.inTalk[talk]; ok {
		return w
	}
	ix := m.ix
	end := uint32(len(ix.docs))
	if int(talk)+1 < len(ix.talkStart) {
		end = ix.talkStart[talk+1]
	}
	var w uint16
	for doc := ix.talkStart[talk]; doc < end; doc++ {
		ix.eachCommon(doc, func(common uint16, _ uint32, _ bool) {
			for _, p := range m.probes {
				if p.common == common {
					w |= 1 << p.word
				}
			}
		})
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

// levelAt is the text level of word i in a line, candidate or not.
func (m *matcher) levelAt(i int, doc uint32) float64 {
	if c := m.lookup(doc); c != nil {
		return float64(c.level[i])
	}
	if !m.partial[i] {
		return 0
	}
	best := 0.0
	m.ix.eachCommon(doc, func(common uint16, tf uint32, _ bool) {
		for _, p := range m.probes {
			if p.word == i && p.common == common {
				l, _ := m.level(i, p.v, doc, tf)
				best = max(best, l)
			}
		}
	})
	return best
}

// fieldHit is the weight of the best variant of word i among terms.
func (m *matcher) fieldHit(i int, terms []uint32) float64 {
	best := 0.0
	for _, v := range m.qs[i].variants {
		if v.weight > best && hasTerm(terms, v.term) {
			best = v.weight
		}
	}
	return best
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
	for _, q := range m.qs {
		for _, v := range q.variants {
			for _, field := range []map[uint32][]uint32{ix.title, ix.speaker} {
				if talks := field[v.term]; len(talks) > 0 {
					lists = append(lists, talks)
				}
			}
		}
	}
	// The rarest words first: a word in more than fieldScan titles adds
	// no talks once others have been found, only weight (below).
	slices.SortFunc(lists, func(a, b []uint32) int { return cmp.Compare(len(a), len(b)) })
	weight := map[uint32]float64{}
	for _, talks := range lists {
		if len(talks) > fieldScan && len(weight) > 0 {
			break
		}
		for _, t := range talks[:min(len(talks), fieldScan)] {
			if m.allowed(t) {
				weight[t] = 0
			}
		}
	}
	if len(weight) == 0 {
		return
	}
	talks := make([]uint32, 0, len(weight))
	for t := range weight {
		w := 0.0
		for i, q := range m.qs {
			w += q.weight * max(m.fieldHit(i, ix.titleTerms[t]), m.fieldHit(i, ix.speakerTerms[t]))
		}
		weight[t] = w
		talks = append(talks, t)
	}
	slices.SortFunc(talks, func(a, b uint32) int {
		if c := cmp.Compare(weight[b], weight[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for _, t := range talks[:min(len(talks), maxForcedTalks)] {
		first := ix.firstDoc(t)
		for k := uint32(0); k < 3 && int(k) < ix.corpus.Talks[t].NumBullets(); k++ {
			m.get(first + k).forced = true
		}
	}
}

// forceSections makes the first lines of sections whose heading holds a
// word of the question candidates.
func (m *matcher) forceSections() {
	ix := m.ix
	n := 0
	for _, q := range m.qs {
		for _, v := range q.variants {
			for _, sec := range ix.section[v.term] {
				if n == maxForcedSections {
					return
				}
				if !m.allowed(ix.sections[sec].talk) {
					continue
				}
				n++
				docs := ix.sectionDocs[sec]
				for _, d := range docs {
					m.get(d).forced = true
				}
			}
		}
	}
}

// holdsAnswerType reports whether a line holds the kind of fact the
// question asks for ("where does Wesley Chun work": "... at Google").
func (m *matcher) holdsAnswerType(d docRef) bool {
	return m.want != anyAnswer && hasAnswerType(m.want, m.ix.corpus.Talks[d.talk].Bullet(int(d.bullet)).Text)
}

// talkUseDepth is how many of the best lines are scored again knowing
// their talks' use of the common words.
const talkUseDepth = 30

// score gives a shortlisted candidate its score and coverage; withTalk
// reads its talk's lines for the words read through champions.
func (m *matcher) score(c *candidate, total float64, withTalk bool) {
	ix, qs := m.ix, m.qs
	doc := c.doc
	d := ix.doc(doc)
	sec := ix.docs[doc].section
	c.matched = 0
	var score, cover, talkCover, directCover float64
	var topicCover, topicTotal float64   // the words that do not name the talk's speaker
	topicTerms, speakerTerms := 0, 0     // asking words not naming the speaker, and naming them
	naming := 0                          // asking words naming the talk, by its title or speakers
	var asked, answered float64          // weight of the other asking words, and of those the line holds
	var askedSpecific float64            // ... of those no everyday English
	var askedInTalk float64              // weight of those some line of the talk holds
	var described, describedHere float64 // weight of words describing the talk asked about; of those this talk holds
	namedFirmly := false                 // ... by its speakers or a description
	var sceneUnmatched float64           // weight of scene-setting words neither the line nor its talk holds
	first := false
	var relBuf [4]uint32
	related := ix.related(doc, &relBuf)
	for i, q := range qs {
		direct := float64(c.level[i])
		speakerHit := m.fieldHit(i, ix.speakerTerms[d.talk])
		if speakerHit > 0 && ix.docs[doc].flags&flagSpeakerLine != 0 {
			// The speaker's name under "Author" says nothing the talk
			// does not: "Avery Pennarun (@apenwarr)".
			direct = 0
		}
		l := direct
		if direct > 0 && !c.link[i] {
			c.direct = true
			directCover += q.weight
			if f, ok := m.firstMention[i][d.talk]; ok && f == doc && !m.partial[i] {
				first = true
			} else if m.partial[i] && c.firstUse&(1<<i) != 0 {
				first = true
			}
		}
		titleHit := m.fieldHit(i, ix.titleTerms[d.talk])
		field := max(titleLevel*titleHit, speakerLevel*speakerHit)
		if sec != noSection {
			if h := m.fieldHit(i, ix.sectionTerms[sec]); h > 0 {
				field = max(field, sectionLevel*h)
				c.inSection = true
			}
		}
		beside := 0.0
		for _, n := range related {
			beside = max(beside, neighbourRate*m.levelAt(i, n))
		}
		l = max(l, field, beside)
		talkUses := m.talkHits[d.talk]&(1<<i) != 0 || withTalk && m.partial[i] && m.talkWords(d.talk)&(1<<i) != 0
		if q.naming && (l > 0 || talkUses) {
			// "The dict talk": the word tells which talk, and every line
			// of a talk that uses it counts it alike.
			l, direct, beside = namingLevel, 0, 0
			field = namingLevel
		}
		if q.naming && !q.context {
			described += q.weight
			if l == namingLevel {
				describedHere += q.weight
			}
		}
		if !q.context {
			if titleHit > 0 || speakerHit > 0 || q.naming {
				naming++ // names the talk or its speaker
				if speakerHit > 0 || q.naming {
					namedFirmly = true
				}
			} else {
				asked += q.weight
				if q.familiar < everydayWord {
					askedSpecific += q.weight
				}
				if talkUses {
					askedInTalk += q.weight
				}
				if c.inSection || direct > 0 || beside > 0 {
					answered += q.weight * coverCredit(direct, c.link[i], 0, beside)
					if direct == 0 && beside == 0 {
						answered += q.weight // in the section heading
					}
				}
			}
		}
		aboutSpeaker := speakerHit > 0
		if aboutSpeaker {
			speakerTerms++
		}
		if !aboutSpeaker {
			topicTotal += q.weight
			if !q.context {
				topicTerms++
			}
		}
		if l <= 0 {
			if q.context && !talkUses {
				sceneUnmatched += q.weight
			}
			if talkUses {
				// The talk uses the word elsewhere: weak evidence that
				// the line is about the question, enough to rank it, not
				// to answer with it.
				talkCover += q.weight * talkCredit
				if !aboutSpeaker {
					topicCover += q.weight * talkCredit
				}
			}
			continue
		}
		score += q.weight * l
		c.matched |= 1 << i
		credit := coverCredit(direct, c.link[i], field, beside)
		if direct > 0 && credit == 1 && field == 0 {
			credit = float64(c.credit[i]) // a corrected word counts less
		}
		cover += q.weight * credit
		if !aboutSpeaker {
			topicCover += q.weight * credit
		}
	}
	if total > 0 {
		// A scene-setting word the line and its talk lack counts neither
		// for nor against it.
		c.strict = (cover + strictTalkRate*talkCover) / (total - sceneUnmatched)
		// "What did Noller say about the GIL": the speaker's talk answers
		// only if it says something of the rest of the question.
		if topicTerms > 0 && speakerTerms > 0 && topicCover == 0 {
			c.strict = 0
		}
		// "What did the dask person say about dashboards": the talk a
		// question names, by its title, speakers or a description, answers
		// only if it says something of what the question asks of it.
		// A word of the title may only happen to stand in it: a talk
		// named so must hold less of what is asked.
		// What is asked of a talk its title names may be said in everyday
		// words the notes word otherwise ("how do you unit test fortran
		// code"): only the specific ones must be held.
		need := titleNamedAskedShare * askedSpecific
		if namedFirmly {
			need = namedAskedShare * asked
		}
		if naming > 0 && asked > 0 && max(answered, askedInTalk) < need && !m.holdsAnswerType(d) {
			c.strict = 0
		}
		// "In the git log talk, which parts ...": a line of a talk that
		// does not fit the description does not answer, however much of
		// the rest it holds.
		if described > 0 && describedHere < describedShare*described {
			c.strict = 0
		}
		c.cover = (cover + talkCover) / total
		directCover /= total
	}
	// Lines that hold the words themselves beat lines that only sit among
	// them.
	c.score = score * c.cover * (1 + directBonus*directCover)
	if first {
		// Where a talk first uses a word is where it introduces it.
		c.score *= 1 + firstMentionBonus
	}
}

func sortCandidates(cs []*candidate) {
	slices.SortFunc(cs, func(a, b *candidate) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return int(a.doc) - int(b.doc)
	})
}

// firstMentionBonus favours the line where a talk first uses a word of the
// question.
const firstMentionBonus = 0.3

// directBonus is how much more a line scores when it holds every word.
const directBonus = 0.5

// shortlistSize bounds how many candidates are scored in full: a word
// common in a large corpus matches far more lines than can be worth
// reading.
const shortlistSize = 200

// shortlist returns the candidates worth scoring in full: those found by
// title, speaker or section, and the best of the others by the
// idf-weighted strength of the words they hold themselves.
func shortlist(pool []candidate, qs []queryTerm) []*candidate {
	all := make([]*candidate, len(pool))
	for i := range pool {
		all[i] = &pool[i]
	}
	if len(all) <= shortlistSize {
		return all
	}
	var keep, rest []*candidate
	for _, c := range all {
		if c.forced {
			keep = append(keep, c)
			continue
		}
		var quick float64
		for i, q := range qs {
			quick += q.weight * float64(c.level[i])
		}
		c.score = quick
		rest = append(rest, c)
	}
	n := max(0, shortlistSize-len(keep))
	if n < len(rest) {
		selectTop(rest, n, func(a, b *candidate) bool { return a.score > b.score })
		rest = rest[:n]
	}
	return append(keep, rest...)
}

// selectTop reorders xs so that its first n hold the n best by better, in
// linear expected time (quickselect).
func selectTop[T any](xs []T, n int, better func(a, b T) bool) {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		pivot := xs[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for better(xs[i], pivot) {
				i++
			}
			for better(pivot, xs[j]) {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case n-1 <= j:
			hi = j
		case n-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// coverCredit is how much a word counts towards coverage: fully when in the
// bullet or its talk's title, speakers or section heading, half when only
// in the parent or a neighbouring line, little when only inside a link.
func coverCredit(direct float64, link bool, field, beside float64) float64 {
	switch {
	case direct > 0 && !link, field > 0:
		return 1
	case beside > 0:
		return besideCredit
	case direct > 0:
		return linkRate
	}
	return 0
}

// besideCredit is how much a word found only in the parent or a
// neighbouring line counts towards coverage.
const besideCredit = 0.85

// tfNorm is the BM25 term-frequency factor of a bullet.
func (ix *Index) tfNorm(tf uint32, doc uint32) float64 {
	f := float64(tf)
	dl := float64(ix.docs[doc].length)
	return f * (bm25K1 + 1) / (f + bm25K1*(1-bm25B+bm25B*dl/math.Max(ix.avgLen, 1)))
}

// firstDoc returns the document of a talk's first bullet.
func (ix *Index) firstDoc(talk uint32) uint32 {
	return ix.talkStart[talk]
}

// related returns the parent, the grandparent and the neighbours of a
// bullet in its talk: the lines above it in its outline, and the lines
// before and after it in the same file.
func (ix *Index) related(doc uint32, buf *[4]uint32) []uint32 {
	out := buf[:0]
	if up, ok := ix.parentDoc(doc); ok {
		out = append(out, up)
		if upper, ok := ix.parentDoc(up); ok {
			out = append(out, upper)
		}
	}
	if ix.docs[doc].flags&flagPrevSameFile != 0 {
		out = append(out, doc-1)
	}
	if ix.docs[doc].flags&flagNextSameFile != 0 {
		out = append(out, doc+1)
	}
	return out
}

// parentDoc returns the document of a bullet's parent, if it has one.
func (ix *Index) parentDoc(doc uint32) (uint32, bool) {
	switch up := ix.docs[doc].parent; up {
	case 0:
		return 0, false
	case parentFar:
		d := ix.doc(doc)
		return ix.talkStart[d.talk] + uint32(ix.corpus.Talks[d.talk].Bullet(int(d.bullet)).Parent), true
	default:
		return doc - uint32(up), true
	}
}
