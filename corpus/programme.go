package corpus

import (
	"strings"
)

// A programme page is a conference site's list of talks saved as text:
// blocks separated by lines of underscores, each a title, a speaker line
// (sometimes missing), "Track, Level", then "Description:", "Abstract:" and
// "Bio:" paragraphs, with page furniture around them.
var (
	separatorRe  = lazyRE(`^\s*[_=\-]{10,}\s*$`)
	trackRe      = lazyRE(`(?i)^[^,]{1,60},\s*(beginner|intermediate|advanced|all levels?|novice|expert|introductory|experienced)\s*$`)
	fieldLabelRe = lazyRE(`^(Description|Abstract|Bio|Biography|About the speaker|Summary|Outline|Speaker|Speakers|Level|Track|Audience|Objectives|Prerequisites)\s*:\s*`)
	listLineRe   = lazyRE(`^\s*(?:[-*•+]|\d+[.)])\s+`)
)

func isProgramme(data []byte) bool {
	seps, tracks, fields := 0, 0, 0
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case separatorRe.MatchString(line):
			seps++
		case trackRe.MatchString(strings.TrimSpace(line)):
			tracks++
		case fieldLabelRe.MatchString(line):
			fields++
		}
	}
	return seps >= 1 && (tracks >= 1 || fields >= 2)
}

type para struct {
	lines []string
	first int // 1-based line of lines[0]
}

func (p para) text() string { return strings.TrimSpace(strings.Join(p.lines, " ")) }

// readProgramme reads the talks of a programme page.
func readProgramme(data []byte, file string) []draft {
	var drafts []draft
	lines := strings.Split(string(data), "\n")
	start := 0
	for i := 0; i <= len(lines); i++ {
		if i < len(lines) && !separatorRe.MatchString(lines[i]) {
			continue
		}
		if d := programmeTalk(paragraphs(lines[start:i], start+1), file); d != nil {
			drafts = append(drafts, *d)
		}
		start = i + 1
	}
	return drafts
}

// paragraphs splits lines into runs of non-blank lines.
func paragraphs(lines []string, firstLine int) []para {
	var ps []para
	var cur *para
	for i, l := range lines {
		if strings.TrimSpace(strings.ReplaceAll(l, "\u00a0", " ")) == "" {
			cur = nil
			continue
		}
		if cur == nil {
			ps = append(ps, para{first: firstLine + i})
			cur = &ps[len(ps)-1]
		}
		cur.lines = append(cur.lines, l)
	}
	return ps
}

func programmeTalk(ps []para, file string) *draft {
	anchor := -1
	for i, p := range ps {
		if len(p.lines) == 1 && trackRe.MatchString(strings.TrimSpace(p.lines[0])) {
			anchor = i
			break
		}
	}
	if anchor < 0 {
		for i, p := range ps {
			if fieldLabelRe.MatchString(p.lines[0]) {
				anchor = i
				break
			}
		}
	}
	if anchor < 1 {
		return nil // page furniture
	}
	titleAt := anchor - 1
	var speakers []string
	if names := namesIn(ps[titleAt].text()); names != nil && titleAt > 0 {
		speakers = names
		titleAt--
	}
	title := ps[titleAt].text()
	t := &Talk{Title: title, Speakers: speakers, Sources: []Source{{File: file, Line: ps[titleAt].first}}}
	section := ""
	add := func(text string, line int, lines []lineMark) {
		if text == "" {
			return
		}
		blk := block{kind: paraBlock, text: text, line: line, lines: lines}
		var sec []string
		if section != "" {
			sec = []string{section}
		}
		for _, g := range sentenceGroups(&blk) {
			t.bullets = append(t.bullets, Bullet{Text: g.text, File: file, Line: g.line, Section: sec, Parent: -1})
		}
	}
	for i := anchor; i < len(ps); i++ {
		p := ps[i]
		if i == anchor && trackRe.MatchString(strings.TrimSpace(p.lines[0])) {
			section = "Track"
			t.Sections = append(t.Sections, section)
			add(strings.TrimSpace(p.lines[0]), p.first, nil)
			continue
		}
		if m := fieldLabelRe.FindStringSubmatch(p.lines[0]); m != nil {
			section = m[1]
			if !containsString(t.Sections, section) {
				t.Sections = append(t.Sections, section)
			}
			p.lines[0] = p.lines[0][len(m[0]):]
			if (section == "Speaker" || section == "Speakers") && len(t.Speakers) == 0 {
				t.Speakers = namesIn(p.text())
			}
		}
		// List lines are bullets of their own; other lines run together.
		var run []string
		var marks []lineMark
		runStart := 0
		flush := func() {
			add(strings.Join(run, " "), runStart, marks)
			run, marks = nil, nil
		}
		for j, l := range p.lines {
			line := p.first + j
			if listLineRe.MatchString(l) {
				flush()
				add(cleanText(listLineRe.ReplaceAllString(l, "")), line, nil)
				continue
			}
			if len(run) == 0 {
				runStart = line
			}
			off := len(strings.Join(run, " "))
			if len(run) > 0 {
				off++
			}
			marks = append(marks, lineMark{offset: off, line: line})
			run = append(run, cleanText(l))
		}
		flush()
	}
	if len(t.bullets) == 0 {
		return nil
	}
	return &draft{talk: t}
}
