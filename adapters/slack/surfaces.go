package slack

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/talkbot/talkbot/answer"
)

// Slack's limits on a Home tab.
const (
	maxHomeBlocks  = 100
	homeEvents     = 30 // events listed; the rest are counted
	homeRecent     = 5  // recent questions listed
	examplePrompts = 4  // suggested prompts of an assistant thread (Slack shows up to four)
)

// askShortcut is the callback ID of the message shortcut "Ask talkbot
// about this".
const askShortcut = "ask_talkbot"

// recentQuestions keeps the last questions asked in the open (mentions in
// channels, slash commands) that had answers, without who asked: the Home
// tab shows them. Questions asked in DMs and the assistant pane are
// private and never kept.
type recentQuestions struct {
	mu sync.Mutex
	qs []string // oldest first
}

func (r *recentQuestions) add(q string) {
	q = strings.TrimSpace(q)
	if q == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, old := range r.qs {
		if strings.EqualFold(old, q) {
			r.qs = append(r.qs[:i], r.qs[i+1:]...)
			break
		}
	}
	r.qs = append(r.qs, q)
	if len(r.qs) > homeRecent {
		r.qs = r.qs[len(r.qs)-homeRecent:]
	}
}

// latest returns the questions, latest first.
func (r *recentQuestions) latest() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.qs))
	for i := len(r.qs) - 1; i >= 0; i-- {
		out = append(out, r.qs[i])
	}
	return out
}

// publishHome publishes the Home tab for user: how to ask, the events and
// their talks, questions recently asked in the workspace.
func (a *Adapter) publishHome(ctx context.Context, user string) {
	view := homeView(a.engine.Overview(ctx, examplePrompts), a.recent.latest())
	if _, err := a.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: view}); err != nil {
		a.log.Error("slack: views.publish failed", "err", err)
	}
}

// homeView is the Home tab's view.
func homeView(o answer.Overview, recent []string) slack.HomeTabViewRequest {
	b := &blockList{}
	b.add(slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, "talkbot: ask about the talks", false, false)))
	b.section("Ask in any channel with `/talk <question>` (only you see the answer, and you can share it), mention *@talkbot* in a channel or a thread, send it a direct message, or open it in the assistant pane. Every answer cites the note lines it comes from.\n`/talk help` lists the commands: a talk, a speaker, an event, and what is on now.")
	if len(o.Examples) > 0 {
		var lines []string
		for _, ex := range o.Examples {
			lines = append(lines, "• "+escape(ex.Question))
		}
		b.section("*Try asking*\n" + strings.Join(lines, "\n"))
	}
	if len(o.Events) > 0 {
		var lines []string
		for i, ev := range o.Events {
			if i == homeEvents {
				lines = append(lines, fmt.Sprintf("… and %d more events", len(o.Events)-homeEvents))
				break
			}
			lines = append(lines, fmt.Sprintf("• %s: %d %s", escape(ev.Name), ev.Talks, plural(ev.Talks, "talk")))
		}
		b.section(fmt.Sprintf("*The notes: %d %s from %d %s*\n", o.Talks, plural(o.Talks, "talk"), len(o.Events), plural(len(o.Events), "event")) + strings.Join(lines, "\n"))
	} else {
		b.section("The notes are still loading.")
	}
	if len(recent) > 0 {
		var lines []string
		for _, q := range recent {
			lines = append(lines, "• "+escape(clipEscaped(q, 200)))
		}
		b.section("*Recently asked*\n" + strings.Join(lines, "\n"))
	}
	blocks := b.blocks
	if len(blocks) > maxHomeBlocks {
		blocks = blocks[:maxHomeBlocks]
	}
	return slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// startAssistantThread offers example questions from the notes in a new
// assistant thread, and remembers the thread so that questions asked
// there show a status while they are answered.
func (a *Adapter) startAssistantThread(ctx context.Context, th slackevents.AssistantThread) {
	a.assistantThreads.first(th.ChannelID + "/" + th.ThreadTimeStamp)
	o := a.engine.Overview(ctx, examplePrompts)
	if len(o.Examples) == 0 {
		return
	}
	params := slack.AssistantThreadsSetSuggestedPromptsParameters{Title: "Ask about the talks, for example:", ChannelID: th.ChannelID, ThreadTS: th.ThreadTimeStamp}
	for _, ex := range o.Examples {
		params.Prompts = append(params.Prompts, slack.AssistantThreadsPrompt{Title: clipEscaped(ex.Title, maxButtonText), Message: ex.Question})
	}
	if err := a.api.SetAssistantThreadsSuggestedPromptsContext(ctx, params); err != nil {
		a.log.Error("slack: assistant.threads.setSuggestedPrompts failed", "err", err)
	}
}

// assistantStatus shows that a question in an assistant thread is being
// answered; Slack clears it when the answer is posted.
func (a *Adapter) assistantStatus(ctx context.Context, channel, thread string) {
	if thread == "" || !a.assistantThreads.has(channel+"/"+thread) {
		return
	}
	err := a.api.SetAssistantThreadsStatusContext(ctx, slack.AssistantThreadsSetStatusParameters{ChannelID: channel, ThreadTS: thread, Status: "is looking through the notes…"})
	if err != nil {
		a.log.Warn("slack: assistant.threads.setStatus failed", "err", err)
	}
}

// askAboutMessage answers the message shortcut "Ask talkbot about this":
// the selected message's text is the question, answered to the user
// alone.
func (a *Adapter) askAboutMessage(ctx context.Context, cb slack.InteractionCallback) {
	text := unescape(strings.TrimSpace(mentionRe.ReplaceAllString(cb.Message.Text, "")))
	p := answer.Parse("ask " + text)
	var r response
	if p.Command != "ask" {
		r = response{ResponseType: slack.ResponseTypeEphemeral, Text: "That message has no text to ask about."}
	} else {
		req := answer.Request{Command: "ask", Arg: p.Arg}
		r = render(a.ask(ctx, req), renderOptions{share: true, more: true}).response(slack.ResponseTypeEphemeral)
	}
	if err := a.postResponse(ctx, cb.ResponseURL, r); err != nil {
		a.log.Error("slack: shortcut answer lost", "err", err)
	}
}
