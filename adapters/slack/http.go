package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/talkbot/talkbot/internal/httpbody"
)

// MaxBodyBytes bounds the body of a request from Slack; larger ones get 413.
const MaxBodyBytes = 256 << 10

// Handler returns the HTTP endpoints Slack calls in HTTP mode:
// POST /slack/commands, /slack/events and /slack/interactions. Every
// request is verified with the signing secret before it is parsed.
func (a *Adapter) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /slack/commands", a.verified(a.serveCommand))
	mux.Handle("POST /slack/events", a.verified(a.serveEvent))
	mux.Handle("POST /slack/interactions", a.verified(a.serveInteraction))
	return mux
}

// verified reads a request's body within MaxBodyBytes and checks its
// signature (and that it is no older than five minutes) before calling
// next with the body. Failures get 413 or 401 and no work is done.
func (a *Adapter) verified(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("slack: panic in handler", "path", r.URL.Path, "panic", p)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		body, ok := httpbody.Read(w, r, MaxBodyBytes)
		if !ok {
			return
		}
		if a.opts.SigningSecret == "" {
			http.Error(w, "slack: no signing secret configured", http.StatusUnauthorized)
			return
		}
		sv, err := slack.NewSecretsVerifier(r.Header, a.opts.SigningSecret)
		if err == nil {
			_, _ = sv.Write(body)
			err = sv.Ensure()
		}
		if err != nil {
			a.log.Warn("slack: request refused", "path", r.URL.Path, "err", err)
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		next(w, r, body)
	})
}

func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request, body []byte) {
	r.Body = io.NopCloser(bytes.NewReader(body))
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "bad slash command", http.StatusBadRequest)
		return
	}
	resp, ok := a.slashCommand(r.Context(), cmd)
	if !ok {
		w.WriteHeader(http.StatusOK) // acknowledged; the answer follows
		return
	}
	writeJSON(w, resp)
}

func (a *Adapter) serveEvent(w http.ResponseWriter, r *http.Request, body []byte) {
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// A signed callback with an event slack-go does not know, or
		// cannot read, is acknowledged: Slack would only send it again.
		var outer struct {
			Type string `json:"type"`
		}
		if json.Unmarshal(body, &outer) == nil && outer.Type == slackevents.CallbackEvent {
			a.log.Debug("slack: event not read", "err", err)
			w.WriteHeader(http.StatusOK)
			return
		}
		http.Error(w, "bad event", http.StatusBadRequest)
		return
	}
	switch ev.Type {
	case slackevents.URLVerification:
		v, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			http.Error(w, "bad url_verification", http.StatusBadRequest)
			return
		}
		writeJSON(w, map[string]string{"challenge": v.Challenge})
	case slackevents.CallbackEvent:
		a.callbackEvent(r.Context(), ev)
		w.WriteHeader(http.StatusOK)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("payload") == "" {
		http.Error(w, "bad interaction", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		http.Error(w, "bad interaction payload", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusOK)
	a.background(r.Context(), "interaction", func(ctx context.Context) { a.interaction(ctx, cb) })
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
