package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"github.com/talkbot/talkbot/adapters/internal/threads"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/feedback"
)

// answerer is what the adapter needs of the engine: answers, and the
// overview of the notes for the Home tab and the assistant's prompts.
type answerer interface {
	answer.Handler
	Overview(ctx context.Context, examples int) answer.Overview
}

// webAPI is the part of Slack's Web API client the adapter calls.
type webAPI interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	AuthTestContext(ctx context.Context) (*slack.AuthTestResponse, error)
	PublishViewContext(ctx context.Context, req slack.PublishViewContextRequest) (*slack.ViewResponse, error)
	SetAssistantThreadsSuggestedPromptsContext(ctx context.Context, params slack.AssistantThreadsSetSuggestedPromptsParameters) error
	SetAssistantThreadsStatusContext(ctx context.Context, params slack.AssistantThreadsSetStatusParameters) error
}

// Options configure an Adapter.
type Options struct {
	// SigningSecret verifies HTTP requests; required for Handler.
	SigningSecret string
	// Limit is the number of talks a reply shows (answer.DefaultLimit when 0).
	Limit int
	// HTTPClient posts to response URLs (http.DefaultClient when nil).
	HTTPClient *http.Client
	// ResponseHosts are hosts, besides Slack's own (https://*.slack.com),
	// that response URLs may point to: a proxy, or a test server.
	ResponseHosts []string
	// Connected, when set, hears whether the connection to Slack is up:
	// auth.test answered, or the Socket Mode connection came up or down.
	Connected func(up bool)
	// Threads is how many threads the adapter remembers its last answer
	// in, for follow-ups ("more", "what else did he say?"), each for
	// ThreadTTL (a day when 0); 0 threads: no follow-ups.
	Threads   int
	ThreadTTL time.Duration
	// Feedback takes the 👍 and 👎 pressed on answers; nil takes nothing.
	Feedback *feedback.Recorder
	// Gaps gives the unanswered questions that "/talk gaps" shows to the
	// Admins (Slack user IDs); nil when no feedback log is kept.
	Gaps   feedback.Source
	Admins []string
	// AnswerIn is how long a slash command may take to be answered in the
	// HTTP response before the answer goes through the response URL
	// instead (2.5 s when 0; Slack allows 3).
	AnswerIn time.Duration
}

// Adapter connects the engine to Slack.
type Adapter struct {
	engine    answerer
	handler   answer.Handler // engine, panics made apologies
	api       webAPI
	log       *slog.Logger
	opts      Options
	botUserID atomic.Value // string, once auth.test has answered
	seen      *dedupe
	threads   *threads.Memory
	recent    recentQuestions // asked in the open and answered, for the Home tab
	// assistantThreads are the assistant threads started, whose questions
	// show a status while answered.
	assistantThreads *dedupe
	work             sync.WaitGroup // answers still being posted
}

// New returns an adapter answering from engine and posting through api.
func New(engine answerer, api webAPI, log *slog.Logger, opts Options) *Adapter {
	if opts.HTTPClient == nil {
		opts.HTTPClient = http.DefaultClient
	}
	if opts.AnswerIn == 0 {
		opts.AnswerIn = 2500 * time.Millisecond
	}
	if opts.Limit == 0 {
		opts.Limit = answer.DefaultLimit
	}
	if opts.Connected == nil {
		opts.Connected = func(bool) {}
	}
	if opts.ThreadTTL == 0 {
		opts.ThreadTTL = 24 * time.Hour
	}
	a := &Adapter{engine: engine, handler: answer.Recovering(engine, log, "slack"), api: api, log: log, opts: opts, seen: newDedupe(10000, time.Hour), threads: threads.New(opts.Threads, opts.ThreadTTL),
		assistantThreads: newDedupe(10000, 24*time.Hour)}
	a.botUserID.Store("")
	return a
}

// Start learns the bot's own user ID with auth.test, retrying in the
// background until Slack answers or ctx ends; the adapter serves meanwhile.
func (a *Adapter) Start(ctx context.Context) {
	a.work.Add(1)
	go func() {
		defer a.work.Done()
		wait := time.Second
		for {
			resp, err := a.api.AuthTestContext(ctx)
			if err == nil {
				a.botUserID.Store(resp.UserID)
				a.log.Info("slack: connected", "team", resp.Team, "bot_user", resp.UserID)
				a.opts.Connected(true)
				return
			}
			a.log.Warn("slack: auth.test failed; retrying", "err", err, "in", wait)
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, 5*time.Minute)
		}
	}()
}

// Wait blocks until the answers being posted are done.
func (a *Adapter) Wait() { a.work.Wait() }

// background runs fn after the request that asked for it has been
// acknowledged, with its own deadline, recovering from panics.
func (a *Adapter) background(ctx context.Context, what string, fn func(ctx context.Context)) {
	a.work.Add(1)
	go func() {
		defer a.work.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("slack: panic", "in", what, "panic", p)
			}
		}()
		fn(ctx)
	}()
}

// ask answers a request; a panic in the engine becomes a short apology.
func (a *Adapter) ask(ctx context.Context, req answer.Request) answer.Reply {
	return a.handler.Handle(ctx, req, answer.Options{Limit: a.opts.Limit})
}

// response is the JSON of a slash command response or a message sent to a
// response URL.
type response struct {
	ResponseType    string        `json:"response_type,omitempty"`
	Text            string        `json:"text"`
	Blocks          []slack.Block `json:"blocks,omitempty"`
	ReplaceOriginal bool          `json:"replace_original,omitempty"`
	DeleteOriginal  bool          `json:"delete_original,omitempty"`
}

func (m message) response(responseType string) response {
	return response{ResponseType: responseType, Text: m.Text, Blocks: m.Blocks}
}

// responseURLAllowed reports whether a response URL points to Slack (or a
// configured host), so that a request cannot make the bot post elsewhere.
func (a *Adapter) responseURLAllowed(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return false
	}
	if u.Scheme == "https" && (u.Hostname() == "slack.com" || strings.HasSuffix(u.Hostname(), ".slack.com")) {
		return true
	}
	return slices.Contains(a.opts.ResponseHosts, u.Host)
}

// WebAPIRetry is how the Web API client should retry: on 429 after
// Retry-After and on 5xx with backoff, three times at most; never on a
// broken connection, which may have delivered the message already.
func WebAPIRetry() slack.RetryConfig {
	cfg := slack.DefaultRetryConfig()
	cfg.RetryAfterDuration = time.Second
	cfg.BackoffInitial = responseBackoff
	cfg.Handlers = []slack.RetryHandler{slack.NewRateLimitErrorRetryHandler(cfg), slack.NewServerErrorRetryHandler(cfg)}
	return cfg
}

// A response URL takes five messages in thirty minutes; an answer uses at
// most responseAttempts of them, and only when Slack said the earlier ones
// were not taken (429 or 5xx), so that no answer is ever posted twice.
const (
	responseAttempts = 3
	responseBackoff  = 500 * time.Millisecond
)

// postResponse sends a message to a response URL, retrying on 429 (after
// Retry-After) and 5xx while the context allows.
func (a *Adapter) postResponse(ctx context.Context, url string, r response) error {
	if !a.responseURLAllowed(url) {
		return fmt.Errorf("slack: response URL %q is not Slack's", url)
	}
	msg := &slack.WebhookMessage{
		Text: r.Text, Blocks: &slack.Blocks{BlockSet: r.Blocks}, ResponseType: r.ResponseType,
		ReplaceOriginal: r.ReplaceOriginal, DeleteOriginal: r.DeleteOriginal,
	}
	backoff := responseBackoff
	for attempt := 1; ; attempt++ {
		err := slack.PostWebhookCustomHTTPContext(ctx, url, a.opts.HTTPClient, msg)
		if err == nil {
			return nil
		}
		wait, retry := retryAfter(err, backoff)
		if !retry || attempt == responseAttempts {
			return fmt.Errorf("slack: response URL (attempt %d): %w", attempt, err)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return fmt.Errorf("slack: response URL: no time left to retry after %v: %w", wait, err)
		}
		a.log.Warn("slack: response URL refused, retrying", "attempt", attempt, "wait", wait, "err", err)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return ctx.Err()
		}
		backoff *= 2
	}
}

// retryAfter tells whether Slack refused a post without taking it, and how
// long to wait: its Retry-After on 429, backoff on 5xx.
func retryAfter(err error, backoff time.Duration) (time.Duration, bool) {
	var limited *slack.RateLimitedError
	if errors.As(err, &limited) {
		return max(limited.RetryAfter, time.Second), true
	}
	var status slack.StatusCodeError
	if errors.As(err, &status) {
		switch {
		case status.Code == http.StatusTooManyRequests:
			return time.Second, true
		case status.Code >= 500:
			return backoff, true
		}
	}
	return 0, false
}
