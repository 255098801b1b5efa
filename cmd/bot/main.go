// Command bot answers questions about conference talks from talk notes.
//
// Usage:
//
//	bot                          chat with the bot in the terminal
//	bot ask [flags] QUESTION...  answer one question
//	bot show [flags] TITLE...    show one talk's notes (fuzzy title)
//	bot talks [flags]            list the talks
//	bot eval [flags] FILE.jsonl  score a questions file
//	bot help                     this text
//
// Flags of every subcommand:
//
//	--corpus DIR   a folder of talk notes instead of the embedded corpus
//	               (also TALKBOT_CORPUS)
//
// ask:   --json (one JSON object: query, results, suggestions), --limit N
// talks: --event E, --speaker S (fuzzy)
// eval:  --verbose (one line per question)
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
