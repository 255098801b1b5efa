package answer

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/talkbot/talkbot/corpus"
)

// TestDecision asks questions of the embedded notes that must be answered,
// chat-style ones included, and hard negatives that must be refused: the
// notes share their generic words but never say what is asked.
func TestDecision(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		name string
		q    string
		talk string // the talk that must come first; empty: refused
	}{
		{"chatty positive", "hey quick q, when should a class just be a function instead?", "Stop Writing Classes"},
		{"a ramble using words of a title", "hey all, bit of a ramble sorry — we're migrating a big django monolith and i keep hearing that conda is better than pip for installing stuff, did anyone at europython actually say whether conda works alongside pip or replaces it?", "Conda: Easier Installs and Simpler Builds"},
		{"speaker and the demo's missing tool", "how did kelsey set up the helm charts for the python app in the k8s demo", ""},
		{"a talk described, asked of in everyday words", "what did the git log guy say about learning by building stuff yourself", "Explore Git internals using Python | Let's write `git log` in Python"},
		{"a talk described, asked of its terms of art", "in the git log talk, how did he set up the helm charts for kubernetes", ""},
		{"describing the speaker", "sorry if dumb but what did the dask person say about dashboards", "Dask: A Pythonic Distributed Data Science Framework"},
		{"mention and emoji", "<@U0123ABCD> which event loop did yury write, the one that's 2x faster? 🚀", "High Performance Networking in Python"},
		{"background sentence first", "we keep hitting the gil at work. did beazley say why cpu bound threads hurt i/o?", "Embracing The GIL"},
		{"speaker and topic", "what did jesse noller say about asyncio", "The Future Is Bright"},
		{"keyword", "uvloop", "High Performance Networking in Python"},
		{"the talks on a topic: the one titled so first", "talks about testing", "Fast Test, Slow Test"},
		{"a keyword a talk is named for", "zeromq", "zeromq"},
		{"a talk, not the notes on a tool", "tell me about the pandas talk", "pandas: Powerful data analysis tools for Python"},
		{"a verb of advising is how, not what", "which talk recommended snakeviz", "Writing faster Python"},
		{"what a thing is", "what is the GIL", "Embrace the GIL"},
		{"what a thing is good for", "what's zeromq good for", "zeromq"},
		{"a topic brought up that the notes never name", "did anyone bring up type hints", ""},
		{"a topic touched on", "someone touched on uvloop, which talk", "High Performance Networking in Python"},
		{"a word whose stem is a speaker's name", "hey all, was there anything about teaching kids to code? asking for my daughter's school", "One Pykid at a time"},
		{"a quote half remembered", `random q but i remember someone saying something like "explicit is better" in a keynote, who was that`, "Python For Humans"},
		{"a contraction typed without its apostrophe", "whats the one thing raymond said makes python awesome", "What Makes Python AWESOME?"},
		{"a summary of a talk named", "i missed the keynote by paul graham, tl;dr?", "Paul Graham Keynote"},
		{"a summary of a talk named by its topic", "can someone give me the gist of the code review talk", "Effective Code Review"},
		{"a summary of a talk that is not there", "recap of the rust keynote?", ""},
		{"the name of a speaker asked", "remind me the name of the xonsh talk speaker", "Xonsh – put some Python in your Shell."},
		{"a question word with a letter left out", "hw many crashs per day at mozila", "Processing Firefox Crash Reports With Python"},
		{"two letters that may be a term", "does the dask talk cover hr stuff", ""},
		{"a typo of a stop word the web writes often", "grok teh gil", "Grok the GIL: Write Fast And Thread-Safe Python"},
		{"a slip for a question word", "anythng on kubernets at pycon?", "Kubernetes For Pythonistas"},
		{"slips of English words", "why was chosing the frist image so hard for the hotle people", "Ingesting 35 million hotel images with Python in the cloud"},
		{"a short name one letter from a word", "what about htmx", ""},
		{"generic word only", "which type checker should I use", ""},
		{"specific word missing", "which talk showed writing python extensions in rust with pyo3? 🦀", ""},
		{"what it is compared with missing", "did the networking talk say anything about how asyncpg is faster than psycopg?", "High Performance Networking in Python"},
		{"library missing", "is polars faster than pandas for big groupbys?", ""},
		{"version missing", "does sqlalchemy 2.0's AsyncSession work with asyncpg", ""},
		{"ordinary words missing in a short query", "rust borrow checker", ""},
		{"where a speaker works, said otherwise", "where does william ting work now", "Self-Healing Systems: The Road to 99.99% Uptime"},
		{"where a speaker works, not said", "where does kelsey hightower work", ""},
		{"speaker never said it", "what did kelsey hightower say about the gil", ""},
		{"chatter", "was the conference wifi terrible for everyone or just me lol", ""},
		{"only chat words", "hey sorry, quick q", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e.Ask(t.Context(), tt.q, Options{Explain: true})
			switch {
			case tt.talk == "" && len(r.Talks) > 0:
				t.Errorf("Ask(%q) = %q (%s); want a refusal", tt.q, r.Talks[0].Title, r.Explain.Reason)
			case tt.talk != "" && len(r.Talks) == 0:
				reason := r.Notice
				if r.Explain != nil {
					reason = r.Explain.Reason
				}
				t.Errorf("Ask(%q) refused (%s); want %q", tt.q, reason, tt.talk)
			case tt.talk != "" && r.Talks[0].Title != tt.talk:
				t.Errorf("Ask(%q) = %q; want %q", tt.q, r.Talks[0].Title, tt.talk)
			}
		})
	}
}

// TestExplanation: the explanation of an answer names the words kept with
// their weights, the words dropped with why, and the decision; that of a
// refusal says which specific word the notes lack.
func TestExplanation(t *testing.T) {
	e := defaultEngine(t)
	r := e.Ask(t.Context(), "hey folks, did the py3.6 perf talk give a number for how much faster asyncio programs got?", Options{Explain: true})
	ex := r.Explain
	if ex == nil || !ex.Answered || len(r.Talks) == 0 {
		t.Fatalf("Explain = %+v; want an answered explanation", ex)
	}
	kept := map[string]WordTrace{}
	for _, w := range ex.Words {
		kept[w.Word] = w
	}
	if w := kept["asyncio"]; !w.Kept || w.Weight <= kept["give"].Weight {
		t.Errorf("asyncio traced as %+v, give as %+v; want asyncio kept and heavier", w, kept["give"])
	}
	if w := kept["hey"]; w.Kept || w.Why != "chat word" {
		t.Errorf("hey traced as %+v; want dropped as a chat word", w)
	}
	if len(ex.Lines) == 0 || ex.Confidence < ex.Threshold || !strings.HasPrefix(ex.Reason, "answered") {
		t.Errorf("lines %v, confidence %.2f, threshold %.2f, reason %q", ex.Lines, ex.Confidence, ex.Threshold, ex.Reason)
	}
	r = e.Ask(t.Context(), "which talk showed python extensions in rust with pyo3", Options{Explain: true})
	if ex := r.Explain; ex == nil || ex.Answered || !strings.Contains(ex.Reason, "pyo3") {
		t.Errorf("Explain = %+v; want a refusal naming pyo3", ex)
	}
	if r := e.Ask(t.Context(), "uvloop", Options{}); r.Explain != nil {
		t.Errorf("Explain = %+v without Options.Explain", r.Explain)
	}
}

// TestSlipsBothWays: a misspelt English word in the question matches the
// word in the notes, and an English word matches the notes' misspelling
// of it; irregular forms match their base; a topic line or a question the
// notes ask is answered by the lines under it.
func TestSlipsBothWays(t *testing.T) {
	notes := "# Debugging networks in Kubernetes\n\n" +
		"* Where do we use udp?\n  * KubeDNS for service discovery\n  * StatsD for metrics\n" +
		"* how'd we figutre out the stale entries?\n  * conntrack listing showed them\n" +
		"* CNI came from rkt\n* choosing a base image is hard\n"
	c, err := corpus.Load(fstest.MapFS{"kubecon-2017/networks.md": {Data: []byte(notes)}})
	if err != nil {
		t.Fatal(err)
	}
	e := New(NewIndex(c))
	tests := []struct {
		q, line string
	}{
		{"how did they figure it out", "conntrack listing showed them"},
		{"why is chosing a base imgae so hard", "choosing a base image is hard"},
		{"where did cni come from", "CNI came from rkt"},
		{"where do they use udp", "KubeDNS for service discovery"},
	}
	for _, tt := range tests {
		r := e.Ask(t.Context(), tt.q, Options{})
		if len(r.Talks) == 0 || len(r.Talks[0].Snippets) == 0 {
			t.Errorf("Ask(%q) refused; want %q", tt.q, tt.line)
			continue
		}
		if got := r.Talks[0].Snippets[0].Text; got != tt.line {
			t.Errorf("Ask(%q) cites %q first; want %q", tt.q, got, tt.line)
		}
	}
}

// TestAlternatives: two words joined by "or" that the notes both use are
// found by either ("numba or cython": a line holding one explains both);
// a word the notes lack gains nothing from its alternative.
func TestAlternatives(t *testing.T) {
	e := defaultEngine(t)
	r := e.Ask(t.Context(), "did anyone mention numba or cython for speeding up numeric code", Options{})
	if len(r.Talks) == 0 {
		t.Fatal("refused; want the talks on Numba or Cython")
	}
	if s := strings.ToLower(r.Talks[0].Snippets[0].Text); !strings.Contains(s, "numba") && !strings.Contains(s, "cython") {
		t.Errorf("first line %q holds neither alternative", s)
	}
	// A choice between two: a line holding both is shown.
	r = e.Ask(t.Context(), "should i use conda or pip", Options{})
	if len(r.Talks) == 0 || !slices.ContainsFunc(r.Talks[0].Snippets, func(s Snippet) bool {
		l := strings.ToLower(s.Text)
		return strings.Contains(l, "conda") && strings.Contains(l, "pip")
	}) {
		t.Errorf("should i use conda or pip: no line of the first talk holds both: %+v", r.Talks)
	}
	ix := e.Index()
	variants := func(q, word string) []string {
		t.Helper()
		qs, _ := ix.queryTerms(q, analyze(q), nil)
		for _, qt := range qs {
			if qt.word == word {
				out := []string{}
				for _, v := range qt.variants {
					out = append(out, ix.termList[v.term])
				}
				return out
			}
		}
		t.Fatalf("%q: no word %q searched", q, word)
		return nil
	}
	if got := variants("numba or cython", "numba"); !slices.Contains(got, "cython") {
		t.Errorf("numba's variants %q lack cython", got)
	}
	if got := variants("pyright or cython", "pyright"); len(got) != 0 {
		t.Errorf("pyright, which the notes lack, gained variants %q", got)
	}
	if got := variants("is hasattr or try quicker", "hasattr"); slices.Contains(got, "tri") || slices.Contains(got, "try") {
		t.Errorf("hasattr's variants %q hold the everyday word it is compared with", got)
	}
}

// TestNamedSpeaker: a question that names a speaker is answered from that
// speaker's talks or not at all, though another talk holds more of its
// other words.
func TestNamedSpeaker(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		q, speaker string
		answered   bool
	}{
		{"what did beazley say about the new gil being worse on multicore", "David Beazley", false},
		{"what did beazley say about thread priorities", "David Beazley", true},
		{"did kenneth reitz mention requests", "Kenneth Reitz", true},
		{"what did martelli say about abstraction", "Alex Martelli", true},
		{"what did paul graham think about universities", "Paul Graham", true},
	}
	for _, tt := range tests {
		r := e.Ask(t.Context(), tt.q, Options{})
		if tt.answered && len(r.Talks) == 0 {
			t.Errorf("Ask(%q) refused; want a talk by %s", tt.q, tt.speaker)
		}
		for _, tr := range r.Talks {
			if !slices.Contains(tr.Speakers, tt.speaker) {
				t.Errorf("Ask(%q) answered with %q by %q; want only talks by %s", tt.q, tr.Title, tr.Speakers, tt.speaker)
			}
		}
	}
}
