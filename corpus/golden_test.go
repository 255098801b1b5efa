package corpus

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/talkbot/talkbot/corpus/embedded"
	"github.com/talkbot/talkbot/internal/golden"
)

// describe lists talks one a line: event | title | speakers | notes | where.
func describe(talks []*Talk) string {
	var b strings.Builder
	for _, t := range talks {
		var where []string
		for _, s := range t.Sources {
			where = append(where, fmt.Sprintf("%s:%d", s.File, s.Line))
		}
		title := t.Title
		if t.Topic {
			title += " (topic)"
		}
		fmt.Fprintf(&b, "%s | %s | %s | %d notes | %s\n", t.Event, title, strings.Join(t.Speakers, ", "), t.NumBullets(), strings.Join(where, " "))
	}
	return b.String()
}

// TestDefaultFilesGolden loads each file of the default corpus alone, with
// the manifest, and compares its talks with the list checked by hand.
func TestDefaultFilesGolden(t *testing.T) {
	manifest, err := fs.ReadFile(embedded.FS, "corpus.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(embedded.FS, "*.*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if f == "corpus.yaml" {
			continue
		}
		n++
		t.Run(f, func(t *testing.T) {
			data, err := fs.ReadFile(embedded.FS, f)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Load(fstest.MapFS{f: {Data: data}, "corpus.yaml": {Data: manifest}})
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Problems) > 0 {
				t.Errorf("Load(%s) problems: %v", f, c.Problems)
			}
			golden.Check(t, strings.TrimSuffix(f, filepath.Ext(f))+".golden", describe(c.Talks))
		})
	}
	if n != 5 {
		t.Errorf("default corpus has %d note files; want 5", n)
	}
}

// TestEmbeddedCorpus loads the whole default corpus: notes of one talk in
// two files become one talk with two sources.
func TestEmbeddedCorpus(t *testing.T) {
	c, err := Load(embedded.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) > 0 {
		t.Errorf("problems: %v", c.Problems)
	}
	golden.Check(t, "embedded.golden", describe(c.Talks))
	byTitle := map[string]*Talk{}
	for _, tk := range c.Talks {
		byTitle[tk.Title] = tk
	}
	tests := []struct {
		title   string
		sources int
		event   string
	}{
		{"What Makes Python AWESOME?", 2, "PyCodeConf 2011"},
		{"Python For Humans", 2, "PyCodeConf 2011"},
		{"Embracing The GIL", 1, "PyCodeConf 2011"}, // Beazley's, not Noller's "Embrace the GIL"
		{"Embrace the GIL", 1, "PyCodeConf 2011"},
		{"Software Transactional Memory", 2, "PyCodeConf 2011"}, // under Topics and Tools
		{"Advanced Celery", 1, "PyCon US 2012"},
		{"Kubernetes For Pythonistas", 1, "PyCon US 2017"},
	}
	for _, tt := range tests {
		tk := byTitle[tt.title]
		if tk == nil {
			t.Errorf("no talk %q", tt.title)
			continue
		}
		if len(tk.Sources) != tt.sources || tk.Event.String() != tt.event {
			t.Errorf("talk %q: %d sources, event %q; want %d, %q", tt.title, len(tk.Sources), tk.Event, tt.sources, tt.event)
		}
	}
}

// TestLayouts loads folders of the layouts people keep notes in and
// compares their talks with the lists checked by hand: one talk per file
// in Markdown under YEAR/event folders with README indexes
// (daneah/conference-notes), one talk per rST file with over- and
// underlined titles, titles with parentheses, dashes and leading numbers,
// speakers on the line or heading under the title, and a root README
// whose year headings are no events.
func TestLayouts(t *testing.T) {
	for _, dir := range []string{"daneah", "layouts/rst-one-talk", "layouts/md-year-folders", "layouts/md-speaker-pages"} {
		t.Run(dir, func(t *testing.T) {
			c, err := Load(os.DirFS(filepath.Join("testdata", dir)))
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Problems) > 0 {
				t.Errorf("problems: %v", c.Problems)
			}
			golden.Check(t, strings.ReplaceAll(dir, "/", "-")+".golden", describe(c.Talks))
		})
	}
}
