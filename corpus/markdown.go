package corpus

import (
	"bytes"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/talkbot/talkbot/corpus/internal/gfm"
)

// markdownParsers pools parsers: files are read in parallel, and goldmark
// does not promise that one parser may serve several goroutines.
var markdownParsers = sync.Pool{New: func() any {
	return goldmark.New(goldmark.WithParserOptions(gfm.ParserOptions()...)).Parser()
}}

// maxEmphasisMarks is the most emphasis marks ('*', '_', '~') a paragraph may
// hold before they are escaped: goldmark's emphasis matching grows with
// the square of their number (github.com/yuin/goldmark/issues/555), and a
// paragraph of a megabyte of them takes minutes. No note needs a thousand.
const maxEmphasisMarks = 1000

// maxLinkOpeners is the most '[' a paragraph may hold before they are
// escaped: goldmark looks for a link's end from each of them, which grows
// with the square of their number too (a line of 30,000 took 0.2 s, a file
// of such lines half a minute).
const maxLinkOpeners = 1000

// defuseMarks escapes the emphasis marks of paragraphs holding more than
// maxEmphasisMarks of them, list markers apart, and the '[' of paragraphs
// holding more than maxLinkOpeners. Lines keep their numbers; the text
// read is the same, emphasis being dropped anyway and such a paragraph's
// brackets read as brackets.
func defuseMarks(src []byte) []byte {
	if emphasisMarks(src) <= maxEmphasisMarks && linkOpeners(src) <= maxLinkOpeners {
		return src
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	if !anyParagraphOver(lines) {
		return src // the marks are spread over many paragraphs
	}
	out := make([]byte, 0, len(src)+len(src)/8)
	for i := 0; i < len(lines); {
		j, marks, openers := i, 0, 0
		for j < len(lines) && len(bytes.TrimSpace(lines[j])) > 0 {
			marks += emphasisMarks(lines[j])
			openers += linkOpeners(lines[j])
			j++
		}
		if j == i { // a blank line
			out = append(out, lines[i]...)
			i++
			continue
		}
		for _, l := range lines[i:j] {
			if marks <= maxEmphasisMarks && openers <= maxLinkOpeners {
				out = append(out, l...)
				continue
			}
			keep := listMarkerEnd(l)
			out = append(out, l[:keep]...)
			for _, c := range l[keep:] {
				if marks > maxEmphasisMarks && (c == '*' || c == '_' || c == '~') || openers > maxLinkOpeners && c == '[' {
					out = append(out, '\\')
				}
				out = append(out, c)
			}
		}
		i = j
	}
	return out
}

// anyParagraphOver reports whether a paragraph (lines between blank lines)
// holds more than maxEmphasisMarks emphasis marks or maxLinkOpeners '['.
func anyParagraphOver(lines [][]byte) bool {
	marks, openers := 0, 0
	for _, l := range lines {
		if len(bytes.TrimSpace(l)) == 0 {
			marks, openers = 0, 0
			continue
		}
		marks += emphasisMarks(l)
		openers += linkOpeners(l)
		if marks > maxEmphasisMarks || openers > maxLinkOpeners {
			return true
		}
	}
	return false
}

func emphasisMarks(b []byte) int {
	return bytes.Count(b, []byte("*")) + bytes.Count(b, []byte("_")) + bytes.Count(b, []byte("~"))
}

func linkOpeners(b []byte) int { return bytes.Count(b, []byte("[")) }

// flattenNesting drops the markers of every line past its first
// maxNesting block quotes and list items, and indents no line deeper than
// maxIndent columns: goldmark reads a line of thousands of markers ("- - -
// ...", "> > > ...") in time growing with the square of their number (a
// line of 30,000 took 10 s), and lines nested by their indentation in time
// growing with its cube (2,500 levels took 19 s). Lines keep their numbers
// and their text.
func flattenNesting(src []byte) []byte {
	var out []byte // nil until a line needs it
	start := 0
	for start < len(src) {
		end := bytes.IndexByte(src[start:], '\n') + 1
		if end == 0 {
			end = len(src) - start
		}
		line := src[start : start+end]
		indent, width := indentation(line)
		keep, rest := nestingCut(line)
		switch {
		case width > maxIndent:
			if out == nil {
				out = append(make([]byte, 0, len(src)), src[:start]...)
			}
			out = append(out, bytes.Repeat([]byte(" "), maxIndent)...)
			out = append(out, flattenNesting(line[indent:])...)
		case keep >= 0:
			if out == nil {
				out = append(make([]byte, 0, len(src)), src[:start]...)
			}
			out = append(append(out, line[:keep]...), line[rest:]...)
		case out != nil:
			out = append(out, line...)
		}
		start += end
	}
	if out == nil {
		return src
	}
	return out
}

// maxIndent is the deepest a Markdown line may be indented, in columns:
// room for maxNesting lists.
const maxIndent = 2 * maxNesting

// indentation returns the bytes of a line's indentation and its width in
// columns, a tab reaching the next multiple of four.
func indentation(line []byte) (n, width int) {
	for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		if line[n] == '\t' {
			width += 4 - width%4
		} else {
			width++
		}
		n++
	}
	return n, width
}

// nestingCut returns, for a line opening more than maxNesting block quotes
// and list items, where its first maxNesting markers end and where its
// last one ends; -1, -1 for any other line.
func nestingCut(line []byte) (keep, rest int) {
	i, n := 0, 0
	keep = -1
	for {
		j := i
		for j < len(line) && j-i < 4 && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		k := containerMarkerEnd(line, j)
		if k < 0 {
			break
		}
		if n++; n == maxNesting {
			keep = k
		}
		i = k
	}
	if n <= maxNesting {
		return -1, -1
	}
	return keep, i
}

// containerMarkerEnd returns where a block quote marker ("> ") or a list
// marker ("- ", "+ ", "* ", "1. ", "1) ") at i ends, or -1.
func containerMarkerEnd(line []byte, i int) int {
	if i >= len(line) {
		return -1
	}
	switch c := line[i]; {
	case c == '>':
		if i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t') {
			return i + 2
		}
		return i + 1
	case c == '-' || c == '+' || c == '*':
		if i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t') {
			return i + 2
		}
	case '0' <= c && c <= '9':
		j := i
		for j < len(line) && j-i < 9 && '0' <= line[j] && line[j] <= '9' {
			j++
		}
		if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
			return j + 2
		}
	}
	return -1
}

// listMarkerEnd returns where the indentation and list marker ("* ", "- ",
// "+ ") of a line end, 0 when it has none.
func listMarkerEnd(l []byte) int {
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t' || l[i] == '>') {
		i++
	}
	if i+1 < len(l) && (l[i] == '*' || l[i] == '-' || l[i] == '+') && (l[i+1] == ' ' || l[i+1] == '\t') {
		return i + 2
	}
	return 0
}

// readMarkdown parses Markdown with goldmark and flattens its block tree into
// an outline, keeping the line of every block.
func readMarkdown(src []byte) *outline {
	src = defuseMarks(flattenNesting(src))
	starts := lineStarts(src)
	p := markdownParsers.Get().(parser.Parser)
	defer markdownParsers.Put(p)
	doc := p.Parse(text.NewReader(src))
	// A fence that is never closed turns the rest of the file into code; in
	// notes it is a slip, so the fence line is read as blank and the file
	// parsed again.
	for range 8 {
		line := unclosedFence(doc, src, starts)
		if line < 0 {
			break
		}
		src = blankLine(src, starts, line)
		doc = p.Parse(text.NewReader(src))
	}
	// A block takes a line at least: one allocation holds them all.
	r := &mdReader{src: src, lineStarts: starts, out: &outline{blocks: make([]block, 0, len(starts))}}
	r.blocks(doc, -1, 0)
	return r.out
}

type mdReader struct {
	src        []byte
	lineStarts []int
	out        *outline
}

// unclosedFence returns the 0-based line of the opening fence of a fenced
// code block that runs to the end of the file, or -1.
func unclosedFence(doc ast.Node, src []byte, starts []int) int {
	found := -1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fc, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok || found >= 0 {
			return ast.WalkContinue, nil
		}
		lines := fc.Lines()
		if lines.Len() == 0 {
			return ast.WalkContinue, nil
		}
		last := lines.At(lines.Len() - 1)
		if len(bytes.TrimSpace(src[last.Stop:])) > 0 {
			return ast.WalkContinue, nil // a closing fence follows
		}
		first := lines.At(0).Start
		line := 0
		for line+1 < len(starts) && starts[line+1] <= first {
			line++
		}
		found = line - 1
		return ast.WalkStop, nil
	})
	return found
}

// blankLine returns a copy of src with one line's characters made spaces,
// so that offsets and line numbers stay as they were.
func blankLine(src []byte, starts []int, line int) []byte {
	if line < 0 || line >= len(starts) {
		return src
	}
	out := bytes.Clone(src)
	for i := starts[line]; i < len(out) && out[i] != '\n'; i++ {
		out[i] = ' '
	}
	return out
}

// lineStarts returns the byte offset of the start of every line.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the 1-based line holding byte offset off.
func (r *mdReader) lineOf(off int) int {
	lo, hi := 0, len(r.lineStarts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if r.lineStarts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// blocks appends the blocks under n. parent is the enclosing list item block
// and depth the list depth of items found here.
func (r *mdReader) blocks(n ast.Node, parent, depth int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.node(c, parent, depth)
	}
}

// node appends the blocks of one block node.
func (r *mdReader) node(c ast.Node, parent, depth int) {
	switch c := c.(type) {
	case *ast.Heading:
		b := r.inline(c)
		b.kind, b.level = headingBlock, c.Level
		r.add(b)
	case *ast.List:
		r.blocks(c, parent, depth)
	case *ast.ListItem:
		r.item(c, parent, depth)
	case *ast.Paragraph, *ast.TextBlock:
		b := r.inline(c)
		b.kind, b.parent = paraBlock, parent
		r.add(b)
	case *ast.Blockquote:
		r.blocks(c, parent, depth)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		r.code(c, parent)
	case *extast.Table:
		r.table(c)
	}
}

// item adds a list item: its first paragraph is the bullet, later paragraphs
// and nested lists hang under it.
func (r *mdReader) item(li *ast.ListItem, parent, depth int) {
	first := li.FirstChild()
	idx := parent
	if first != nil {
		switch first.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			b := r.inline(first)
			b.kind, b.level, b.parent = itemBlock, depth, parent
			idx = r.add(b)
			first = first.NextSibling()
		}
	}
	if idx == parent {
		// An item that starts with a nested list or code: keep the line.
		idx = r.add(block{kind: itemBlock, level: depth, parent: parent, line: r.firstLine(li)})
	}
	for c := first; c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.List:
			r.blocks(c, idx, depth+1)
		case *ast.Paragraph, *ast.TextBlock:
			b := r.inline(c)
			b.kind, b.level, b.parent = itemBlock, depth+1, idx
			r.add(b)
		default:
			r.node(c, idx, depth+1)
		}
	}
}

func (r *mdReader) add(b block) int {
	if b.kind != headingBlock && strings.TrimSpace(b.text) == "" && b.kind != itemBlock {
		return -1
	}
	if b.kind == itemBlock && b.parent >= 0 && b.parent < len(r.out.blocks) && r.out.blocks[b.parent].kind != itemBlock {
		b.parent = -1
	}
	r.out.blocks = append(r.out.blocks, b)
	return len(r.out.blocks) - 1
}

func (r *mdReader) firstLine(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return r.lineOf(c.Lines().At(0).Start)
		}
		if p := c.Pos(); p >= 0 && c.Type() == ast.TypeInline {
			return r.lineOf(p)
		}
	}
	if p := n.Pos(); p >= 0 {
		return r.lineOf(p)
	}
	return 0
}

// code turns a code block into one paragraph block of its lines.
func (r *mdReader) code(n ast.Node, parent int) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	var sb strings.Builder
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		s := strings.TrimSpace(string(seg.Value(r.src)))
		if s == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteString(" ")
		}
		sb.WriteString(s)
	}
	r.add(block{kind: paraBlock, text: sb.String(), line: r.lineOf(lines.At(0).Start), parent: parent})
}

var chapterNumber = lazyRE(`^\d+$`)

// table reads a table of contents: rows whose first cell is a bare number
// name the chapters of a numbered document. Other tables become paragraphs.
func (r *mdReader) table(t *extast.Table) {
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		line := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			b := r.inline(cell)
			cells = append(cells, strings.TrimSpace(b.text))
			if line == 0 {
				line = b.line
			}
		}
		if len(cells) >= 2 && chapterNumber.MatchString(cells[0]) && cells[1] != "" {
			if r.out.chapters == nil {
				r.out.chapters = map[string]string{}
			}
			r.out.chapters[cells[0]] = cells[1]
			continue
		}
		if len(cells) >= 2 && tocNumber.MatchString(cells[0]) {
			continue // a talk row of the table of contents
		}
		if joined := strings.TrimSpace(strings.Join(cells, " ")); joined != "" {
			r.add(block{kind: paraBlock, text: joined, line: line, parent: -1})
		}
	}
}

var tocNumber = lazyRE(`^\d+(\.\d+)+$`)

// inline renders the inline content of n as plain text: emphasis and code
// markers dropped, HTML dropped, link text followed by its target.
func (r *mdReader) inline(n ast.Node) block {
	var b block
	var sb strings.Builder
	b.line = 0
	mark := func(pos int) {
		if pos < 0 {
			return
		}
		l := r.lineOf(pos)
		if b.line == 0 {
			b.line = l
		}
		if len(b.lines) == 0 || b.lines[len(b.lines)-1].line != l {
			b.lines = append(b.lines, lineMark{offset: sb.Len(), line: l})
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		mark(n.Lines().At(0).Start)
	}
	inCode := false
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				mark(c.Segment.Start)
				if inCode {
					sb.Write(c.Value(r.src))
				} else {
					sb.Write(util.UnescapePunctuations(c.Value(r.src)))
				}
				if c.SoftLineBreak() || c.HardLineBreak() {
					sb.WriteByte(' ')
				}
			case *ast.String:
				sb.Write(c.Value)
			case *ast.CodeSpan:
				mark(c.Pos())
				inCode = true
				walk(c)
				inCode = false
			case *ast.AutoLink:
				mark(c.Pos())
				u := string(c.URL(r.src))
				sb.WriteString(string(c.Label(r.src)))
				b.links = append(b.links, link{text: u, dest: u})
			case *ast.Link:
				mark(c.Pos())
				start := sb.Len()
				walk(c)
				label := strings.TrimSpace(sb.String()[start:])
				dest := string(c.Destination)
				b.links = append(b.links, link{text: label, dest: dest})
				if dest != "" && !strings.HasPrefix(dest, "#") && !sameLink(label, dest) {
					sb.WriteString(" (" + dest + ")")
				}
			case *ast.Image:
				walk(c)
			case *ast.RawHTML:
				// dropped: anchors and tags inside headings and tables
			default:
				walk(c)
			}
		}
	}
	walk(n)
	b.text = cleanText(sb.String())
	if b.line == 0 {
		b.line = r.firstLine(n)
	}
	return b
}

// sameLink reports whether a link's label already shows its target.
func sameLink(label, dest string) bool {
	trim := func(s string) string {
		s = strings.TrimSuffix(strings.ReplaceAll(strings.TrimSpace(s), `\\`, ""), "/")
		for _, p := range []string{"https://", "http://", "mailto:", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.ToLower(s)
	}
	return trim(label) == trim(dest)
}

// cleanText collapses runs of spaces, tabs and newlines into one space and
// trims.
func cleanText(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n'
	}), " ")
}
