package corpus

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/talkbot/talkbot/corpus/embedded"
	"github.com/talkbot/talkbot/internal/golden"
)

// TestOneFilePerTalk reads Rob Spectre's PyCodeConf 2011 notes: setext
// titles, "A talk by [Speaker](...)", deep nesting, and a README whose
// links name the event and give each file's URL.
func TestOneFilePerTalk(t *testing.T) {
	c, err := Load(os.DirFS("testdata/robspectre"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) > 0 {
		t.Errorf("problems: %v", c.Problems)
	}
	golden.Check(t, "robspectre.golden", describe(c.Talks))
	if len(c.Talks) != 13 {
		t.Fatalf("got %d talks; want the 13 talk files", len(c.Talks))
	}
	for _, tk := range c.Talks {
		if tk.Event.String() != "PyCodeConf 2011" {
			t.Errorf("%q: event %q; want PyCodeConf 2011 (from README.source.md)", tk.Title, tk.Event)
		}
		if len(tk.Speakers) == 0 {
			t.Errorf("%q: no speaker", tk.Title)
		}
		if !strings.HasPrefix(tk.Sources[0].URL, "https://github.com/RobSpectre/Notes/") {
			t.Errorf("%q: URL %q; want the README's link", tk.Title, tk.Sources[0].URL)
		}
	}
}

// TestTwoNoteTakers loads the default corpus with Rob Spectre's notes beside
// it: one talk noted by two people is one talk with sources in both.
func TestTwoNoteTakers(t *testing.T) {
	m := fstest.MapFS{}
	copyTree(t, m, embedded.FS, ".", "")
	copyTree(t, m, os.DirFS("testdata/robspectre"), ".", "robspectre/")
	c, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range c.Talks {
		if !strings.Contains(tk.Title, "Embracing") {
			continue
		}
		var files []string
		for _, s := range tk.Sources {
			files = append(files, s.File)
		}
		want := []string{"pycodeconf-2011-pycon-2012-event-notes.md", "robspectre/embracing_the_global_interpreter_lock-david_beazley.md"}
		if diff := cmp.Diff(want, files); diff != "" {
			t.Errorf("sources of %q (-want +got):\n%s", tk.Title, diff)
		}
		return
	}
	t.Error("no talk on embracing the GIL")
}

func copyTree(t *testing.T, dst fstest.MapFS, src fs.FS, root, prefix string) {
	t.Helper()
	err := fs.WalkDir(src, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		dst[prefix+p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSphinxNotes reads reStructuredText notes: an index.rst whose title
// and toctree name the event, overlined titles, field lists, directives.
func TestSphinxNotes(t *testing.T) {
	c, err := Load(os.DirFS("testdata/sphinx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) > 0 {
		t.Errorf("problems: %v", c.Problems)
	}
	golden.Check(t, "sphinx.golden", describe(c.Talks))
	var texts []string
	for _, tk := range c.Talks {
		for _, b := range tk.AllBullets() {
			texts = append(texts, b.Citation()+" "+b.Text)
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{
		"keynote-lynn-root.rst:21 The room was full; people were sitting on the floor.", // .. note:: content
		"keynote-lynn-root.rst:17 see her blog (https://www.roguelynn.com) for more",    // link target kept
		"keynote-lynn-root.rst:29 Use asyncio.run() as the entry point",                 // enumerated, literal
		"keynote-lynn-root.rst:38 await asyncio.gather(*tasks)",                         // code-block
		"asyncio-in-practice.rst:9 Do not mix threads and the event loop without care.", // .. warning:: argument
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing note %q in:\n%s", want, all)
		}
	}
	for _, unwanted := range []string{"keynote.jpg", "the stage", "Comments like this", "maxdepth"} {
		if strings.Contains(all, unwanted) {
			t.Errorf("note text holds %q, which is markup or a comment", unwanted)
		}
	}
}

// TestBadFilesAreReportedAndSkipped: a broken file costs itself only.
func TestBadFilesAreReportedAndSkipped(t *testing.T) {
	m := fstest.MapFS{
		"good.md":       {Data: []byte("# Grok the GIL (A. Jesse Jiryu Davis)\n\n* threads and the GIL\n")},
		"latin1.md":     {Data: []byte("# Talk\n\n* fine\n* caf\xe9\n")},
		"empty.md":      {Data: []byte("\n\n")},
		"binary.txt":    {Data: []byte("\x00\x01\x02")},
		"corpus.yaml":   {Data: []byte("sources:\n  good.md:\n    event: [not a string\n")},
		"notes/skip.py": {Data: []byte("print('not notes')")},
	}
	c, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Talks) != 1 || c.Talks[0].Title != "Grok the GIL" {
		t.Fatalf("talks = %s; want only Grok the GIL", describe(c.Talks))
	}
	got := map[string]int{}
	for _, p := range c.Problems {
		got[p.File] = p.Line
		if p.Error() == "" || !strings.Contains(p.Error(), p.File) {
			t.Errorf("problem %v does not name its file", p)
		}
	}
	if got["corpus.yaml"] == 0 {
		t.Error("the broken manifest is reported without a line")
	}
	delete(got, "corpus.yaml")
	want := map[string]int{"latin1.md": 4, "empty.md": 0, "binary.txt": 0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestLoadMissingRoot(t *testing.T) {
	_, err := Load(os.DirFS("testdata/no-such-folder"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(missing folder) error = %v; want fs.ErrNotExist", err)
	}
}

func TestManifest(t *testing.T) {
	m := fstest.MapFS{
		"corpus.yaml": {Data: []byte(`
sources:
  .:
    event: Fallback Conf
  2019:
    event: PyCon US
    year: 2019
    url: https://example.org/notes/2019
`)},
		"misc.md":           {Data: []byte("# A Talk (Ada Lovelace)\n\n* one\n")},
		"2019/keynote.md":   {Data: []byte("# Keynote (Guido van Rossum)\n\n* two\n")},
		"2019/sub dir/x.md": {Data: []byte("# Other Talk\n\n* three\n")},
	}
	c, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) > 0 {
		t.Fatalf("problems: %v", c.Problems)
	}
	got := map[string]string{}
	for _, tk := range c.Talks {
		got[tk.Title] = tk.Event.String() + " " + tk.URL(tk.Bullet(0))
	}
	want := map[string]string{
		"Keynote":    "PyCon US 2019 https://example.org/notes/2019/keynote.md#L3",
		"Other Talk": "PyCon US 2019 https://example.org/notes/2019/sub%20dir/x.md#L3",
		"A Talk":     "Fallback Conf ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events and URLs (-want +got):\n%s", diff)
	}
}

func TestSplitTitle(t *testing.T) {
	tests := []struct {
		heading, title string
		speakers       []string
	}{
		{"Dask: A Pythonic Distributed Data Science Framework (Matthew Rocklin)", "Dask: A Pythonic Distributed Data Science Framework", []string{"Matthew Rocklin"}},
		{"Jesse Noller (Embrace the GIL)", "Embrace the GIL", []string{"Jesse Noller"}},
		{"Kenneth Reitz: (python for humans)", "python for humans", []string{"Kenneth Reitz"}},
		{"Effective Code Review - Dougal Matthews", "Effective Code Review", []string{"Dougal Matthews"}},
		{"Keynote by Guido van Rossum", "Keynote", []string{"Guido van Rossum"}},
		{"Talk (Alice Smith, Bob Jones)", "Talk", []string{"Alice Smith", "Bob Jones"}},
		{"virtualenv (python command line utility)", "virtualenv (python command line utility)", nil},
		{"Embracing the Global Interpreter Lock (GIL)", "Embracing the Global Interpreter Lock (GIL)", nil},
		{"EuroPython 2016 - Tuesday, 19.7.", "EuroPython 2016 - Tuesday, 19.7.", nil},
		{"Kubernetes For Pythonistas", "Kubernetes For Pythonistas", nil},
		{"Kubernetes Deconstructed - Carson Anderson, DOMO @carsonoid", "Kubernetes Deconstructed", []string{"Carson Anderson"}},
		{"LFS - Lightning Fast Shop", "LFS - Lightning Fast Shop", nil},
		{"Flasky Goodness (or Why Django Sucks?)", "Flasky Goodness (or Why Django Sucks?)", nil},
		{"Long Term Predictions (low accuracy)", "Long Term Predictions (low accuracy)", nil},
		{"10 Steps to better postgresql performance", "10 Steps to better postgresql performance", nil},
	}
	for _, tt := range tests {
		title, speakers := splitTitle(tt.heading)
		if title != tt.title || !cmp.Equal(speakers, tt.speakers) {
			t.Errorf("splitTitle(%q) = %q, %q; want %q, %q", tt.heading, title, speakers, tt.title, tt.speakers)
		}
	}
}

func TestParseEvent(t *testing.T) {
	tests := []struct {
		text, file string
		want       Event
	}{
		{"EuroPython 2016 - Tuesday, 19.7.", "x.md", Event{"EuroPython", 2016}},
		{"PyCon 2012", "x.md", Event{"PyCon", 2012}},
		{"PyCodeConf", "pycodeconf-2011-pycon-2012-event-notes.md", Event{"PyCodeConf", 2011}},
		{"PyCon", "pycodeconf-2011-pycon-2012-event-notes.md", Event{"PyCon", 2012}},
		{"DjangoCon", "notes.md", Event{"DjangoCon", 0}},
	}
	for _, tt := range tests {
		if got := parseEvent(tt.text, tt.file); got != tt.want {
			t.Errorf("parseEvent(%q, %q) = %+v; want %+v", tt.text, tt.file, got, tt.want)
		}
	}
	paths := map[string]string{
		"pycon-2017-notes":        "PyCon 2017",
		"PyCodeConf 2011":         "PyCodeConf 2011",
		"europython_2016_tuesday": "Europython 2016",
		"my-notes":                "",
		"pycon-us-2019":           "PyCon US 2019",
		"pygotham-2018":           "PyGotham 2018",
		"kubecon-2017":            "KubeCon 2017",
		"rubyconf-2015":           "RubyConf 2015",
		"google-io-2019":          "Google IO 2019",
		"python-day-of-2020":      "Python Day of 2020",
		"slack-frontiers-2019":    "Slack Frontiers 2019",
		"oscon-2016":              "Oscon 2016",
	}
	for base, want := range paths {
		if got := eventFromPath(base).String(); got != want {
			t.Errorf("eventFromPath(%q) = %q; want %q", base, got, want)
		}
	}
}

func TestSentenceGroups(t *testing.T) {
	long := strings.Repeat("This sentence is about twenty words long, give or take a few words here. ", 8)
	b := block{text: strings.TrimSpace(long), line: 10, lines: []lineMark{{0, 10}, {300, 11}}}
	gs := sentenceGroups(&b)
	if len(gs) < 3 {
		t.Fatalf("sentenceGroups split %d bytes into %d groups; want several", len(long), len(gs))
	}
	var joined []string
	for _, g := range gs {
		if len(g.text) > groupUpTo+80 {
			t.Errorf("group of %d bytes: %q", len(g.text), g.text)
		}
		joined = append(joined, g.text)
	}
	if strings.Join(joined, " ") != b.text {
		t.Error("groups do not add up to the paragraph")
	}
	if gs[0].line != 10 || gs[len(gs)-1].line != 11 {
		t.Errorf("lines %d..%d; want 10..11", gs[0].line, gs[len(gs)-1].line)
	}
	short := block{text: "Short. Two sentences.", line: 3}
	if gs := sentenceGroups(&short); len(gs) != 1 {
		t.Errorf("short paragraph split into %d", len(gs))
	}
}

func TestManifestJSON(t *testing.T) {
	m := fstest.MapFS{
		"corpus.json": {Data: []byte(`{"sources": {"notes.md": {"event": "DjangoCon EU", "year": 2019}}}`)},
		"notes.md":    {Data: []byte("# Keynote (Ada Lovelace)\n\n* one\n")},
	}
	c, err := Load(m)
	if err != nil || len(c.Problems) > 0 {
		t.Fatalf("Load: %v %v", err, c.Problems)
	}
	if got := c.Talks[0].Event.String(); got != "DjangoCon EU 2019" {
		t.Errorf("event %q; want DjangoCon EU 2019", got)
	}
	bad := fstest.MapFS{
		"corpus.json": {Data: []byte(`{"sources": {"notes.md": {"evnt": "typo"}}}`)},
		"notes.md":    {Data: []byte("# Keynote\n\n* one\n")},
	}
	c, err = Load(bad)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) != 1 || c.Problems[0].File != "corpus.json" || len(c.Talks) != 1 {
		t.Errorf("a manifest with an unknown field: problems %v, %d talks; want it reported and the notes loaded", c.Problems, len(c.Talks))
	}
}

func TestSpeakersInURLs(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"http://beta.craft-conf.com/speaker/DocNorton", []string{"Doc Norton"}},
		{"https://2018.pycon.sk/en/speakers/Lozinski.html", []string{"Lozinski"}},
		{"see https://example.org/speakers/jane-doe/ for more", []string{"Jane Doe"}},
		{"https://pretalx.com/democon/speaker/8PZXCQ/", nil}, // a code, not a name
		{"https://pretalx.com/democon/speaker/WGBPXT/", nil},
		{"https://example.org/speakers/the-team", nil}, // common words
		{"https://example.org/talks/DocNorton", nil},   // not a speaker page
		{"Speaker notes follow", nil},
	}
	for _, tt := range tests {
		if got := speakersInURLs(tt.text, nil); !slices.Equal(got, tt.want) {
			t.Errorf("speakersInURLs(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}
