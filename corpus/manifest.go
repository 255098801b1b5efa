package corpus

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ManifestNames are the file names Load looks for at the corpus root.
var ManifestNames = []string{"corpus.yaml", "corpus.yml", "corpus.json"}

// Manifest names the events of files and folders. Example corpus.yaml:
//
//	sources:
//	  pycon-2017-notes.md:            # a file or a folder; "." is the root
//	    event: PyCon US
//	    year: 2017
//	    url: https://example.org/notes/pycon-2017-notes.md
//	  two-events.md:
//	    events:                       # rename events the file names itself
//	      PyCodeConf: {event: PyCodeConf, year: 2011}
//
// The longest path that holds a file wins. JSON with the same shape works too.
//
// Schedules lists conference schedule exports to read beside the notes:
// files of the folder (found without it when their first bytes say what
// they are) and http(s) URLs, which the bot fetches and keeps up to date:
//
//	schedules:
//	  - https://pretalx.example/democon/schedule.json
//	  - exports/fosdem.xml
type Manifest struct {
	Sources   map[string]ManifestSource `yaml:"sources" json:"sources"`
	Schedules []string                  `yaml:"schedules" json:"schedules"`
}

// ScheduleURLs returns the http(s) URLs the manifest lists as schedules.
func (m *Manifest) ScheduleURLs() []string {
	if m == nil {
		return nil
	}
	var out []string
	for _, s := range m.Schedules {
		if isURL(s) {
			out = append(out, s)
		}
	}
	return out
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// ManifestSource is what the manifest says of one file or folder.
type ManifestSource struct {
	Event  string                   `yaml:"event" json:"event"`
	Year   int                      `yaml:"year" json:"year"`
	URL    string                   `yaml:"url" json:"url"` // link to this file or folder
	Events map[string]ManifestEvent `yaml:"events" json:"events"`
}

// ManifestEvent renames an event found inside a file.
type ManifestEvent struct {
	Event string `yaml:"event" json:"event"`
	Year  int    `yaml:"year" json:"year"`
}

func parseManifest(data []byte) (*Manifest, error) {
	var m Manifest
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	for _, s := range m.Schedules {
		if strings.Contains(s, "://") && !isURL(s) {
			return nil, fmt.Errorf("schedule %q is not an http(s) URL", s)
		}
	}
	for p, s := range m.Sources {
		if s.URL != "" {
			u, err := url.Parse(s.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return nil, fmt.Errorf("source %q: url %q is not an http(s) URL", p, s.URL)
			}
			// "HTTPS://…" is https: the scheme as links are checked.
			s.URL = u.Scheme + s.URL[len(u.Scheme):]
			m.Sources[p] = s
		}
		if s.Year < 0 || s.Year > 9999 {
			return nil, fmt.Errorf("source %q: year %d out of range", p, s.Year)
		}
	}
	return &m, nil
}

// lookup returns the entry for file: the longest path equal to it or
// holding it, and the part of file below that path.
func (m *Manifest) lookup(file string) (ManifestSource, string, bool) {
	if m == nil {
		return ManifestSource{}, "", false
	}
	best, bestKey, found := ManifestSource{}, "", false
	for key, s := range m.Sources {
		k := strings.Trim(path.Clean(key), "/")
		var ok bool
		switch {
		case k == "." || k == "":
			ok = !found || bestKey == ""
			k = ""
		case k == file:
			ok = true
		case strings.HasPrefix(file, k+"/"):
			ok = true
		}
		if ok && (!found || len(k) > len(bestKey)) {
			best, bestKey, found = s, k, true
		}
	}
	rest := strings.TrimPrefix(strings.TrimPrefix(file, bestKey), "/")
	return best, rest, found
}

// fileURL returns the link to file from the entry that holds it.
func (m *Manifest) fileURL(file string) string {
	s, rest, ok := m.lookup(file)
	if !ok || s.URL == "" {
		return ""
	}
	if rest == "" {
		return s.URL
	}
	parts := strings.Split(rest, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.TrimSuffix(s.URL, "/") + "/" + strings.Join(parts, "/")
}

var yamlLineRe = lazyRE(`line (\d+)`)

// yamlErrorLine returns the line a YAML error names, or 0.
func yamlErrorLine(err error) int {
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}
