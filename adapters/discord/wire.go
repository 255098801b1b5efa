package discord

import (
	"encoding/json"

	"github.com/bwmarrin/discordgo"
)

// wireResponse is an interaction response as Discord's API types have it
// (discord-api-types): an array is absent, never null; an autocomplete
// result carries its choices, [] when none, and nothing else. A message
// updated in place sends its components and embeds even when empty, so
// that the old ones go. discordgo's own InteractionResponseData writes
// null arrays and empty message fields, so responses are encoded here.
type wireResponse struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data json.RawMessage                   `json:"data,omitempty"`
}

type wireMessage struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds,omitempty"`
	Components      []discordgo.MessageComponent      `json:"components,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions,omitempty"`
	Flags           discordgo.MessageFlags            `json:"flags,omitempty"`
}

// wireUpdate is a message updated in place: its arrays always present.
type wireUpdate struct {
	Content         string                            `json:"content"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	Components      []discordgo.MessageComponent      `json:"components"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions,omitempty"`
}

type wireChoices struct {
	Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
}

// encodeResponse writes an interaction response as Discord's API types
// allow it.
func encodeResponse(resp *discordgo.InteractionResponse) ([]byte, error) {
	w := wireResponse{Type: resp.Type}
	var data any
	switch d := resp.Data; {
	case resp.Type == discordgo.InteractionApplicationCommandAutocompleteResult:
		choices := []*discordgo.ApplicationCommandOptionChoice{}
		if d != nil && d.Choices != nil {
			choices = d.Choices
		}
		data = wireChoices{Choices: choices}
	case d == nil:
	case resp.Type == discordgo.InteractionResponseUpdateMessage:
		u := wireUpdate{Content: d.Content, Embeds: d.Embeds, Components: d.Components, AllowedMentions: d.AllowedMentions}
		if u.Embeds == nil {
			u.Embeds = []*discordgo.MessageEmbed{}
		}
		if u.Components == nil {
			u.Components = []discordgo.MessageComponent{}
		}
		data = u
	default:
		data = wireMessage{Content: d.Content, Embeds: d.Embeds, Components: d.Components, AllowedMentions: d.AllowedMentions, Flags: d.Flags}
	}
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return nil, err
		}
		w.Data = b
	}
	return json.Marshal(w)
}

// decodeInteraction reads an interaction. A component press whose message
// holds a component type discordgo does not know is read without that
// message, which no answer needs.
func decodeInteraction(body []byte) (*discordgo.Interaction, error) {
	var i discordgo.Interaction
	err := json.Unmarshal(body, &i)
	if err == nil {
		return &i, nil
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil || fields["message"] == nil {
		return nil, err
	}
	delete(fields, "message")
	trimmed, merr := json.Marshal(fields)
	if merr != nil {
		return nil, err
	}
	i = discordgo.Interaction{}
	if json.Unmarshal(trimmed, &i) != nil {
		return nil, err
	}
	return &i, nil
}
