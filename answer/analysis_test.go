package answer

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// content returns the words of an analysis that may say what the question
// is about, marking scene-setting ones with "~", talk descriptions with
// "#" and words set aside with "-".
func content(a analysis) []string {
	var out []string
	for _, w := range a.words {
		if w.role != roleContent {
			continue
		}
		s := w.text
		switch {
		case w.except:
			s = "-" + s
		case w.naming:
			s = "#" + s
		case w.context:
			s = "~" + s
		}
		out = append(out, s)
	}
	return out
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name string
		q    string
		want []string
	}{
		{"keywords", "grok the gil", []string{"grok", "gil"}},
		{"slack mention and channel", "<@U0123ABCD> in <#C024BE91L|pycon-chat> what is uvloop", []string{"uvloop"}},
		{"link keeps its label", "see <https://example.com/x|the uvloop docs> please", []string{"see", "uvloop", "docs"}},
		{"bare link dropped", "is <https://example.com/x> about asyncpg", []string{"asyncpg"}},
		{"a shared link's path sets the scene", "someone shared <https://bit.ly/grok-the-gil|this link>, which talk was it from?", []string{"~shared", "~link", "~grok", "~gil"}},
		{"discord mentions and custom emoji", "<@!80351110224678912> <:pythonlogo:1234> gil talk?", []string{"#gil"}},
		{"emoji short codes", "dask :tada: :+1: dashboards", []string{"dask", "dashboards"}},
		{"unicode emoji end a sentence", "hey folks 👋 quick q — did the py3.6 perf talk give a number?", []string{"#py3.6", "#perf", "give", "number"}},
		{"greetings, apologies, hedges", "hi all, sorry if dumb but iirc tbh what is a metaclass", []string{"metaclass"}},
		{"chat abbreviations", "how do u ppl deploy rn", []string{"deploy"}},
		{"an appraisal chat adds", "anything interesting about graphs", []string{"graphs"}},
		{"what it is good for", "what's zeromq good for", []string{"zeromq"}},
		{"good for something", "is pypy good for numeric code", []string{"pypy", "good", "numeric", "code"}},
		{"asking which by its name", "remind me the name of the xonsh talk speaker", []string{"#xonsh"}},
		{"asking for a list", "list the talks at europython 2016 about asyncio", []string{"europython", "2016", "asyncio"}},
		{"a list as a topic", "how do list comprehensions work", []string{"list", "comprehensions", "work"}},
		{"chat spellings of question words", "wat did hettinger say abt generators bc i forgot", []string{"hettinger", "generators", "forgot"}},
		{"pronoun contractions are not words", "i'd love to know what we're missing, it's about pypi", []string{"love", "missing", "pypi"}},
		{"possessives", "what was that NASA story in pydanny's talk", []string{"nasa", "story", "#pydanny"}},
		{"let's stays", "let's encrypt packaging", []string{"lets", "encrypt", "packaging"}},
		{"html entities from slack", "packaging &amp; dependency", []string{"packaging", "dependency"}},
		{"background before the question", "our build is slow. how does pypy handle c extensions?", []string{"~build", "~slow", "pypy", "handle", "c", "extensions"}},
		{"an aside in parentheses", "what did armin (and his wsgi work) present", []string{"armin", "~wsgi", "~work"}},
		{"a speaker described", "what did the flask guy present", []string{"#flask"}},
		{"people after a verb are nobody in particular", "how do we convince people to split up prs", []string{"convince", "people", "split", "up", "prs"}},
		{"the people of a project", "what did the dask people say about dashboards", []string{"#dask", "dashboards"}},
		{"the words describing a talk", "in the write-your-own git log talk, which parts does he walk through", []string{"write", "#git", "#log", "parts", "walk"}},
		{"set aside", "what else did beazley talk about besides the gil stuff?", []string{"#beazley", "-besides", "-gil", "-stuff"}},
		{"a set-aside word joined to a term is a term", "is hasattr or try/except quicker, or try:except", []string{"hasattr", "try", "except", "quicker", "try", "except"}},
		{"set aside after a term", "talks on try/except besides asyncio", []string{"try", "except", "-besides", "-asyncio"}},
		{"the person a relative clause describes", "who's the guy who did the kubernetes talk", []string{"#kubernetes"}},
		{"a person asked about", "which guy knows the most about packaging", []string{"guy", "knows", "packaging"}},
		{"what was not said is asked", "what did calen say he didn't cover in the immutable talk", []string{"calen", "cover", "#immutable"}},
		{"what something is compared with", "is asyncpg faster than the psycopg driver", []string{"asyncpg", "faster", "~psycopg", "driver"}},
		{"quoted words are never background", "tiny diffs get a 'looks fine' — was that in the review talk?", []string{"~tiny", "~diffs", "looks", "fine", "#review"}},
		{"no question at all: nothing is background", "uvloop. asyncpg.", []string{"uvloop", "asyncpg"}},
		{"giving a talk is not asked about", "who gave the dask talk", []string{"#dask"}},
		{"bringing a topic up is asking", "did anyone bring up type hints", []string{"type", "hints"}},
		{"touching on a topic is asking", "which talk touched on uvloop", []string{"uvloop"}},
		{"bringing without its particle is content", "what does asyncio bring to networking", []string{"asyncio", "bring", "networking"}},
		{"framing a question is chat", `random q but i remember something like "explicit is better"`, []string{"explicit", "better"}},
		{"an interview question is asked about", "any tips on the interview questions", []string{"tips", "interview", "questions"}},
		{"tl;dr is chat", "i missed the paul graham keynote, TL;DR?", []string{"missed", "#paul", "#graham", "keynote"}},
		{"a workshop run", "who ran a workshop on packaging", []string{"workshop", "packaging"}},
		{"giving something else is", "did the asyncio talk give a number", []string{"#asyncio", "give", "number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, content(analyze(tt.q))); diff != "" {
				t.Errorf("analyze(%q) content words (-want +got):\n%s", tt.q, diff)
			}
		})
	}
}

func TestQuestionKind(t *testing.T) {
	tests := []struct {
		q        string
		answer   answerType
		question bool
		listing  bool
	}{
		{"idle threads", anyAnswer, false, false},
		{"what happens to idle threads", anyAnswer, true, false},
		{"how many crashes does mozilla get per day", numberAnswer, true, false},
		{"hey folks quick q - did the talk give a number for how much faster asyncio got?", numberAnswer, true, false},
		{"what were the actual numbers on it", numberAnswer, true, false},
		{"who replies the most on python-dev", personAnswer, true, false},
		{"hey, where does wesley chun work", placeAnswer, true, false},
		{"what was meenal's pybay talk about?", summaryAnswer, true, false},
		{"what's the lego effect hettinger talked about", anyAnswer, true, false},
		{"were there any talks about testing at pycodeconf 2011?", anyAnswer, true, true},
		{"did anyone talk about testing?", anyAnswer, true, true},
		{"what was the title of the talk about pandas", anyAnswer, true, true},
		{"did anyone mention numba", anyAnswer, true, false},
		{"i missed the keynote by paul graham, tl;dr?", summaryAnswer, true, false},
		{"can someone give me the gist of the code review talk", summaryAnswer, true, false},
		{"recap of the dask talk", summaryAnswer, false, false},
		{"what is the gil", definitionAnswer, true, false},
		{"what are coroutines?", definitionAnswer, true, false},
		{"what is the gil doing to my threads", anyAnswer, true, false},
	}
	for _, tt := range tests {
		k := analyze(tt.q).kind
		if k.answer != tt.answer || k.question != tt.question || k.listing != tt.listing {
			t.Errorf("analyze(%q).kind = %+v; want answer %d, question %v, listing %v", tt.q, k, tt.answer, tt.question, tt.listing)
		}
	}
}

// TestQueryWeights checks how the words of a question are weighed against
// the embedded notes: chat words never count, ordinary words count less
// than specific ones, and a specific word the notes never use raises what
// an answer must explain.
func TestQueryWeights(t *testing.T) {
	ix := defaultEngine(t).Index()
	weights := func(q string) (map[string]queryTerm, map[string]string) {
		an := analyze(q)
		qs, dropped := ix.queryTerms(q, an, nil)
		out := map[string]queryTerm{}
		for _, qt := range qs {
			out[qt.word] = qt
		}
		return out, dropped
	}
	ws, _ := weights("hey folks, did the py3.6 perf talk give a number for how much faster asyncio programs got")
	for _, chat := range []string{"hey", "folks"} {
		if _, ok := ws[chat]; ok {
			t.Errorf("chat word %q kept", chat)
		}
	}
	if ws["give"].weight >= ws["asyncio"].weight/2 {
		t.Errorf("ordinary %q weighs %.2f, specific %q %.2f; want less than half", "give", ws["give"].weight, "asyncio", ws["asyncio"].weight)
	}
	if q := ws["py3.6"]; !slices.ContainsFunc(q.variants, func(v variant) bool { return v.surface == "python3.6" }) {
		t.Errorf("py3.6 not read as python3.6: %+v", q)
	}
	ws, dropped := weights("was ther a talk on bulding wheels w/ pip")
	if _, ok := ws["ther"]; ok || dropped["ther"] == "" {
		t.Errorf("slip for a stop word kept: %v, dropped %v", ws, dropped)
	}
	if _, ok := ws["w"]; ok {
		t.Errorf("lone letter kept: %v", ws)
	}
	if q := ws["bulding"]; len(q.variants) == 0 || q.variants[0].surface != "building" {
		t.Errorf("bulding corrected to %+v; want building", q.variants)
	}
	ws, _ = weights("sorry if this is dumb")
	if len(ws) != 0 {
		t.Errorf("a question of chat words kept %v", ws)
	}
	ws, _ = weights("was the weekend terrible")
	if q := ws["weekend"]; len(q.variants) > 0 {
		t.Errorf("an English word the notes never use was corrected to %+v", q.variants)
	}
	qs, _ := ix.queryTerms("which talk showed python extensions in rust with pyo3", analyze("which talk showed python extensions in rust with pyo3"), nil)
	need, missing := answerShare(qs)
	if need < strongShare || !slices.Contains(missing, "pyo3") {
		t.Errorf("pyo3 question needs %.2f, missing %v; want at least %.2f, pyo3 missing", need, missing, strongShare)
	}
}

// FuzzAnalyze: any text reads without panicking into folded words that
// the text holds, with no markup left in them.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"<@U0123ABCD> how does pdb work?", "hey 👋 quick q — what's new?", "<https://x|label> :tada:",
		"'looks fine' (aside) besides gil", "a < b > c", "<<>>", ":::", "let's 2.0's", "é ü 3.6",
		"what was meenal's pybay talk about?", strings.Repeat("(", 100), "\xff\xfe",
		"is try/except faster than the “besides” clause", "the guy who didn't cover it", "list the talks, than", "except",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = cleanInput(s)
		a := analyze(s)
		folded := fold(plainText(s))
		for _, w := range a.words {
			if w.text == "" || !utf8.ValidString(w.text) {
				t.Fatalf("analyze(%q): empty or invalid word %q", s, w.text)
			}
			if strings.ContainsAny(w.text, "<>@#|:") {
				t.Fatalf("analyze(%q): markup in word %q", s, w.text)
			}
			if w.text != fold(w.text) {
				t.Fatalf("analyze(%q): word %q not folded", s, w.text)
			}
			// A word comes from the text (markup, contractions and
			// possessives taken out, "tl;dr" joined), give or take an
			// apostrophe.
			if !strings.Contains(strings.NewReplacer("'", "", "’", "").Replace(folded), w.text) {
				t.Fatalf("analyze(%q): word %q not in the text", s, w.text)
			}
		}
	})
}

func TestHasAnswerType(t *testing.T) {
	tests := []struct {
		name string
		want answerType
		text string
		ok   bool
	}{
		{"digits", numberAnswer, "Asyncio programs are now around 30% faster", true},
		{"unit after digits", numberAnswer, "Python 3 uses 50ms", true},
		{"number word", numberAnswer, "Six weeks later, launched", true},
		{"version in a name", numberAnswer, "Speedups in Python3 will improve Python2", false},
		{"no number", numberAnswer, "Used in a high frequency trading company", false},
		{"place", placeAnswer, "Works at Google on cloud", true},
		{"no place", placeAnswer, "works at the office", false},
		{"person", personAnswer, "Thanks to Ned Batchelder for the idea", true},
		{"no person", personAnswer, "Guido talked", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hasAnswerType(tt.want, tt.text); got != tt.ok {
				t.Errorf("hasAnswerType(%v, %q) = %v, want %v", tt.want, tt.text, got, tt.ok)
			}
		})
	}
}

func TestDefinesTerm(t *testing.T) {
	tests := []struct {
		text  string
		terms []string
		want  bool
	}{
		{"GIL = Global Interpreter Lock", []string{"gil"}, true},
		{"Pandas: powerful data structures", []string{"pandas"}, true},
		{"uvloop is a fast asyncio event loop", []string{"uvloop"}, true},
		{"PEX - P(ython) EX(ecutable)", []string{"pex"}, true},
		{"Python + ZeroMQ (C extensions)", []string{"zeromq"}, false},
		{"Railed on GIL at PyCon", []string{"gil"}, false},
		{"the gilded age: a story", []string{"gil"}, false},   // part of another word
		{"gilis fine, but GIL = lock", []string{"gil"}, true}, // a later use defines it
		{"", []string{"gil"}, false},
	}
	for _, tt := range tests {
		if got := definesTerm(tt.text, tt.terms); got != tt.want {
			t.Errorf("definesTerm(%q, %q) = %v; want %v", tt.text, tt.terms, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"TL;DR of the keynote?", "tldr of the keynote?"},
		{"tl dr pls", "tldr pls"},
		{"Tl:Dr", "tldr"},
		{"the title of the little talk", "the title of the little talk"},
		{"what's the gist", "what the gist"},
		{"no letters of it here", "no letters of it here"},
	} {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitSentences(t *testing.T) {
	type want struct {
		text  string
		end   rune
		aside bool
	}
	tests := []struct {
		in   string
		want []want
	}{
		{"", nil},
		{"what is uvloop", []want{{"what is uvloop", 0, false}}},
		{"Hey. Did python 3.6 ship?", []want{{"hey", '.', false}, {" did python 3.6 ship", '?', false}}},
		{"tools e.g. pip. what else", []want{{"tools e.g. pip", '.', false}, {" what else", 0, false}}},
		{"hey 👋 quick q — did it; ok!", []want{{"hey ", 0, false}, {" quick q ", 0, false}, {" did it", ';', false}, {" ok", '!', false}}},
		{"what did armin (the flask guy) present", []want{{"what did armin ", 0, false}, {"the flask guy", 0, true}, {" present", 0, false}}},
		{"try-except vs ret - urn", []want{{"try-except vs ret ", 0, false}, {" urn", 0, false}}},
		{"Zoë’s talk?…", []want{{"zoe’s talk", '?', false}}},
		{"bad \xff byte. ok", []want{{"bad \uFFFD byte", '.', false}, {" ok", 0, false}}},
		{"?!;", nil},
	}
	for _, tt := range tests {
		var got []want
		for _, s := range splitSentences(tt.in) {
			if !slices.Equal(s.words, words(s.text)) {
				t.Errorf("splitSentences(%q): sentence %q has words %q, want %q", tt.in, s.text, s.words, words(s.text))
			}
			got = append(got, want{s.text, s.end, s.aside})
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("splitSentences(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// BenchmarkAnalyze reads a long chat question, typed as people type
// them: a greeting, background, a question, thanks.
func BenchmarkAnalyze(b *testing.B) {
	const q = "hey folks, quick q (sorry if it's a dumb one): i was at europython last week and i think " +
		"someone said something about thread priorities and the gil in python 3.6, e.g. how the " +
		"scheduler picks a thread. does anyone remember what beazley said about it? thanks so much lol"
	for b.Loop() {
		analyze(q)
	}
}

// FuzzHoldsNumber: the number check of ASCII lines finds what reading
// their words finds.
func FuzzHoldsNumber(f *testing.F) {
	for _, s := range []string{"Six weeks later", "THOUSANDS of them", "thousandsx", "3.6 is out", "tw'o", "o'ne", "a 2x speedup", "half-day", "one's"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isASCII(s) {
			return
		}
		want := slices.ContainsFunc(words(fold(s)), func(w string) bool { return numberWords[w] || isQuantity(w) })
		if got := holdsNumber(s); got != want {
			t.Fatalf("holdsNumber(%q) = %v, reading its words %v", s, got, want)
		}
	})
}

// TestChecksAnswerType: a line is read for its answer type only for the
// kinds hasAnswerType can find.
func TestChecksAnswerType(t *testing.T) {
	lines := []string{"Asyncio programs are now around 30% faster", "Works at Google on cloud", "Talk by Wesley Chun today", "Six weeks"}
	for typ := anyAnswer; typ <= definitionAnswer; typ++ {
		found := false
		for _, l := range lines {
			found = found || hasAnswerType(typ, l)
		}
		if found != checksAnswerType(typ) {
			t.Errorf("answer type %d: found in some line %v, checked %v", typ, found, checksAnswerType(typ))
		}
	}
}
