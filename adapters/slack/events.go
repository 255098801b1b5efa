package slack

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/feedback"
)

// callbackEvent handles an Events API callback once, whatever the retries.
func (a *Adapter) callbackEvent(ctx context.Context, ev slackevents.EventsAPIEvent) {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if ok && !a.seen.first(cb.EventID) {
		a.log.Debug("slack: repeated event", "event_id", cb.EventID)
		return
	}
	switch inner := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if a.fromBot(inner.User, inner.BotID) {
			return
		}
		thread := inner.ThreadTimeStamp
		if thread == "" {
			thread = inner.TimeStamp
		}
		a.background(ctx, "app_mention", func(ctx context.Context) {
			a.answerMessage(ctx, inner.Channel, thread, inner.Text, true)
		})
	case *slackevents.MessageEvent:
		if inner.ChannelType != "im" || !answeredSubtype[inner.SubType] || a.fromBot(inner.User, inner.BotID) {
			return
		}
		a.background(ctx, "message.im", func(ctx context.Context) {
			a.assistantStatus(ctx, inner.Channel, inner.ThreadTimeStamp)
			a.answerMessage(ctx, inner.Channel, inner.ThreadTimeStamp, inner.Text, false)
		})
	case *slackevents.AppHomeOpenedEvent:
		if inner.Tab != "home" || inner.User == "" {
			return
		}
		a.background(ctx, "app_home_opened", func(ctx context.Context) { a.publishHome(ctx, inner.User) })
	case *slackevents.AssistantThreadStartedEvent:
		if inner.AssistantThread.ChannelID == "" || inner.AssistantThread.ThreadTimeStamp == "" {
			return
		}
		a.background(ctx, "assistant_thread_started", func(ctx context.Context) { a.startAssistantThread(ctx, inner.AssistantThread) })
	}
}

// answeredSubtype lists the message subtypes a person writes: a plain
// message, one with a file attached, a thread reply also sent to the
// channel. Edits, deletions, joins and bot messages are not questions.
var answeredSubtype = map[string]bool{"": true, "file_share": true, "thread_broadcast": true}

// fromBot reports whether a message comes from this bot or another one.
func (a *Adapter) fromBot(user, botID string) bool {
	self, _ := a.botUserID.Load().(string)
	return botID != "" || user == "" || (self != "" && user == self)
}

var mentionRe = regexp.MustCompile(`<@[A-Z0-9]+(?:\|[^>]*)?>`)

// answerMessage answers the text of a mention or a direct message in its
// channel, in the thread when given (a direct message's channel is one
// thread when not in a thread). A message in a thread the bot has answered
// in may build on that answer: "more", "what else did he say?". A question
// asked in the open (public) that has an answer is listed on the Home tab.
func (a *Adapter) answerMessage(ctx context.Context, channel, thread, text string, public bool) {
	text = unescape(strings.TrimSpace(mentionRe.ReplaceAllString(text, "")))
	req := (answer.Parse(text))
	key := channel + "/" + thread
	if turn, ok := a.threads.Get(key); ok {
		if r, ok := answer.FollowUp(turn, text); ok {
			req = r
		}
	}
	reply := a.ask(ctx, req)
	if len(reply.Talks) > 0 {
		a.threads.Put(key, answer.NewTurn(req, reply))
		if public && req.Command == "ask" {
			a.recent.add(req.Arg) // as resolved: "more" lists what it was more of
		}
	}
	m := render(reply, renderOptions{more: true})
	opts := []slack.MsgOption{slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...), slack.MsgOptionDisableLinkUnfurl()}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	if _, _, err := a.api.PostMessageContext(ctx, channel, opts...); err != nil {
		a.log.Error("slack: chat.postMessage failed", "channel", channel, "err", err)
	}
}

// slashCommand answers /talk. It returns the response when the answer is
// ready within the time Slack allows; otherwise it returns ok=false and
// posts the answer to the command's response URL when ready.
func (a *Adapter) slashCommand(ctx context.Context, cmd slack.SlashCommand) (r response, ok bool) {
	if first, rest, _ := strings.Cut(strings.TrimSpace(unescape(cmd.Text)), " "); strings.EqualFold(first, "gaps") {
		// For the people keeping the notes: what nobody found.
		report := feedback.Report(a.opts.Gaps, a.opts.Admins, cmd.UserID, rest)
		b := &blockList{}
		b.section(escape(report))
		return response{ResponseType: slack.ResponseTypeEphemeral, Text: clipEscaped(escape(report), maxFallback), Blocks: b.blocks}, true
	}
	req := (answer.Parse(unescape(cmd.Text)))
	done := make(chan response, 1)
	a.background(ctx, "slash command", func(ctx context.Context) {
		reply := a.ask(ctx, req)
		if req.Command == "ask" && len(reply.Talks) > 0 {
			a.recent.add(req.Arg)
		}
		done <- render(reply, renderOptions{share: true, more: true}).response(slack.ResponseTypeEphemeral)
	})
	select {
	case r := <-done:
		return r, true
	case <-ctx.Done():
	case <-time.After(a.opts.AnswerIn):
	}
	a.background(ctx, "slash command response", func(ctx context.Context) {
		select {
		case r := <-done:
			if err := a.postResponse(ctx, cmd.ResponseURL, r); err != nil {
				a.log.Error("slack: late answer lost", "err", err)
			}
		case <-ctx.Done():
			a.log.Error("slack: answer not ready in time", "err", ctx.Err())
		}
	})
	return response{}, false
}

// interaction handles a button press: share an answer in the channel, show
// the next page, or run a suggestion.
func (a *Adapter) interaction(ctx context.Context, cb slack.InteractionCallback) {
	if cb.Type == slack.InteractionTypeMessageAction && cb.CallbackID == askShortcut {
		a.askAboutMessage(ctx, cb)
		return
	}
	if cb.Type != slack.InteractionTypeBlockActions {
		return
	}
	for _, act := range cb.ActionCallback.BlockActions {
		req, err := parseButtonValue(act.Value)
		if err != nil {
			a.log.Warn("slack: bad button value", "action", act.ActionID, "err", err)
			continue
		}
		var r response
		switch {
		case act.ActionID == actionUp || act.ActionID == actionDown:
			r = a.vote(ctx, cb, act, req)
		case act.ActionID == actionShare:
			r = render(a.ask(ctx, req), renderOptions{}).response(slack.ResponseTypeInChannel)
		case act.ActionID == actionMore, strings.HasPrefix(act.ActionID, actionSuggest):
			ephemeral := cb.Container.IsEphemeral
			r = render(a.ask(ctx, req), renderOptions{share: ephemeral, more: true}).response("")
			r.ReplaceOriginal = true
		default:
			continue
		}
		if err := a.postResponse(ctx, cb.ResponseURL, r); err != nil {
			a.log.Error("slack: button answer lost", "action", act.ActionID, "err", err)
		}
	}
}

// unescape decodes what Slack escapes in the text it sends: "&amp;",
// "&lt;" and "&gt;" for what the user typed as "&", "<" and ">".
func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

// vote takes a 👍 or 👎 on an answer: it is recorded with the answer's
// citations (the request is answered again), once however often Slack
// delivers the press, and acknowledged to the presser alone.
func (a *Adapter) vote(ctx context.Context, cb slack.InteractionCallback, act *slack.BlockAction, req answer.Request) response {
	v := feedback.Up
	if act.ActionID == actionDown {
		v = feedback.Down
	}
	reply := a.ask(ctx, req)
	id := strings.Join([]string{cb.Team.ID, cb.Container.ChannelID, cb.Container.MessageTs, cb.User.ID, act.ActionID, act.ActionTs}, "/")
	e := feedback.Entry{Adapter: "slack", Vote: v, Command: req.Command, Question: req.Arg, Citations: feedback.Citations(reply), User: cb.User.ID}
	if _, err := a.opts.Feedback.Vote(id, e); err != nil {
		a.log.Error("slack: feedback not written", "err", err)
	}
	return response{ResponseType: slack.ResponseTypeEphemeral, Text: thanks[v]}
}

// thanks acknowledges a vote.
var thanks = map[string]string{
	feedback.Up:   "Thanks for the 👍: glad that helped.",
	feedback.Down: "Thanks for the 👎: it is noted, so that the notes can be improved.",
}
