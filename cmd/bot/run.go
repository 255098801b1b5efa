package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/config"
	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/corpus/embedded"
)

const usage = `usage: bot [serve|ask|show|talks|eval|help] [flags] [args]

  bot                          chat in the terminal, or serve chat services when configured
  bot serve [--addr :8080]     answer in Slack and Discord (SLACK_*, DISCORD_* settings)
  bot ask [--json] [--limit N] [--corpus DIR] QUESTION...
  bot show [--corpus DIR] TITLE...
  bot talks [--event E] [--speaker S] [--corpus DIR]
  bot eval [--verbose] [--corpus DIR] QUESTIONS.jsonl
`

// env is what a subcommand gets from the process.
type env struct {
	getenv    func(string) string
	stdin     io.Reader
	stdout    io.Writer
	stderr    io.Writer
	log       *slog.Logger // warnings of the command-line tools
	serverLog *slog.Logger // the server's log: everything from info up
}

// run is the whole program: it returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr,
		log:       slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		serverLog: slog.New(slog.NewTextHandler(stderr, nil))}
	cmd, rest := "console", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "console":
		err = runConsole(ctx, e, rest)
	case "serve":
		err = runServe(ctx, e, rest)
	case "ask":
		err = runAsk(ctx, e, rest)
	case "show":
		err = runShow(ctx, e, rest)
	case "talks":
		err = runTalks(ctx, e, rest)
	case "eval":
		err = runEval(ctx, e, rest)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "bot: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
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

// flags returns a flag set for a subcommand with the flags every one has.
func flags(e *env, name string, cfg *config.Config) *flag.FlagSet {
	fset := flag.NewFlagSet("bot "+name, flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	fset.StringVar(&cfg.Corpus, "corpus", cfg.Corpus, "folder of talk notes (default: the embedded corpus; env TALKBOT_CORPUS)")
	return fset
}

func parseFlags(fset *flag.FlagSet, args []string) error {
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

// loadEngine loads the configured corpus, reports its problems and indexes it.
func loadEngine(e *env, cfg config.Config) (*answer.Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var fsys fs.FS = embedded.FS
	if cfg.Corpus != "" {
		fsys = os.DirFS(cfg.Corpus)
	}
	c, err := corpus.Load(fsys)
	if err != nil {
		return nil, err
	}
	for _, p := range c.Problems {
		e.log.Warn("skipped notes", "file", p.File, "line", p.Line, "err", p.Err)
	}
	if len(c.Talks) == 0 {
		return nil, fmt.Errorf("no talks found in %s", corpusName(cfg))
	}
	return answer.New(answer.NewIndex(c)), nil
}

func corpusName(cfg config.Config) string {
	if cfg.Corpus == "" {
		return "the embedded corpus"
	}
	return cfg.Corpus
}
