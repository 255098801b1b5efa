package schedule

import (
	"html"
	"regexp"
	"strings"
)

// paragraphRe matches a blank line between paragraphs.
var paragraphRe = regexp.MustCompile(`\n[ \t]*\n\s*`)

// blockTags end a line of text.
var blockTags = map[string]bool{
	"p": true, "br": true, "li": true, "div": true, "ul": true, "ol": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true,
}

// plainText turns the HTML of an abstract or description into plain text:
// tags dropped, a line break for each paragraph, item, break or blank
// line of the source (a single line break is a space, as in HTML and
// Markdown), entities decoded, spaces collapsed. Text that holds no tags only has its entities
// decoded and its spaces collapsed.
func plainText(s string) string {
	// Line breaks of the source are spaces, a blank line a paragraph.
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = paragraphRe.ReplaceAllString(s, "<p>")
	s = strings.ReplaceAll(s, "\n", " ")
	var b strings.Builder
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:lt])
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			b.WriteString(s[lt:]) // a lone "<": text
			break
		}
		tag := strings.ToLower(strings.TrimPrefix(s[lt+1:lt+gt], "/"))
		if i := strings.IndexAny(tag, " \t\n/"); i >= 0 {
			tag = tag[:i]
		}
		if !isTagName(tag) {
			b.WriteString(s[lt : lt+1]) // "a < b": text, not a tag
			s = s[lt+1:]
			continue
		}
		if blockTags[tag] {
			b.WriteByte('\n')
		}
		s = s[lt+gt+1:]
	}
	text := html.UnescapeString(b.String())
	var lines []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r", "\n"), "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

func isTagName(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '!' || c == '-') {
			return false
		}
	}
	return true
}
