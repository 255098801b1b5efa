package answer

import (
	"context"
	"log/slog"
)

// ActionKind is what an action of a reply does.
type ActionKind int

// The actions a reply offers.
const (
	Suggest ActionKind = iota // run a suggestion ("did you mean")
	More                      // the next talks of the same answer
	Share                     // the same answer, posted for everyone
)

// Action is a next step a reply offers, drawn as a button: the request it
// runs, offset included.
type Action struct {
	Kind    ActionKind
	Label   string
	Request Request
}

// WithActions returns the reply with the actions a reply to r offers: its
// suggestions, the next talks when there are more, sharing when it has
// talks. Engine.Handle sets them; tests building replies by hand use it.
func (reply Reply) WithActions(r Request) Reply {
	reply.Actions = actions(r, reply)
	return reply
}

func actions(r Request, reply Reply) []Action {
	var out []Action
	for _, s := range reply.Suggestions {
		out = append(out, Action{Kind: Suggest, Label: "Did you mean: " + s, Request: Parse(s)})
	}
	if reply.More {
		out = append(out, Action{Kind: More, Label: "More", Request: Request{Command: r.Command, Arg: r.Arg, Offset: reply.Offset + len(reply.Talks)}})
	}
	if len(reply.Talks) > 0 {
		out = append(out, Action{Kind: Share, Label: "Share", Request: Request{Command: r.Command, Arg: r.Arg, Offset: reply.Offset}})
	}
	return out
}

// Action returns the reply's action of a kind, if it offers one (the first
// for Suggest).
func (r Reply) Action(kind ActionKind) (Action, bool) {
	for _, a := range r.Actions {
		if a.Kind == kind {
			return a, true
		}
	}
	return Action{}, false
}

// Handler answers requests: the Engine, or a wrapper of it that counts or
// times them. Adapters consume it.
type Handler interface {
	Handle(ctx context.Context, r Request, opts Options) Reply
}

// Apology is the reply when answering failed.
const Apology = "Sorry, something went wrong answering that."

// recovering is a Handler whose panics become an apology.
type recovering struct {
	h   Handler
	log *slog.Logger
}

// Recovering wraps h: a panic while answering is logged (with the
// adapter's name) and becomes a short apology, so that one bad question
// never takes an adapter down.
func Recovering(h Handler, log *slog.Logger, adapter string) Handler {
	return recovering{h: h, log: log.With("adapter", adapter)}
}

func (rc recovering) Handle(ctx context.Context, r Request, opts Options) (reply Reply) {
	defer func() {
		if p := recover(); p != nil {
			rc.log.Error("panic answering", "command", r.Command, "panic", p)
			reply = Reply{Command: r.Command, Query: r.Arg, Notice: Apology}
		}
	}()
	return rc.h.Handle(ctx, r, opts)
}
