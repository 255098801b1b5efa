package config

import (
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strconv"
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
	// Discord holds the Discord application's settings; empty when unused.
	Discord Discord
}

// Discord is the configuration of the Discord adapter.
type Discord struct {
	BotToken   Secret // DISCORD_BOT_TOKEN: the gateway and command registration
	AppID      string // DISCORD_APP_ID: the application commands are registered for
	GuildID    string // DISCORD_GUILD_ID: register in this guild only (instant)
	PublicKey  string // DISCORD_PUBLIC_KEY: hex Ed25519 key of the HTTP interactions endpoint
	ShardID    int    // DISCORD_SHARD_ID
	ShardCount int    // DISCORD_SHARD_COUNT; 0 when not sharded
	shardErrs  []error
}

// Enabled reports whether any Discord setting is present.
func (d Discord) Enabled() bool { return d.BotToken != "" || d.PublicKey != "" }

// Gateway reports whether the adapter connects to Discord's gateway.
func (d Discord) Gateway() bool { return d.BotToken != "" }

// HTTPMode reports whether Discord sends interactions to the bot's server.
func (d Discord) HTTPMode() bool { return d.PublicKey != "" }

// Key returns the decoded public key (nil when absent or malformed).
func (d Discord) Key() []byte {
	k, err := hex.DecodeString(d.PublicKey)
	if err != nil || len(k) != 32 {
		return nil
	}
	return k
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
// SLACK_SIGNING_SECRET, SLACK_API_URL, DISCORD_BOT_TOKEN, DISCORD_APP_ID,
// DISCORD_GUILD_ID, DISCORD_PUBLIC_KEY, DISCORD_SHARD_ID,
// DISCORD_SHARD_COUNT.
func FromEnv(getenv func(string) string) Config {
	c := Default()
	if v := getenv("TALKBOT_CORPUS"); v != "" {
		c.Corpus = v
	}
	if v := getenv("PORT"); v != "" {
		c.Addr = ":" + v
	}
	c.Discord = Discord{
		BotToken:  Secret(strings.TrimPrefix(strings.TrimSpace(getenv("DISCORD_BOT_TOKEN")), "Bot ")),
		AppID:     strings.TrimSpace(getenv("DISCORD_APP_ID")),
		GuildID:   strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		PublicKey: strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")),
	}
	for name, dst := range map[string]*int{"DISCORD_SHARD_ID": &c.Discord.ShardID, "DISCORD_SHARD_COUNT": &c.Discord.ShardCount} {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				c.Discord.shardErrs = append(c.Discord.shardErrs, fmt.Errorf("%s %q is not a number", name, v))
			}
			*dst = n
		}
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
	if c.Discord.Enabled() || c.Discord.AppID != "" || c.Discord.GuildID != "" || c.Discord.ShardCount != 0 {
		errs = append(errs, c.Discord.validate()...)
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

func (d Discord) validate() []error {
	errs := append([]error(nil), d.shardErrs...)
	if !d.Enabled() {
		errs = append(errs, errors.New("DISCORD_BOT_TOKEN is missing: set it (gateway) or DISCORD_PUBLIC_KEY (HTTP interactions)"))
	}
	if d.PublicKey != "" && d.Key() == nil {
		errs = append(errs, errors.New("DISCORD_PUBLIC_KEY is not a hex Ed25519 public key (64 hex digits)"))
	}
	for name, v := range map[string]string{"DISCORD_APP_ID": d.AppID, "DISCORD_GUILD_ID": d.GuildID} {
		if _, err := strconv.ParseUint(v, 10, 64); v != "" && err != nil {
			errs = append(errs, fmt.Errorf("%s %q is not a Discord ID (digits)", name, v))
		}
	}
	if d.ShardCount < 0 || d.ShardID < 0 || (d.ShardCount > 0 && d.ShardID >= d.ShardCount) || (d.ShardCount == 0 && d.ShardID != 0) {
		errs = append(errs, fmt.Errorf("DISCORD_SHARD_ID %d must be below DISCORD_SHARD_COUNT %d", d.ShardID, d.ShardCount))
	}
	return errs
}
