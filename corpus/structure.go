package corpus

import (
	"path"
	"strings"
)

// draft is a talk read from one file, before events are resolved and talks
// from several files are linked.
type draft struct {
	talk  *Talk
	event string // event named inside the file (chapter or group heading), if any
}

var (
	numberedRe = lazyRE(`^(\d+(?:\.\d+)*)\.?\s+(\S.*)$`)
	yearRe     = lazyRE(`\b(19[7-9]\d|20\d\d)\b`)
)

// chromeHeadings are headings of page furniture, never talks.
var chromeHeadings = map[string]bool{
	"table of contents": true, "contents": true, "toc": true, "indices and tables": true,
	"index": true, "random notes": true, "misc": true, "miscellaneous": true, "todo": true,
	"links": true, "references": true, "see also": true, "footnotes": true,
}

func isChrome(h string) bool {
	return chromeHeadings[strings.ToLower(strings.Trim(strings.TrimSpace(h), ":.# "))]
}

// eventWords mark a heading as naming an event or a notes collection rather
// than a talk.
var eventWords = []string{"notes", "conference", "conf", "summit", "meetup", "day ", "talks", "proceedings", "workshop"}

func looksLikeEventTitle(h string) bool {
	if yearRe.MatchString(h) {
		return true
	}
	l := strings.ToLower(h) + " "
	for _, w := range eventWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

type headingInfo struct {
	block    int // index in outline.blocks
	level    int
	text     string
	number   string // "1.2.3" in numbered documents
	chrome   bool
	speakers bool // "Title (Speaker)" and the like
	content  bool // a bullet or paragraph follows before the next heading
	children bool // a deeper heading follows before the next heading at this level or above
}

type headingRole int

const (
	roleSection headingRole = iota
	roleTalk
	roleGroup   // a heading above talks: a chapter, a day, a topic group
	roleEnd     // page furniture: ends the current talk, its content dropped
	rolePreface // before the first talk
	roleTopic   // read as a talk, but a topic or a tool the notes describe, not a talk given
)

// talksFromOutline decides which headings are talks and gathers their
// sections and bullets.
func talksFromOutline(o *outline, file string) []draft {
	hs := headings(o)
	roles := assignRoles(o, hs, file)
	b := &talkBuilder{o: o, file: file}
	hi := 0
	for i, blk := range o.blocks {
		if blk.kind == headingBlock && blk.text == "" {
			continue // an empty heading: "#" alone
		}
		if hi < len(hs) && hs[hi].block == i {
			h := hs[hi]
			b.heading(h, roles[hi])
			hi++
			continue
		}
		b.content(i, blk)
	}
	b.finish()
	if len(hs) == 0 || len(b.drafts) == 0 {
		// Notes without headings: the file is one talk named after it,
		// unless it only says where the notes went.
		if len(b.drafts) == 0 && hasContent(o) && !isPointer(o) {
			b = &talkBuilder{o: o, file: file}
			b.start(fileTitle(file), 1, "")
			for i, blk := range o.blocks {
				if blk.kind != headingBlock {
					b.content(i, blk)
				}
			}
			b.finish()
		}
	}
	return b.drafts
}

// isPointer reports whether a file only points to notes kept elsewhere:
// one short paragraph linking to another notes file ("Notes moved to
// [qualitative-data-analysis.md](./qualitative-data-analysis.md)").
func isPointer(o *outline) bool {
	var only *block
	for i := range o.blocks {
		if b := &o.blocks[i]; b.kind != headingBlock && strings.TrimSpace(b.text) != "" {
			if only != nil {
				return false
			}
			only = b
		}
	}
	if only == nil || len(strings.Fields(only.text)) > maxPointerWords {
		return false
	}
	for _, l := range only.links {
		if !strings.Contains(l.dest, "://") && noteExts[strings.ToLower(path.Ext(l.dest))] {
			return true
		}
	}
	return false
}

// maxPointerWords is the most words of a file that only points elsewhere.
const maxPointerWords = 12

func hasContent(o *outline) bool {
	for _, b := range o.blocks {
		if b.kind != headingBlock && b.text != "" {
			return true
		}
	}
	return false
}

func headings(o *outline) []headingInfo {
	var hs []headingInfo
	for i, b := range o.blocks {
		if b.kind != headingBlock || b.text == "" {
			continue
		}
		h := headingInfo{block: i, level: b.level, text: b.text, chrome: isChrome(b.text)}
		if m := numberedRe.FindStringSubmatch(b.text); m != nil {
			h.number, h.text = m[1], m[2]
		}
		_, sp := splitTitle(h.text)
		h.speakers = sp != nil
		if i+1 < len(o.blocks) && o.blocks[i+1].kind != headingBlock {
			h.content = true
		}
		hs = append(hs, h)
	}
	for i := range hs {
		if i+1 < len(hs) && hs[i+1].level > hs[i].level {
			hs[i].children = true
		}
	}
	return hs
}

func assignRoles(o *outline, hs []headingInfo, file string) []headingRole {
	numbered := 0
	for _, h := range hs {
		if strings.Contains(h.number, ".") {
			numbered++
		}
	}
	if numbered >= 3 {
		return numberedRoles(o, hs)
	}
	// Not a numbered document: a heading's leading number is part of its
	// text ("10 Steps to better postgresql performance").
	for i := range hs {
		hs[i].number = ""
		hs[i].text = o.blocks[hs[i].block].text
	}
	if t := titleHeading(hs, file); t >= 0 {
		return oneTalkRoles(hs, t)
	}
	return levelRoles(hs)
}

// titleHeading returns the heading that names a one-talk file: the first
// heading that is no page furniture, when the file's name says the same
// ("mfa-the-right-way-one-time-passwords-with-pyotp.md" and "MFA the Right
// Way: One Time Passwords with PyOTP"), or -1.
func titleHeading(hs []headingInfo, file string) int {
	t := firstNonChrome(hs)
	if t < 0 || t > 2 || looksLikeEventTitle(hs[t].text) {
		return -1 // "EuroPython 2016 - Tuesday": the notes of an event
	}
	base := file[strings.LastIndex(file, "/")+1:]
	if i := strings.LastIndex(base, "."); i > 0 {
		base = base[:i]
	}
	if sameWords(base, hs[t].text) {
		return t
	}
	return -1
}

// sameWords reports whether most words of a file name (at least three,
// and two thirds of them, stop words aside) are words of a heading, or the
// heading's are the name's: "embracing_the_global_interpreter_lock-
// david_beazley" names "Embracing the Global Interpreter Lock (GIL)".
func sameWords(name, heading string) bool {
	nws, hws := titleWordSet(name), titleWordSet(heading)
	if len(nws) == 0 || len(hws) == 0 {
		return false
	}
	inHeading, inName := 0, 0
	for w := range nws {
		if hws[w] {
			inHeading++
		}
	}
	for w := range hws {
		if nws[w] {
			inName++
		}
	}
	return inHeading >= 3 && (3*inHeading >= 2*len(nws) || 3*inName >= 2*len(hws)) ||
		inHeading >= 1 && inHeading == len(nws) && inName == len(hws)
}

// oneTalkRoles reads a one-talk file: heading t names the talk, the
// headings before it are preface, and those after it its sections.
func oneTalkRoles(hs []headingInfo, t int) []headingRole {
	roles := make([]headingRole, len(hs))
	for i := range hs {
		switch {
		case i < t:
			roles[i] = rolePreface
		case i == t:
			roles[i] = roleTalk
		default:
			roles[i] = roleSection
		}
	}
	return roles
}

// numberedRoles reads a numbered document (a Sphinx export): the depth of
// the numbering says what a heading is, whatever its Markdown level.
func numberedRoles(o *outline, hs []headingInfo) []headingRole {
	talkDepth := 1
	for _, h := range hs {
		if strings.Count(h.number, ".") >= 1 {
			talkDepth = 2
		}
	}
	if o.chapters == nil {
		// Chapters are talks when they hold notes themselves.
		for _, h := range hs {
			if h.number != "" && !strings.Contains(h.number, ".") && h.content {
				talkDepth = 1
			}
		}
	}
	chapterTitles := map[string]bool{}
	for _, t := range o.chapters {
		chapterTitles[strings.ToLower(t)] = true
	}
	roles := make([]headingRole, len(hs))
	seenTalk := false
	for i, h := range hs {
		depth := 0
		if h.number != "" {
			depth = strings.Count(h.number, ".") + 1
		}
		switch {
		case depth == talkDepth:
			roles[i], seenTalk = roleTalk, true
		case depth > 0 && depth < talkDepth:
			roles[i] = roleGroup
		case depth > talkDepth:
			roles[i] = roleSection
		case h.chrome:
			roles[i] = roleEnd
		case chapterTitles[strings.ToLower(h.text)]:
			roles[i] = roleEnd
		case !seenTalk:
			roles[i] = rolePreface
		default:
			roles[i] = roleSection
		}
	}
	return roles
}

// levelRoles reads a document by its heading levels: the talk level is the
// shallowest one whose headings name speakers, or hold notes.
func levelRoles(hs []headingInfo) []headingRole {
	type stats struct{ n, speakers, content, children int }
	byLevel := map[int]*stats{}
	minLevel, maxLevel := 7, 0
	for _, h := range hs {
		if h.chrome {
			continue
		}
		s := byLevel[h.level]
		if s == nil {
			s = &stats{}
			byLevel[h.level] = s
		}
		s.n++
		if h.speakers {
			s.speakers++
		}
		if h.content {
			s.content++
		}
		if h.children {
			s.children++
		}
		minLevel, maxLevel = min(minLevel, h.level), max(maxLevel, h.level)
	}
	talkLevel, bySpeakers := 0, false
	for l := minLevel; l <= maxLevel && talkLevel == 0; l++ {
		if s := byLevel[l]; s != nil && s.n >= 2 && 10*s.speakers >= 3*s.n {
			talkLevel, bySpeakers = l, true
		}
	}
	if talkLevel == 0 {
		top := firstNonChrome(hs)
		if s := byLevel[minLevel]; s != nil && s.n == 1 && (top < 0 || !looksLikeEventTitle(hs[top].text) || maxLevel == minLevel) {
			talkLevel = minLevel // one talk per file: its title, then sections
		}
	}
	for l := minLevel; l <= maxLevel && talkLevel == 0; l++ {
		if s := byLevel[l]; s != nil && 2*s.content >= s.n && !(s.n == 1 && l == minLevel && maxLevel > l) {
			talkLevel = l
		}
	}
	if talkLevel == 0 {
		talkLevel = maxLevel
	}
	// Misplaced headings: when talks almost never have subsections, a deeper
	// heading is another talk written at the wrong level.
	deeperAreTalks := false
	if s := byLevel[talkLevel]; s != nil && s.n >= 5 && 100*s.children <= 15*s.n {
		deeperAreTalks = true
	}
	roles := make([]headingRole, len(hs))
	seenTalk := false
	for i, h := range hs {
		switch {
		case h.chrome && h.level <= talkLevel:
			roles[i] = roleEnd
		case h.level == talkLevel:
			roles[i], seenTalk = roleTalk, true
		case h.level < talkLevel:
			roles[i] = roleGroup
		case (bySpeakers && h.speakers) || deeperAreTalks:
			roles[i], seenTalk = roleTalk, true
		case !seenTalk:
			roles[i] = rolePreface
		default:
			roles[i] = roleSection
		}
	}
	markTopics(hs, roles)
	return roles
}

// markTopics finds the groups of headings that are topics or tools rather
// than talks: when the talks of some groups name their speakers ("Jesse
// Noller (Embrace the GIL)" under "Speakers"), those of a group none of
// which does ("pip", "zeromq" under "Tools") are topics. A document whose
// talks never name speakers is left as it is.
func markTopics(hs []headingInfo, roles []headingRole) {
	type group struct{ members []int }
	var groups []group
	anySpeakers := false
	for g, r := range roles {
		if r != roleGroup {
			continue
		}
		var members []int
		for i := g + 1; i < len(hs) && hs[i].level > hs[g].level; i++ {
			if roles[i] == roleGroup {
				// A nested group's talks are its own.
				for i+1 < len(hs) && hs[i+1].level > hs[i].level {
					i++
				}
				continue
			}
			if roles[i] == roleTalk {
				members = append(members, i)
			}
		}
		named := false
		for _, m := range members {
			named = named || hs[m].speakers
		}
		anySpeakers = anySpeakers || named
		if !named && len(members) >= 2 {
			groups = append(groups, group{members})
		}
	}
	if !anySpeakers {
		return
	}
	for _, g := range groups {
		for _, m := range g.members {
			roles[m] = roleTopic
		}
	}
}

func firstNonChrome(hs []headingInfo) int {
	for i, h := range hs {
		if !h.chrome {
			return i
		}
	}
	return -1
}
