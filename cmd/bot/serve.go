package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
	slackadapter "github.com/talkbot/talkbot/adapters/slack"
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

func serve(ctx context.Context, e *env, cfg config.Config) error {
	if !cfg.Slack.Enabled() {
		return errors.New("no chat service configured: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET")
	}
	eng, err := loadEngine(e, cfg)
	if err != nil {
		return err
	}
	log := e.serverLog
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

	errc := make(chan error, 2)
	var srv *http.Server
	if cfg.Slack.HTTPMode() {
		ln, err := net.Listen("tcp", cfg.Addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
		}
		srv = &http.Server{
			Handler:           sl.Handler(),
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      15 * time.Second,
			IdleTimeout:       60 * time.Second,
			MaxHeaderBytes:    32 << 10,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		}
		log.Info("slack: HTTP mode", "addr", ln.Addr().String())
		go func() { errc <- srv.Serve(ln) }()
	}
	if cfg.Slack.SocketMode() {
		client := socketmode.New(api, socketmode.OptionLog(slogBridge{log.With("lib", "socketmode")}))
		log.Info("slack: Socket Mode")
		go func() { errc <- sl.RunSocketMode(ctx, client) }()
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
	sl.Wait()
	return nil
}

// slogBridge writes slack-go's log lines to slog, at debug level.
type slogBridge struct{ log *slog.Logger }

func (b slogBridge) Output(_ int, s string) error {
	b.log.Debug(s)
	return nil
}
