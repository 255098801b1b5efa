package slack

import (
	"encoding/json"
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"
	"github.com/talkbot/talkbot/answer"
)

// Slack's limits on a message.
const (
	maxBlocks      = 50
	maxSectionText = 3000
	maxContextText = 2000
	maxButtonText  = 75
	maxButtonValue = 2000
	maxFallback    = 3000
)

// Action IDs of the buttons the bot sends.
const (
	actionShare   = "talk_share"
	actionMore    = "talk_more"
	actionSuggest = "talk_suggest"
	actionUp      = "talk_vote_up"
	actionDown    = "talk_vote_down"
)

// buttonRequest is a request as it travels in a button's value: Slack
// hands it back on a press, so no state is kept on the server. The short
// keys are the wire format of every button already sent.
type buttonRequest struct {
	Command string `json:"c"`
	Arg     string `json:"a"`
	Offset  int    `json:"o,omitempty"`
}

// buttonValue encodes a request into a button's value.
func buttonValue(r answer.Request) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "&", "<" and ">" as themselves, not six bytes each
	_ = enc.Encode(buttonRequest(r))
	return strings.TrimSuffix(b.String(), "\n")
}

// parseButtonValue reads a request from a button's value.
func parseButtonValue(v string) (answer.Request, error) {
	var r buttonRequest
	if err := json.Unmarshal([]byte(v), &r); err != nil {
		return answer.Request{}, fmt.Errorf("button value: %w", err)
	}
	return answer.Request(r), nil
}

// message is a rendered reply: Block Kit blocks and the plain-text fallback
// shown in notifications.
type message struct {
	Text   string
	Blocks []slack.Block
}

// renderOptions say which buttons a reply gets.
type renderOptions struct {
	share bool // "Share in channel": for replies only the asker sees
	more  bool // "More": page through further talks
}

// render turns a reply into Block Kit: per cited line a section with the
// note text and a context line with its citation; suggestions as buttons
// that run them; Share and More buttons. It never exceeds Slack's limits.
func render(r answer.Reply, opts renderOptions) message {
	b := &blockList{}
	switch {
	case r.Command == "help":
		b.section(r.HelpText(help))
	case len(r.Talks) == 0:
		notice := r.Notice
		if notice == "" {
			notice = "No notes answer that."
		}
		b.section(escape(notice))
	}
	for ti, t := range r.Talks {
		if ti > 0 {
			b.add(slack.NewDividerBlock())
		}
		for _, s := range t.Snippets {
			b.section(snippetText(s))
			b.context(citation(t, s))
		}
	}
	var buttons []slack.BlockElement
	suggestions := 0
	for _, a := range r.Actions {
		switch {
		case a.Kind == answer.Suggest:
			buttons = append(buttons, button(fmt.Sprintf("%s_%d", actionSuggest, suggestions), a.Label, a.Request))
			suggestions++
		case a.Kind == answer.More && opts.more:
			buttons = append(buttons, button(actionMore, a.Label, a.Request))
		case a.Kind == answer.Share && opts.share:
			buttons = append(buttons, primary(button(actionShare, "Share in channel", a.Request)))
		}
	}
	if shown, ok := r.Action(answer.Share); ok {
		// Feedback on this answer: the press hands back the request, whose
		// answer is logged with the vote.
		buttons = append(buttons, button(actionUp, "👍", shown.Request), button(actionDown, "👎", shown.Request))
	}
	var trailing []slack.Block
	if len(buttons) > 0 {
		trailing = append(trailing, slack.NewActionBlock("talk_actions", buttons...))
	}
	return message{Text: fallback(r), Blocks: b.fit(trailing...)}
}

// blockList collects the blocks of a reply's content.
type blockList struct {
	blocks []slack.Block
}

func (b *blockList) add(block slack.Block) { b.blocks = append(b.blocks, block) }

func (b *blockList) section(mrkdwn string) {
	b.add(slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, clipEscaped(mrkdwn, maxSectionText), false, true), nil, nil))
}

func (b *blockList) context(mrkdwn string) {
	b.add(slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, clipEscaped(mrkdwn, maxContextText), false, true)))
}

// fit returns the blocks cut to Slack's limit with room for the trailing
// ones, ending with a note when something was left out.
func (b *blockList) fit(trailing ...slack.Block) []slack.Block {
	room := maxBlocks - len(trailing)
	blocks := b.blocks
	if len(blocks) > room {
		blocks = append(blocks[:room-1:room-1], slack.NewContextBlock("talk_truncated",
			slack.NewTextBlockObject(slack.PlainTextType, "… more notes than one Slack message holds", false, false)))
	}
	return append(blocks, trailing...)
}

func button(actionID, text string, req answer.Request) *slack.ButtonBlockElement {
	// The value is cut after encoding: escaping may lengthen a question
	// ("\"", control characters), and Slack counts the encoded bytes.
	value := buttonValue(req)
	for len(value) > maxButtonValue && req.Arg != "" {
		n := utf8.RuneCountInString(req.Arg)
		if n <= 2 {
			req.Arg = ""
		} else {
			req.Arg = clipEscaped(req.Arg, min(n-1, n*maxButtonValue/len(value)))
		}
		value = buttonValue(req)
	}
	return slack.NewButtonBlockElement(actionID, value, slack.NewTextBlockObject(slack.PlainTextType, clipEscaped(text, maxButtonText), false, false))
}

func primary(b *slack.ButtonBlockElement) *slack.ButtonBlockElement {
	b.Style = slack.StylePrimary
	return b
}

// snippetText is a note line in mrkdwn: its section path and parent in
// italics before it, all escaped.
func snippetText(s answer.Snippet) string {
	text := escape(s.Text)
	if s.Parent != "" {
		text = "_" + escape(clipEscaped(s.Parent, 80)) + "_ › " + text
	}
	return text
}

// citation is the context line of a note: talk (linked when the corpus
// gives a URL), speakers, event, file:line and section.
func citation(t answer.TalkResult, s answer.Snippet) string {
	c := s.Citation
	talk := "*" + escape(c.Talk) + "*"
	if c.URL != "" && safeURL(c.URL) {
		talk = "<" + c.URL + "|" + escape(c.Talk) + ">"
	}
	parts := []string{talk}
	if len(c.Speakers) > 0 {
		parts = append(parts, escape(strings.Join(c.Speakers, ", ")))
	}
	if c.Event != "" {
		parts = append(parts, escape(c.Event))
	}
	if t.Slot != nil {
		parts = append(parts, escape(t.Slot.String()))
	}
	where := fmt.Sprintf("`%s:%d`", escape(c.File), c.Line)
	if len(s.Section) > 0 {
		where += " · " + escape(strings.Join(s.Section, " › "))
	}
	return strings.Join(parts, " — ") + " · " + where
}

// safeURL reports whether a URL can stand in a Slack link: http(s), and
// none of the characters that end or split one.
func safeURL(u string) bool {
	return (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) && !strings.ContainsAny(u, "<>| \n")
}

// help is Slack's markup of help.
var help = answer.HelpFormat{
	Escape:  escape,
	Heading: func(s string) string { return "*" + s + "*" },
	Line: func(c answer.CommandHelp) string {
		line := fmt.Sprintf("• `/talk %s` — %s", escape(c.Usage), escape(c.Summary))
		if c.Example != "" {
			line += fmt.Sprintf(" _e.g._ `/talk %s`", escape(c.Example))
		}
		return line
	},
}

// fallback is the plain text of a reply, for notifications and clients
// without blocks.
func fallback(r answer.Reply) string {
	if r.Command == "help" {
		return "talkbot help: /talk <question>, show <title>, speaker <name>, event <name>"
	}
	if len(r.Talks) == 0 {
		if r.Notice != "" {
			return escape(r.Notice)
		}
		return "No notes answer that."
	}
	var b strings.Builder
	for _, t := range r.Talks {
		for _, s := range t.Snippets {
			fmt.Fprintf(&b, "%s (%s, %s:%d)\n", s.Text, t.Title, s.Citation.File, s.Citation.Line)
		}
	}
	return clipEscaped(escape(b.String()), maxFallback)
}

// escape makes text safe in mrkdwn: "&", "<" and ">" are the only
// characters that Slack parses into links and mentions ("<!channel>").
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// clipEscaped cuts escaped mrkdwn to at most n characters, never inside
// an escape such as "&amp;".
func clipEscaped(s string, n int) string {
	cut := clip.Runes(s, n)
	if cut == s {
		return s
	}
	body := strings.TrimSuffix(cut, "…")
	if i := strings.LastIndexByte(body, '&'); i >= 0 && !strings.Contains(body[i:], ";") {
		body = body[:i]
	}
	return body + "…"
}
