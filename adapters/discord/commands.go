package discord

import (
	"github.com/bwmarrin/discordgo"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/internal/clip"
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
			Description: clip.Runes(c.Summary, 100),
		}
		if c.Arg != "" {
			complete := c.Complete != answer.NoField
			sub.Options = []*discordgo.ApplicationCommandOption{{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         c.Arg,
				Description:  clip.Runes("The "+c.Arg+", e.g. "+c.Example, 100),
				Required:     !c.Optional,
				Autocomplete: complete,
				MaxLength:    answer.MaxQueryLen,
			}}
		}
		subs = append(subs, sub)
	}
	subs = append(subs, &discordgo.ApplicationCommandOption{
		Type:        discordgo.ApplicationCommandOptionSubCommand,
		Name:        gapsCommand,
		Description: "For the bot's admins: the questions most often unanswered or voted down.",
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "since", Description: "How far back, like 7d or 36h (7d when left out)", MaxLength: 10,
		}},
	})
	// Installed in a server or by a user for themselves, and used in
	// servers, DMs with the bot and other DMs alike.
	installs := &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall, discordgo.ApplicationIntegrationUserInstall}
	contexts := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel}
	return []*discordgo.ApplicationCommand{{
		Name:             commandName,
		Description:      "Ask about the talks in the notes",
		Options:          subs,
		IntegrationTypes: installs,
		Contexts:         contexts,
	}, {
		Name:             askMessageCommand,
		Type:             discordgo.MessageApplicationCommand,
		IntegrationTypes: installs,
		Contexts:         contexts,
	}}
}

// gapsCommand is the subcommand for the admins; askMessageCommand the
// command of a message's context menu that asks about its text.
const (
	gapsCommand       = "gaps"
	askMessageCommand = "Ask talkbot"
)
