package discord

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/talkbot/talkbot/feedback"
)

func TestVoteAcknowledgedCountedAndLoggedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.jsonl")
	log, err := feedback.Open(path, true)
	if err != nil {
		t.Fatal(err)
	}
	rec := feedback.NewRecorder(log)
	counted := map[string]int{}
	rec.Counted = func(adapter, vote string) { counted[adapter+"/"+vote]++ }
	r := testResponder(t)
	r.TakeFeedback(rec)

	answer := respond(t, r, commandJSON("ask", "question", "uvloop", false))
	rows := answer.Data.Components
	if len(rows) != 2 {
		t.Fatalf("%d component rows; want the actions and the votes", len(rows))
	}
	votes := rows[1].(discordgo.ActionsRow).Components
	up, down := votes[0].(discordgo.Button), votes[1].(discordgo.Button)
	if up.Label != "👍" || down.Label != "👎" || !strings.HasPrefix(down.CustomID, buttonDown+":") {
		t.Fatalf("vote buttons %+v %+v", up, down)
	}

	for range 2 { // the press, and Discord delivering the same interaction again
		resp := respond(t, r, buttonJSON(down.CustomID))
		if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, "👎") {
			t.Errorf("vote acknowledged with %+v; want an ephemeral thanks", resp.Data)
		}
	}
	log.Close()
	entries, err := feedback.ReadEntries(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("%d entries for one interaction delivered twice; want 1", len(entries))
	}
	e := entries[0]
	if e.Adapter != "discord" || e.Vote != feedback.Down || e.Question != "uvloop" || e.User != "U1" || len(e.Citations) == 0 {
		t.Errorf("entry %+v", e)
	}
	if counted["discord/down"] != 1 {
		t.Errorf("counted %v", counted)
	}
}
