package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
)

// Config is every setting of the bot.
type Config struct {
	// Corpus is a folder of talk notes; empty means the embedded corpus.
	Corpus string
	// Limit is the number of talks an answer shows.
	Limit int
	// Addr is where the HTTP server listens (":8080").
	Addr string
	// Slack holds the Slack app's credentials; empty when Slack is not used.
	Slack Slack
}

// Slack is the configuration of the Slack adapter.
type Slack struct {
	BotToken      Secret // SLACK_BOT_TOKEN, xoxb-...
	AppToken      Secret // SLACK_APP_TOKEN, xapp-...: Socket Mode
	SigningSecret Secret // SLACK_SIGNING_SECRET: HTTP mode
	APIURL        string // SLACK_API_URL: the Web API base URL, for tests and proxies
}

// Enabled reports whether any Slack setting is present.
func (s Slack) Enabled() bool {
	return s.BotToken != "" || s.AppToken != "" || s.SigningSecret != ""
}

// SocketMode reports whether the Slack adapter connects through Socket Mode.
func (s Slack) SocketMode() bool { return s.AppToken != "" }

// HTTPMode reports whether Slack sends requests to the bot's HTTP server.
func (s Slack) HTTPMode() bool { return s.SigningSecret != "" }

// Secret is a setting that must never be printed or logged.
type Secret string

// String redacts the secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// LogValue redacts the secret in structured logs.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Reveal returns the secret itself, for the one call that needs it.
func (s Secret) Reveal() string { return string(s) }

// Default returns the settings used when nothing is set.
func Default() Config { return Config{Limit: 5, Addr: ":8080"} }

// FromEnv returns the defaults overridden by the environment:
// TALKBOT_CORPUS, PORT, SLACK_BOT_TOKEN, SLACK_APP_TOKEN,
// SLACK_SIGNING_SECRET, SLACK_API_URL.
func FromEnv(getenv func(string) string) Config {
	c := Default()
	if v := getenv("TALKBOT_CORPUS"); v != "" {
		c.Corpus = v
	}
	if v := getenv("PORT"); v != "" {
		c.Addr = ":" + v
	}
	c.Slack = Slack{
		BotToken:      Secret(strings.TrimSpace(getenv("SLACK_BOT_TOKEN"))),
		AppToken:      Secret(strings.TrimSpace(getenv("SLACK_APP_TOKEN"))),
		SigningSecret: Secret(strings.TrimSpace(getenv("SLACK_SIGNING_SECRET"))),
		APIURL:        strings.TrimSpace(getenv("SLACK_API_URL")),
	}
	return c
}

// Validate reports every problem of the settings at once, naming the
// setting at fault.
func (c Config) Validate() error {
	var errs []error
	if c.Corpus != "" {
		if info, err := os.Stat(c.Corpus); err != nil {
			errs = append(errs, fmt.Errorf("corpus %q: %w", c.Corpus, err))
		} else if !info.IsDir() {
			errs = append(errs, fmt.Errorf("corpus %q is not a folder", c.Corpus))
		}
	}
	if c.Limit < 1 || c.Limit > 50 {
		errs = append(errs, fmt.Errorf("limit %d: want 1 to 50", c.Limit))
	}
	if c.Slack.Enabled() {
		errs = append(errs, c.Slack.validate()...)
	}
	return errors.Join(errs...)
}

func (s Slack) validate() []error {
	var errs []error
	switch {
	case s.BotToken == "":
		errs = append(errs, errors.New("SLACK_BOT_TOKEN is missing: the Slack adapter needs the bot token (xoxb-...)"))
	case !strings.HasPrefix(string(s.BotToken), "xoxb-"):
		errs = append(errs, errors.New("SLACK_BOT_TOKEN is not a bot token: it must start with xoxb-"))
	}
	if s.AppToken != "" && !strings.HasPrefix(string(s.AppToken), "xapp-") {
		errs = append(errs, errors.New("SLACK_APP_TOKEN is not an app-level token: it must start with xapp-"))
	}
	if s.AppToken == "" && s.SigningSecret == "" {
		errs = append(errs, errors.New("SLACK_SIGNING_SECRET is missing: set it for HTTP mode, or SLACK_APP_TOKEN for Socket Mode"))
	}
	if s.APIURL != "" {
		if u, err := url.Parse(s.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("SLACK_API_URL %q is not an http(s) URL", s.APIURL))
		}
	}
	return errs
}
