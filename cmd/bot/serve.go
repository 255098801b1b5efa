package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
	discordadapter "github.com/talkbot/talkbot/adapters/discord"
	slackadapter "github.com/talkbot/talkbot/adapters/slack"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/config"
)

// runServe runs the chat adapters that the settings enable, and the HTTP
// server their endpoints need, until ctx ends.
func runServe(ctx context.Context, e *env, args []string) error {
	cfg := config.FromEnv(e.getenv)
	fset := flags(e, "serve", &cfg)
	fset.StringVar(&cfg.Addr, "addr", cfg.Addr, "address of the HTTP server (env PORT)")
	if err := parseFlags(fset, args); err != nil {
		return err
	}
	return serve(ctx, e, cfg)
}

// chatConfigured reports whether any chat service is configured.
func chatConfigured(cfg config.Config) bool { return cfg.Slack.Enabled() || cfg.Discord.Enabled() }

func serve(ctx context.Context, e *env, cfg config.Config) error {
	if !chatConfigured(cfg) {
		return errors.New("no chat service configured: set the SLACK_* or DISCORD_* settings (see README)")
	}
	eng, err := loadEngine(e, cfg)
	if err != nil {
		return err
	}
	log := e.serverLog
	mux := http.NewServeMux()
	endpoints := false
	errc := make(chan error, 4)
	var waits []func()

	if cfg.Slack.Enabled() {
		sl, socket := slackAdapter(ctx, eng, cfg, log)
		waits = append(waits, sl.Wait)
		if cfg.Slack.HTTPMode() {
			mux.Handle("/slack/", sl.Handler())
			endpoints = true
		}
		if socket != nil {
			log.Info("slack: Socket Mode")
			go func() { errc <- sl.RunSocketMode(ctx, socket) }()
		}
	}
	if cfg.Discord.Enabled() {
		responder := discordadapter.NewResponder(eng, log, cfg.Limit)
		if cfg.Discord.HTTPMode() {
			mux.Handle("/discord/", discordadapter.Handler(responder, ed25519.PublicKey(cfg.Discord.Key()), log))
			endpoints = true
		}
		if cfg.Discord.Gateway() {
			gw, err := discordGateway(cfg, responder, log)
			if err != nil {
				return err
			}
			go func() { errc <- gw.Run(ctx) }()
		} else {
			log.Info("discord: command registration skipped: it needs DISCORD_BOT_TOKEN")
		}
	}

	var srv *http.Server
	if endpoints {
		ln, err := net.Listen("tcp", cfg.Addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
		}
		srv = &http.Server{
			Handler:           mux,
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      15 * time.Second,
			IdleTimeout:       60 * time.Second,
			MaxHeaderBytes:    32 << 10,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		}
		log.Info("serving chat endpoints", "addr", ln.Addr().String())
		go func() { errc <- srv.Serve(ln) }()
	}

	select {
	case <-ctx.Done():
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve: stopped", "err", err)
		}
	}
	if srv != nil {
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}
	for _, wait := range waits {
		wait()
	}
	return nil
}

// slackAdapter builds the Slack adapter (and the Socket Mode client when
// configured) and starts learning its bot user in the background.
func slackAdapter(ctx context.Context, eng *answer.Engine, cfg config.Config, log *slog.Logger) (*slackadapter.Adapter, *socketmode.Client) {
	opts := []slack.Option{slack.OptionLog(slogBridge{log.With("lib", "slack-go")})}
	if cfg.Slack.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.Slack.APIURL))
	}
	if cfg.Slack.SocketMode() {
		opts = append(opts, slack.OptionAppLevelToken(cfg.Slack.AppToken.Reveal()))
	}
	api := slack.New(cfg.Slack.BotToken.Reveal(), opts...)
	slackOpts := slackadapter.Options{SigningSecret: cfg.Slack.SigningSecret.Reveal(), Limit: cfg.Limit}
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
	return discordadapter.NewGateway(s, r, log, cfg.Discord.AppID, cfg.Discord.GuildID), nil
}

// slogBridge writes slack-go's log lines to slog, at debug level.
type slogBridge struct{ log *slog.Logger }

func (b slogBridge) Output(_ int, s string) error {
	b.log.Debug(s)
	return nil
}
