package slack

import (
	"encoding/json"
	"github.com/talkbot/talkbot/answer"
	"strings"
	"sync"
	"testing"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// acks records the envelopes acknowledged and their payloads.
type acks struct {
	mu  sync.Mutex
	ids []string
	pay []any
}

func (a *acks) ack(req socketmode.Request, payload any) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ids = append(a.ids, req.EnvelopeID)
	a.pay = append(a.pay, payload)
}

// TestSocketModeEnvelopes feeds Socket Mode events, as slack-go's client
// emits them, to the adapter: every envelope is acked once, slash commands
// with their answer.
func TestSocketModeEnvelopes(t *testing.T) {
	a, f, _ := newTestAdapter(t, defaultEngine(t))
	var got acks

	// A slash command: answered in the acknowledgement.
	a.socketEvent(t.Context(), socketmode.Event{
		Type:    socketmode.EventTypeSlashCommand,
		Data:    slack.SlashCommand{Command: "/talk", Text: "uvloop", ResponseURL: f.srv.URL + "/response/sm"},
		Request: &socketmode.Request{Type: "slash_commands", EnvelopeID: "env-1"},
	}, got.ack)
	if len(got.ids) != 1 || got.ids[0] != "env-1" {
		t.Fatalf("acks %v; want env-1", got.ids)
	}
	r, ok := got.pay[0].(response)
	if !ok || r.ResponseType != "ephemeral" || !strings.Contains(blocksJSON(t, r.Blocks), "uvloop") {
		t.Errorf("slash command acked with %#v", got.pay[0])
	}

	// An app mention: acked, then answered in its thread.
	raw := eventBody("EvSM1", `{"type":"app_mention","user":"U1","text":"<@UBOT> kubernets","ts":"5.5","channel":"C5"}`)
	ev, err := slackevents.ParseEvent(json.RawMessage(raw), slackevents.OptionNoVerifyToken())
	if err != nil {
		t.Fatal(err)
	}
	a.socketEvent(t.Context(), socketmode.Event{Type: socketmode.EventTypeEventsAPI, Data: ev, Request: &socketmode.Request{Type: "events_api", EnvelopeID: "env-2"}}, got.ack)
	a.socketEvent(t.Context(), socketmode.Event{Type: socketmode.EventTypeEventsAPI, Data: ev, Request: &socketmode.Request{Type: "events_api", EnvelopeID: "env-2b", RetryAttempt: 1}}, got.ack)
	posted := f.wait(t, 1)
	if posted[0].Channel != "C5" || posted[0].ThreadTS != "5.5" || !strings.Contains(posted[0].Blocks, "Kubernetes") {
		t.Errorf("mention answered with %+v", posted[0])
	}

	// A button press: acked, answered through the response URL.
	var cb slack.InteractionCallback
	payload := strings.Replace(string(interactionBody(actionShare, buttonValue(answer.Request{Command: "ask", Arg: "gil"}), true)), "RESPONSE", f.srv.URL+"/response/smbutton", 1)
	if err := json.Unmarshal([]byte(payload), &cb); err != nil {
		t.Fatal(err)
	}
	a.socketEvent(t.Context(), socketmode.Event{Type: socketmode.EventTypeInteractive, Data: cb, Request: &socketmode.Request{Type: "interactive", EnvelopeID: "env-3"}}, got.ack)
	posted = f.wait(t, 2)
	a.Wait()
	if len(posted) != 2 || posted[1].Channel != "smbutton" || posted[1].Body["response_type"] != "in_channel" {
		t.Errorf("button answered with %+v", posted)
	}
	if want := []string{"env-1", "env-2", "env-2b", "env-3"}; strings.Join(got.ids, ",") != strings.Join(want, ",") {
		t.Errorf("acked %v; want %v", got.ids, want)
	}
}

func blocksJSON(t *testing.T, blocks []slack.Block) string {
	t.Helper()
	b, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSocketModeUnreadableEnvelopeAcked: an envelope slack-go cannot read
// (an event type it does not know) is acknowledged by its envelope id, or
// Slack would send it again; one without an id is only logged.
func TestSocketModeUnreadableEnvelopeAcked(t *testing.T) {
	a, f, _ := newTestAdapter(t, defaultEngine(t))
	var got acks
	for _, msg := range []string{
		`{"envelope_id":"env-new","type":"events_api","payload":{"type":"event_callback","event":null}}`,
		`{"type":"events_api","payload":{}}`,
		`not json`,
	} {
		a.socketEvent(t.Context(), socketmode.Event{
			Type: socketmode.EventTypeErrorBadMessage,
			Data: &socketmode.ErrorBadMessage{Message: json.RawMessage(msg)},
		}, got.ack)
	}
	if strings.Join(got.ids, ",") != "env-new" {
		t.Errorf("acked %v; want env-new only", got.ids)
	}
	f.none(t, a)
}
