package corpus

import (
	"net/url"
	"path"
	"strings"
)

// readIndex reads an index file (README.md, index.rst) beside notes: the
// heading or title above links to note files names their event, and the
// links give their URLs and speakers.
func (l *loader) readIndex(f string, files []string) *FileError {
	data, ferr := l.read(f)
	if ferr != nil {
		return ferr
	}
	data = normalizeNewlines(data)
	dir := path.Dir(f)
	byBase := map[string]string{}
	for _, other := range files {
		if path.Dir(other) == dir && other != f {
			byBase[strings.ToLower(path.Base(other))] = other
			byBase[strings.ToLower(strings.TrimSuffix(path.Base(other), path.Ext(other)))] = other
		}
		if rel, ok := strings.CutPrefix(other, dir+"/"); ok || dir == "." {
			if dir == "." {
				rel = other
			}
			byBase[strings.ToLower(rel)] = other // "2018/pygotham/loop-better.md"
		}
	}
	var o *outline
	if strings.EqualFold(path.Ext(f), ".rst") {
		o = readRST(data)
	} else {
		o = readMarkdown(data)
	}
	// The index's own title names the event of its folder; a later
	// heading names another event only when it reads as one ("PyCon
	// 2012"), never when it is a talk's ("## \"Loop Better\" by Trey
	// Hunner").
	event := ""
	title := true
	entry := "" // the heading the links below belong to
	for i, b := range o.blocks {
		switch b.kind {
		case headingBlock:
			entry = b.text
			if !title && !looksLikeEventTitle(b.text) {
				continue
			}
			title = false
			event = b.text
			// "Epic Hotel - Miami, Florida / 6-7 October 2011" under the heading.
			if !yearRe.MatchString(event) {
				for j := i + 1; j < len(o.blocks) && j < i+4 && o.blocks[j].kind == paraBlock; j++ {
					if y := yearRe.FindString(o.blocks[j].text); y != "" {
						event += " " + y
						break
					}
				}
			}
		case itemBlock, paraBlock:
			if key, val, ok := field(b.text); ok && (key == "event" || key == "conference") {
				event = val
			}
			for _, lk := range b.links {
				target := linkedFile(lk.dest, byBase)
				if target == "" {
					continue
				}
				e := indexEntry{event: event}
				if u, err := url.Parse(lk.dest); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
					e.url = lk.dest
				}
				if _, sp := splitTitle(lk.text); sp != nil {
					e.speakers = sp
				} else if _, sp := splitTitle(entry); sp != nil {
					e.speakers = sp
				}
				l.indexed[target] = e
			}
		}
	}
	if t := o.title(); t != "" && looksLikeEventTitle(t) {
		l.dirEvent[dir] = t
	}
	for _, entry := range o.toctree {
		if target := linkedFile(entry, byBase); target != "" {
			e := l.indexed[target]
			if e.event == "" {
				e.event = o.title()
			}
			l.indexed[target] = e
		}
	}
	return nil
}

// linkedFile returns the note file a link or toctree entry points to.
func linkedFile(dest string, byBase map[string]string) string {
	u, err := url.Parse(dest)
	if err != nil {
		return ""
	}
	p := u.Path
	if un, err := url.PathUnescape(p); err == nil {
		p = un
	}
	if u.Scheme == "" && u.Host == "" {
		if f := byBase[strings.ToLower(path.Clean(p))]; f != "" {
			return f // a relative link into a folder below
		}
	}
	return byBase[strings.ToLower(path.Base(p))]
}

var fieldRe = lazyRE(`^([A-Za-z][A-Za-z ]{1,20}):\s+(\S.*)$`)

// field splits "Venue: Cardiff City Hall" into a lower-case key and value.
func field(s string) (key, val string, ok bool) {
	m := fieldRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", "", false
	}
	return strings.ToLower(strings.TrimSpace(m[1])), strings.TrimSpace(m[2]), true
}
