package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	discordadapter "github.com/talkbot/talkbot/adapters/discord"
	"github.com/talkbot/talkbot/adapters/web"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/config"
	"github.com/talkbot/talkbot/corpus"
	"github.com/talkbot/talkbot/feedback"
	"github.com/talkbot/talkbot/internal/indexcache"
	"github.com/talkbot/talkbot/metrics"
	"github.com/talkbot/talkbot/poll"
	"github.com/talkbot/talkbot/reload"
	"github.com/talkbot/talkbot/server"
)

// service is the bot as a service: the HTTP server with health,
// readiness, metrics, the web page and the chat endpoints; the chat
// connections; the notes, loaded beside the live index and reloaded on
// change. Every endpoint is safe before the notes load: questions are
// told to wait, autocomplete offers nothing, /readyz says 503.
type service struct {
	cfg    config.Config
	log    *slog.Logger
	getenv func(string) string
	m      *metrics.Metrics
	srv    *server.Server
	eng    *answer.Engine // answers "still loading" until the notes are indexed

	closeFeedback func()
	starts        []func(ctx context.Context) error // the chat connections to hold
	waits         []func()                          // work to finish on stop, in order
}

// newService builds the service from its settings; nothing runs yet.
func newService(cfg config.Config, log *slog.Logger, getenv func(string) string) (*service, error) {
	s := &service{cfg: cfg, log: log, getenv: getenv, m: metrics.New(version), eng: answer.New(nil)}
	s.srv = server.New(log, s.m.Registry)
	s.srv.Expect("corpus")
	rec, closeFeedback, err := feedbackRecorder(cfg, s.m)
	if err != nil {
		return nil, err
	}
	s.closeFeedback = closeFeedback
	if cfg.Slack.Enabled() {
		s.addSlack(rec)
	}
	if cfg.Discord.Enabled() {
		if err := s.addDiscord(rec); err != nil {
			closeFeedback()
			return nil, err
		}
	}
	if cfg.Web.Enabled {
		// The page at /: questions counted as the web adapter's.
		site := web.New(s.m.Instrument(s.eng, "web", log), s.eng, log, web.Options{Limit: cfg.Limit, Token: cfg.Web.Token.Reveal(), PerSecond: float64(cfg.Web.Rate), Burst: 2 * cfg.Web.Rate})
		site.Register(s.srv.Handle)
	}
	return s, nil
}

// connection reports a chat connection's state: in the metrics, and, for a
// connection the bot holds open (Socket Mode, the Discord gateway), in
// /readyz; HTTP modes hold none and only report.
func (s *service) connection(name string, held bool) func(bool) {
	if held {
		s.srv.Expect(name)
	}
	s.m.Connected.WithLabelValues(name).Set(0)
	return func(up bool) {
		if held {
			s.srv.SetReady(name, up)
		}
		s.m.Connected.WithLabelValues(name).Set(map[bool]float64{true: 1}[up])
	}
}

func (s *service) addSlack(rec *feedback.Recorder) {
	sl, socket := slackAdapter(s.m.Instrument(s.eng, "slack", s.log), s.cfg, s.log, rec, s.connection("slack", s.cfg.Slack.SocketMode()))
	s.starts = append(s.starts, func(ctx context.Context) error {
		sl.Start(ctx) // learns the bot's user in the background
		if socket == nil {
			<-ctx.Done()
			return nil
		}
		return sl.RunSocketMode(ctx, socket)
	})
	s.waits = append(s.waits, sl.Wait)
	if s.cfg.Slack.HTTPMode() {
		s.srv.Handle("/slack/", sl.Handler())
	}
}

func (s *service) addDiscord(rec *feedback.Recorder) error {
	responder := discordadapter.NewResponder(s.m.Instrument(s.eng, "discord", s.log), s.log, s.cfg.Limit)
	responder.TakeFeedback(rec)
	responder.ShowGaps(gapSource(s.cfg), s.cfg.Admins)
	if s.cfg.Discord.HTTPMode() {
		s.srv.Handle("/discord/", discordadapter.Handler(responder, ed25519.PublicKey(s.cfg.Discord.Key()), s.log))
	}
	if !s.cfg.Discord.Gateway() {
		s.log.Info("discord: command registration skipped: it needs DISCORD_BOT_TOKEN")
		return nil
	}
	gw, err := discordGateway(s.cfg, responder, s.log)
	if err != nil {
		return err
	}
	gw.Connected = s.connection("discord", true)
	s.starts = append(s.starts, gw.Run)
	s.waits = append(s.waits, gw.Wait)
	return nil
}

// Run listens and serves, holds the chat connections, loads the notes and
// watches them until ctx ends (SIGTERM, SIGINT) or the server or a
// connection fails. Then it stops in order: the server drains its
// requests, the chat connections close, the answers under way are
// finished, the reloads end.
func (s *service) Run(ctx context.Context) error {
	defer s.closeFeedback()
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	s.log.Info("talkbot serving", "addr", ln.Addr().String(), "version", version, "corpus", corpusName(s.cfg))

	runCtx, stopRun := context.WithCancel(context.WithoutCancel(ctx))
	defer stopRun()
	errc := make(chan error, len(s.starts))
	for _, start := range s.starts {
		go func() { errc <- start(runCtx) }()
	}
	// Serve now: /livez answers and /readyz says 503 until the notes are
	// indexed and each held chat connection is up.
	srvCtx, stopServer := context.WithCancel(ctx)
	defer stopServer()
	srvDone := make(chan error, 1)
	go func() { srvDone <- s.srv.Run(srvCtx, ln, s.cfg.DrainTimeout) }()

	waitReload, err := s.loadNotes(runCtx)
	if err != nil {
		return err
	}
	if !chatConfigured(s.cfg) {
		s.log.Info("no chat service configured (SLACK_*, DISCORD_*): serving the web page, health and metrics")
	}

	var failed error
	select {
	case <-ctx.Done():
	case failed = <-srvDone:
		srvDone <- nil
	case failed = <-errc:
	}
	if failed != nil && !errors.Is(failed, http.ErrServerClosed) {
		s.log.Error("serve: stopped", "err", failed)
	}
	stopServer()
	if err := <-srvDone; err != nil && !errors.Is(err, http.ErrServerClosed) {
		s.log.Warn("serve: while draining", "err", err)
	}
	stopRun()
	for _, wait := range s.waits {
		wait()
	}
	_ = waitReload()
	s.log.Info("talkbot stopped")
	return nil
}

// loadNotes loads the notes beside the live index and swaps them in, then
// reloads them on change or SIGHUP until ctx ends; it returns the wait for
// the reloads to end.
func (s *service) loadNotes(ctx context.Context) (wait func() error, err error) {
	m := s.m
	reloader := reload.New(corpusFS(s.cfg), s.cfg.Corpus, s.eng.Swap, s.log, reload.Hooks{
		Swapped: func(ix *answer.Index) {
			go ix.Warm() // typo and name lookups, built off the question path
			talks, bullets := ix.Size()
			m.Talks.Set(float64(talks))
			m.Bullets.Set(float64(bullets))
			m.Reloads.Inc()
		},
		FileError: func(*corpus.FileError) { m.ReloadErrors.Inc() },
	})
	if s.cfg.Cache != "" {
		reloader.UseCache(indexcache.New(s.cfg.Cache, s.log), cacheName(s.cfg))
	}
	schedules := poll.New(nil, s.cfg.SchedulePoll, s.log)
	schedules.Fetched = func(_, result string) { m.ScheduleFetches.WithLabelValues(result).Inc() }
	reloader.FetchSchedules(schedules)
	restoreGC := startupGC(s.getenv, corpusFS(s.cfg))
	_, err = reloader.Load()
	restoreGC()
	if err != nil {
		return nil, err
	}
	s.srv.SetReady("corpus", true)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	context.AfterFunc(ctx, func() { signal.Stop(hup) })
	wait, err = reloader.Watch(ctx, hup)
	if err != nil {
		s.log.Warn("not watching the notes for changes; SIGHUP still reloads", "err", err)
		wait, _ = reload.New(corpusFS(s.cfg), "", s.eng.Swap, s.log, reload.Hooks{}).Watch(ctx, hup)
	}
	return wait, nil
}
