package corpus

import "strings"

// talkBuilder gathers the bullets of the talk being read.
type talkBuilder struct {
	o              *outline
	file           string
	drafts         []draft
	cur            *Talk
	event          string          // current group or chapter event
	sections       []sectionLevel  // open sections of the current talk
	sectionNames   map[string]bool // the current talk's Sections, to add each once
	bulletOf       []bulletOf      // block index -> bullet index, of the talk it was read in
	talks          int32           // talks started: the current one's number
	speakerSection bool            // inside an "Author" section
	singular       bool            // the speaker section names one speaker
	sawBullet      bool            // a bullet was read in the current talk
	path           []string        // the last sectionPath
}

// bulletOf is the bullet a block became in the talk numbered talk; -1
// when none.
type bulletOf struct{ talk, bullet int32 }

// bulletAt returns the bullet block i became in the current talk.
func (b *talkBuilder) bulletAt(i int) (int, bool) {
	if i < 0 || i >= len(b.bulletOf) || b.bulletOf[i].talk != b.talks {
		return 0, false
	}
	return int(b.bulletOf[i].bullet), true
}

func (b *talkBuilder) setBullet(i, bullet int) {
	if b.bulletOf == nil {
		b.bulletOf = make([]bulletOf, len(b.o.blocks))
	}
	b.bulletOf[i] = bulletOf{talk: b.talks, bullet: int32(bullet)}
}

// sectionPath returns the headings of the open sections, outermost
// first; consecutive bullets of a section share one slice.
func (b *talkBuilder) sectionPath() []string {
	if len(b.path) != len(b.sections) {
		b.path = nil
	}
	for j, s := range b.sections {
		if b.path != nil && b.path[j] != s.text {
			b.path = nil
			break
		}
	}
	if b.path == nil {
		b.path = make([]string, len(b.sections))
		for j, s := range b.sections {
			b.path[j] = s.text
		}
	}
	return b.path
}

type sectionLevel struct {
	level int
	text  string
}

func (b *talkBuilder) heading(h headingInfo, role headingRole) {
	switch role {
	case roleTalk, roleTopic:
		b.finish()
		b.start(h.text, b.o.blocks[h.block].line, h.number)
		b.cur.Topic = role == roleTopic
	case roleGroup:
		b.finish()
		if h.number != "" {
			if t, ok := b.o.chapters[h.number]; ok {
				b.event = t
				return
			}
		}
		if yearRe.MatchString(h.text) || h.number != "" {
			b.event = h.text
		}
	case roleEnd, rolePreface:
		b.finish()
	case roleSection:
		if b.cur == nil {
			return
		}
		if !b.sawBullet && len(b.sections) == 0 && len(b.cur.Speakers) == 0 {
			// "# Caching at Scale" then "## Sam Lee, Widgets Inc".
			if names := leadingNames(h.text); names != nil && personNames(strings.Join(names, ", ")) != nil {
				b.cur.Speakers = names
				return
			}
		}
		level := h.level
		if h.number != "" {
			level = strings.Count(h.number, ".") + 1
		}
		for len(b.sections) > 0 && b.sections[len(b.sections)-1].level >= level {
			b.sections = b.sections[:len(b.sections)-1]
		}
		b.sections = append(b.sections, sectionLevel{level, h.text})
		b.speakerSection = IsSpeakerHeading(h.text)
		b.singular = b.speakerSection && !strings.HasSuffix(strings.ToLower(strings.TrimRight(h.text, ":")), "s")
		if !b.sectionNames[h.text] {
			b.sectionNames[h.text] = true
			b.cur.Sections = append(b.cur.Sections, h.text)
		}
	}
}

func (b *talkBuilder) start(heading string, line int, number string) {
	title, speakers := splitTitle(heading)
	title = strings.TrimSpace(strings.TrimRight(title, ":"))
	if title == "" {
		title = heading
	}
	b.cur = &Talk{Title: title, Speakers: speakers, Sources: []Source{{File: b.file, Line: line}}}
	if number != "" && b.o.chapters != nil {
		if ch, ok := b.o.chapters[strings.SplitN(number, ".", 2)[0]]; ok {
			b.event = ch
		}
	}
	b.sections = nil
	b.sectionNames = map[string]bool{}
	b.talks++
	b.speakerSection, b.singular, b.sawBullet = false, false, false
}

func (b *talkBuilder) finish() {
	if b.cur != nil && len(b.cur.bullets) > 0 {
		b.drafts = append(b.drafts, draft{talk: b.cur, event: b.event})
	}
	b.cur = nil
}

func (b *talkBuilder) content(i int, blk block) {
	if b.cur == nil {
		return
	}
	if b.speakerSection {
		b.speakerLine(blk)
	} else if !b.sawBullet && len(b.sections) == 0 && len(b.cur.Speakers) == 0 {
		// "A talk by [David Beazley](...) on the GIL.", or the names
		// alone under the title: "Kenneth Reitz".
		if names := speakersInLine(blk.text, blk.links); names != nil {
			b.cur.Speakers = names
		} else if names := speakersInURLs(blk.text, blk.links); names != nil {
			b.cur.Speakers = names
		} else if blk.kind == paraBlock {
			b.cur.Speakers = personNames(cleanText(linkTailRe.ReplaceAllString(blk.text, "")))
		}
	}
	if strings.TrimSpace(blk.text) == "" {
		b.setBullet(i, -1)
		return
	}
	parent := -1
	if blk.parent >= 0 {
		if p, ok := b.bulletAt(blk.parent); ok {
			parent = p
		}
	}
	section := b.sectionPath()
	first := -1
	for _, g := range sentenceGroups(&blk) {
		idx := len(b.cur.bullets)
		b.cur.bullets = append(b.cur.bullets, Bullet{Text: g.text, File: b.file, Line: g.line, Section: section, Parent: parent})
		if first < 0 {
			first = idx
		}
	}
	b.setBullet(i, first)
	b.sawBullet = true
}

// speakerLine takes speaker names from the lines of an "Author" section.
func (b *talkBuilder) speakerLine(blk block) {
	if b.singular && len(b.cur.Speakers) > 0 {
		return
	}
	if blk.kind == itemBlock && blk.level > 0 {
		return
	}
	name := ""
	if names := speakersInLine(blk.text, blk.links); names != nil {
		b.cur.Speakers = append(b.cur.Speakers, names...)
		return
	}
	name = leadingName(blk.text)
	if name != "" && !containsString(b.cur.Speakers, name) {
		b.cur.Speakers = append(b.cur.Speakers, name)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fileTitle turns a file name into a title: "grok-the-gil.md" -> "Grok the gil".
func fileTitle(file string) string {
	base := file[strings.LastIndex(file, "/")+1:]
	if i := strings.LastIndex(base, "."); i > 0 {
		base = base[:i]
	}
	base = strings.NewReplacer("_", " ", "-", " ").Replace(base)
	base = cleanText(base)
	if base == "" {
		return file
	}
	return strings.ToUpper(base[:1]) + base[1:]
}
