package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/bwmarrin/discordgo"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
	discordadapter "github.com/talkbot/talkbot/adapters/discord"
	slackadapter "github.com/talkbot/talkbot/adapters/slack"
	"github.com/talkbot/talkbot/adapters/web"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/config"
	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/corpus/embedded"
	"github.com/talkbot/talkbot/feedback"
	"github.com/talkbot/talkbot/metrics"
	"github.com/talkbot/talkbot/poll"
	"github.com/talkbot/talkbot/reload"
	"github.com/talkbot/talkbot/server"
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

// serve runs the bot as a service: the HTTP server with health, readiness
// and metrics, the configured chat adapters, and hot reload of the notes,
// until ctx ends; then it drains and stops cleanly.
func serve(ctx context.Context, e *env, cfg config.Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(e.stderr, cfg.LogFormat)
	m := metrics.New(version)
	srv := server.New(log, m.Registry)
	srv.Expect("corpus")
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	log.Info("talkbot serving", "addr", ln.Addr().String(), "version", version, "corpus", corpusName(cfg))
	rec, closeFeedback, err := feedbackRecorder(cfg, m)
	if err != nil {
		return err
	}
	defer closeFeedback()

	runCtx, stopRun := context.WithCancel(context.WithoutCancel(ctx))
	defer stopRun()
	errc := make(chan error, 4)

	eng := answer.New(nil) // answers "still loading" until the notes are indexed
	// A connection the bot holds open (Socket Mode, the Discord gateway)
	// must be up for /readyz; HTTP modes hold none and only report.
	connection := func(service string, held bool) func(bool) {
		if held {
			srv.Expect(service)
		}
		m.Connected.WithLabelValues(service).Set(0)
		return func(up bool) {
			if held {
				srv.SetReady(service, up)
			}
			m.Connected.WithLabelValues(service).Set(map[bool]float64{true: 1}[up])
		}
	}
	var waits []func()
	if cfg.Slack.Enabled() {
		sl, socket := slackAdapter(runCtx, m.Instrument(eng, "slack", log), cfg, log, rec, connection("slack", cfg.Slack.SocketMode()))
		waits = append(waits, sl.Wait)
		if cfg.Slack.HTTPMode() {
			srv.Handle("/slack/", sl.Handler())
		}
		if socket != nil {
			go func() { errc <- sl.RunSocketMode(runCtx, socket) }()
		}
	}
	if cfg.Discord.Enabled() {
		responder := discordadapter.NewResponder(m.Instrument(eng, "discord", log), log, cfg.Limit)
		responder.TakeFeedback(rec)
		responder.ShowGaps(gapSource(cfg), cfg.Admins)
		if cfg.Discord.HTTPMode() {
			srv.Handle("/discord/", discordadapter.Handler(responder, ed25519.PublicKey(cfg.Discord.Key()), log))
		}
		if cfg.Discord.Gateway() {
			gw, err := discordGateway(cfg, responder, log)
			if err != nil {
				return err
			}
			gw.Connected = connection("discord", true)
			waits = append(waits, gw.Wait)
			go func() { errc <- gw.Run(runCtx) }()
		} else {
			log.Info("discord: command registration skipped: it needs DISCORD_BOT_TOKEN")
		}
	}
	if cfg.Web.Enabled {
		// The page at /, registered before the server runs (it says the
		// notes are loading until they are): questions counted as the web
		// adapter's.
		site := web.New(m.Instrument(eng, "web", log), eng, log, web.Options{Limit: cfg.Limit, Token: cfg.Web.Token.Reveal(), PerSecond: float64(cfg.Web.Rate), Burst: 2 * cfg.Web.Rate})
		site.Register(srv.Handle)
	}
	// Serve now: /livez answers and /readyz says 503 until the notes are
	// indexed and each chat connection is up.
	srvCtx, stopServer := context.WithCancel(ctx)
	defer stopServer()
	srvDone := make(chan error, 1)
	go func() { srvDone <- srv.Run(srvCtx, ln, cfg.DrainTimeout) }()

	// The notes: loaded beside the live index, reloaded on change or SIGHUP.
	reloader := reload.New(corpusFS(cfg), cfg.Corpus, eng.Swap, log, reload.Hooks{
		Swapped: func(ix *answer.Index) {
			go ix.Warm() // typo and name lookups, built off the question path
			talks, bullets := ix.Size()
			m.Talks.Set(float64(talks))
			m.Bullets.Set(float64(bullets))
			m.Reloads.Inc()
		},
		FileError: func(*corpus.FileError) { m.ReloadErrors.Inc() },
	})
	schedules := poll.New(nil, cfg.SchedulePoll, log)
	schedules.Fetched = func(_, result string) { m.ScheduleFetches.WithLabelValues(result).Inc() }
	reloader.FetchSchedules(schedules)
	restoreGC := startupGC(e.getenv)
	_, err = reloader.Load()
	restoreGC()
	if err != nil {
		return err
	}
	srv.SetReady("corpus", true)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	waitReload, err := reloader.Watch(runCtx, hup)
	if err != nil {
		log.Warn("not watching the notes for changes; SIGHUP still reloads", "err", err)
		waitReload, _ = reload.New(corpusFS(cfg), "", eng.Swap, log, reload.Hooks{}).Watch(runCtx, hup)
	}

	if !chatConfigured(cfg) {
		log.Info("no chat service configured (SLACK_*, DISCORD_*): serving health and metrics only")
	}

	// Stop on SIGTERM/SIGINT (ctx): the server drains first, then the chat
	// connections close and the work in hand is finished.
	var failed error
	select {
	case <-ctx.Done():
	case failed = <-srvDone:
		srvDone <- nil
	case failed = <-errc:
	}
	if failed != nil && !errors.Is(failed, http.ErrServerClosed) {
		log.Error("serve: stopped", "err", failed)
	}
	stopServer()
	if err := <-srvDone; err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Warn("serve: while draining", "err", err)
	}
	stopRun()
	for _, wait := range waits {
		wait()
	}
	_ = waitReload()
	log.Info("talkbot stopped")
	return nil
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
// configured) and starts learning its bot user in the background.
func slackAdapter(ctx context.Context, eng slackEngine, cfg config.Config, log *slog.Logger, rec *feedback.Recorder, connected func(bool)) (*slackadapter.Adapter, *socketmode.Client) {
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
	sl.Start(ctx)
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
