// Command bot answers questions about conference talks from talk notes.
//
// Usage:
//
//	bot                          chat with the bot in the terminal, or serve
//	                             the chat services when configured
//	bot serve [flags]            the service: Slack, Discord, the web page,
//	                             /livez, /readyz, /metrics
//	bot web [flags]              the web page alone: ask and browse the
//	                             notes at http://localhost:8080/
//	bot config                   print the effective settings, secrets redacted
//	bot healthcheck [flags]      exit 0 when the local server is live
//	bot version                  print the version
//	bot ask [flags] QUESTION...  answer one question
//	bot show [flags] TITLE...    show one talk's notes (fuzzy title)
//	bot speaker [flags] NAME...  list a speaker's talks (fuzzy name)
//	bot event [flags] NAME...    list an event's talks (fuzzy name)
//	bot talks [flags]            list the talks
//	bot eval [flags] FILE.jsonl  score a questions file
//	bot bench [flags]            time loading, indexing and each question
//	bot gaps [flags]             the questions most often unanswered or
//	                             voted down, from the feedback log
//	bot help                     this text
//
// Flags of every subcommand:
//
//	--corpus DIR   a folder of talk notes instead of the embedded corpus
//	               (also TALKBOT_CORPUS)
//	--now TIME     start the clock of now and next at TIME, such as
//	               2026-01-31T10:40:00+01:00 (also TALKBOT_NOW)
//
// Flags of some:
//
//	ask:   --json (one JSON object: query, results, suggestions), --limit N,
//	       --explain (the words kept and their weights, the corrections,
//	       the best lines and why the question was answered or refused)
//	talks: --event E, --speaker S (fuzzy), --check (what each file was
//	       read as, and warnings for suspicious titles and events)
//	eval:  --verbose (one line per question), --misses (each miss with the
//	       wanted and the returned lines), --part all|tune|held (the
//	       tuning or the held-out third of the set)
//	gaps:  --since 7d|36h, --top N, --log FILE (default: the feedback log
//	       of the settings, TALKBOT_FEEDBACK_LOG)
//
// Notes may be Markdown (.md, .markdown), reStructuredText (.rst) or text
// (.txt); an optional corpus.yaml names events (see package corpus).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
