package main

import (
	"bytes"
	"encoding/json"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// runBot runs the command as a user would and returns status and output.
func runBot(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(t.Context(), args, getenv, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestAskJSONContract checks the exact shape other tools depend on.
func TestAskJSONContract(t *testing.T) {
	code, out, errOut := runBot(t, nil, "", "ask", "--json", "what did beazley say about thread priorities")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("output is not exactly one JSON line:\n%s", out)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	if got, want := keys(raw), []string{"query", "results", "suggestions"}; !reflect.DeepEqual(got, want) {
		t.Errorf("top-level keys %v; want %v", got, want)
	}
	var results []map[string]json.RawMessage
	if err := json.Unmarshal(raw["results"], &results); err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 || len(results) > 5 {
		t.Fatalf("%d results; want 1 to 5", len(results))
	}
	want := []string{"event", "line", "score", "snippet", "source", "speakers", "talk", "url"}
	for _, r := range results {
		if got := keys(r); !reflect.DeepEqual(got, want) {
			t.Errorf("result keys %v; want %v", got, want)
		}
	}
	var first struct {
		Talk     string   `json:"talk"`
		Speakers []string `json:"speakers"`
		Event    string   `json:"event"`
		Source   string   `json:"source"`
		Line     int      `json:"line"`
		Snippet  string   `json:"snippet"`
		Score    float64  `json:"score"`
	}
	if err := json.Unmarshal(mustJSON(t, results[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.Talk != "Embracing The GIL" || first.Event != "PyCodeConf 2011" || first.Source != "pycodeconf-2011-pycon-2012-event-notes.md" ||
		first.Line != 238 || first.Snippet != "Thread priorities" || first.Score <= 0 || !reflect.DeepEqual(first.Speakers, []string{"David Beazley"}) {
		t.Errorf("first result %+v", first)
	}
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAskJSONNoAnswer: an empty results list means no confident answer.
func TestAskJSONNoAnswer(t *testing.T) {
	code, out, _ := runBot(t, nil, "", "ask", "--json", "--limit", "3", "kotlin", "coroutines")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got struct {
		Query       string            `json:"query"`
		Results     []json.RawMessage `json:"results"`
		Suggestions []string          `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Query != "kotlin coroutines" || got.Results == nil || len(got.Results) != 0 || got.Suggestions == nil {
		t.Errorf("got %s; want the query, an empty results list and a suggestions list", out)
	}
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string // in stdout, or in stderr when code != 0
	}{
		{"ask text", nil, []string{"ask", "grok", "the", "gil"}, 0, "pycon-2017-notes.md:46"},
		{"limit", nil, []string{"ask", "--limit", "1", "gil"}, 0, "(more: type \"more\")"},
		{"show", nil, []string{"show", "stop writing classes"}, 0, "Stop Writing Classes — Jack Diederich · PyCon US 2012"},
		{"show one of two talks of a title", nil, []string{"show", "Lightning Talks (PyCodeConf 2011)"}, 0, "1. Lightning Talks · PyCodeConf 2011"},
		{"speaker", nil, []string{"speaker", "beazly"}, 0, "2. Keynote: David Beazley — David Beazley · PyCon US 2012"},
		{"event", nil, []string{"event", "europython"}, 0, "1. Inside the Hat: Python @ Walt Disney Animation Studios"},
		{"event without a name", nil, []string{"event"}, 2, "a name is needed: bot event NAME..."},
		{"talks by event", nil, []string{"talks", "--event", "europython"}, 0, "EuroPython 2016 · Writing faster Python — Sebastian Witowski (41 notes, europython-2016-tuesday-notes.md:148)"},
		{"talks by speaker", nil, []string{"talks", "--speaker", "beazly"}, 0, "PyCon US 2012 · Keynote: David Beazley"},
		{"talks check", nil, []string{"talks", "--check", "--corpus", "../../corpus/testdata/daneah"}, 0, "33 files (31 one talk, 0 several talks, 2 indexes, 0 programmes, 0 skipped), 31 talks, 2 events"},
		{"talks check per file", nil, []string{"talks", "--check", "--corpus", "../../corpus/testdata/daneah"}, 0, "2018/pygotham/mfa-the-right-way-one-time-passwords-with-pyotp.md  (one talk)\n    PyGotham 2018 · MFA the Right Way: One Time Passwords with PyOTP — Collin Stedman (8 notes)"},
		{"explain", nil, []string{"ask", "--explain", "hey folks, what is uvloop?"}, 0, "Words dropped: hey (chat word), folks (chat word)"},
		{"help", nil, []string{"help"}, 0, "usage: bot"},
		{"no question", nil, []string{"ask"}, 2, "a question is needed"},
		{"bad flag", nil, []string{"ask", "--nope", "x"}, 2, "flag provided but not defined"},
		{"unknown command", nil, []string{"frobnicate"}, 2, "unknown command"},
		{"missing corpus", nil, []string{"ask", "--corpus", "/no/such/dir", "gil"}, 1, "/no/such/dir"},
		{"corpus from env", map[string]string{"TALKBOT_CORPUS": "../../corpus/testdata/sphinx"}, []string{"ask", "asyncio shutdown"}, 0, "Asyncio in Practice — Ada Lovelace · PyCon UK 2018"},
		{"bench", nil, []string{"bench", "--queries", "testdata/questions.txt"}, 0, "engine=talkbot bullets=2117 load_s="},
		{"bench without questions", nil, []string{"bench"}, 2, "bot bench [--corpus DIR] --queries FILE"},
		{"bench missing file", nil, []string{"bench", "--queries", "/no/such/file"}, 1, "/no/such/file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runBot(t, tt.env, "", tt.args...)
			if code != tt.code {
				t.Fatalf("bot %v: exit %d; want %d\nstdout: %s\nstderr: %s", tt.args, code, tt.code, out, errOut)
			}
			where := out
			if code != 0 {
				where = errOut
			}
			if !strings.Contains(where, tt.want) {
				t.Errorf("bot %v: output lacks %q:\nstdout: %s\nstderr: %s", tt.args, tt.want, out, errOut)
			}
		})
	}
}

// TestBrokenNotesAreReported: a broken file is reported with file and line
// on stderr while the other notes answer.
func TestBrokenNotesAreReported(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.md", "# Grok the GIL (A. Jesse Jiryu Davis)\n\n* one thread runs Python at a time\n")
	write("bad.md", "# Talk\n\n* caf\xe9\n")
	code, out, errOut := runBot(t, nil, "", "ask", "--corpus", dir, "grok")
	if code != 0 || !strings.Contains(out, "good.md:3") {
		t.Errorf("exit %d, stdout %q; want an answer from good.md", code, out)
	}
	if !strings.Contains(errOut, "file=bad.md") || !strings.Contains(errOut, "line=3") {
		t.Errorf("stderr %q; want bad.md and line 3 reported", errOut)
	}
}

func TestEvalCommand(t *testing.T) {
	code, out, errOut := runBot(t, nil, "", "eval", "--verbose", "../../answer/testdata/dev.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"kind", "talk@3", "MRR@5", "neg.acc", "negative", "typo", "all ", "d001"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

func TestConsoleIsTheDefault(t *testing.T) {
	code, out, _ := runBot(t, nil, "uvloop\nquit\n")
	if code != 0 || !strings.Contains(out, "High Performance Networking in Python") {
		t.Errorf("bot with no arguments: exit %d\n%s", code, out)
	}
}

// TestREADMETranscript: the demo in the README is what the bot prints.
func TestREADMETranscript(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	demo := string(readme)
	start := strings.Index(demo, "## Demo")
	if start < 0 {
		t.Fatal("README has no Demo section")
	}
	demo = demo[start:]
	demo = demo[strings.Index(demo, "```\n")+4:]
	demo = demo[:strings.Index(demo, "```")]
	const prompt = "$ go run ./cmd/bot ask \""
	runs := strings.Split(demo, prompt)[1:]
	if len(runs) == 0 {
		t.Fatal("README demo runs no command")
	}
	for _, r := range runs {
		q, want, _ := strings.Cut(r, "\"\n")
		code, got, errOut := runBot(t, nil, "", "ask", q)
		if code != 0 {
			t.Fatalf("bot ask %q: exit %d: %s", q, code, errOut)
		}
		if strings.TrimSpace(got) != strings.TrimSpace(want) {
			t.Errorf("README shows for %q:\n%s\nbut the bot prints:\n%s", q, want, got)
		}
	}
}

// TestBenchJSON checks the JSON `bot bench --json` prints.
func TestBenchJSON(t *testing.T) {
	qs := filepath.Join(t.TempDir(), "q.txt")
	if err := os.WriteFile(qs, []byte("grok the gil\n# a comment\nkubernets\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runBot(t, nil, "", "bench", "--queries", qs, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, key := range []string{"engine", "bullets", "load_s", "index_s", "heap_mib", "p50_us", "p99_us", "queries"} {
		if _, ok := got[key]; !ok {
			t.Errorf("JSON lacks %q: %s", key, out)
		}
	}
	if got["queries"] != 2.0 || got["engine"] != "talkbot" {
		t.Errorf("got %s; want 2 questions timed by talkbot", out)
	}
}

// TestREADMEScheduleTranscript runs the commands of the README's schedule
// section and compares what they print.
func TestREADMEScheduleTranscript(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	start := strings.Index(section, "## Conference schedules")
	if start < 0 {
		t.Fatal("README has no Conference schedules section")
	}
	section = section[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	const prompt = "$ go run ./cmd/bot "
	// The transcript is the code block that runs the bot.
	blocks := strings.Split(section, "```")
	for i := 1; i < len(blocks); i += 2 {
		if strings.Contains(blocks[i], prompt) {
			section = blocks[i]
			break
		}
	}
	runs := strings.Split(section, prompt)[1:]
	if len(runs) == 0 {
		t.Fatal("the schedule section runs no command")
	}
	for _, r := range runs {
		line, want, _ := strings.Cut(r, "\n")
		args := shellWords(line)
		for i, a := range args {
			if a == "--corpus" && i+1 < len(args) {
				args[i+1] = "../../" + args[i+1]
			}
		}
		code, got, errOut := runBot(t, nil, "", args...)
		if code != 0 {
			t.Fatalf("bot %q: exit %d: %s", args, code, errOut)
		}
		if strings.TrimSpace(got) != strings.TrimSpace(want) {
			t.Errorf("README shows for %q:\n%s\nbut the bot prints:\n%s", line, want, got)
		}
	}
}

// shellWords splits a command line at spaces, keeping double-quoted words
// whole.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	quoted, started := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, started = !quoted, true
		case r == ' ' && !quoted:
			if started {
				out = append(out, cur.String())
				cur.Reset()
				started = false
			}
		default:
			cur.WriteRune(r)
			started = true
		}
	}
	if started {
		out = append(out, cur.String())
	}
	return out
}

// TestAskFetchesScheduleURLs: a command that answers and ends fetches the
// schedules the manifest names by URL once; a URL that fails is reported
// and the notes still answer.
func TestAskFetchesScheduleURLs(t *testing.T) {
	export, err := os.ReadFile("../../corpus/schedule/testdata/pretalx-democon.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone.json" {
			http.NotFound(w, r)
			return
		}
		w.Write(export)
	}))
	defer srv.Close()
	dir := t.TempDir()
	manifest := "schedules:\n  - " + srv.URL + "/democon/schedule.json\n  - " + srv.URL + "/gone.json\n"
	if err := os.WriteFile(filepath.Join(dir, "corpus.yaml"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.md"), []byte("# Other Talk (Ada Lovelace)\n\n* engines\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runBot(t, nil, "", "ask", "--corpus", dir, "when managed stable function")
	if code != 0 || !strings.Contains(out, "Managed stable function — Jeremy Beck · DemoCon 2020 · Mon 14 Dec 08:00–09:30 UTC, Tan Room") {
		t.Errorf("exit %d, output:\n%s\nstderr: %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "gone.json") {
		t.Errorf("the URL that failed is not reported: %s", errOut)
	}
}

// TestPackageCommentListsSubcommands: the package comment's usage lists
// every subcommand of the table, and nothing else.
func TestPackageCommentListsSubcommands(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\tbot(?: ([a-z]+))?`).FindAllStringSubmatch(f.Doc.Text(), -1) {
		name := m[1]
		if name == "" {
			name = "console"
		}
		listed[name] = true
	}
	for _, c := range subcommands {
		if !listed[c.name] {
			t.Errorf("the package comment does not list %q", c.name)
		}
		delete(listed, c.name)
	}
	for name := range listed {
		t.Errorf("the package comment lists %q, which is no subcommand", name)
	}
	if u := usage(); !strings.Contains(u, "bot gaps [--since 7d]") || !strings.Contains(u, "bot web [--addr :8080]") {
		t.Errorf("usage:\n%s", u)
	}
}

// TestAskCachesTheIndex: the first question indexes the notes and keeps
// the index in the cache folder; the next reads it and answers the same.
func TestAskCachesTheIndex(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "talkbot")
	env := map[string]string{"TALKBOT_CACHE": cache}
	_, first, _ := runBot(t, env, "", "ask", "what did beazley say about thread priorities")
	files, _ := filepath.Glob(filepath.Join(cache, "index-*.snap"))
	if len(files) != 1 {
		t.Fatalf("cache holds %q; want one index", files)
	}
	info, _ := os.Stat(files[0])
	code, second, errOut := runBot(t, env, "", "ask", "what did beazley say about thread priorities")
	if code != 0 || second != first || !strings.Contains(first, "priorit") {
		t.Errorf("second ask (exit %d, %s) = %q; want the first's %q", code, errOut, second, first)
	}
	if again, _ := os.Stat(files[0]); !again.ModTime().Equal(info.ModTime()) {
		t.Error("the cached index was written again; want it read")
	}
	home := t.TempDir()
	runBot(t, map[string]string{"TALKBOT_CACHE": "off", "HOME": home}, "", "ask", "gil")
	runBot(t, map[string]string{"HOME": home}, "", "ask", "gil")
	if kept, _ := filepath.Glob(filepath.Join(home, ".cache", "talkbot", "*")); len(kept) != 1 {
		t.Errorf("home's cache holds %q; want the one index of the run not set off", kept)
	}
}
