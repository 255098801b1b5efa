package answer

import (
	"slices"
	"strings"
	"unicode"

	"github.com/talkbot/talkbot/corpus"
)

// talkResult renders a ranked talk with its best lines: up to maxSnippets
// lines that score near the best one, lines with the words themselves
// before lines that only sit in a matching talk. A short line is followed
// by its first sub-bullet, which explains it; slots left over go to the
// lines that follow short lines in their list. A long line is shown
// around the terms asked about.
func (ix *Index) talkResult(t rankedTalk, named bool, q questionKind, qs []queryTerm) TalkResult {
	want := q.answer
	talk := ix.corpus.Talks[t.talk]
	r := ix.talkHeader(talk)
	r.Score = t.score
	lines := &talkLines{ix: ix, talk: talk, event: r.Event, qs: qs}
	shown := map[uint32]bool{}
	add := func(bullet uint32, score float64) {
		if !shown[bullet] && len(r.Snippets) < maxSnippets {
			shown[bullet] = true
			r.Snippets = append(r.Snippets, lines.snippet(bullet, score))
		}
	}
	if named || q.answer == summaryAnswer || (!t.best.direct && !t.best.inSection) {
		// Named by its title ("grok the gil"), or found by title or speaker
		// only: the talk's opening lines say best what it is.
		for _, b := range openingBullets(talk, 2) {
			add(uint32(b), t.best.score)
		}
		return r
	}
	var followers []uint32
	for _, c := range t.lines {
		if len(r.Snippets) == maxSnippets {
			break
		}
		if len(r.Snippets) > 0 && (c.score < 0.5*t.best.score || (t.best.direct && !c.direct)) {
			break
		}
		b := ix.doc(c.doc).bullet
		if !c.direct {
			add(b, c.score)
			continue
		}
		line := lines.bullet(int(b))
		if children := explainingChildren(talk, int(b), line); len(children) > 0 {
			// A topic line ("gh:magicstack/uvloop") or a question the
			// notes ask ("Where do we use udp?") is best answered by the
			// lines under it, which show it as their context.
			if c == t.best {
				for _, child := range children {
					add(uint32(child), c.score)
				}
				shown[b] = true
				continue
			}
			add(b, c.score)
			add(uint32(children[0]), c.score)
			continue
		}
		next, ok := followingLine(talk, int(b), line)
		if ok && c == t.best && want != anyAnswer && !hasAnswerType(want, line.Text) && hasAnswerType(want, lines.bullet(next).Text) {
			// "who replies the most on python-dev": the line that matches
			// the question sets the scene, the next one names the person.
			add(uint32(next), c.score)
			add(b, c.score)
			continue
		}
		add(b, c.score)
		if ok && c == t.best && q.question {
			// A question asks for more than its own words: the line after
			// the one that matches them often holds the answer.
			add(uint32(next), c.score)
		} else if ok {
			followers = append(followers, uint32(next))
		}
	}
	for _, f := range followers {
		add(f, 0)
	}
	return r
}

// titleNames reports whether a question is all words of a talk's title:
// the user names the talk.
func (ix *Index) titleNames(talk uint32, qs []queryTerm) bool {
	for _, q := range qs {
		found := false
		for _, v := range q.variants {
			if v.weight == 1 && sortedHolds(ix.title[v.term], talk) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return len(qs) > 0
}

// shortLine is the length, in words, below which a line is a topic rather
// than a statement.
const shortLine = 8

func isShort(b corpus.Bullet) bool { return countFields(b.Text) < shortLine }

// countFields is len(strings.Fields(s)), without making the fields.
func countFields(s string) int {
	n, inField := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inField {
			n++
		}
		inField = !space
	}
	return n
}

// topicLine is the length, in words, up to which a line names a topic that
// its sub-bullets explain.
const topicLine = 3

// explainingChildren returns the first sub-bullets, up to
// maxExplainingChildren, of a topic line ("gh:magicstack/uvloop" ->
// "99.(9)% compatible asyncio event loop written in Cython") or of a
// question the notes ask ("Where do we use udp?" -> "KubeDNS").
func explainingChildren(t *corpus.Talk, i int, b corpus.Bullet) []int {
	if countFields(b.Text) > topicLine && !strings.HasSuffix(strings.TrimSpace(b.Text), "?") {
		return nil
	}
	var out []int
	for j := i + 1; j < t.NumBullets() && len(out) < maxExplainingChildren; j++ {
		next := t.Place(j)
		if next.File != b.File || next.Parent < i {
			break
		}
		if next.Parent == i {
			out = append(out, j)
		}
	}
	return out
}

// maxExplainingChildren is how many sub-bullets answer for a topic line.
const maxExplainingChildren = 2

// followingLine returns the line after a short one in the same list and
// section ("Uses Idle with threads" -> "Kills performance ..."), or its
// first sub-bullet ("Example of NASA issue" -> "caused project to go to
// ColdFusion").
func followingLine(t *corpus.Talk, i int, b corpus.Bullet) (int, bool) {
	if !isShort(b) || i+1 >= t.NumBullets() {
		return 0, false
	}
	next := t.Place(i + 1)
	if next.File == b.File && (next.Parent == b.Parent || next.Parent == i) && slices.Equal(next.Section, b.Section) {
		return i + 1, true
	}
	return 0, false
}

func (ix *Index) talkHeader(t *corpus.Talk) TalkResult {
	r := TalkResult{TalkID: t.ID, Title: t.Title, Speakers: t.Speakers, Event: t.Event.String()}
	if s := t.Slot; s != nil && !s.Start.IsZero() {
		r.Slot = &SlotInfo{Start: s.Start, End: s.End, Room: s.Room, Track: s.Track}
	}
	switch {
	case t.Slot != nil && t.Slot.URL != "":
		r.URL = t.Slot.URL
	case len(t.Sources) > 0:
		r.URL = t.Sources[0].URL
	}
	return r
}

func (ix *Index) snippet(t *corpus.Talk, bullet uint32, score float64) Snippet {
	lines := talkLines{ix: ix, talk: t, event: t.Event.String()}
	return lines.snippet(bullet, score)
}

// talkLines decodes the lines of a talk that one reply shows, each once: a
// line is read for its own snippet, as another's parent, and to judge
// what to show.
type talkLines struct {
	ix    *Index
	talk  *corpus.Talk
	event string      // the talk's event, named as citations name it
	qs    []queryTerm // the words asked about, which a long line is shown around
	at    []int
	got   []corpus.Bullet
}

func (l *talkLines) bullet(i int) corpus.Bullet {
	if k := slices.Index(l.at, i); k >= 0 {
		return l.got[k]
	}
	b := l.talk.Bullet(i)
	l.at, l.got = append(l.at, i), append(l.got, b)
	return b
}

func (l *talkLines) snippet(bullet uint32, score float64) Snippet {
	t := l.talk
	b := l.bullet(int(bullet))
	parent := ""
	if b.Parent >= 0 {
		parent = l.ix.window(l.bullet(b.Parent).Text, nil)
	}
	return Snippet{
		Text:    l.ix.window(b.Text, l.qs),
		Section: b.Section,
		Parent:  parent,
		Score:   score,
		Citation: Citation{
			Event: l.event, Talk: t.Title, Speakers: t.Speakers,
			File: b.File, Line: b.Line, URL: t.URL(b),
		},
	}
}
