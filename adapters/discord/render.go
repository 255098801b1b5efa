package discord

import (
	"fmt"
	"github.com/talkbot/talkbot/internal/clip"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/talkbot/talkbot/answer"
)

// Discord's limits.
const (
	maxEmbeds       = 10
	maxTitle        = 256
	maxDescription  = 4096
	maxAuthor       = 256
	maxFooter       = 2048
	maxEmbedsTotal  = 6000
	maxCustomID     = 100
	maxButtonLabel  = 80
	maxButtons      = 5 // in one action row
	maxChoices      = 25
	maxChoiceLength = 100
	maxContent      = 2000
)

// Prefixes of the custom IDs of the bot's buttons.
const (
	buttonShare = "talk:share"
	buttonMore  = "talk:more"
	buttonRun   = "talk:run"
	buttonUp    = "talk:up"
	buttonDown  = "talk:down"
)

// noMentions allows no mention at all: note text can never ping.
var noMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}

// customID encodes a button's request in at most 100 characters; a long
// argument is cut at a word.
func customID(prefix string, r answer.Request) string {
	head := fmt.Sprintf("%s:%d:%s:", prefix, r.Offset, r.Command)
	return head + clip.Bytes(r.Arg, maxCustomID-len(head))
}

// parseCustomID reads a custom ID made by customID.
func parseCustomID(id string) (prefix string, r answer.Request, ok bool) {
	parts := strings.SplitN(id, ":", 5)
	if len(parts) != 5 || parts[0] != "talk" {
		return "", answer.Request{}, false
	}
	off, err := strconv.Atoi(parts[2])
	if err != nil || off < 0 {
		return "", answer.Request{}, false
	}
	return parts[0] + ":" + parts[1], answer.Request{Command: parts[3], Arg: parts[4], Offset: off}, true
}

// renderOptions say which buttons a reply gets.
type renderOptions struct {
	share bool // only the asker sees the reply: offer to share it
	more  bool
}

// render turns a reply into a message: one embed per talk (title linked
// when the corpus gives a URL, speakers as author, event as footer, the
// cited lines as description), buttons for suggestions, More and Share.
func render(r answer.Reply, opts renderOptions) *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{AllowedMentions: noMentions}
	switch {
	case r.Command == "help":
		d.Content = clip.Runes(r.HelpText(help), maxContent)
	case len(r.Talks) == 0:
		notice := r.Notice
		if notice == "" {
			notice = "No notes answer that."
		}
		d.Content = clip.Runes(escape(notice), maxContent)
	}
	total := 0
	for _, t := range r.Talks {
		if len(d.Embeds) == maxEmbeds {
			break
		}
		e := embed(t)
		size := embedSize(e)
		if total+size > maxEmbedsTotal {
			room := maxEmbedsTotal - total - embedSize(&discordgo.MessageEmbed{Title: e.Title, Author: e.Author, Footer: e.Footer})
			if room < 100 {
				break
			}
			e.Description = clip.Runes(e.Description, room)
			size = embedSize(e)
		}
		total += size
		d.Embeds = append(d.Embeds, e)
	}
	var buttons []discordgo.MessageComponent
	ids := map[string]bool{}
	for _, a := range r.Actions {
		var b discordgo.Button
		switch {
		case a.Kind == answer.Suggest:
			b = discordgo.Button{Label: clip.Runes(a.Label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: customID(buttonRun, a.Request)}
		case a.Kind == answer.More && opts.more:
			b = discordgo.Button{Label: a.Label, Style: discordgo.SecondaryButton, CustomID: customID(buttonMore, a.Request)}
		case a.Kind == answer.Share && opts.share:
			b = discordgo.Button{Label: a.Label, Style: discordgo.PrimaryButton, CustomID: customID(buttonShare, a.Request)}
		default:
			continue
		}
		if ids[b.CustomID] {
			continue // cut to 100 characters, two suggestions read alike: Discord refuses a message with one ID twice
		}
		ids[b.CustomID] = true
		buttons = append(buttons, b)
	}
	if len(buttons) > maxButtons {
		buttons = buttons[len(buttons)-maxButtons:]
	}
	if len(buttons) > 0 {
		d.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	if shown, ok := r.Action(answer.Share); ok {
		// Feedback on this answer, in a row of its own: the press hands
		// back the request, whose answer is logged with the vote.
		d.Components = append(d.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "👍", Style: discordgo.SecondaryButton, CustomID: customID(buttonUp, shown.Request)},
			discordgo.Button{Label: "👎", Style: discordgo.SecondaryButton, CustomID: customID(buttonDown, shown.Request)},
		}})
	}
	if opts.share {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return d
}

func embed(t answer.TalkResult) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: clip.Runes(escape(t.Title), maxTitle)}
	if safeURL(t.URL) {
		e.URL = t.URL
	}
	if len(t.Speakers) > 0 {
		e.Author = &discordgo.MessageEmbedAuthor{Name: clip.Runes(escape(strings.Join(t.Speakers, ", ")), maxAuthor)}
	}
	if footer := t.Event; footer != "" || t.Slot != nil {
		if t.Slot != nil {
			footer = strings.TrimPrefix(footer+" · "+t.Slot.String(), " · ")
		}
		e.Footer = &discordgo.MessageEmbedFooter{Text: clip.Runes(escape(footer), maxFooter)}
	}
	var b strings.Builder
	for _, s := range t.Snippets {
		line := "• " + escape(s.Text)
		if s.Parent != "" {
			line = "• *" + escape(clip.Runes(s.Parent, 80)) + "* › " + escape(s.Text)
		}
		cite := fmt.Sprintf("`%s:%d`", escape(strings.ReplaceAll(s.Citation.File, "`", "'")), s.Citation.Line)
		if safeURL(s.Citation.URL) {
			cite = fmt.Sprintf("[%s](%s)", cite, s.Citation.URL)
		}
		if len(s.Section) > 0 {
			cite += " · " + escape(strings.Join(s.Section, " › "))
		}
		b.WriteString(line + "\n" + cite + "\n")
	}
	e.Description = clip.Runes(strings.TrimSpace(b.String()), maxDescription)
	return e
}

// embedSize counts the characters Discord limits to 6000 per message.
func embedSize(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	return n
}

// help is Discord's markup of help.
var help = answer.HelpFormat{
	Escape:  escape,
	Heading: func(s string) string { return "**" + s + "**" },
	Line: func(c answer.CommandHelp) string {
		return fmt.Sprintf("• `/talk %s` — %s", c.Usage, escape(c.Summary))
	},
}

// safeURL reports whether a URL can be a link target in an embed.
func safeURL(u string) bool {
	return (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) && !strings.ContainsAny(u, " ()<>\n")
}

// escape keeps note text from formatting as mentions or links: a zero-width
// space breaks "<@", "<#", "@everyone" and "@here", on top of allowing no
// mentions in every reply. Two passes: in "<@everyone" the first takes the
// "<@", the second still breaks the "@everyone" after it.
func escape(s string) string {
	return broadcastBreaker.Replace(mentionBreaker.Replace(s))
}

var (
	mentionBreaker   = strings.NewReplacer("<@", "<\u200b@", "<#", "<\u200b#")
	broadcastBreaker = strings.NewReplacer("@everyone", "@\u200beveryone", "@here", "@\u200bhere")
)

// choices turns names into autocomplete choices within Discord's limits.
func choices(names []string) []*discordgo.ApplicationCommandOptionChoice {
	out := []*discordgo.ApplicationCommandOptionChoice{}
	for _, n := range names {
		if len(out) == maxChoices {
			break
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: clip.Runes(n, maxChoiceLength), Value: clip.Runes(n, maxChoiceLength)})
	}
	return out
}
