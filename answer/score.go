package answer

import "slices"

// holdsAnswerType reports whether a line holds the kind of fact the
// question asks for ("where does Wesley Chun work": "... at Google").
func (m *matcher) holdsAnswerType(c *candidate) bool {
	if !checksAnswerType(m.want) {
		return false // nothing to read in the line
	}
	return c.holdsAnswerType(m.want, func() string {
		d := m.ix.doc(c.doc)
		return m.ix.corpus.Talks[d.talk].Bullet(int(d.bullet)).Text
	})
}

// talkUseDepth is how many of the best lines are scored again knowing
// their talks' use of the common words.
const talkUseDepth = 15

// score gives a shortlisted candidate its score and coverage; withTalk
// reads its talk's lines for the words read through champions.
func (m *matcher) score(c *candidate, total float64, withTalk bool) {
	ix, qs := m.ix, m.qs
	doc := c.doc
	d := ix.doc(doc)
	c.matched, c.titled = 0, 0
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
	absent := false                      // some word is in the notes in no spelling, and no everyday English
	var askedTerms, termsHeld float64    // weight of the asking words no everyday English; of those the line or its talk holds
	first := false
	nameHere := 0 // words of a speaker's name the question gives that the line or its talk's speakers hold
	var relBuf [4]uint32
	related := ix.related(doc, &relBuf)
	var relLevels [4][maxTerms]float32
	for k, n := range related {
		m.levelsAt(n, &relLevels[k])
	}
	var titleHits, speakerHits, sectionHits [maxTerms]float64
	m.fieldsOf(doc, &titleHits, &speakerHits, &sectionHits)
	for i := range qs {
		q := &qs[i] // not a copy: scoring reads a few fields of each word
		absent = absent || q.specificAbsent()
		direct := float64(c.level[i])
		speakerHit, titleHit := speakerHits[i], titleHits[i]
		if total > 0 && !q.context {
			c.titled += q.weight * titleHit / total
		}
		if speakerHit > 0 && ix.docs[doc].flags()&flagSpeakerLine != 0 {
			// The speaker's name under "Author" says nothing the talk
			// does not: "Avery Pennarun (@apenwarr)".
			direct = 0
		}
		if titleHit > 0 && len(ix.titleTerms[d.talk]) == 1 {
			// The talk is named for the word ("zeromq"): each of its
			// lines is about it.
			direct = max(direct, titleHit)
		}
		l := direct
		if direct > 0 && !c.link[i] {
			c.direct = true
			directCover += q.weight
			if !m.partial[i] && m.firstMentioned(c, i, d.talk) {
				first = true
			} else if m.partial[i] && c.firstUse&(1<<i) != 0 {
				first = true
			}
		}
		field := max(titleLevel*titleHit, speakerLevel*speakerHit)
		if h := sectionHits[i]; h > 0 {
			field = max(field, sectionLevel*h)
			c.inSection = true
		}
		beside := 0.0
		for k := range related {
			beside = max(beside, neighbourRate*float64(relLevels[k][i]))
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
				if !q.everyday {
					askedTerms += q.weight
					if talkUses || c.inSection || direct > 0 || beside > 0 {
						termsHeld += q.weight
					}
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
		if m.namedSpeakers&(1<<i) != 0 && (speakerHit > 0 || direct > 0) {
			nameHere++
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
		// "What did Beazley say about multicore": a line of another's
		// talk that does not name him does not answer.
		if m.namedSpeakers != 0 && (nameHere == 0 || nameHere < m.namedWords) {
			c.strict = 0
		}
		// "Where does William Ting work": a line of his placing him
		// somewhere ("... at Reddit") answers, in whatever words.
		if topicTerms > 0 && speakerTerms > 0 && topicCover == 0 && !(m.want == placeAnswer && m.holdsAnswerType(c)) {
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
		wordedOtherwise := false
		if namedFirmly {
			need = namedAskedShare * asked
			if !absent {
				// Every word is in the notes in some spelling, or everyday
				// English: what is asked of the talk described in everyday
				// words may be worded otherwise in it ("which parts of the
				// .git dir does he walk through": "we discuss the config,
				// HEAD, refs"), so that its terms of art it holds are
				// enough.
				wordedOtherwise = termsHeld >= namedAskedShare*askedTerms
			}
		}
		// A summary asks nothing of the talk but what it said.
		if naming > 0 && asked > 0 && max(answered, askedInTalk) < need && !wordedOtherwise && !m.holdsAnswerType(c) && m.want != summaryAnswer {
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

// sortCandidates sorts candidates best first, ties by document.
func sortCandidates(cs []*candidate) { slices.SortFunc(cs, compareCandidates) }

func compareCandidates(a, b *candidate) int {
	switch {
	case a.score > b.score:
		return -1
	case a.score < b.score:
		return 1
	}
	return int(a.doc) - int(b.doc)
}

// resortPrefix sorts candidates again after the first k, sorted before,
// were scored again: it sorts those and merges them with the rest, which
// are still in order.
func resortPrefix(cs []*candidate, k int) {
	if k >= len(cs) {
		sortCandidates(cs)
		return
	}
	var buf [max(talkUseDepth, proximityDepth)]*candidate
	if k > len(buf) {
		sortCandidates(cs)
		return
	}
	head := buf[:k]
	copy(head, cs[:k])
	slices.SortFunc(head, compareCandidates)
	// Merging front to back never overwrites a candidate of the rest
	// before it is read: at most k places lie behind it.
	i, j, o := 0, k, 0
	for i < k && j < len(cs) {
		if compareCandidates(cs[j], head[i]) < 0 {
			cs[o] = cs[j]
			j++
		} else {
			cs[o] = head[i]
			i++
		}
		o++
	}
	copy(cs[o:], head[i:])
}
