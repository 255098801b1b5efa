package slack

import (
	"context"
	"encoding/json"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// RunSocketMode serves Slack over a Socket Mode connection until ctx ends:
// every envelope is acknowledged, slash commands in the acknowledgement.
func (a *Adapter) RunSocketMode(ctx context.Context, client *socketmode.Client) error {
	errc := make(chan error, 1)
	go func() { errc <- client.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			return err
		case evt := <-client.Events:
			// Each event on its own: a slash command being answered must
			// not hold up the acknowledgement of the next envelope.
			a.work.Add(1)
			go func() {
				defer a.work.Done()
				a.socketEvent(ctx, evt, func(req socketmode.Request, payload any) {
					if err := client.Ack(req, payload); err != nil {
						a.log.Warn("slack: ack failed", "envelope", req.EnvelopeID, "err", err)
					}
				})
			}()
		}
	}
}

// socketEvent handles one Socket Mode event; ack acknowledges its envelope.
func (a *Adapter) socketEvent(ctx context.Context, evt socketmode.Event, ack func(socketmode.Request, any)) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("slack: panic in socket mode event", "type", evt.Type, "panic", p)
		}
	}()
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		if evt.Request != nil {
			ack(*evt.Request, nil)
		}
		if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok && ev.Type == slackevents.CallbackEvent {
			a.callbackEvent(ctx, ev)
		}
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(slack.SlashCommand)
		if !ok || evt.Request == nil {
			return
		}
		if r, ok := a.slashCommand(ctx, cmd); ok {
			ack(*evt.Request, r)
		} else {
			ack(*evt.Request, nil)
		}
	case socketmode.EventTypeInteractive:
		if evt.Request != nil {
			ack(*evt.Request, nil)
		}
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			a.background(ctx, "interaction", func(ctx context.Context) { a.interaction(ctx, cb) })
		}
	case socketmode.EventTypeConnected:
		a.log.Info("slack: socket mode connected")
		a.opts.Connected(true)
	case socketmode.EventTypeConnecting, socketmode.EventTypeHello:
		a.log.Info("slack: socket mode", "state", evt.Type)
	case socketmode.EventTypeConnectionError, socketmode.EventTypeInvalidAuth, socketmode.EventTypeDisconnect:
		a.log.Warn("slack: socket mode", "state", evt.Type)
		a.opts.Connected(false)
	case socketmode.EventTypeErrorBadMessage:
		// An envelope slack-go could not read (an event type it does not
		// know): acknowledged, or Slack sends it again.
		a.log.Warn("slack: socket mode", "state", evt.Type)
		if bad, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			var req socketmode.Request
			if json.Unmarshal(bad.Message, &req) == nil && req.EnvelopeID != "" {
				ack(req, nil)
			}
		}
	}
}
