package corpus

// An outline is what every note format is read into before talks are found:
// a flat list of headings, list items and paragraphs in document order.
type outline struct {
	blocks []block
	// chapters maps a chapter number of a numbered document to its title, as a
	// table of contents gives them ("1" -> "PyCodeConf").
	chapters map[string]string
	// toctree lists the documents a reStructuredText toctree names.
	toctree []string
}

type blockKind int

const (
	headingBlock blockKind = iota
	itemBlock              // a list item; depth 0 is a top-level item
	paraBlock              // a paragraph, quote or code block: one or more sentence groups
)

type block struct {
	kind   blockKind
	level  int    // heading level 1-6, or list depth for items
	text   string // plain text
	line   int    // 1-based line where the text starts
	parent int    // for items: index in blocks of the enclosing item, or -1
	links  []link // links in the text, for index files
	// lines maps offsets in text to source lines, for splitting paragraphs
	// into sentence groups that keep their own line numbers.
	lines []lineMark
}

type link struct {
	text, dest string
}

type lineMark struct {
	offset, line int
}

// lineAt returns the source line of the text at byte offset off.
func (b *block) lineAt(off int) int {
	line := b.line
	for _, m := range b.lines {
		if m.offset > off {
			break
		}
		line = m.line
	}
	return line
}

// title returns the first heading, with the year of a date field when the
// heading has none: the event an index file names.
func (o *outline) title() string {
	t, year := "", ""
	for _, b := range o.blocks {
		if b.kind == headingBlock && t == "" {
			t = b.text
		}
		if key, val, ok := field(b.text); ok && year == "" && (key == "date" || key == "dates" || key == "when") {
			year = yearRe.FindString(val)
		}
		if key, val, ok := field(b.text); ok && (key == "event" || key == "conference") {
			return val
		}
	}
	if year != "" && !yearRe.MatchString(t) {
		t += " " + year
	}
	return t
}
