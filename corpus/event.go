package corpus

import (
	"strconv"
	"strings"

	"github.com/talkbot/talkbot/internal/english"
)

var eventTailRe = lazyRE(`\s+[-–—:|]\s+.*$|,.*$`)

// parseEvent reads an event from a heading such as "EuroPython 2016 -
// Tuesday, 19.7." or a chapter title such as "PyCodeConf". A name without a
// year takes the year that follows the name in the file's path
// ("pycodeconf-2011-notes.md").
func parseEvent(text, file string) Event {
	text = cleanText(text)
	name := text
	year := 0
	if loc := yearRe.FindStringIndex(text); loc != nil {
		year, _ = strconv.Atoi(text[loc[0]:loc[1]])
		name = strings.TrimSpace(text[:loc[0]])
		if name == "" {
			name = strings.TrimSpace(eventTailRe.ReplaceAllString(text[loc[1]:], ""))
		}
	} else {
		name = strings.TrimSpace(eventTailRe.ReplaceAllString(text, ""))
	}
	name = strings.TrimRight(name, " -–—:,")
	if name == "" {
		name = text
	}
	if year == 0 {
		year = yearAfterName(name, file)
	}
	return Event{Name: name, Year: year}
}

var nonAlnumRe = lazyRE(`[^a-z0-9]+`)

// yearAfterName finds "name-2011" in a path, the separators ignored.
func yearAfterName(name, file string) int {
	key := nonAlnumRe.ReplaceAllString(strings.ToLower(name), "")
	if key == "" {
		return 0
	}
	flat := nonAlnumRe.ReplaceAllString(strings.ToLower(file), "")
	for from := 0; ; {
		i := strings.Index(flat[from:], key)
		if i < 0 {
			return 0
		}
		rest := flat[from+i+len(key):]
		if len(rest) >= 4 && yearRe.MatchString(rest[:4]) {
			y, _ := strconv.Atoi(rest[:4])
			return y
		}
		from += i + len(key)
	}
}

// genericPathWords say nothing of an event in a file or folder name.
var genericPathWords = map[string]bool{
	"notes": true, "note": true, "talks": true, "talk": true, "event": true, "events": true,
	"slides": true, "summary": true, "my": true,
}

// eventFromPath names an event after a file or folder name: the words up to
// and including the first year ("pycon-2017-notes" -> "Pycon 2017"), or all
// of its words less the generic ones.
func eventFromPath(base string) Event {
	words := strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == ' ' || r == '.' })
	var kept []string
	year := 0
	for _, w := range words {
		if yearRe.MatchString(w) && len(w) == 4 {
			year, _ = strconv.Atoi(w)
			break
		}
		if !genericPathWords[strings.ToLower(w)] {
			kept = append(kept, w)
		}
	}
	for i, w := range kept {
		if w == strings.ToLower(w) {
			kept[i] = eventWord(w)
		}
	}
	return Event{Name: strings.Join(kept, " "), Year: year}
}

// eventWord writes a lower-case word of a folder name as conference names
// are written: "pycon" PyCon, "pygotham" PyGotham, "kubecon" KubeCon,
// "rubyconf" RubyConf, "us" US; an English word ("python", "falcon") or
// any other is capitalised.
func eventWord(w string) string {
	title := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	size := english.Size(w)
	switch {
	case smallWords[w]:
		return w
	case len(w) <= 2:
		return strings.ToUpper(w)
	case size > 0 && size <= commonWordSize:
		return title(w)
	case len(w) > 3 && strings.HasPrefix(w, "py"):
		return "Py" + title(w[2:])
	case len(w) >= 7 && strings.HasSuffix(w, "conf"):
		return title(w[:len(w)-4]) + "Conf"
	case len(w) >= 7 && strings.HasSuffix(w, "con"):
		return title(w[:len(w)-3]) + "Con"
	}
	return title(w)
}

// smallWords stay lower-case in an event's name.
var smallWords = map[string]bool{"of": true, "on": true, "in": true, "at": true, "by": true, "to": true, "de": true}

// yearInPath returns a year that a folder of a path is named for
// ("2018/pygotham"), or 0.
func yearInPath(dir string) int {
	for _, part := range strings.Split(dir, "/") {
		if len(part) == 4 && yearRe.MatchString(part) {
			y, _ := strconv.Atoi(part)
			return y
		}
	}
	return 0
}
