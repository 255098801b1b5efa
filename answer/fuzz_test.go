package answer

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "help", "show grok", "/speaker  beazley", "ask", "ask   ", "EVENT: pycon", "\x00\xff", strings.Repeat("é", 400)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Parse(s)
		known := false
		for _, c := range Commands {
			known = known || c.Name == r.Command
		}
		if !known {
			t.Fatalf("Parse(%q) = command %q, not in the table", s, r.Command)
		}
		if len(r.Arg) > MaxQueryLen {
			t.Fatalf("Parse(%q) kept %d bytes", s, len(r.Arg))
		}
		if utf8.ValidString(s) && !utf8.ValidString(r.Arg) {
			t.Fatalf("Parse(%q) cut a character: %q", s, r.Arg)
		}
	})
}

// FuzzAsk: any text gets a reply without panicking, and every result is a
// real line of the corpus, cited where it stands.
func FuzzAsk(f *testing.F) {
	for _, s := range benchQuestions {
		f.Add(s)
	}
	f.Add("show ")
	f.Add("event 2012")
	f.Add("speaker a")
	f.Add("python-dev_tcp-nodelay 3.13.1 ...")
	e := defaultEngine(f)
	f.Fuzz(func(t *testing.T, s string) {
		r := e.Handle(t.Context(), Parse(s), Options{Limit: 3})
		if len(r.Talks) > 3 && r.Command != "show" {
			t.Fatalf("%q: %d talks; limit 3", s, len(r.Talks))
		}
		checkReply(t, e, s, r)
	})
}

// FuzzAskSchedule asks commands and questions of a schedule while its
// conference runs: no panic, the limit kept, every line cited from the
// corpus, and scheduled talks come with their slot.
func FuzzAskSchedule(f *testing.F) {
	for _, s := range []string{"now", "next room gray", "when secured grid", "room tan", "track phased",
		"what's on now?", "whats next in the tan room", "anything asymmetric coming up", "hardware tomorrow",
		"talks on wednesday", "is it now or next", "right now", "next next next"} {
		f.Add(s)
	}
	e := scheduleEngine(f, "2020-12-14T09:10:00+01:00")
	f.Fuzz(func(t *testing.T, s string) {
		r := e.Handle(t.Context(), Parse(s), Options{Limit: 3})
		if len(r.Talks) > 3 && r.Command != "show" {
			t.Fatalf("%q: %d talks; limit 3", s, len(r.Talks))
		}
		for _, tk := range r.Talks {
			if tk.Slot == nil {
				t.Fatalf("%q: %q without its slot", s, tk.Title)
			}
		}
		checkReply(t, e, s, r)
	})
}

// FuzzWords checks that the ASCII fast path splits words exactly as the
// general one does.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"don't stop 3.6.1 a.b", "x' 'y 1. .2 3..4", "tcp_nodelay python-dev", "it's'", "a'b'c", "3.6's"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isASCII(s) {
			return
		}
		if got, want := asciiWords(s), unicodeWords(s); !slices.Equal(got, want) {
			t.Fatalf("asciiWords(%q) = %q, unicodeWords = %q", s, got, want)
		}
	})
}

// FuzzFoldedName checks that foldedName folds and splits names as
// words(fold(name)) does, in a buffer written before by another name.
func FuzzFoldedName(f *testing.F) {
	for _, s := range []string{"Grok the GIL: Write Fast And Thread-Safe Python", "Don't Stop 3.6.1", "Ünïcode Ñame", "", "  ", "O'Brien's Talk", "a'b'c 1.2.3"} {
		f.Add(s, "David Beazley")
	}
	f.Fuzz(func(t *testing.T, name, before string) {
		buf, ws, _ := foldedName(nil, nil, before)
		buf, ws, joined := foldedName(buf, ws, name)
		want := words(fold(name))
		if !slices.Equal(ws, want) || joined != strings.Join(want, " ") {
			t.Fatalf("foldedName(%q) = %q, %q; want %q", name, ws, joined, want)
		}
		_ = buf
	})
}

// FuzzPostings checks that a posting list gives back the documents and
// frequencies added to it.
func FuzzPostings(f *testing.F) {
	f.Add([]byte{0, 2, 3, 2, 200, 5})
	f.Fuzz(func(t *testing.T, raw []byte) {
		var p postings
		type entry struct{ doc, tf uint32 }
		var want []entry
		doc := uint32(0)
		for i := 0; i+1 < len(raw); i += 2 {
			doc += uint32(raw[i]) * 977
			if len(want) > 0 && doc == want[len(want)-1].doc {
				continue
			}
			tf := uint32(raw[i+1])
			p.add(doc, tf)
			want = append(want, entry{doc, tf})
		}
		var got []entry
		p.each(func(d, tf uint32) { got = append(got, entry{d, tf}) })
		if !slices.Equal(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		// The runs of documents read: bounds drawn from the same bytes.
		var rs []docRange
		for i := 0; i+1 < len(raw) && len(rs) < 4; i += 3 {
			start := uint32(raw[i]) * 977 * 3
			if n := len(rs); n > 0 && start < rs[n-1].end+1 {
				start = rs[n-1].end + 1
			}
			rs = append(rs, docRange{start, start + uint32(raw[i+1])*977})
		}
		var in []posting
		for _, e := range want {
			if slices.ContainsFunc(rs, func(r docRange) bool { return r.start <= e.doc && e.doc < r.end }) {
				in = append(in, posting{e.doc, e.tf})
			}
		}
		if got := p.appendIn(nil, rs, nil); !slices.Equal(got, in) {
			t.Fatalf("in %v: got %v, want %v", rs, got, in)
		}
		for _, every := range []int{1, 2, 5} {
			if got := p.appendIn(nil, rs, p.skipListEvery(every)); !slices.Equal(got, in) {
				t.Fatalf("in %v, skips every %d: got %v, want %v", rs, every, got, in)
			}
		}
	})
}

// FuzzLineReader checks that the index builder splits a line into the
// same tokens as tokenizeNote does.
func FuzzLineReader(f *testing.F) {
	for _, s := range []string{"The GIL, python-dev and TCP_NODELAY", "see https://example.com/a-b and www.x.org", "don't stop 3.6.1", "Ünïcödé café", "a www.b c://d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := &lineReader{stems: &sharedStems{m: map[string]string{}}, pairs: map[string]uint32{}, seen: map[string]readWord{}}
		got := r.appendTokens(nil, s)
		want, inURL := newTokenizer().tokenizeNote(s)
		if len(got) != len(want) {
			t.Fatalf("%q: %d tokens, tokenizeNote %d", s, len(got), len(want))
		}
		for i, g := range got {
			if r.words[g.pair] != want[i].word || r.terms[g.pair] != want[i].term || g.inURL != inURL[i] {
				t.Fatalf("%q: token %d = %q/%q/%v, want %q/%q/%v", s, i, r.words[g.pair], r.terms[g.pair], g.inURL, want[i].word, want[i].term, inURL[i])
			}
		}
	})
}

// tokenizeNote is the plain statement of how a note line is split into
// index tokens, against which the builder's faster reader is fuzzed.
// It splits a note line into index tokens and reports, for each,
// whether it stands inside a URL: words of link targets are weak evidence.
func (tz *tokenizer) tokenizeNote(s string) (toks []token, inURL []bool) {
	if !strings.Contains(s, "://") && !strings.Contains(s, "www.") {
		toks = tz.tokenize(s)
		return toks, make([]bool, len(toks))
	}
	last := 0
	for _, loc := range urlRe.FindAllStringIndex(s, -1) {
		for _, t := range tz.tokenize(s[last:loc[0]]) {
			toks, inURL = append(toks, t), append(inURL, false)
		}
		for _, t := range tz.tokenize(s[loc[0]:loc[1]]) {
			toks, inURL = append(toks, t), append(inURL, true)
		}
		last = loc[1]
	}
	for _, t := range tz.tokenize(s[last:]) {
		toks, inURL = append(toks, t), append(inURL, false)
	}
	return toks, inURL
}

// FuzzFollowUp reads arbitrary messages after an answer: no panic, a
// known command, an offset past the answer only for "more", an argument
// no longer than a question may be plus a title.
func FuzzFollowUp(f *testing.F) {
	for _, s := range []string{"more", "show the second one", "what else did he say?", "did she mention pypy", "and about packaging?", "the 5th one", "last talk", "", "they they they"} {
		f.Add(s)
	}
	turn := Turn{
		Request: Request{Command: "ask", Arg: "gil", Offset: 5}, More: true,
		Talks:   []TalkRef{{Title: "Embracing The GIL", Speakers: []string{"David Beazley"}}, {Title: "Grok the GIL"}},
		Subject: "David Beazley",
	}
	known := map[string]bool{}
	for _, c := range Commands {
		known[c.Name] = true
	}
	f.Fuzz(func(t *testing.T, text string) {
		req, ok := FollowUp(turn, text)
		offset := req.Offset
		if !ok {
			return
		}
		if !known[req.Command] {
			t.Fatalf("FollowUp(%q) = command %q", text, req.Command)
		}
		if offset != 0 && offset != turn.Request.Offset+len(turn.Talks) {
			t.Fatalf("FollowUp(%q) = offset %d", text, offset)
		}
		if len(req.Arg) > 2*MaxQueryLen {
			t.Fatalf("FollowUp(%q) = argument of %d bytes", text, len(req.Arg))
		}
	})
}

// FuzzAskAtScale asks questions, some naming an event, of a synthetic
// corpus large enough for common words, which are then read through their
// champions, within the event when one is named: no panic, the limit kept,
// every line cited from the corpus.
func FuzzAskAtScale(f *testing.F) {
	if testing.Short() {
		f.Skip("builds a 30,000-bullet corpus")
	}
	for _, s := range []string{"python at pyconf 2001", "ptyhon datacamp", "what did people say about data at webdays",
		"code", "talks at cloudnative 2000", "besides the python talk what about data at pyconf", "\"python code\" at gophercon"} {
		f.Add(s)
	}
	dir, _ := syntheticNotes(f, 11, 30_000)
	e := New(NewIndex(loadNotes(f, dir)))
	talkOf := map[string]string{} // citation and text -> talk
	for _, tk := range e.Index().Corpus().Talks {
		for _, b := range tk.AllBullets() {
			talkOf[b.Citation()+"\x00"+b.Text] = tk.Title
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := e.Handle(t.Context(), Parse(s), Options{Limit: 3})
		if len(r.Talks) > 3 && r.Command != "show" {
			t.Fatalf("%q: %d talks; limit 3", s, len(r.Talks))
		}
		for _, res := range r.Results(0) {
			if title, ok := talkOf[res.Source+":"+strconv.Itoa(res.Line)+"\x00"+res.Snippet]; !ok || title != res.Talk {
				t.Fatalf("%q: result %s:%d %q of %q is not that talk's line", s, res.Source, res.Line, res.Snippet, res.Talk)
			}
		}
	})
}
