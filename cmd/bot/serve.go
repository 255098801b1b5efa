package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"

	"github.com/bwmarrin/discordgo"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
	discordadapter "github.com/talkbot/talkbot/adapters/discord"
	slackadapter "github.com/talkbot/talkbot/adapters/slack"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/config"
	"github.com/talkbot/talkbot/corpus/embedded"
	"github.com/talkbot/talkbot/feedback"
	"github.com/talkbot/talkbot/metrics"
)

// runServe runs the chat adapters that the settings enable, and the HTTP
// server their endpoints need, until ctx ends.
func runServe(ctx context.Context, e *env, args []string) error {
	st := newSettings(e, "serve").server()
	if err := st.parse(args); err != nil {
		return err
	}
	cfg, err := st.load(e)
	if err != nil {
		return err
	}
	return serve(ctx, e, cfg)
}

// chatConfigured reports whether any chat service is configured.
func chatConfigured(cfg config.Config) bool { return cfg.Slack.Enabled() || cfg.Discord.Enabled() }

// serve runs the bot as a service until ctx ends (see service).
func serve(ctx context.Context, e *env, cfg config.Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	svc, err := newService(cfg, newLogger(e.stderr, cfg.LogFormat), e.getenv)
	if err != nil {
		return err
	}
	return svc.Run(ctx)
}

// feedbackRecorder returns the recorder of votes and unanswered questions:
// counted in the metrics, and written to the feedback log when one is set.
func feedbackRecorder(cfg config.Config, m *metrics.Metrics) (*feedback.Recorder, func(), error) {
	var l *feedback.Log
	closeLog := func() {}
	if cfg.FeedbackLog != "" {
		var err error
		if l, err = feedback.Open(cfg.FeedbackLog, cfg.FeedbackUsers); err != nil {
			return nil, nil, err
		}
		closeLog = func() { _ = l.Close() }
	}
	rec := feedback.NewRecorder(l)
	rec.Counted = func(adapter, vote string) { m.Feedback.WithLabelValues(adapter, vote).Inc() }
	m.Gaps = rec
	return rec, closeLog, nil
}

// gapSource reads the unanswered questions from the feedback log; nil
// when none is kept.
func gapSource(cfg config.Config) feedback.Source {
	if cfg.FeedbackLog == "" {
		return nil
	}
	return feedback.FileSource(cfg.FeedbackLog)
}

// corpusFS returns the configured notes folder, or the embedded notes.
func corpusFS(cfg config.Config) fs.FS {
	if cfg.Corpus == "" {
		return embedded.FS
	}
	return os.DirFS(cfg.Corpus)
}

// newLogger returns the server's logger, in text or JSON.
func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// slackAdapter builds the Slack adapter (and the Socket Mode client when
// configured); Start sets it going.
func slackAdapter(eng slackEngine, cfg config.Config, log *slog.Logger, rec *feedback.Recorder, connected func(bool)) (*slackadapter.Adapter, *socketmode.Client) {
	opts := []slack.Option{slack.OptionLog(slogBridge{log.With("lib", "slack-go")}), slack.OptionRetryConfig(slackadapter.WebAPIRetry())}
	if cfg.Slack.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.Slack.APIURL))
	}
	if cfg.Slack.SocketMode() {
		opts = append(opts, slack.OptionAppLevelToken(cfg.Slack.AppToken.Reveal()))
	}
	api := slack.New(cfg.Slack.BotToken.Reveal(), opts...)
	slackOpts := slackadapter.Options{SigningSecret: cfg.Slack.SigningSecret.Reveal(), Limit: cfg.Limit, Connected: connected, Threads: cfg.Threads, ThreadTTL: cfg.ThreadTTL,
		Feedback: rec, Gaps: gapSource(cfg), Admins: cfg.Admins}
	if u, err := url.Parse(cfg.Slack.APIURL); err == nil && u.Host != "" {
		slackOpts.ResponseHosts = []string{u.Host} // a proxy or test server stands in for Slack
	}
	sl := slackadapter.New(eng, api, log, slackOpts)
	var socket *socketmode.Client
	if cfg.Slack.SocketMode() {
		socket = socketmode.New(api, socketmode.OptionLog(slogBridge{log.With("lib", "socketmode")}))
	}
	return sl, socket
}

// discordGateway builds the gateway session, sharded when configured.
func discordGateway(cfg config.Config, r *discordadapter.Responder, log *slog.Logger) (*discordadapter.Gateway, error) {
	dlog := log.With("lib", "discordgo")
	discordgo.Logger = func(level, _ int, format string, a ...any) {
		if level <= discordgo.LogWarning {
			dlog.Warn(fmt.Sprintf(format, a...))
		}
	}
	s, err := discordgo.New("Bot " + cfg.Discord.BotToken.Reveal())
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	s.ShardID, s.ShardCount = cfg.Discord.ShardID, max(cfg.Discord.ShardCount, 1)
	s.Identify.Shard = &[2]int{s.ShardID, s.ShardCount}
	log.Info("discord: gateway", "shard", s.ShardID, "shards", s.ShardCount)
	g := discordadapter.NewGateway(s, r, log, cfg.Discord.AppID, cfg.Discord.GuildID)
	g.RememberThreads(cfg.Threads, cfg.ThreadTTL)
	return g, nil
}

// slackEngine is the engine as the Slack adapter uses it.
type slackEngine interface {
	Handle(ctx context.Context, r answer.Request, opts answer.Options) answer.Reply
	Overview(ctx context.Context, examples int) answer.Overview
}

// slogBridge writes slack-go's log lines to slog, at debug level.
type slogBridge struct{ log *slog.Logger }

func (b slogBridge) Output(_ int, s string) error {
	b.log.Debug(s)
	return nil
}
