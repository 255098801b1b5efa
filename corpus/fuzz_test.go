package corpus

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"
)

// checkCitations asserts the invariants of every parser: no panic, and
// every bullet cites a line of its file from which its first word is read.
func checkCitations(t *testing.T, name string, data []byte) {
	c, err := Load(fstest.MapFS{name: {Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(data) {
		return
	}
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n"), "\n")
	for _, tk := range c.Talks {
		if tk.Title == "" && len(tk.Speakers) == 0 {
			t.Errorf("talk without title or speakers: %+v", tk)
		}
		bullets := tk.AllBullets()
		for k, b := range bullets {
			if b.Line < 1 || b.Line > len(lines) {
				t.Fatalf("bullet %q cites line %d of %d", b.Text, b.Line, len(lines))
			}
			if strings.TrimSpace(b.Text) == "" {
				t.Fatalf("empty bullet at line %d", b.Line)
			}
			if b.Parent >= tk.NumBullets() {
				t.Fatalf("bullet %q has parent %d of %d", b.Text, b.Parent, tk.NumBullets())
			}
			w := firstWord(b.Text)
			if w == "" {
				continue
			}
			// Markup removal may join words ("[a]()b" reads "ab"), so the
			// window is compared with its punctuation dropped too.
			// A bullet joins the lines of its paragraph or item, which may
			// start with markup that reads as nothing ("\" line breaks) or
			// punctuation: the word is looked for from the cited line up to
			// the next bullet's line, or over as many lines as the text has
			// words.
			end := b.Line - 1 + len(strings.Fields(b.Text)) + 3
			switch {
			case k+1 == len(bullets) || bullets[k+1].File != b.File:
				end = len(lines)
			case bullets[k+1].Line > b.Line:
				end = max(end, bullets[k+1].Line)
			}
			window := strings.ToLower(strings.Join(lines[b.Line-1:min(len(lines), end)], "\n"))
			// An HTML tag is dropped from the window, unless it is markup
			// that reads as its contents (rST's `<target>`_).
			if !strings.Contains(window, w) && !strings.Contains(alnum(htmlTag.ReplaceAllString(window, "")), w) && !strings.Contains(alnum(window), w) {
				t.Fatalf("bullet %q cites line %d, which does not hold %q:\n%s", b.Text, b.Line, w, window)
			}
		}
	}
}

var htmlTag = regexp.MustCompile(`<[^<>]*>`)

func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

func firstWord(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Title (Ada Lovelace)\n\n* one\n\t* two\n\n## Section\n\nA paragraph. Another one.\n",
		"Title\n=====\n\nA talk by [Ada Lovelace](http://x)\n\n- a\n    - b\n        - c\n",
		"## 1.1 Talk\n\n### 1.1.1 Author\n\n- Ada Lovelace (@ada)\n\n| 1 | **Chapter** | 3 |\n|--|--|--|\n",
		"# T\n* ```\ncode\n```\n* after\n",
		"# T\n\n> * quoted\n> more\n\n<div>html</div>\n\n[link](http://a \"t\") \\* escaped &amp; entity\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkCitations(t, "notes.md", data) })
}

func FuzzRST(f *testing.F) {
	for _, s := range []string{
		"=====\nTitle\n=====\n\n:speaker: Ada Lovelace\n\nSection\n-------\n\n* one\n\n  * two\n\n.. note::\n\n   noted\n",
		"Talk\n====\n\n#. first\n#. second ``code`` and `link <http://x>`_\n\nExample::\n\n    code\n\n.. toctree::\n\n   a\n",
		".. code-block:: python\n\n   x = 1\n\n| line block\n| two\n\n:field: value\n  continued\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkCitations(t, "notes.rst", data) })
}

func FuzzProgramme(f *testing.F) {
	f.Add([]byte("top of page\n\nTalk Title\n\nAda Lovelace\n\nTrack, Intermediate\n\nDescription: Words. More words.\n\n- item\n\nBio: Ada.\n\n____________\n\nPlease reload\n"))
	f.Add([]byte("____________\nTitle\nTrack, Beginner\nAbstract: x\n____________\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkCitations(t, "programme.txt", data) })
}

// FuzzManifest loads a corpus with an arbitrary corpus.yaml: no panic; a
// manifest that cannot be read is reported with its name and the notes
// still load.
func FuzzManifest(f *testing.F) {
	f.Add([]byte("sources:\n  notes.md:\n    event: PyCon US\n    year: 2017\n    url: https://example.com/notes\n"))
	f.Add([]byte("sources:\n  notes.md:\n    events:\n      PyCodeConf: {event: PyCodeConf, year: 2011}\n"))
	f.Add([]byte("sources: [1, 2]\n"))
	f.Add([]byte("a: &a [*a, *a]\nb: *a\n"))
	f.Add([]byte("sources:\n  '../x.md': {url: 'javascript:alert(1)'}\n"))
	f.Add([]byte("sources:\n  notes.md: {url: 'javascript:alert(1)'}\n"))
	notes := []byte("# Grok the GIL - David Beazley\n\n* threads\n")
	f.Fuzz(func(t *testing.T, manifest []byte) {
		c, err := Load(fstest.MapFS{"corpus.yaml": {Data: manifest}, "notes.md": {Data: notes}})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Talks) != 1 || c.Talks[0].NumBullets() != 1 {
			t.Fatalf("the notes were lost: %d talks", len(c.Talks))
		}
		for _, p := range c.Problems {
			if p.File != "corpus.yaml" {
				t.Fatalf("problem in %s: %v", p.File, p)
			}
		}
		if u := c.Talks[0].URL(c.Talks[0].Bullet(0)); u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			t.Fatalf("link %q is not http(s)", u)
		}
	})
}

// FuzzNameScreens checks that the quick screens before the name patterns
// never turn away a line they would match.
func FuzzNameScreens(f *testing.F) {
	for _, s := range []string{
		"A talk given by [Laura Thomson](https://example.com)", "Speaker: Ada Lovelace", "By: Ada Lovelace",
		"by - Grace Hopper", "The keynote delivered by Guido", "Presented by Jane Doe", "maybe bytes by the way",
		"BY\tAlan Kay", "the talk   presented   by X", "Authors: A, B",
		"Eric Baer, Formidable (https://formidable.com)", "Michael (Stu) Stewart and Ana", "Ada (@ada) & Bob/Carol",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.TrimSpace(s)
		if (speakerKeyRe.MatchString(s) || talkByRe.MatchString(s)) && !mayNameSpeakers(s) {
			t.Errorf("%q matches a speaker pattern but the screen turns it away", s)
		}
		for _, re := range []screenedRe{handleRe, parenTailRe, nameSplitRe, nicknameRe, linkTailRe} {
			if re.lazyRegexp.MatchString(s) && !re.may(s) {
				t.Errorf("%q matches %s but its screen turns it away", s, re)
			}
		}
	})
}
