package discord

import (
	"github.com/bwmarrin/discordgo"
	"github.com/talkbot/talkbot/answer"
)

// commandName is the application command.
const commandName = "talk"

// Commands returns the /talk application command: one subcommand for each
// command of the core table, its argument a string option that offers
// autocomplete for titles, speakers and events.
func Commands() []*discordgo.ApplicationCommand {
	var subs []*discordgo.ApplicationCommandOption
	for _, c := range answer.Commands {
		sub := &discordgo.ApplicationCommandOption{
			Type:        discordgo.ApplicationCommandOptionSubCommand,
			Name:        c.Name,
			Description: clip(c.Summary, 100),
		}
		if c.Arg != "" {
			_, complete := completion[c.Name]
			sub.Options = []*discordgo.ApplicationCommandOption{{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         c.Arg,
				Description:  clip("The "+c.Arg+", e.g. "+c.Example, 100),
				Required:     !c.Optional,
				Autocomplete: complete,
				MaxLength:    answer.MaxQueryLen,
			}}
		}
		subs = append(subs, sub)
	}
	return []*discordgo.ApplicationCommand{{
		Name:        commandName,
		Description: "Ask about the talks in the notes",
		Options:     subs,
	}}
}

// completion says which subcommands' options autocomplete, and from what.
var completion = map[string]answer.Field{
	"show":    answer.TitleField,
	"speaker": answer.SpeakerField,
	"event":   answer.EventField,
	"when":    answer.TitleField,
	"room":    answer.RoomField,
	"track":   answer.TrackField,
}
