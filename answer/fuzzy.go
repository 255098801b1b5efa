package answer

import (
	"github.com/talkbot/talkbot/internal/clip"
	"slices"
	"strings"
	"unsafe"

	"github.com/sahilm/fuzzy"
)

// Ranks of a name match.
const (
	exactName = iota
	namePrefix
	allWords
	nearWords // every typed word, or a near spelling of it
	subsequence
)

// nameMatch is a title, speaker or event that matches a typed name.
type nameMatch struct {
	index int // into the list searched
	text  string
	rank  int // exactName to subsequence
	score int // sahilm/fuzzy score within a rank
}

// matchNames ranks names against what a user typed: exact, then prefix,
// then names holding every typed word (or a near spelling of it), then
// subsequence matches as github.com/sahilm/fuzzy scores them.
func matchNames(typed string, names []string) []nameMatch {
	return matchNamesBy(typed, names, true)
}

// matchNamesBy is matchNames, with the subsequence matches or without.
func matchNamesBy(typed string, names []string, subsequences bool) []nameMatch {
	qws := words(fold(typed))
	q := strings.Join(qws, " ")
	if q == "" {
		return nil
	}
	// The words that must match, each once, with the edits a near
	// spelling of each may make: stop words only count alone.
	type mustWord struct {
		w     string
		edits int
	}
	must := make([]mustWord, 0, len(qws))
	for _, w := range qws {
		if (!isStop(w) || len(qws) == 1) && !slices.ContainsFunc(must, func(m mustWord) bool { return m.w == w }) {
			must = append(must, mustWord{w, maxEdits(w)})
		}
	}
	var out []nameMatch
	seen := map[int]bool{}
	var buf []byte
	var nws []string
	for i, n := range names {
		var f string
		buf, nws, f = foldedName(buf, nws, n)
		rank := -1
		switch {
		case f == q:
			rank = exactName
		case strings.HasPrefix(f, q):
			rank = namePrefix
		default:
			all, near := true, true
			for _, m := range must {
				w := m.w
				if !slices.Contains(nws, w) && !slices.ContainsFunc(nws, func(x string) bool { return strings.HasPrefix(x, w) && len(w) >= 3 }) {
					all = false
					if !slices.ContainsFunc(nws, func(x string) bool {
						return m.edits > 0 && osaDistance(w, x, m.edits) <= m.edits
					}) {
						near = false
					}
				}
			}
			switch {
			case all:
				rank = allWords
			case near:
				rank = nearWords
			}
		}
		if rank >= 0 {
			out = append(out, nameMatch{index: i, text: n, rank: rank})
			seen[i] = true
		}
	}
	if !subsequences {
		slices.SortStableFunc(out, func(a, b nameMatch) int { return a.rank - b.rank })
		return out
	}
	scores := map[int]int{}
	for _, m := range fuzzy.Find(typed, names) {
		scores[m.Index] = m.Score
		if !seen[m.Index] {
			out = append(out, nameMatch{index: m.Index, text: m.Str, rank: subsequence})
		}
	}
	for i := range out {
		out[i].score = scores[out[i].index]
	}
	slices.SortStableFunc(out, func(a, b nameMatch) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return b.score - a.score
	})
	return out
}

// foldedName splits a name into its folded words, as words(fold(name))
// does, and joins them with spaces. An ASCII name is written into buf,
// with nothing allocated: the words and their join are good until buf is
// next written.
func foldedName(buf []byte, ws []string, name string) (_ []byte, _ []string, joined string) {
	ws = ws[:0]
	if !isASCII(name) {
		ws = append(ws, words(fold(name))...)
		return buf, ws, strings.Join(ws, " ")
	}
	buf = buf[:0]
	var ends [16]int // where each word ends in buf, for the first words
	at := ends[:0]
	for i := 0; i < len(name); {
		start, end, apostrophe := nextASCIIWord(name, i)
		if start == end {
			break
		}
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		for _, c := range []byte(name[start:end]) {
			switch {
			case apostrophe && c == '\'':
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
		at = append(at, len(buf))
		i = end
	}
	joined = unsafe.String(unsafe.SliceData(buf), len(buf))
	from := 0
	for _, end := range at {
		ws = append(ws, joined[from:end])
		from = end + 1
	}
	return buf, ws, joined
}

// Field is what a name to complete names.
type Field int

// The fields Complete completes; NoField, the zero value, completes
// nothing (a command whose argument is a question).
const (
	NoField Field = iota
	TitleField
	SpeakerField
	EventField
	RoomField  // rooms of the schedules
	TrackField // tracks of the schedules
)

// Complete returns up to limit names of talks, speakers or events for
// what a user has typed so far, best first: exact, then prefix, then word,
// then subsequence matches (github.com/sahilm/fuzzy). With nothing typed it
// returns the first names in corpus order.
func (e *Engine) Complete(field Field, typed string, limit int) []string {
	ix := e.Index()
	if ix == nil || field == NoField {
		return nil // the notes are still loading, or nothing to complete
	}
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] && len(out) < limit {
			seen[n] = true
			out = append(out, n)
		}
	}
	if strings.TrimSpace(typed) == "" {
		for _, n := range ix.names(field).names {
			if len(out) == limit {
				break
			}
			add(n)
		}
		return out
	}
	for _, m := range ix.findNames(field, clip.Bytes(typed, MaxQueryLen), limit) {
		add(m.text)
	}
	return out
}

// nameLimit is how many matches a name lookup wants at least.
const nameLimit = 25

// names returns the name index of a field.
func (ix *Index) names(field Field) *nameIndex {
	ix.nameIdx.Do(func() {
		ix.titleIdx = newNameIndex(ix.titles)
		ix.speakerIdx = newNameIndex(ix.speakerNames)
		ix.eventIdx = newNameIndex(ix.eventNames)
	})
	switch field {
	case SpeakerField:
		return ix.speakerIdx
	case EventField:
		return ix.eventIdx
	case RoomField:
		return ix.programme().roomIdx
	case TrackField:
		return ix.programme().trackIdx
	}
	return ix.titleIdx
}

// findNames ranks the names of a field for what a user typed (see
// nameIndex.find), near spellings taken from the notes' vocabulary.
func (ix *Index) findNames(field Field, typed string, limit int) []nameMatch {
	return ix.names(field).find(typed, limit, func(w string) []string {
		var out []string
		for _, c := range ix.vocab.corrections(w) {
			out = append(out, c.word)
		}
		return out
	})
}
