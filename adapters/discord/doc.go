// Package discord is the Discord adapter: the /talk application command
// (subcommands ask, show, speaker, event, help, with autocomplete), answers
// as embeds with Share and More buttons, and replies to mentions of the bot,
// through github.com/bwmarrin/discordgo, over the gateway or an HTTP
// interactions endpoint.
//
// Every HTTP interaction is verified (Ed25519) before it is parsed, every
// reply allows no mentions, and embeds are cut to Discord's limits rather
// than rejected.
package discord
