package discord

import (
	"context"
	"github.com/talkbot/talkbot/internal/clip"
	"log/slog"

	"github.com/bwmarrin/discordgo"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/feedback"
)

// engine is what the adapter needs of the answer engine.
type engine interface {
	answer.Handler
	Complete(field answer.Field, typed string, limit int) []string
}

// Responder answers interactions, whichever way they arrive (gateway or
// HTTP), and renders replies to mentions.
type Responder struct {
	engine   engine
	handler  answer.Handler // engine, panics made apologies
	log      *slog.Logger
	limit    int
	feedback *feedback.Recorder
	gaps     feedback.Source
	admins   []string
}

// TakeFeedback sends the 👍 and 👎 pressed on answers to rec.
func (r *Responder) TakeFeedback(rec *feedback.Recorder) { r.feedback = rec }

// ShowGaps lets the admins (Discord user IDs) see the gaps src gives
// with "/talk gaps".
func (r *Responder) ShowGaps(src feedback.Source, admins []string) { r.gaps, r.admins = src, admins }

// userID returns the ID of the user who sent an interaction, in a server
// or a DM.
func userID(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}

// targetText returns the text of the message a context-menu command was
// used on, cut to what a question may hold.
func targetText(data discordgo.ApplicationCommandInteractionData) string {
	if data.Resolved == nil {
		return ""
	}
	if m, ok := data.Resolved.Messages[data.TargetID]; ok && m != nil {
		return m.Content
	}
	return ""
}

// NewResponder returns a responder answering from e, limit talks a reply
// (answer.DefaultLimit when 0).
func NewResponder(e engine, log *slog.Logger, limit int) *Responder {
	if limit == 0 {
		limit = answer.DefaultLimit
	}
	return &Responder{engine: e, handler: answer.Recovering(e, log, "discord"), log: log, limit: limit}
}

// Respond answers one interaction. It checks the interaction's type before
// reading its data, and a panic becomes a short error reply.
func (r *Responder) Respond(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("discord: panic answering", "type", i.Type, "panic", p)
			resp = message(&discordgo.InteractionResponseData{Content: answer.Apology, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions})
		}
	}()
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
	case discordgo.InteractionApplicationCommand:
		data := i.ApplicationCommandData()
		if data.CommandType == discordgo.MessageApplicationCommand && data.Name == askMessageCommand {
			// "Ask talkbot" on a message: its text is the question, and
			// only the asker sees the answer.
			// A message that reads like a command is still a question.
			p := answer.Parse("ask " + targetText(data))
			if p.Command != "ask" {
				return message(&discordgo.InteractionResponseData{Content: "That message has no text to ask about.", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions})
			}
			req := answer.Request{Command: "ask", Arg: p.Arg}
			return message(render(r.ask(ctx, req), renderOptions{share: true, more: true}))
		}
		if data.Name == commandName && len(data.Options) > 0 && data.Options[0].Name == gapsCommand {
			since := ""
			for _, o := range data.Options[0].Options {
				since, _ = o.Value.(string)
			}
			report := feedback.Report(r.gaps, r.admins, userID(i), since)
			return message(&discordgo.InteractionResponseData{Content: clip.Runes(escape(report), maxContent), Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions})
		}
		req, ok := commandRequest(data)
		if !ok {
			return message(&discordgo.InteractionResponseData{Content: "Unknown command.", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions})
		}
		return message(render(r.ask(ctx, req), renderOptions{share: true, more: true}))
	case discordgo.InteractionApplicationCommandAutocomplete:
		return r.autocomplete(i.ApplicationCommandData())
	case discordgo.InteractionMessageComponent:
		return r.button(ctx, i)
	}
	return message(&discordgo.InteractionResponseData{Content: "This bot does not handle that.", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions})
}

func message(d *discordgo.InteractionResponseData) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d}
}

// commandRequest reads /talk <subcommand> <option>.
func commandRequest(data discordgo.ApplicationCommandInteractionData) (answer.Request, bool) {
	if data.Name != commandName || len(data.Options) == 0 {
		return answer.Request{}, false
	}
	sub := data.Options[0]
	req := answer.Request{Command: sub.Name}
	for _, o := range sub.Options {
		if s, ok := o.Value.(string); ok {
			req.Arg = s
		}
	}
	parsed := answer.Parse(req.Command + " " + req.Arg)
	return answer.Request{Command: parsed.Command, Arg: parsed.Arg}, true
}

// autocomplete offers titles, speakers or events for the focused option.
func (r *Responder) autocomplete(data discordgo.ApplicationCommandInteractionData) *discordgo.InteractionResponse {
	var names []string
	if len(data.Options) > 0 {
		sub := data.Options[0]
		for _, c := range answer.Commands {
			if c.Name != sub.Name || c.Complete == answer.NoField {
				continue
			}
			for _, o := range sub.Options {
				if s, isString := o.Value.(string); isString && o.Focused {
					names = r.engine.Complete(c.Complete, s, maxChoices)
				}
			}
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices(names)},
	}
}

// button answers a press of Share (post the answer publicly), More (edit
// the message in place with the next talks) or a suggestion.
func (r *Responder) button(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	prefix, req, ok := parseCustomID(i.MessageComponentData().CustomID)
	if !ok {
		return message(&discordgo.InteractionResponseData{Content: "That button has expired.", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions})
	}
	reply := r.ask(ctx, req)
	switch prefix {
	case buttonUp, buttonDown:
		return r.vote(i, prefix, req, reply)
	case buttonShare:
		return message(render(reply, renderOptions{}))
	case buttonMore:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: render(reply, renderOptions{share: true, more: true})}
	default:
		return message(render(reply, renderOptions{share: true, more: true}))
	}
}

// Mention renders the answer to a message that mentions the bot. last,
// when not nil, is the bot's last answer in the conversation the message
// continues, which the message may build on ("more", "what else did he
// say?"). It returns what to remember of this answer, and whether it is
// worth remembering (it has talks).
func (r *Responder) Mention(ctx context.Context, text string, last *answer.Turn) (*discordgo.InteractionResponseData, answer.Turn, bool) {
	p := answer.Parse(text)
	req := answer.Request{Command: p.Command, Arg: p.Arg}
	if last != nil {
		if f, ok := answer.FollowUp(*last, text); ok {
			req = f
		}
	}
	reply := r.ask(ctx, req)
	return render(reply, renderOptions{}), answer.NewTurn(req, reply), len(reply.Talks) > 0
}

func (r *Responder) ask(ctx context.Context, req answer.Request) answer.Reply {
	return r.handler.Handle(ctx, req, answer.Options{Limit: r.limit})
}

// vote takes a 👍 or 👎 on an answer: it is recorded with the answer's
// citations, once however often Discord delivers the interaction, and
// acknowledged to the presser alone.
func (r *Responder) vote(i *discordgo.Interaction, prefix string, req answer.Request, reply answer.Reply) *discordgo.InteractionResponse {
	v := feedback.Up
	if prefix == buttonDown {
		v = feedback.Down
	}
	e := feedback.Entry{Adapter: "discord", Vote: v, Command: req.Command, Question: req.Arg, Citations: feedback.Citations(reply), User: userID(i)}
	if _, err := r.feedback.Vote(i.ID, e); err != nil {
		r.log.Error("discord: feedback not written", "err", err)
	}
	return message(&discordgo.InteractionResponseData{Content: thanks[v], Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions})
}

// thanks acknowledges a vote.
var thanks = map[string]string{
	feedback.Up:   "Thanks for the 👍: glad that helped.",
	feedback.Down: "Thanks for the 👎: it is noted, so that the notes can be improved.",
}
