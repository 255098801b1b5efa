package web

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/talkbot/talkbot/answer"
	"golang.org/x/text/unicode/norm"
)

// catalog is what the pages need to find talks, events and speakers by
// their slugs, built once for each index the engine serves.
type catalog struct {
	ix       *answer.Index
	talks    []answer.TalkResult // by talk ID
	slugs    []string            // talk ID -> slug
	byTalk   map[string]int      // slug -> talk ID
	events   []group             // by name
	byEvent  map[string]int      // slug -> index in events
	speakers []group             // by name
	bySpeak  map[string]int      // slug -> index in speakers
	slugOf   map[string]string   // "event:"/"speaker:" + name -> slug

	examplesOnce sync.Once
	examples     []answer.Example // for the home page, found once per index
}

// group is an event or a speaker with its talks.
type group struct {
	Name  string
	Slug  string
	Talks []int // talk IDs, newest event first, then by title
}

func newCatalog(ix *answer.Index) *catalog {
	c := &catalog{ix: ix, talks: ix.Talks(), byTalk: map[string]int{}, byEvent: map[string]int{}, bySpeak: map[string]int{}}
	c.slugs = make([]string, len(c.talks))
	taken := map[string]bool{}
	for id, t := range c.talks {
		s := slug(t.Title)
		if s == "" {
			s = "talk-" + strconv.Itoa(id) // a title in a script slugs cannot spell
		}
		if taken[s] {
			s = slug(t.Title + " " + t.Event) // "lightning-talks-pycon-us-2012"
		}
		for n := 2; taken[s]; n++ {
			s = slug(t.Title+" "+t.Event) + "-" + strconv.Itoa(n)
		}
		taken[s] = true
		c.slugs[id], c.byTalk[s] = s, id
	}
	// Notes on a topic or a tool are pages of their own, not talks of an
	// event or a speaker.
	topic := func(id int) bool { return ix.Corpus().Talks[id].Topic }
	c.slugOf = map[string]string{}
	c.events, c.byEvent = groups(c.talks, "event", c.slugOf, func(id int, t answer.TalkResult) []string {
		if topic(id) {
			return nil
		}
		return []string{t.Event}
	})
	c.speakers, c.bySpeak = groups(c.talks, "speaker", c.slugOf, func(id int, t answer.TalkResult) []string {
		if topic(id) {
			return nil
		}
		return t.Speakers
	})
	return c
}

// groups gathers talks by the names keys gives them.
func groups(talks []answer.TalkResult, kind string, slugOf map[string]string, keys func(int, answer.TalkResult) []string) ([]group, map[string]int) {
	bySlug := map[string]int{}
	byName := map[string]string{}
	defer func() {
		for name, s := range byName {
			slugOf[kind+":"+name] = s
		}
	}()
	var out []group
	for id, t := range talks {
		for _, name := range keys(id, t) {
			if strings.TrimSpace(name) == "" {
				continue
			}
			s, ok := byName[name]
			if !ok {
				if s = slug(name); s == "" {
					s = kind + "-" + strconv.Itoa(len(byName)) // a name slugs cannot spell
				}
				byName[name] = s
			}
			i, ok := bySlug[s]
			if !ok {
				i = len(out)
				bySlug[s] = i
				out = append(out, group{Name: name, Slug: s})
			}
			out[i].Talks = append(out[i].Talks, id)
		}
	}
	slices.SortFunc(out, func(a, b group) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	for i, g := range out {
		bySlug[g.Slug] = i
		slices.SortStableFunc(g.Talks, func(a, b int) int {
			return cmp.Or(cmp.Compare(talks[b].Event, talks[a].Event), cmp.Compare(talks[a].Title, talks[b].Title))
		})
	}
	return out, bySlug
}

// find returns the talk of a title and event, as /api/ask names them.
func (c *catalog) find(title, event string) (int, bool) {
	for _, try := range []string{slug(title), slug(title + " " + event)} {
		if id, ok := c.byTalk[try]; ok && c.talks[id].Title == title && (event == "" || c.talks[id].Event == event) {
			return id, true
		}
	}
	for id, t := range c.talks { // titles whose slugs were taken by another talk's
		if t.Title == title && t.Event == event {
			return id, true
		}
	}
	return 0, false
}

// maxSlug bounds a slug's length.
const maxSlug = 80

// slug makes a URL path segment of a name: lower-case letters and digits
// (accents dropped) joined by hyphens: "Grok the GIL: Write Fast" ->
// "grok-the-gil-write-fast".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	return b.String()
}
