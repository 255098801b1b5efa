package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/config"
	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/internal/indexcache"
	"github.com/talkbot/talkbot/poll"
)

// subcommand is one of the bot's subcommands: the one table that
// dispatches them and writes the usage text (and that the package
// comment must follow: TestPackageCommentListsSubcommands).
type subcommand struct {
	name     string
	synopsis string // its flags and arguments
	summary  string
	run      func(ctx context.Context, e *env, args []string) error
}

// subcommands in the order the usage lists them; "console" is the default.
var subcommands = []subcommand{
	{"console", "", "chat in the terminal, or serve chat services when configured", runConsole},
	{"serve", "[--addr :8080]", "the service: Slack and Discord (SLACK_*, DISCORD_*), the web page at /, /livez, /readyz, /metrics", runServe},
	{"web", "[--addr :8080]", "the web page alone, on the embedded notes (or --corpus)", runWeb},
	{"config", "", "print the effective settings, secrets redacted", func(_ context.Context, e *env, args []string) error { return runConfig(e, args) }},
	{"healthcheck", "[--path /livez]", "exit 0 when the local server is live (for Docker's HEALTHCHECK)", runHealthcheck},
	{"version", "", "print the version", func(_ context.Context, e *env, _ []string) error {
		_, err := fmt.Fprintln(e.stdout, "talkbot", version)
		return err
	}},
	{"ask", "[--json] [--explain] [--limit N] QUESTION...", "answer one question", runAsk},
	{"show", "TITLE...", "show one talk's notes (fuzzy title)", runBrowse("show")},
	{"speaker", "NAME...", "list a speaker's talks (fuzzy name)", runBrowse("speaker")},
	{"event", "NAME...", "list an event's talks (fuzzy name)", runBrowse("event")},
	{"talks", "[--event E] [--speaker S] [--check]", "list the talks", runTalks},
	{"eval", "[--verbose] [--misses] [--part all|tune|held] QUESTIONS.jsonl", "score a questions file", runEval},
	{"bench", "--queries FILE [--json]", "time loading, indexing and each question", runBench},
	{"gaps", "[--since 7d] [--top 20] [--log FILE]", "the questions most often unanswered or voted down", func(_ context.Context, e *env, args []string) error { return runGaps(e, args) }},
	{"help", "", "this text", nil},
}

// usage is the help text, from the subcommand table.
func usage() string {
	var names []string
	for _, c := range subcommands[1:] {
		names = append(names, c.name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "usage: bot [%s] [flags] [args]\n\n", strings.Join(names, "|"))
	for _, c := range subcommands {
		line := "bot"
		if c.name != "console" {
			line += " " + c.name
		}
		if c.synopsis != "" {
			line += " " + c.synopsis
		}
		if len(line) > 44 {
			fmt.Fprintf(&b, "  %s\n", line) // the summary on a line of its own
			line = ""
		}
		fmt.Fprintf(&b, "  %-44s %s\n", line, c.summary)
	}
	b.WriteString("\nEvery subcommand takes --corpus DIR, --config FILE and --now TIME.\n")
	return b.String()
}

// env is what a subcommand gets from the process.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger // warnings of the command-line tools
}

// version is the build's version, stamped with
// -ldflags "-X main.version=...".
var version = "dev"

// run is the whole program: it returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	cmd, rest := "console", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage())
		return 0
	}
	i := slices.IndexFunc(subcommands, func(c subcommand) bool { return c.name == cmd })
	if i < 0 || subcommands[i].run == nil {
		fmt.Fprintf(stderr, "bot: unknown command %q\n\n%s", cmd, usage())
		return 2
	}
	err = subcommands[i].run(ctx, e, rest)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "bot %s: %v\n", cmd, err)
		return 2
	default:
		fmt.Fprintf(stderr, "bot %s: %v\n", cmd, err)
		return 1
	}
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// loadEngine loads the configured corpus, reports its problems and indexes
// it, or reads the index the cache keeps of it.
func loadEngine(e *env, cfg config.Config) (*answer.Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	fsys := corpusFS(cfg)
	opts := fetchSchedules(e, fsys)
	build := func() (*answer.Index, error) {
		defer startupGC(e.getenv, fsys)()
		c, err := corpus.LoadWith(fsys, opts)
		if err != nil {
			return nil, err
		}
		return answer.NewIndex(c), nil
	}
	var ix *answer.Index
	var err error
	if cfg.Cache != "" && opts.Fetched == nil {
		// Schedules fetched from URLs change without the notes changing.
		ix, _, err = indexcache.New(cfg.Cache, e.log).Index(fsys, cacheName(cfg), build)
	} else {
		ix, err = build()
	}
	if err != nil {
		return nil, err
	}
	for _, p := range ix.Corpus().Problems {
		e.log.Warn("skipped notes", "file", p.File, "line", p.Line, "err", p.Err)
	}
	if talks, _ := ix.Size(); talks == 0 {
		return nil, fmt.Errorf("no talks found in %s", corpusName(cfg))
	}
	eng := answer.New(ix)
	if !cfg.Now.IsZero() {
		started := time.Now()
		eng.SetClock(func() time.Time { return cfg.Now.Add(time.Since(started)) })
	}
	return eng, nil
}

// fetchSchedules fetches, once, the schedules the manifest of fsys names
// by URL, for a command that answers and ends.
func fetchSchedules(e *env, fsys fs.FS) corpus.Options {
	urls, err := corpus.ScheduleURLs(fsys)
	if err != nil || len(urls) == 0 {
		return corpus.Options{}
	}
	p := poll.New(nil, 0, e.log)
	p.SetURLs(urls)
	p.FetchAll(context.Background())
	return corpus.Options{Fetched: p.Body}
}

// startupGC lets the heap grow further between collections while the
// notes are loaded and indexed, which makes mostly garbage, unless GOGC is
// set; it returns the function restoring the usual pace.
func startupGC(getenv func(string) string, fsys fs.FS) (restore func()) {
	if getenv("GOGC") != "" || notesBytes(fsys) > startupGCNotes {
		return func() {}
	}
	old := debug.SetGCPercent(startupGCPercent)
	return func() { debug.SetGCPercent(old) }
}

// startupGCPercent is GOGC while loading: the peak heap may reach a few
// times the index's size, for a load about a sixth faster on small corpora.
// On notes of more than startupGCNotes bytes the collector keeps its usual
// pace: there the peak would be memory a container may not have (1.1 GB
// against 0.58 GB for a million bullets, 80 MB of Markdown), and faulting
// in fresh pages costs more time than the collections save.
const (
	startupGCPercent = 400
	startupGCNotes   = 16 << 20
)

// notesBytes is the size of the files of a notes folder, or as much of it
// as is read before it passes startupGCNotes.
func notesBytes(fsys fs.FS) int64 {
	var n int64
	fs.WalkDir(fsys, ".", func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil {
			n += info.Size()
		}
		if n > startupGCNotes {
			return fs.SkipAll
		}
		return nil
	})
	return n
}

// cacheName names the configured notes in the index cache: the folder's
// absolute path, or "embedded".
func cacheName(cfg config.Config) string {
	if cfg.Corpus == "" {
		return "embedded"
	}
	name, err := filepath.Abs(cfg.Corpus)
	if err != nil {
		return cfg.Corpus
	}
	return name
}

func corpusName(cfg config.Config) string {
	if cfg.Corpus == "" {
		return "the embedded corpus"
	}
	return cfg.Corpus
}
