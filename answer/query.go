package answer

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/talkbot/talkbot/internal/english"
)

// queryTerm is one content word of a question with the index terms it may
// match.
type queryTerm struct {
	word     string
	variants []variant
	idf      float64  // idf of the word's best variant in the notes: what its match levels are measured against
	weight   float64  // how much the word counts in the question
	known    bool     // the word, or its stem, is in the index
	scale    float64  // 1, or less for numbers and single letters
	common   float64  // how ordinary the word is in general English text, 0 to 1 (english.Commonness)
	familiar float64  // how well English speakers know it, 0 to 1 (english.Familiarity)
	everyday bool     // everyday English, or chat's shorthand for it ("dir": "directory")
	context  bool     // from a sentence that sets the scene rather than asks
	naming   bool     // describes the talk asked about ("the dict talk"), not what is asked of it
	slipOf   []string // the common English words it is a slip for ("frist": "first")
}

type variant struct {
	term    uint32
	weight  float64
	idf     float64
	full    bool   // the word as typed, or typed cut short ("plpython" for "plpythonu"): full coverage
	surface string // the word of the notes it stands for, when not the word as typed
}

// maxTerms bounds the content words of one question.
const maxTerms = 16

// knowsLetterParts reports whether the notes use every part of letters of
// a split word: "py3.6" reads as "py 3.6" where the notes use "py", but
// "pyo3" stays a name of its own.
func (ix *Index) knowsLetterParts(parts []string) bool {
	for _, p := range parts {
		if isDigit(p[0]) {
			continue
		}
		if _, ok := ix.stemTerm(p); !ok {
			return false
		}
	}
	return true
}

// shorthand maps the abbreviations chat uses for the words of software
// to the words notes write out; an expansion of two words matches either.
var shorthand = map[string][]string{
	"k8s": {"kubernetes"}, "js": {"javascript"}, "ts": {"typescript"}, "db": {"database"},
	"dbs": {"databases"}, "py": {"python"}, "repo": {"repository"}, "repos": {"repositories"},
	"config": {"configuration"}, "deps": {"dependencies"}, "dep": {"dependency"},
	"env": {"environment"}, "envs": {"environments"}, "auth": {"authentication"},
	"pr": {"pull", "request"}, "prs": {"pull", "requests"}, "perf": {"performance"},
	"docs": {"documentation"}, "doc": {"documentation"}, "lib": {"library"}, "libs": {"libraries"},
	"app": {"application"}, "apps": {"applications"}, "msg": {"message"}, "msgs": {"messages"},
	"impl": {"implementation"}, "dev": {"developer", "development"}, "devs": {"developers"},
	"prod": {"production"}, "infra": {"infrastructure"}, "ci": {"continuous", "integration"},
	"gc": {"garbage", "collection"}, "vm": {"virtual", "machine"}, "vms": {"virtual", "machines"},
	"ml": {"machine", "learning"}, "nlp": {"natural", "language"}, "regex": {"regular", "expression"},
	"cli": {"command", "line"}, "async": {"asynchronous"}, "mgmt": {"management"},
	"admin": {"administration"}, "arch": {"architecture"}, "algo": {"algorithm"},
	"algos": {"algorithms"}, "stdlib": {"standard", "library"}, "func": {"function"},
	"funcs": {"functions"}, "fn": {"function"}, "var": {"variable"}, "vars": {"variables"},
	"param": {"parameter"}, "params": {"parameters"}, "arg": {"argument"}, "args": {"arguments"},
	"obj": {"object"}, "objs": {"objects"}, "req": {"request"}, "reqs": {"requests", "requirements"},
	"resp": {"response"}, "sec": {"security", "second"}, "secs": {"seconds"}, "ms": {"milliseconds"},
	"mem": {"memory"}, "cpu": {"processor"}, "info": {"information"}, "intro": {"introduction"},
	"eng": {"engineering"}, "biz": {"business"}, "dir": {"directory"}, "dirs": {"directories"},
	"pkg": {"package"}, "pkgs": {"packages"}, "img": {"image"}, "imgs": {"images"},
	"distro": {"distribution"}, "distros": {"distributions"}, "spec": {"specification"},
	"specs": {"specifications"}, "stats": {"statistics"}, "src": {"source"}, "tmp": {"temporary"},
	"sync": {"synchronous"}, "proc": {"process"}, "procs": {"processes"}, "auto": {"automatic"},
}

// verboseDiscount is how much less an ordinary word counts in a question
// of n content words: nothing in a query of two or three words, each of
// which the user chose, up to ordinaryDiscount in a long question, most of
// whose words only carry the few that matter.
func verboseDiscount(n int) float64 {
	return ordinaryDiscount * min(1, max(0, float64(n-3)/3))
}

// absentDiscount is how much less an ordinary word the notes never use
// counts, against a specific one, in a question of n content words: a
// little in a query of two words, which the user chose, fully from six on,
// where such words are mostly talk ("boss", "weekend").
func absentDiscount(n int) float64 {
	return min(1, max(0.3, 0.3+0.7*float64(n-2)/4))
}

// splitLettersDigits splits a word where letters meet digits: "py3.6" ->
// "py", "3.6"; "k8s" -> "k", "8", "s". A word without both gives itself.
func splitLettersDigits(w string) []string {
	var out []string
	start := 0
	for i := 1; i < len(w); i++ {
		prevDigit := isDigit(w[i-1]) || w[i-1] == '.'
		digit := isDigit(w[i]) || w[i] == '.'
		if prevDigit != digit {
			out = append(out, w[start:i])
			start = i
		}
	}
	return append(out, w[start:])
}

// queryTerms reads the content words of a question: stop, question and
// chat words and the words of a named event (given in skip) dropped. A
// compound of the question that the notes use ("python-dev") is a word of
// its own. When a question has more content words than maxTerms, the
// heaviest are kept, in the order of the question.
//
// It returns the terms, and the content words it dropped with why.
func (ix *Index) queryTerms(question string, a analysis, skip map[int]bool) ([]queryTerm, map[string]string) {
	var qs []queryTerm
	dropped := map[string]string{}
	seen := map[string]bool{}
	verbose := a.contentWords() > verboseWords
	for _, c := range compounds(fold(stripMarkup(question))) {
		if _, ok := ix.terms[c]; ok && !seen[c] && len(qs) < maxCandidateTerms/4 {
			seen[c] = true
			qs = append(qs, ix.cachedQueryTerm(c, false, verbose))
		}
	}
	for _, context := range []bool{false, true} {
		for i, w := range a.words {
			if w.except && w.role == roleContent {
				dropped[w.text] = "set aside by the question"
			}
			if w.except || w.context != context || skip[i] || w.role != roleContent || seen[w.text] || len(qs) == maxCandidateTerms {
				continue
			}
			seen[w.text] = true
			q := ix.cachedQueryTerm(w.text, w.context && !ix.namesSpeaker(w.text), verbose)
			q.naming = w.naming
			if why := slip(q); why != "" {
				dropped[w.text] = why
				continue
			}
			if parts := splitLettersDigits(w.text); !q.known && len(parts) == 2 && !isDigit(parts[0][0]) {
				// "py2" is "python2" to notes that write it so.
				for _, x := range shorthand[parts[0]] {
					if id, ok := ix.stemTerm(x + parts[1]); ok {
						idf := ix.termIDF(id)
						q.variants = append(q.variants, variant{term: id, weight: shorthandWeight, idf: idf, full: true, surface: x + parts[1]})
						q.idf = max(q.idf, idf)
					}
				}
			}
			if parts := splitLettersDigits(w.text); len(q.variants) == 0 && len(parts) > 1 && ix.knowsLetterParts(parts) {
				// "py3.6" is "py 3.6" to notes that write "Python 3.6".
				for _, p := range parts {
					if !seen[p] && !isStop(p) && len(qs) < maxCandidateTerms {
						seen[p] = true
						if q := ix.cachedQueryTerm(p, w.context, verbose); slip(q) == "" {
							q.naming = w.naming
							qs = append(qs, q)
						}
					}
				}
				dropped[w.text] = "split into " + strings.Join(parts, " ")
				continue
			}
			qs = append(qs, q)
		}
	}
	ix.shareAlternatives(qs, a)
	// A word the notes never use, in any spelling, counts as much as a
	// word in a single line of them when it is specific (a name, a
	// library, a term of art: the notes must use it to answer), and
	// little when it is ordinary English, which a question may use where
	// the notes say it otherwise.
	rare := ix.idf(1)
	discount := verboseDiscount(len(qs))
	for i := range qs {
		q := &qs[i]
		if len(q.variants) == 0 {
			q.idf = rare * q.scale
			f := 1 - absentDiscount(len(qs))*q.familiar
			q.weight = q.idf * f * f
		} else {
			q.weight = q.idf * (1 - discount*q.common)
		}
		if q.context {
			q.weight *= contextWeight
		}
	}
	if len(qs) > maxTerms {
		order := make([]int, len(qs))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(qs[b].weight, qs[a].weight) })
		keep := order[:maxTerms]
		slices.Sort(keep)
		kept := make([]queryTerm, 0, maxTerms)
		for _, i := range keep {
			kept = append(kept, qs[i])
		}
		for _, i := range order[maxTerms:] {
			dropped[qs[i].word] = fmt.Sprintf("lighter than the question's %d heaviest words", maxTerms)
		}
		qs = kept
	}
	return qs, dropped
}

// shareAlternatives lets each of two words joined by "or" ("numba or
// cython", "flask or django") be found by the other's spellings when the
// notes use both: either answers the question, and a line holding one
// explains both. Everyday words joined by "or" compare or qualify ("is
// hasattr or try/except quicker", "more or less"): a line holding the
// everyday one does not explain the other.
func (ix *Index) shareAlternatives(qs []queryTerm, a analysis) {
	at := map[string]int{}
	for i, q := range qs {
		at[q.word] = i
	}
	for i := 1; i+1 < len(a.words); i++ {
		if a.words[i].text != "or" {
			continue
		}
		x, okx := at[a.words[i-1].text]
		y, oky := at[a.words[i+1].text]
		if !okx || !oky || x == y || !qs[x].known || !qs[y].known {
			continue // a word the notes lack keeps saying so
		}
		if qs[x].familiar >= everydayWord || qs[y].familiar >= everydayWord {
			continue
		}
		vx, vy := qs[x].variants, qs[y].variants
		qs[x].variants = appendAlternatives(slices.Clip(vx), vy)
		qs[y].variants = appendAlternatives(slices.Clip(vy), vx)
	}
}

// appendAlternatives adds to vs the variants of the alternative word that
// it lacks, at alternativeWeight: a line holding both alternatives ("conda
// is great and works together with pip") explains more than one holding
// either.
func appendAlternatives(vs, alt []variant) []variant {
	for _, v := range alt {
		if !slices.ContainsFunc(vs, func(w variant) bool { return w.term == v.term }) {
			v.weight *= alternativeWeight
			v.full = false
			vs = append(vs, v)
		}
	}
	return vs
}

// verboseWords is the most content words of a question that is not
// verbose.
const verboseWords = 6

// maxCandidateTerms bounds the content words of a question weighed; the
// maxTerms heaviest of them are searched for.
const maxCandidateTerms = 2 * maxTerms

// namesSpeaker reports whether a word is in a speaker's name: a name says
// which talk, in whatever sentence it stands ("raymond had a figure").
func (ix *Index) namesSpeaker(w string) bool {
	id, ok := ix.stemTerm(w)
	if !ok || len(ix.speaker[id]) == 0 {
		return false
	}
	// As written: "asking" is not Ask Solem.
	for _, t := range ix.speaker[id][:min(len(ix.speaker[id]), 8)] {
		for _, s := range ix.corpus.Talks[t].Speakers {
			if slices.Contains(words(fold(s)), w) {
				return true
			}
		}
	}
	return false
}

// setAside returns the talks whose titles hold a word the question sets
// aside ("what else did beazley talk about besides the gil stuff"), or nil.
func (ix *Index) setAside(a analysis) map[uint32]bool {
	var out map[uint32]bool
	for _, w := range a.words {
		if !w.except || w.role != roleContent {
			continue
		}
		if id, ok := ix.stemTerm(w.text); ok {
			for _, t := range ix.title[id] {
				if out == nil {
					out = map[uint32]bool{}
				}
				out[t] = true
			}
		}
	}
	return out
}

// verbose says the question is long: a word the notes use is then taken
// as typed, not also as the words one letter away from it.
func (ix *Index) queryTerm(w string, context, verbose bool) queryTerm {
	q := queryTerm{word: w, scale: 1, context: context}
	q.common, q.familiar = english.Profile(w)
	id, ok := ix.stemTerm(w)
	if !ok {
		id, ok = ix.terms[w] // compounds are indexed as they are: "easyinstall"
	}
	if ok {
		q.known = true
		idf := ix.termIDF(id)
		q.variants = append(q.variants, variant{term: id, weight: 1, idf: idf, full: true})
		q.idf = idf
	}
	if !q.known && len(w) > 2 && strings.HasSuffix(w, "s") {
		// Chat pluralises abbreviations the stemmer does not know: "prs".
		if id, ok := ix.stemTerm(w[:len(w)-1]); ok {
			q.known = true
			q.idf = ix.termIDF(id)
			q.variants = append(q.variants, variant{term: id, weight: 1, idf: q.idf, full: true})
		}
	}
	n := 0
	count := ix.vocab.countOf(w)
	var corrections []correction
	if !q.known && q.familiar < typoCommonness || q.known && !verbose {
		corrections = ix.vocab.corrections(w)
	}
	for _, c := range corrections {
		if n == maxCorrections {
			break
		}
		// A word the notes use is not corrected to a much commoner one:
		// that is another word ("cpython" is not "python"), not a
		// note-taker's slip.
		if q.known && c.count > 3*count {
			continue
		}
		// Slips rarely touch the first letter; a different first letter
		// mostly makes another word ("python", "cython").
		firstSame := c.word[0] == w[0]
		if q.known && !firstSame {
			continue
		}
		if slices.ContainsFunc(q.variants, func(v variant) bool { return v.term == c.term }) {
			continue
		}
		weight := oneEditWeight
		if c.distance == 2 {
			weight = twoEditsWeight
		}
		if q.known {
			weight = knownWordWeight
		}
		if strings.HasPrefix(c.word, w) {
			weight = max(weight, prefixWeight) // "plpython" -> "plpythonu"
		}
		if !firstSame {
			weight *= 0.75
		}
		idf := ix.termIDF(c.term)
		q.variants = append(q.variants, variant{term: c.term, weight: weight, idf: idf, full: strings.HasPrefix(c.word, w), surface: c.word})
		if !q.known && idf*weight > q.idf {
			q.idf = idf
		}
		n++
	}
	// Notes abbreviate: "tech" for "technology", "perf" for "performance".
	for _, a := range ix.vocab.abbreviations(w) {
		weight := abbreviationWeight
		if q.known {
			weight = knownWordWeight
		}
		if !slices.ContainsFunc(q.variants, func(v variant) bool { return v.term == a.term }) {
			idf := ix.termIDF(a.term)
			q.variants = append(q.variants, variant{term: a.term, weight: weight, idf: idf, surface: a.word})
			if !q.known && idf*weight > q.idf {
				q.idf = idf
			}
		}
	}
	// An English word the notes never use matches their derived forms of
	// its stem ("mentoring": "mentorship"); a name or a term of art stays
	// what it is ("polars" is not "polarity").
	if !q.known && q.familiar >= typoCommonness {
		for _, d := range ix.vocab.derived(stem(w)) {
			if !slices.ContainsFunc(q.variants, func(v variant) bool { return v.term == d.term }) {
				idf := ix.termIDF(d.term)
				q.variants = append(q.variants, variant{term: d.term, weight: derivedWeight, idf: idf, surface: d.word})
				q.idf = max(q.idf, idf*derivedWeight)
			}
		}
	}
	// Notes are typed in haste: an English word they never use matches
	// their misspellings of it ("figure": "figutre").
	if !q.known && q.familiar >= typoCommonness && len(q.variants) == 0 {
		for _, c := range ix.vocab.corrections(w) {
			if c.distance == 1 && slices.Contains(english.Slips(c.word), w) && !slices.ContainsFunc(q.variants, func(v variant) bool { return v.term == c.term }) {
				idf := ix.termIDF(c.term)
				q.variants = append(q.variants, variant{term: c.term, weight: oneEditWeight, idf: idf, surface: c.word})
				q.idf = max(q.idf, idf)
			}
		}
	}
	// A misspelt English word ("chosing", "frist") matches the word it is
	// a slip for, in any of its forms ("choose"), where the notes use it,
	// and then weighs as that word does, ordinary or not. (A name one
	// letter from a word that the notes never use stays a name.)
	if !q.known {
		q.slipOf = english.Slips(w)
		for _, s := range q.slipOf {
			id, ok := ix.stemTerm(s)
			if !ok {
				continue
			}
			c, f := english.Profile(s)
			q.common, q.familiar = max(q.common, c), max(q.familiar, f)
			if slices.ContainsFunc(q.variants, func(v variant) bool { return v.term == id }) {
				continue
			}
			idf := ix.termIDF(id)
			q.variants = append(q.variants, variant{term: id, weight: oneEditWeight, idf: idf, surface: s})
			if idf*oneEditWeight > q.idf {
				q.idf = idf
			}
		}
	}
	// Chat shortens the words of the trade: "k8s", "db", "perf".
	q.everyday = q.familiar >= everydayWord
	if xs := shorthand[w]; len(xs) > 0 {
		q.everyday = !slices.ContainsFunc(xs, func(x string) bool { return english.Familiarity(x) < everydayWord })
	}
	for _, x := range shorthand[w] {
		if id, ok := ix.stemTerm(x); ok && !slices.ContainsFunc(q.variants, func(v variant) bool { return v.term == id }) {
			idf := ix.termIDF(id)
			q.variants = append(q.variants, variant{term: id, weight: shorthandWeight, idf: idf, full: true, surface: x})
			if !q.known && idf*shorthandWeight > q.idf {
				q.idf = idf
			}
		}
	}
	// Numbers and one-letter words say little on their own.
	if _, err := strconv.ParseFloat(w, 64); err == nil || len(w) == 1 {
		q.scale = 0.5
		q.idf *= q.scale
	}
	return q
}

// termIDF is the idf of a term in bullet text; a term found only in titles,
// speakers or headings counts as rare.
func (ix *Index) termIDF(id uint32) float64 {
	df := ix.text[id].count
	if df == 0 {
		df = 1
	}
	return ix.idf(df)
}

// coverage returns how much a match through variant v counts towards
// coverage: fully for the word as typed (or an extension of it), and for the
// best correction of a word the notes do not use; at least
// minCorrectedCredit for the other corrections.
func (q queryTerm) coverage(v variant) float64 {
	if v.full {
		return 1
	}
	return max(v.weight/q.bestWeight(), minCorrectedCredit)
}

// bestWeight is the weight of the most trusted variant of a word: 1 when
// the notes use the word as typed.
func (q queryTerm) bestWeight() float64 {
	best := 0.0
	for _, v := range q.variants {
		best = max(best, v.weight)
	}
	if best == 0 {
		return 1
	}
	return best
}
