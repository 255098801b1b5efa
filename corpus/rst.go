package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// readRST reads reStructuredText notes as Sphinx users write them: section
// titles with underlines (and overlines), bullet and enumerated lists,
// paragraphs, field lists, literal blocks and directives. Admonitions such
// as ".. note::" keep their text; a toctree's entries are kept for index
// files; images, comments and targets are dropped.
func readRST(data []byte) *outline {
	r := &rstReader{lines: strings.Split(string(data), "\n"), out: &outline{}}
	r.body(0, len(r.lines), -1, 0, true)
	return r.out
}

type rstReader struct {
	lines   []string
	out     *outline
	styles  []string // adornment styles in order of first use: the section levels
	nesting int      // depth of body calls
}

// maxNesting bounds how deeply lists, quotes and directives nest, in
// reStructuredText and in Markdown (flattenNesting).
const maxNesting = 64

var (
	directiveRe = lazyRE(`^\.\.\s+([A-Za-z][\w:.-]*)::\s*(.*)$`)
	bulletRe    = lazyRE(`^([*+\-•‣⁃])(\s+|$)`)
	enumRe      = lazyRE(`^(?:\d+|#|[a-z])[.)]\s+|^\((?:\d+|#|[a-z])\)\s+`)
	fieldListRe = lazyRE(`^:([^:\s][^:]*):(\s+|$)(.*)$`)
	optionRe    = lazyRE(`^:[\w -]+:`)
)

// admonitions keep their content as notes.
var admonitions = map[string]bool{
	"note": true, "warning": true, "tip": true, "important": true, "hint": true, "attention": true,
	"caution": true, "danger": true, "error": true, "admonition": true, "seealso": true,
	"versionadded": true, "versionchanged": true, "deprecated": true, "topic": true, "sidebar": true,
	"rubric": true, "epigraph": true, "highlights": true, "pull-quote": true, "container": true,
	"only": true, "centered": true, "hlist": true,
}

// literals keep their content as one code paragraph.
var literals = map[string]bool{
	"code": true, "code-block": true, "sourcecode": true, "highlight": false, "parsed-literal": true,
	"math": true, "doctest": true, "testcode": true,
}

func indentOf(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 8 - n%8
		default:
			return n
		}
	}
	return n
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// isAdornment reports whether s is a line of one repeated punctuation mark.
func isAdornment(s string) bool {
	s = strings.TrimRight(s, " \t")
	if len(s) < 3 || indentOf(s) > 0 {
		return false
	}
	c := s[0]
	if !strings.ContainsRune("=-`:'\"~^_*+#<>.", rune(c)) {
		return false
	}
	return strings.Count(s, string(c)) == len(s)
}

// blockEnd returns the end of the block starting at from whose lines are
// blank or indented more than indent.
func (r *rstReader) blockEnd(from, to, indent int) int {
	end := from
	for i := from; i < to; i++ {
		if blank(r.lines[i]) {
			continue
		}
		if indentOf(r.lines[i]) <= indent {
			break
		}
		end = i + 1
	}
	return end
}

func (r *rstReader) add(b block) int {
	r.out.blocks = append(r.out.blocks, b)
	return len(r.out.blocks) - 1
}

// body reads lines[from:to]. parent is the enclosing item block (or -1),
// depth the list depth, top whether section titles may appear here.
func (r *rstReader) body(from, to, parent, depth int, top bool) {
	r.nesting++
	defer func() { r.nesting-- }()
	if r.nesting > maxNesting {
		// Absurd nesting: read the rest as plain paragraphs.
		for i := from; i < to; {
			i = r.paragraph(i, to, 0, parent)
			for i < to && blank(r.lines[i]) {
				i++
			}
		}
		return
	}
	base := -1
	for k := from; k < to; k++ {
		if !blank(r.lines[k]) {
			base = indentOf(r.lines[k])
			break
		}
	}
	i := from
	for i < to {
		line := r.lines[i]
		if blank(line) {
			i++
			continue
		}
		ind := indentOf(line)
		trimmed := strings.TrimSpace(line)

		// Section titles: overline, text, underline; or text, underline.
		if top && ind == 0 {
			if isAdornment(line) && i+2 < to && !blank(r.lines[i+1]) && isAdornment(r.lines[i+2]) && r.lines[i+2][0] == line[0] {
				r.heading(strings.TrimSpace(r.lines[i+1]), i+2, string(line[0])+"o") // title on 1-based line i+2
				i += 3
				continue
			}
			if !isAdornment(line) && i+1 < to && isAdornment(r.lines[i+1]) {
				r.heading(trimmed, i+1, string(r.lines[i+1][0])) // title on 1-based line i+1
				i += 2
				continue
			}
			if isAdornment(line) {
				i++ // a transition
				continue
			}
		}

		if m := directiveRe.FindStringSubmatch(trimmed); m != nil {
			end := r.blockEnd(i+1, to, ind)
			r.directive(strings.ToLower(m[1]), m[2], i, end, parent, depth)
			i = end
			continue
		}
		if strings.HasPrefix(trimmed, "..") && (trimmed == ".." || trimmed[2] == ' ') {
			i = r.blockEnd(i+1, to, ind) // comment, target or footnote
			continue
		}
		if loc := bulletRe.FindStringIndex(trimmed); loc != nil {
			i = r.item(i, to, ind, ind+loc[1], parent, depth)
			continue
		}
		if loc := enumRe.FindStringIndex(trimmed); loc != nil && loc[1] < len(trimmed) {
			i = r.item(i, to, ind, ind+loc[1], parent, depth)
			continue
		}
		if m := fieldListRe.FindStringSubmatch(trimmed); m != nil {
			end := r.blockEnd(i+1, to, ind)
			text := m[1] + ": " + m[3]
			for j := i + 1; j < end; j++ {
				text += " " + strings.TrimSpace(r.lines[j])
			}
			r.add(block{kind: paraBlock, text: inlineRST(text), line: i + 1, parent: parent})
			i = end
			continue
		}
		if ind > base {
			// A block quote: read it as notes of its own.
			end := max(r.blockEnd(i, to, ind-1), i+1)
			r.body(i, end, parent, depth, false)
			i = end
			continue
		}
		i = r.paragraph(i, to, ind, parent)
	}
}

func (r *rstReader) heading(text string, line int, style string) {
	level := 0
	for k, s := range r.styles {
		if s == style {
			level = k + 1
		}
	}
	if level == 0 {
		r.styles = append(r.styles, style)
		level = len(r.styles)
	}
	r.add(block{kind: headingBlock, level: min(level, 6), text: inlineRST(text), line: line, parent: -1})
}

// paragraph reads lines up to a blank line; "::" at its end makes the
// following indented block a literal block.
func (r *rstReader) paragraph(i, to, ind, parent int) int {
	var parts []string
	var marks []lineMark
	start := i
	joined := 0 // length of parts joined by spaces
	for i < to && !blank(r.lines[i]) && indentOf(r.lines[i]) >= ind {
		if i > start && (bulletRe.MatchString(strings.TrimSpace(r.lines[i])) && indentOf(r.lines[i]) == ind) {
			break
		}
		off := joined
		if len(parts) > 0 {
			off++
		}
		marks = append(marks, lineMark{offset: off, line: i + 1})
		part := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(r.lines[i]), "| "))
		parts = append(parts, part)
		joined = off + len(part)
		i++
	}
	text := strings.Join(parts, " ")
	literal := strings.HasSuffix(text, "::")
	if literal {
		text = strings.TrimSuffix(strings.TrimSuffix(text, "::"), " ") + ":"
		if strings.TrimSpace(text) == ":" {
			text = ""
		}
	}
	if text != "" {
		r.add(block{kind: paraBlock, text: inlineRSTMarks(text, &marks), line: start + 1, parent: parent, lines: marks})
	}
	if literal {
		end := r.blockEnd(i, to, ind)
		r.literal(i, end, parent)
		return end
	}
	return i
}

// item reads a list item whose text starts at column textCol.
func (r *rstReader) item(i, to, ind, textCol, parent, depth int) int {
	first := strings.TrimSpace(r.lines[i][min(len(r.lines[i]), byteCol(r.lines[i], textCol)):])
	parts := []string{first}
	marks := []lineMark{{0, i + 1}}
	joined := len(first) // length of parts joined by spaces
	j := i + 1
	for j < to && !blank(r.lines[j]) && indentOf(r.lines[j]) >= textCol {
		marks = append(marks, lineMark{offset: joined + 1, line: j + 1})
		part := strings.TrimSpace(r.lines[j])
		parts = append(parts, part)
		joined += 1 + len(part)
		j++
	}
	text := strings.Join(parts, " ")
	idx := r.add(block{kind: itemBlock, level: depth, text: inlineRSTMarks(text, &marks), line: i + 1, parent: parent, lines: marks})
	end := r.blockEnd(j, to, textCol-1)
	if end > j {
		r.body(j, end, idx, depth+1, false)
	}
	return max(end, j)
}

// byteCol converts a display column to a byte offset in s.
func byteCol(s string, col int) int {
	c := 0
	for i, ch := range s {
		if c >= col {
			return i
		}
		if ch == '\t' {
			c += 8 - c%8
		} else {
			c++
		}
	}
	return len(s)
}

func (r *rstReader) literal(from, to, parent int) {
	var parts []string
	line := 0
	for k := from; k < to; k++ {
		if s := strings.TrimSpace(r.lines[k]); s != "" {
			if line == 0 {
				line = k + 1
			}
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		r.add(block{kind: paraBlock, text: strings.Join(parts, " "), line: line, parent: parent})
	}
}

func (r *rstReader) directive(name, arg string, at, end, parent, depth int) {
	// Options come first in the block; content follows them.
	content := at + 1
	for content < end && (blank(r.lines[content]) && content == at+1 || optionRe.MatchString(strings.TrimSpace(r.lines[content]))) {
		if blank(r.lines[content]) {
			break
		}
		content++
	}
	switch {
	case name == "toctree":
		for k := content; k < end; k++ {
			if s := strings.TrimSpace(r.lines[k]); s != "" && !optionRe.MatchString(s) {
				if m := lazyRE(`<([^>]+)>$`).FindStringSubmatch(s); m != nil {
					s = m[1]
				}
				r.out.toctree = append(r.out.toctree, s)
			}
		}
	case admonitions[name]:
		if arg != "" {
			r.add(block{kind: paraBlock, text: inlineRST(arg), line: at + 1, parent: parent})
		}
		if content < end {
			r.body(content, end, parent, depth, false)
		}
	case literals[name]:
		r.literal(content, end, parent)
	default:
		// images, figures, includes, raw, meta, contents: no notes in them
	}
}

var (
	rstLinkRe     = lazyRE("`([^`<]*?)\\s*<([^`>]+)>`_{1,2}")
	rstRoleRe     = lazyRE(":[\\w:+-]+:`([^`<]*?)(?:\\s*<[^`>]+>)?`")
	rstRefRe      = lazyRE("`([^`]+)`_{1,2}")
	rstLiteralRe  = lazyRE("``([^`]+)``")
	rstStrongRe   = lazyRE(`\*\*([^*]+)\*\*`)
	rstEmphRe     = lazyRE(`(^|[\s(])\*([^*\s][^*]*)\*`)
	rstInterpRe   = lazyRE("`([^`]+)`")
	rstWordRefRe  = lazyRE(`\b([A-Za-z][\w-]*)__?\b`)
	rstSubstRe    = lazyRE(`\|([^|\s][^|]*)\|`)
	rstFootnoteRe = lazyRE(`\s*\[(?:#|\*|\d+|#\w+)\]_`)
)

// inlineRST strips inline markup: emphasis, literals, roles, references;
// a link keeps its target after its text.
func inlineRST(s string) string {
	s = rstLinkRe.ReplaceAllStringFunc(s, func(m string) string {
		sm := rstLinkRe.FindStringSubmatch(m)
		if sm[1] == "" || sameLink(sm[1], sm[2]) {
			return sm[2]
		}
		return sm[1] + " (" + sm[2] + ")"
	})
	s = rstRoleRe.ReplaceAllString(s, "$1")
	s = rstLiteralRe.ReplaceAllString(s, "$1")
	s = rstRefRe.ReplaceAllString(s, "$1")
	s = rstStrongRe.ReplaceAllString(s, "$1")
	s = rstEmphRe.ReplaceAllString(s, "$1$2")
	s = rstInterpRe.ReplaceAllString(s, "$1")
	s = rstFootnoteRe.ReplaceAllString(s, "")
	s = rstSubstRe.ReplaceAllString(s, "$1")
	s = rstWordRefRe.ReplaceAllStringFunc(s, func(m string) string {
		if strings.Contains(m, "://") {
			return m
		}
		return strings.TrimRight(m, "_")
	})
	s = strings.ReplaceAll(s, `\ `, "")
	s = unescapeRST(s)
	return cleanText(s)
}

func unescapeRST(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			r, _ := utf8.DecodeRuneInString(s[i+1:])
			if unicode.IsPunct(r) || unicode.IsSymbol(r) {
				continue
			}
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// inlineRSTMarks strips markup from a multi-line text and moves the line
// marks to the offsets of the stripped text, line by line.
func inlineRSTMarks(text string, marks *[]lineMark) string {
	ms := *marks
	if len(ms) <= 1 {
		return inlineRST(text)
	}
	var out []string
	var nm []lineMark
	joined := 0 // length of out joined by spaces
	for k, m := range ms {
		end := len(text)
		if k+1 < len(ms) {
			end = ms[k+1].offset - 1
		}
		if m.offset > len(text) || end < m.offset {
			continue
		}
		part := inlineRST(text[m.offset:end])
		if part == "" {
			continue
		}
		off := joined
		if len(out) > 0 {
			off++
		}
		nm = append(nm, lineMark{offset: off, line: m.line})
		out = append(out, part)
		joined = off + len(part)
	}
	*marks = nm
	return strings.Join(out, " ")
}
