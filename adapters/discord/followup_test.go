package discord

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// embedTitles returns the titles of the embeds of a message the bot sent.
func embedTitles(t *testing.T, body string) []string {
	t.Helper()
	var m struct {
		Embeds []struct {
			Title string `json:"title"`
		} `json:"embeds"`
	}
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("message %s: %v", body, err)
	}
	var out []string
	for _, e := range m.Embeds {
		out = append(out, e.Title)
	}
	return out
}

// TestGatewayFollowUps: a reply to the bot's answer that mentions it, and
// any message in a DM after an answer there, build on that answer; a
// message in a server channel that does not mention the bot is never
// answered.
func TestGatewayFollowUps(t *testing.T) {
	f := newFakeDiscord(t)
	g, conn, _, stop := runGateway(t, f)
	defer stop()
	bot := map[string]any{"id": "1001", "username": "talkbot"}
	author := map[string]any{"id": "U1", "username": "ada"}

	f.dispatch(conn, "MESSAGE_CREATE", map[string]any{"id": "M1", "channel_id": "C1", "guild_id": "G1",
		"content": "<@1001> what did beazley say about the gil", "author": author, "mentions": []any{bot}})
	first := f.waitCall("/channels/C1/messages")
	remembered(t, g, "message/B1")
	if !strings.Contains(first.Body, "Embracing The GIL") {
		t.Fatalf("first answer: %s", first.Body)
	}

	// A reply to that answer (B1), mentioning the bot as replies do.
	f.dispatch(conn, "MESSAGE_CREATE", map[string]any{"id": "M2", "channel_id": "C1", "guild_id": "G1",
		"content": "did he mention pypy?", "author": author, "mentions": []any{bot},
		"message_reference": map[string]any{"message_id": "B1", "channel_id": "C1", "guild_id": "G1"}})
	reply := f.waitCall("/channels/C1/messages")
	if titles := embedTitles(t, reply.Body); len(titles) == 0 || titles[0] != "Keynote: David Beazley" || !strings.Contains(reply.Body, "talk about Pypy") {
		t.Errorf("follow-up answered with %s", reply.Body)
	}

	// The same words, replying to nothing the bot said: a question of its
	// own, which does not lead with Beazley's keynote.
	f.dispatch(conn, "MESSAGE_CREATE", map[string]any{"id": "M3", "channel_id": "C1", "guild_id": "G1",
		"content": "<@1001> did he mention pypy?", "author": author, "mentions": []any{bot}})
	fresh := f.waitCall("/channels/C1/messages")
	if titles := embedTitles(t, fresh.Body); len(titles) > 0 && titles[0] == "Keynote: David Beazley" {
		t.Errorf("a message replying to nothing was read as a follow-up: %s", fresh.Body)
	}

	// A busy channel: a message that does not mention the bot is left alone.
	f.dispatch(conn, "MESSAGE_CREATE", map[string]any{"id": "M4", "channel_id": "C1", "guild_id": "G1",
		"content": "and about pypy?", "author": author, "mentions": []any{},
		"message_reference": map[string]any{"message_id": "B1", "channel_id": "C1", "guild_id": "G1"}})

	// A DM: no mention needed, and the next message builds on the answer.
	f.dispatch(conn, "MESSAGE_CREATE", map[string]any{"id": "M5", "channel_id": "D1", "content": "talks about testing", "author": author, "mentions": []any{}})
	dm := f.waitCall("/channels/D1/messages")
	remembered(t, g, "channel/D1")
	f.dispatch(conn, "MESSAGE_CREATE", map[string]any{"id": "M6", "channel_id": "D1", "content": "show the second one", "author": author, "mentions": []any{}})
	second := f.waitCall("/channels/D1/messages")
	listed, shown := embedTitles(t, dm.Body), embedTitles(t, second.Body)
	if len(listed) < 2 || len(shown) != 1 || shown[0] != listed[1] {
		t.Errorf("'show the second one' in a DM showed %q; the answer before listed %q", shown, listed)
	}
	if n := f.countCalls("/channels/C1/messages"); n != 3 {
		t.Errorf("%d messages sent to the server channel; want 3 (the unmentioned one unanswered)", n)
	}
}

// remembered waits until the gateway keeps an answer under key: it does
// so once Discord has taken the message, which the fake records first.
func remembered(t *testing.T, g *Gateway, key string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, ok := g.threads.Get(key); ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no answer remembered under %q", key)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
