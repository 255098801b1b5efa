package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/talkbot/talkbot/answer"
)

// Console is a chat with the bot in a terminal.
type Console struct {
	engine answer.Handler // panics made apologies
	in     io.Reader
	out    io.Writer
	limit  int
	prompt string
}

// New returns a console reading questions from in and writing answers to
// out, limit talks an answer.
func New(engine answer.Handler, in io.Reader, out io.Writer, limit int) *Console {
	return &Console{engine: answer.Recovering(engine, slog.New(slog.DiscardHandler), "console"), in: in, out: out, limit: limit, prompt: "talkbot> "}
}

// Run answers lines until the input ends, "quit" or the context is done.
// "more" pages through the last answer.
func (c *Console) Run(ctx context.Context) error {
	fmt.Fprintln(c.out, `Ask about the talks in the notes ("help" for commands, "quit" to leave).`)
	sc := bufio.NewScanner(c.in)
	sc.Buffer(make([]byte, 4096), 64*1024)
	var last answer.Request
	var turn *answer.Turn // the last answer with talks, for follow-ups
	for {
		fmt.Fprint(c.out, c.prompt)
		if !sc.Scan() {
			fmt.Fprintln(c.out)
			return sc.Err()
		}
		if ctx.Err() != nil {
			return nil
		}
		line := strings.TrimSpace(sc.Text())
		switch strings.ToLower(line) {
		case "":
			continue
		case "quit", "exit", "bye":
			return nil
		case "more", "next":
			if last.Command == "" {
				fmt.Fprintln(c.out, "Nothing to page through yet.")
				continue
			}
			last.Offset += c.limit
		default:
			last = answer.Parse(line)
			if turn != nil {
				if f, ok := answer.FollowUp(*turn, line); ok {
					last = f // "what else did he say?", "show the second one"
				}
			}
		}
		reply := c.ask(ctx, last)
		if len(reply.Talks) > 0 {
			t := answer.NewTurn(last, reply)
			turn = &t
		}
		if err := Render(c.out, reply); err != nil {
			return err
		}
	}
}

// ask answers one request; a panic in the engine costs the question, not
// the console.
func (c *Console) ask(ctx context.Context, r answer.Request) answer.Reply {
	return c.engine.Handle(ctx, r, answer.Options{Limit: c.limit})
}
