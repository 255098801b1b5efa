package answer

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/corpus/embedded"
)

var (
	engineOnce sync.Once
	testEngine *Engine
)

// defaultEngine returns an engine over the embedded corpus, built once.
func defaultEngine(tb testing.TB) *Engine {
	tb.Helper()
	engineOnce.Do(func() {
		c, err := corpus.Load(embedded.FS)
		if err != nil {
			tb.Fatal(err)
		}
		testEngine = New(NewIndex(c))
	})
	return testEngine
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Request
	}{
		{"grok the gil", Request{Command: "ask", Arg: "grok the gil"}},
		{"  ask   what is uvloop ", Request{Command: "ask", Arg: "what is uvloop"}},
		{"/show grok the gil", Request{Command: "show", Arg: "grok the gil"}},
		{"Speaker: beazley", Request{Command: "speaker", Arg: "beazley"}},
		{"EVENT europython", Request{Command: "event", Arg: "europython"}},
		{"help", Request{Command: "help", Arg: ""}},
		{"", Request{Command: "help", Arg: ""}},
		{"show", Request{Command: "help", Arg: "show"}},
		{"showcase of pypy", Request{Command: "ask", Arg: "showcase of pypy"}},
	}
	for _, tt := range tests {
		if got := Parse(tt.in); got != tt.want {
			t.Errorf("Parse(%q) = %+v; want %+v", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("word ", 500)
	if got := Parse(long); len(got.Arg) > MaxQueryLen {
		t.Errorf("Parse(%d bytes) kept %d bytes; want at most %d", len(long), len(got.Arg), MaxQueryLen)
	}
}

// TestAnswers asks the questions a user would, and checks the talk that
// comes first and the line that answers.
func TestAnswers(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		q         string
		talk      string // first talk; empty for no result
		line      string // a cited line of the first talk, as file:line; optional
		allTalks  []string
		noResults bool
	}{
		{q: "grok the gil", talk: "Grok the GIL: Write Fast And Thread-Safe Python"},
		{q: "kubernets", talk: "Kubernetes For Pythonistas"},
		{q: "what did beazley say about thread priorities", talk: "Embracing The GIL", line: "pycodeconf-2011-pycon-2012-event-notes.md:238"},
		{q: "europython uvloop", talk: "High Performance Networking in Python", line: "europython-2016-tuesday-notes.md:33"},
		{q: "which talks is beazley giving", allTalks: []string{"Embracing The GIL", "Keynote: David Beazley"}}, // words that ask who presents
		{q: "is martelli speaking", allTalks: []string{`"Good Enough" IS Good Enough!`, "The Tower of Abstraction"}},
		{q: "talks by martelli", allTalks: []string{`"Good Enough" IS Good Enough!`, "The Tower of Abstraction"}},
		{q: "uvlop vs nodejs", talk: "High Performance Networking in Python", line: "europython-2016-tuesday-notes.md:37"},
		{q: "TCP_NODELAY", talk: "High Performance Networking in Python", line: "europython-2016-tuesday-notes.md:72"},
		{q: "show gil", talk: "Grok the GIL: Write Fast And Thread-Safe Python"},
		{q: "speaker beazly", allTalks: []string{"Embracing The GIL", "Keynote: David Beazley"}},
		{q: "event europython 2016", talk: "Inside the Hat: Python @ Walt Disney Animation Studios"},
		{q: "graphql", noResults: true},
		{q: "kotlin coroutines", noResults: true},
		{q: "how do I deploy django on heroku", noResults: true},
		{q: "pycon 2015 gil", noResults: true},                                         // an event the notes do not have
		{q: "pycon 2017 uvloop", talk: "High Performance Networking in Python"},        // not at that event: asked of all
		{q: "what is the meatclock", allTalks: []string{"Kubernetes For Pythonistas"}}, // not "meat", a cut-short word
		{q: "rules of optimization", talk: "Writing faster Python"},                    // the notes spell it "optimisations"
	}
	for _, tt := range tests {
		r := e.Handle(t.Context(), Parse(tt.q), Options{})
		if tt.noResults {
			if len(r.Talks) > 0 {
				t.Errorf("%q: first talk %q; want no result", tt.q, r.Talks[0].Title)
			}
			continue
		}
		if len(r.Talks) == 0 {
			t.Errorf("%q: no result; want %q", tt.q, tt.talk)
			continue
		}
		if tt.talk != "" && r.Talks[0].Title != tt.talk {
			t.Errorf("%q: first talk %q; want %q", tt.q, r.Talks[0].Title, tt.talk)
		}
		if tt.line != "" {
			var cited []string
			for _, s := range r.Talks[0].Snippets {
				cited = append(cited, s.Citation.File+":"+strconv.Itoa(s.Citation.Line))
			}
			if !strings.Contains(strings.Join(cited, " "), tt.line) {
				t.Errorf("%q: cites %v; want %s among them", tt.q, cited, tt.line)
			}
		}
		if tt.allTalks != nil {
			var got []string
			for _, tk := range r.Talks {
				got = append(got, tk.Title)
			}
			if diff := cmp.Diff(tt.allTalks, got); diff != "" {
				t.Errorf("%q: talks (-want +got):\n%s", tt.q, diff)
			}
		}
	}
}

// TestSuggestions: a question with no good answer gets "did you mean"
// suggestions, never unrelated lines.
func TestSuggestions(t *testing.T) {
	e := defaultEngine(t)
	r := e.Ask(t.Context(), "kubernetis deploymnt", Options{})
	if len(r.Talks) > 0 {
		t.Errorf("answered with %q; want no result", r.Talks[0].Title)
	}
	// The corrected question is refused too: it is no suggestion; the
	// talks whose titles hold the misspelt words are.
	if slices.Contains(r.Suggestions, "kubernetes deployment") || !slices.Contains(r.Suggestions, "show Kubernetes For Pythonistas") {
		t.Errorf("suggestions %q; want the talk the misspelt word names, not a question the notes do not answer", r.Suggestions)
	}
	for _, q := range []string{"anything on rust or webassembly at any of these confs?", "which talk showed python extensions in rust with pyo3"} {
		if r := e.Ask(t.Context(), q, Options{}); len(r.Suggestions) > 0 {
			t.Errorf("Ask(%q) suggests %q; want nothing the notes hold", q, r.Suggestions)
		}
	}
	r = e.Show(t.Context(), "dictionary mightier", Options{})
	if len(r.Talks) != 1 || r.Talks[0].Title != "The Dictionary Even Mighter" {
		t.Errorf("Show(dictionary mightier) = %v; want The Dictionary Even Mighter", r.Talks)
	}
}

// TestPaging: More and Offset page through a long answer without overlap.
func TestPaging(t *testing.T) {
	e := defaultEngine(t)
	first := e.Event(t.Context(), "pycodeconf 2011", Options{Limit: 5})
	second := e.Handle(t.Context(), Request{Command: "event", Arg: "pycodeconf 2011", Offset: 5}, Options{Limit: 5})
	if !first.More || len(first.Talks) != 5 || len(second.Talks) != 5 {
		t.Fatalf("pages of %d and %d talks, more=%v", len(first.Talks), len(second.Talks), first.More)
	}
	for _, a := range first.Talks {
		for _, b := range second.Talks {
			if a.TalkID == b.TalkID {
				t.Errorf("talk %q on both pages", a.Title)
			}
		}
	}
}

// TestResultsCiteRealLines: every snippet is the text of the bullet at the
// file and line it cites.
func TestResultsCiteRealLines(t *testing.T) {
	e := defaultEngine(t)
	for _, q := range []string{"gil", "what did Avery Pennarun say about threads", "show stop writing classes", "event pybay"} {
		r := e.Handle(t.Context(), Parse(q), Options{})
		checkReply(t, e, q, r)
	}
}

func checkReply(t *testing.T, e *Engine, q string, r Reply) {
	t.Helper()
	bullets := map[string]string{}
	for _, tk := range e.Index().Corpus().Talks {
		for _, b := range tk.AllBullets() {
			bullets[b.Citation()+"\x00"+b.Text] = tk.Title
		}
	}
	for _, res := range r.Results(0) {
		title, ok := bullets[res.Source+":"+strconv.Itoa(res.Line)+"\x00"+res.Snippet]
		if !ok {
			t.Errorf("%q: result %s:%d %q is not a bullet of the corpus", q, res.Source, res.Line, res.Snippet)
		} else if title != res.Talk {
			t.Errorf("%q: result %s:%d is cited for talk %q; it belongs to %q", q, res.Source, res.Line, res.Talk, title)
		}
	}
}

// TestNoChatLibraries: the core knows nothing of chat services.
func TestNoChatLibraries(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/talkbot/talkbot/answer", "github.com/talkbot/talkbot/corpus").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, "slack") || strings.Contains(dep, "discord") || strings.Contains(dep, "talkbot/adapters") {
			t.Errorf("answer or corpus depends on %s", dep)
		}
	}
}

func TestCancelledContext(t *testing.T) {
	e := defaultEngine(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if r := e.Ask(ctx, "gil", Options{}); len(r.Talks) != 0 {
		t.Errorf("a cancelled question was answered")
	}
}

// TestDeletionHashes: the hashes computed in place equal those of the
// strings they stand for.
func TestDeletionHashes(t *testing.T) {
	for _, w := range []string{"uvloop", "café", "ab"} {
		want := map[uint64]bool{}
		for _, d := range deletions(w, 1) {
			want[hashString(d)] = true
		}
		for _, h := range deletionHashes(w) {
			if !want[h] {
				t.Errorf("deletionHashes(%q) has a hash of no deletion", w)
			}
		}
	}
}

func TestCompounds(t *testing.T) {
	got := compounds("python-dev and tcp_nodelay, not - this or x- y")
	if want := []string{"pythondev", "tcpnodelay"}; !cmp.Equal(got, want) {
		t.Errorf("compounds = %q; want %q", got, want)
	}
}

func TestSelectTop(t *testing.T) {
	for _, n := range []int{0, 1, 5, 9, 10} {
		var cs []*candidate
		for _, s := range []float64{3, 9, 1, 7, 7, 2, 8, 0, 5, 6} {
			cs = append(cs, &candidate{score: s})
		}
		selectTop(cs, n, func(a, b *candidate) bool { return a.score > b.score })
		var top []float64
		for _, c := range cs[:n] {
			top = append(top, c.score)
		}
		slices.Sort(top)
		want := []float64{0, 1, 2, 3, 5, 6, 7, 7, 8, 9}[10-n:]
		if !slices.Equal(top, want) && !(n == 0 && len(top) == 0) {
			t.Errorf("selectTop(n=%d) kept %v; want %v", n, top, want)
		}
	}
}

func TestCountFields(t *testing.T) {
	for _, s := range []string{"", "   ", "one", " two  words ", "tabs\tand\nnewlines", "no\u00a0break space", "ünïcödé — dashes", "\xff\xfe invalid", "em\u2003space"} {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d; want %d", s, got, want)
		}
	}
}

// TestResortPrefix: sorting again after the first k candidates were
// rescored gives what sorting them all gives, whatever k and the new
// scores, ties included.
func TestResortPrefix(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, n := range []int{0, 1, 5, 19, 20, 21, 40, 128} {
		for _, k := range []int{0, 1, 5, 15, 20, 25, 200} {
			for round := range 20 {
				cs := make([]*candidate, n)
				for i := range cs {
					cs[i] = &candidate{doc: uint32(rng.IntN(1000) + 1000*i), score: float64(rng.IntN(8))}
				}
				sortCandidates(cs)
				for _, c := range cs[:min(k, n)] {
					c.score = float64(rng.IntN(8)) // ties with the rest, too
				}
				want := slices.Clone(cs)
				sortCandidates(want)
				resortPrefix(cs, k)
				if !slices.Equal(cs, want) {
					t.Fatalf("n=%d k=%d round %d: resortPrefix differs from a full sort", n, k, round)
				}
			}
		}
	}
}

// shortlistOf returns the shortlist of a pool of candidates for a question
// of one word; the shortlist reads nothing of the index.
func shortlistOf(pool []candidate) []*candidate {
	m := &matcher{qs: []queryTerm{{weight: 1}}, pool: pool}
	return m.shortlist(1)
}

// TestShortlistTies: of lines alike in their quick score, the shortlist
// keeps the same ones whatever order they were found in.
func TestShortlistTies(t *testing.T) {
	var want []uint32
	for round := range 5 {
		pool := make([]candidate, shortlistSize+50)
		for i := range pool {
			pool[i].doc = uint32(i)
			pool[i].level[0] = float32(1 + i%3) // many ties at the cut
		}
		rand.New(rand.NewPCG(uint64(round), 1)).Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		var got []uint32
		for _, c := range shortlistOf(pool) {
			got = append(got, c.doc)
		}
		slices.Sort(got)
		if len(got) != shortlistSize {
			t.Fatalf("shortlisted %d of %d; want %d", len(got), len(pool), shortlistSize)
		}
		if round == 0 {
			want = got
		} else if !slices.Equal(got, want) {
			t.Fatalf("round %d shortlisted other lines of equal quick score:\n%v\nwant\n%v", round, got, want)
		}
	}
}

// TestShortlistNotCrowdedOut: the first lines of talks and sections found
// by title, speaker or heading alone, which a large corpus has many of,
// leave room for the lines that hold the question's words, the strongest
// first.
func TestShortlistNotCrowdedOut(t *testing.T) {
	pool := make([]candidate, 2*shortlistSize)
	for i := range pool {
		pool[i].doc = uint32(i)
		if i%2 == 0 {
			pool[i].forced = true
		} else {
			pool[i].level[0] = float32(i) / float32(len(pool))
		}
	}
	var forced, holding []int
	for _, c := range shortlistOf(pool) {
		if c.forced {
			forced = append(forced, int(c.doc))
		} else {
			holding = append(holding, int(c.doc))
		}
	}
	if len(forced) > shortlistSize/2 || len(holding) < shortlistSize/2 {
		t.Fatalf("shortlisted %d lines found by title alone and %d holding the word; want at most and at least %d", len(forced), len(holding), shortlistSize/2)
	}
	slices.Sort(holding)
	if strongest := len(pool) - 1; holding[len(holding)-1] != strongest || holding[0] != strongest-2*(len(holding)-1) {
		t.Errorf("shortlisted the lines holding the word %d to %d; want the strongest, %d to %d", holding[0], holding[len(holding)-1], strongest-2*(len(holding)-1), strongest)
	}
}

// TestConcurrentQuestions: one engine answers many questions at once while
// its index is swapped (run with -race).
func TestConcurrentQuestions(t *testing.T) {
	e := defaultEngine(t)
	ix := e.Index()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 20 {
				q := benchQuestions[(i+j)%len(benchQuestions)]
				if r := e.Handle(t.Context(), Parse(q), Options{}); r.Command == "" {
					t.Errorf("%q: empty reply", q)
				}
				if j == 10 {
					e.Swap(ix)
				}
			}
		}()
	}
	wg.Wait()
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Café Ünïcode": "cafe unicode", "ASCII": "ascii", "Łódź": "łodz"} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestComplete(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		field Field
		typed string
		first string
	}{
		{TitleField, "grok", "Grok the GIL: Write Fast And Thread-Safe Python"},
		{TitleField, "Cython", "Cython"}, // exact before "Cython..." titles
		{SpeakerField, "beaz", "David Beazley"},
		{SpeakerField, "dbzly", "David Beazley"}, // subsequence
		{EventField, "euro", "EuroPython 2016"},
	}
	for _, tt := range tests {
		got := e.Complete(tt.field, tt.typed, 25)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("Complete(%d, %q) = %q; want %q first", tt.field, tt.typed, got, tt.first)
		}
	}
	if got := e.Complete(TitleField, "", 25); len(got) != 25 {
		t.Errorf("Complete(empty) gave %d names; want 25", len(got))
	}
}

// TestBrowsing: paging past the last talk says so; a title two talks share
// is told apart by its event; an unknown event suggests the nearest.
func TestBrowsing(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		name       string
		req        Request
		offset     int
		wantTalk   string // the first talk's title and event, "" for none
		wantNotice string
		wantSugg   string // a suggestion that must be offered
	}{
		{"more after show", Request{Command: "show", Arg: "grok the gil"}, 5, "", "No more talks.", ""},
		{"more past the end", Request{Command: "speaker", Arg: "beazley"}, 5, "", "No more talks.", ""},
		{"a shared title", Request{Command: "show", Arg: "lightning talks"}, 0, "Lightning Talks · PyCon US 2012", "", "show Lightning Talks (PyCodeConf 2011)"},
		{"the shared title's other talk", Request{Command: "show", Arg: "lightning talks (pycodeconf 2011)"}, 0, "Lightning Talks · PyCodeConf 2011", "", ""},
		{"an unknown event", Request{Command: "event", Arg: "pyohio"}, 0, "", "No event by that name.", "event PyCon US 2012"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			req.Offset = tt.offset
			r := e.Handle(t.Context(), req, Options{})
			got := ""
			if len(r.Talks) > 0 {
				got = r.Talks[0].Title + " · " + r.Talks[0].Event
			}
			if got != tt.wantTalk || r.Notice != tt.wantNotice {
				t.Errorf("Handle(%v, offset %d) = %q, notice %q; want %q, %q", tt.req, tt.offset, got, r.Notice, tt.wantTalk, tt.wantNotice)
			}
			if tt.wantSugg != "" && !slices.Contains(r.Suggestions, tt.wantSugg) {
				t.Errorf("suggestions %q; want %q", r.Suggestions, tt.wantSugg)
			}
		})
	}
}

func TestActions(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		name string
		req  Request
		want []string // kind:command:arg:offset
	}{
		{"answer with more", Request{Command: "event", Arg: "pycodeconf 2011"}, []string{"1:event:pycodeconf 2011:5", "2:event:pycodeconf 2011:0"}},
		{"second page", Request{Command: "event", Arg: "pycodeconf 2011", Offset: 5}, []string{"1:event:pycodeconf 2011:10", "2:event:pycodeconf 2011:5"}},
		{"suggestions only", Request{Command: "ask", Arg: "kubernetis deploymnt"}, []string{"0:show:Kubernetes For Pythonistas:0", "0:show:The Python Deployment Albatross:0"}},
		{"one talk", Request{Command: "show", Arg: "grok the gil"}, []string{"2:show:grok the gil:0"}},
		{"help", Request{Command: "help"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, a := range e.Handle(t.Context(), tt.req, Options{}).Actions {
				got = append(got, fmt.Sprintf("%d:%s:%s:%d", a.Kind, a.Request.Command, a.Request.Arg, a.Request.Offset))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("actions %q, want %q", got, tt.want)
			}
		})
	}
}

type panicking struct{}

func (panicking) Handle(context.Context, Request, Options) Reply { panic("boom") }

func TestRecovering(t *testing.T) {
	var logged strings.Builder
	h := Recovering(panicking{}, slog.New(slog.NewTextHandler(&logged, nil)), "slack")
	r := h.Handle(t.Context(), Request{Command: "ask", Arg: "gil"}, Options{})
	if r.Notice != Apology || r.Query != "gil" || !strings.Contains(logged.String(), "adapter=slack") || !strings.Contains(logged.String(), "boom") {
		t.Errorf("reply %+v, log %q", r, logged.String())
	}
}

// TestCommandTable: every command of the table is dispatched by its own
// handler, and completes from the field it names.
func TestCommandTable(t *testing.T) {
	notes, programme := defaultEngine(t), scheduleEngine(t, "2020-12-14T09:10:00+01:00")
	args := map[string]string{"when": "secured grid enabled policy", "room": "gr", "track": "a"}
	for _, c := range Commands {
		t.Run(c.Name, func(t *testing.T) {
			e := notes
			if c.Schedule {
				e = programme
			}
			if c.Name != "help" && c.run == nil {
				t.Fatal("no handler")
			}
			arg := c.Example
			if _, rest, ok := strings.Cut(arg, " "); ok && c.Name != "ask" {
				arg = rest
			}
			if a, ok := args[c.Name]; ok {
				arg = a
			}
			if r := e.Handle(t.Context(), Request{Command: c.Name, Arg: arg}, Options{}); r.Command != c.Name && !(c.Name == "ask" && r.Command == "ask") {
				t.Errorf("%s answered as %q", c.Name, r.Command)
			}
			if got := e.Complete(c.Complete, "", 3); (c.Complete == NoField) != (got == nil) {
				t.Errorf("Complete(%v) = %q", c.Complete, got)
			}
		})
	}
}

// TestStemTerm: the term of a word's stem read from the vocabulary is the
// one stemming it gives, for every word of the notes and words they lack.
func TestStemTerm(t *testing.T) {
	ix := defaultEngine(t).Index()
	words := append(slices.Clone(ix.vocab.words), "kubernetes", "pythonista", "threadings", "gils", "x")
	for _, w := range words {
		want, wantOK := ix.terms[stem(w)]
		if got, ok := ix.stemTerm(w); got != want || ok != wantOK {
			t.Fatalf("stemTerm(%q) = %d, %v; want %d, %v", w, got, ok, want, wantOK)
		}
	}
}
