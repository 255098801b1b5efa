package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/talkbot/talkbot/adapters/console"
	"github.com/talkbot/talkbot/answer"
)

func runAsk(ctx context.Context, e *env, args []string) error {
	st := newSettings(e, "ask").withLimit("at most N results (default 5)")
	asJSON := st.fset.Bool("json", false, "print one JSON object: query, results, suggestions")
	explain := st.fset.Bool("explain", false, "also tell how the question was read and why it was answered or refused")
	if err := st.parse(args); err != nil {
		return err
	}
	cfg, err := st.load(e)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(st.fset.Args(), " "))
	if q == "" {
		return usageError{"a question is needed: bot ask QUESTION..."}
	}
	eng, err := loadEngine(e, cfg)
	if err != nil {
		return err
	}
	req := answer.Parse(q)
	if *asJSON {
		// Results are cited lines; enough talks are asked for to fill the limit.
		reply := eng.Handle(ctx, req, answer.Options{Limit: cfg.Limit})
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(reply.Answer(q, cfg.Limit))
	}
	reply := eng.Handle(ctx, req, answer.Options{Limit: cfg.Limit, Explain: *explain})
	if err := console.Render(e.stdout, reply); err != nil {
		return err
	}
	if *explain {
		if reply.Explain == nil {
			_, err := fmt.Fprintf(e.stdout, "\n(%s is a command, not a question: nothing to explain)\n", req.Command)
			return err
		}
		fmt.Fprintln(e.stdout)
		return console.RenderExplanation(e.stdout, reply.Explain)
	}
	return nil
}

// runBrowse runs show, speaker or event: bot show TITLE..., bot speaker
// NAME..., bot event NAME....
func runBrowse(command string) func(ctx context.Context, e *env, args []string) error {
	return func(ctx context.Context, e *env, args []string) error {
		st := newSettings(e, command)
		if err := st.parse(args); err != nil {
			return err
		}
		cfg, err := st.load(e)
		if err != nil {
			return err
		}
		arg := strings.TrimSpace(strings.Join(st.fset.Args(), " "))
		if arg == "" {
			for _, c := range answer.Commands {
				if c.Name == command {
					return usageError{fmt.Sprintf("a %s is needed: bot %s %s...", c.Arg, command, strings.ToUpper(c.Arg))}
				}
			}
		}
		eng, err := loadEngine(e, cfg)
		if err != nil {
			return err
		}
		return console.Render(e.stdout, eng.Handle(ctx, answer.Request{Command: command, Arg: arg}, answer.Options{Limit: cfg.Limit}))
	}
}

func runConsole(ctx context.Context, e *env, args []string) error {
	st := newSettings(e, "").server()
	if err := st.parse(args); err != nil {
		return err
	}
	cfg, err := st.load(e)
	if err != nil {
		return err
	}
	if chatConfigured(cfg) {
		return serve(ctx, e, cfg) // chat services configured: serve them, no console
	}
	eng, err := loadEngine(e, cfg)
	if err != nil {
		return err
	}
	return console.New(eng, e.stdin, e.stdout, cfg.Limit).Run(ctx)
}
