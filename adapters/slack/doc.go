// Package slack is the Slack adapter: it answers /talk slash commands,
// mentions of the bot and direct messages with Block Kit replies, over
// Socket Mode or over HTTP (slash commands, the Events API and interactive
// buttons on the bot's own server), through github.com/slack-go/slack.
//
// Every HTTP request is verified against the signing secret before it is
// parsed. Note text is escaped so that it can never ping a user or a
// channel, and every reply is cut to Slack's limits rather than rejected.
package slack
