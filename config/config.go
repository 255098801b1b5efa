package config

import (
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the bot.
type Config struct {
	// Corpus is a folder of talk notes; empty means the embedded corpus.
	Corpus string
	// Cache is the folder where indexes built from notes are kept between
	// runs, so that a command answering one question need not index the
	// notes again; empty for none. It defaults to the user's cache folder
	// ($XDG_CACHE_HOME or $HOME/.cache, then talkbot).
	Cache string
	// Limit is the number of talks an answer shows.
	Limit int
	// Addr is where the HTTP server listens (":8080").
	Addr string
	// LogFormat is "text" or "json".
	LogFormat string
	// DrainTimeout is how long a stopping server lets requests finish.
	DrainTimeout time.Duration
	// SchedulePoll is how often the schedules named by URL in the
	// corpus's manifest are fetched again.
	SchedulePoll time.Duration
	// Now, when set, is the time the bot starts at for the schedule
	// commands (now, next), its clock running on from there: for trying
	// a schedule before or after its conference.
	Now time.Time
	// Threads is how many chat threads the bot remembers its last answer
	// in, for follow-ups ("more", "what else did he say?"); 0 turns
	// follow-ups off.
	Threads int
	// ThreadTTL is how long after its last answer a thread is remembered.
	ThreadTTL time.Duration
	// FeedbackLog is the file the votes on answers and the questions
	// nothing answered are appended to, one JSON object a line; empty
	// writes no file (votes are still counted in the metrics).
	FeedbackLog string
	// FeedbackUsers keeps the chat user IDs of votes in the log.
	FeedbackUsers bool
	// Admins are the chat user IDs (Slack or Discord) allowed to see the
	// unanswered questions with "/talk gaps".
	Admins []string
	// Web is the web page served at / by the HTTP server.
	Web Web
	// Slack holds the Slack app's credentials; empty when Slack is not used.
	Slack Slack
	// Discord holds the Discord application's settings; empty when unused.
	Discord Discord

	problems []error // found while reading settings, reported by Validate
}

// Web is the configuration of the web page.
type Web struct {
	Enabled bool   // TALKBOT_WEB: serve the page at / (on by default)
	Token   Secret // TALKBOT_WEB_TOKEN: every page request must carry "Authorization: Bearer <token>"
	Rate    int    // TALKBOT_WEB_RATE: questions a second each client may send to /api/ask (10)
}

// Discord is the configuration of the Discord adapter.
type Discord struct {
	BotToken   Secret // DISCORD_BOT_TOKEN: the gateway and command registration
	AppID      string // DISCORD_APP_ID: the application commands are registered for
	GuildID    string // DISCORD_GUILD_ID: register in this guild only (instant)
	PublicKey  string // DISCORD_PUBLIC_KEY: hex Ed25519 key of the HTTP interactions endpoint
	ShardID    int    // DISCORD_SHARD_ID
	ShardCount int    // DISCORD_SHARD_COUNT; 0 when not sharded
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
func Default() Config {
	return Config{Limit: 5, Addr: ":8080", LogFormat: "text", DrainTimeout: 10 * time.Second, SchedulePoll: 5 * time.Minute, Threads: 10000, ThreadTTL: 24 * time.Hour, Web: Web{Enabled: true, Rate: 10}}
}

// Load returns the settings from, in rising precedence, the defaults, the
// YAML file at path (when not empty) and the environment: TALKBOT_CORPUS,
// TALKBOT_CACHE ("off" for none), TALKBOT_LIMIT, TALKBOT_LOG_FORMAT, TALKBOT_DRAIN_TIMEOUT, TALKBOT_NOW,
// TALKBOT_SCHEDULE_POLL, TALKBOT_THREADS, TALKBOT_THREAD_TTL,
// TALKBOT_FEEDBACK_LOG, TALKBOT_FEEDBACK_USERS, TALKBOT_ADMINS,
// TALKBOT_WEB, TALKBOT_WEB_TOKEN, TALKBOT_WEB_RATE, PORT,
// SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL,
// DISCORD_BOT_TOKEN, DISCORD_APP_ID, DISCORD_GUILD_ID, DISCORD_PUBLIC_KEY,
// DISCORD_SHARD_ID, DISCORD_SHARD_COUNT. Each secret can instead come from
// a file named by the variable with _FILE appended (SLACK_BOT_TOKEN_FILE),
// as Docker and Kubernetes mount secrets. Flags, applied by the caller, come
// last. Problems are reported by Validate.
func Load(path string, getenv func(string) string) (Config, error) {
	c := Default()
	if path != "" {
		if err := c.applyFile(path); err != nil {
			return c, err
		}
	}
	c.applyEnv(getenv)
	return c, nil
}

// defaultCache is the user's cache folder for talkbot, as
// os.UserCacheDir finds it on Unix, or "" when the environment names no
// home.
func defaultCache(getenv func(string) string) string {
	if dir := getenv("XDG_CACHE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "talkbot")
	}
	if home := getenv("HOME"); filepath.IsAbs(home) {
		return filepath.Join(home, ".cache", "talkbot")
	}
	return ""
}

// SetNow sets Now from an RFC 3339 time ("2026-01-31T10:40:00+01:00"),
// noting a problem under name when it is none.
func (c *Config) SetNow(name, v string) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil {
		c.problems = append(c.problems, fmt.Errorf("%s %q is not a time like 2026-01-31T10:40:00+01:00", name, v))
		return
	}
	c.Now = t
}

// duration reads a duration setting, noting a problem and keeping old
// when it is none.
func (c *Config) duration(name, v string, old time.Duration) time.Duration {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil || d <= 0 {
		c.problems = append(c.problems, fmt.Errorf("%s %q is not a duration (like 5m)", name, v))
		return old
	}
	return d
}

func (c *Config) setDuration(name, v string) {
	d, err := time.ParseDuration(v)
	if err != nil {
		c.problems = append(c.problems, fmt.Errorf("%s %q is not a duration (like 10s)", name, v))
		return
	}
	c.DrainTimeout = d
}

func (c *Config) applyEnv(getenv func(string) string) {
	str := func(name string, dst *string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			*dst = v
		}
	}
	num := func(name string, dst *int) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				c.problems = append(c.problems, fmt.Errorf("%s %q is not a number", name, v))
				return
			}
			*dst = n
		}
	}
	secret := func(name string, dst *Secret) {
		v, file := strings.TrimSpace(getenv(name)), strings.TrimSpace(getenv(name+"_FILE"))
		switch {
		case v != "" && file != "":
			c.problems = append(c.problems, fmt.Errorf("%s and %s_FILE are both set: keep one", name, name))
		case file != "":
			data, err := os.ReadFile(file)
			if err != nil {
				c.problems = append(c.problems, fmt.Errorf("%s_FILE: %w", name, err))
				return
			}
			*dst = Secret(strings.TrimSpace(string(data)))
		case v != "":
			*dst = Secret(v)
		}
	}
	str("TALKBOT_CORPUS", &c.Corpus)
	if c.Cache == "" {
		c.Cache = defaultCache(getenv)
	}
	str("TALKBOT_CACHE", &c.Cache)
	if c.Cache == "off" {
		c.Cache = ""
	}
	num("TALKBOT_LIMIT", &c.Limit)
	str("TALKBOT_LOG_FORMAT", &c.LogFormat)
	if v := strings.TrimSpace(getenv("TALKBOT_DRAIN_TIMEOUT")); v != "" {
		c.setDuration("TALKBOT_DRAIN_TIMEOUT", v)
	}
	if v := strings.TrimSpace(getenv("PORT")); v != "" {
		c.Addr = ":" + v
	}
	if v := strings.TrimSpace(getenv("TALKBOT_NOW")); v != "" {
		c.SetNow("TALKBOT_NOW", v)
	}
	if v := strings.TrimSpace(getenv("TALKBOT_SCHEDULE_POLL")); v != "" {
		c.SchedulePoll = c.duration("TALKBOT_SCHEDULE_POLL", v, c.SchedulePoll)
	}
	num("TALKBOT_THREADS", &c.Threads)
	str("TALKBOT_FEEDBACK_LOG", &c.FeedbackLog)
	if v := strings.TrimSpace(getenv("TALKBOT_WEB")); v != "" {
		switch strings.ToLower(v) {
		case "on", "true", "1", "yes":
			c.Web.Enabled = true
		case "off", "false", "0", "no":
			c.Web.Enabled = false
		default:
			c.problems = append(c.problems, fmt.Errorf("TALKBOT_WEB %q: want on or off", v))
		}
	}
	secret("TALKBOT_WEB_TOKEN", &c.Web.Token)
	num("TALKBOT_WEB_RATE", &c.Web.Rate)
	if v := strings.TrimSpace(getenv("TALKBOT_FEEDBACK_USERS")); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			c.problems = append(c.problems, fmt.Errorf("TALKBOT_FEEDBACK_USERS %q is not true or false", v))
		} else {
			c.FeedbackUsers = b
		}
	}
	if v := strings.TrimSpace(getenv("TALKBOT_ADMINS")); v != "" {
		c.Admins = nil
		for _, id := range strings.Split(v, ",") {
			if id = strings.TrimSpace(id); id != "" {
				c.Admins = append(c.Admins, id)
			}
		}
	}
	if v := strings.TrimSpace(getenv("TALKBOT_THREAD_TTL")); v != "" {
		c.ThreadTTL = c.duration("TALKBOT_THREAD_TTL", v, c.ThreadTTL)
	}
	secret("SLACK_BOT_TOKEN", &c.Slack.BotToken)
	secret("SLACK_APP_TOKEN", &c.Slack.AppToken)
	secret("SLACK_SIGNING_SECRET", &c.Slack.SigningSecret)
	str("SLACK_API_URL", &c.Slack.APIURL)
	secret("DISCORD_BOT_TOKEN", &c.Discord.BotToken)
	c.Discord.BotToken = Secret(strings.TrimPrefix(string(c.Discord.BotToken), "Bot "))
	str("DISCORD_APP_ID", &c.Discord.AppID)
	str("DISCORD_GUILD_ID", &c.Discord.GuildID)
	var key Secret
	secret("DISCORD_PUBLIC_KEY", &key)
	if key != "" {
		c.Discord.PublicKey = string(key) // public, but mounted like a secret
	}
	num("DISCORD_SHARD_ID", &c.Discord.ShardID)
	num("DISCORD_SHARD_COUNT", &c.Discord.ShardCount)
}

// maxThreads bounds the threads remembered: a few hundred bytes each.
const maxThreads = 1_000_000

// Validate reports every problem of the settings at once, naming the
// setting at fault.
func (c Config) Validate() error {
	errs := append([]error(nil), c.problems...)
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log format %q: want text or json", c.LogFormat))
	}
	if c.DrainTimeout <= 0 || c.DrainTimeout > 10*time.Minute {
		errs = append(errs, fmt.Errorf("drain timeout %s: want more than 0 and at most 10m", c.DrainTimeout))
	}
	if c.Web.Rate < 1 || c.Web.Rate > 100_000 {
		errs = append(errs, fmt.Errorf("web rate %d: want 1 to 100000 questions a second", c.Web.Rate))
	}
	if c.Threads < 0 || c.Threads > maxThreads {
		errs = append(errs, fmt.Errorf("threads %d: want 0 (no follow-ups) to %d", c.Threads, maxThreads))
	}
	if c.Addr == "" {
		errs = append(errs, errors.New("addr is empty"))
	}
	if c.FeedbackLog != "" {
		if info, err := os.Stat(filepath.Dir(c.FeedbackLog)); err != nil || !info.IsDir() {
			errs = append(errs, fmt.Errorf("feedback log %q: its folder does not exist", c.FeedbackLog))
		}
	}
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
	var errs []error
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

// Describe lists the effective settings, one "key: value" a line, secrets
// redacted: what `bot config` prints.
func (c Config) Describe() string {
	corpus := c.Corpus
	if corpus == "" {
		corpus = "(embedded)"
	}
	lines := []string{
		"corpus: " + corpus,
		"addr: " + c.Addr,
		"limit: " + strconv.Itoa(c.Limit),
		"log_format: " + c.LogFormat,
		"drain_timeout: " + c.DrainTimeout.String(),
		"schedule_poll: " + c.SchedulePoll.String(),
		"threads: " + strconv.Itoa(c.Threads),
		"thread_ttl: " + c.ThreadTTL.String(),
		"feedback_log: " + c.FeedbackLog,
		"feedback_users: " + strconv.FormatBool(c.FeedbackUsers),
		"admins: " + strings.Join(c.Admins, ", "),
		"web:",
		"  enabled: " + strconv.FormatBool(c.Web.Enabled),
		"  token: " + c.Web.Token.String(),
		"  rate: " + strconv.Itoa(c.Web.Rate),
	}
	if !c.Now.IsZero() {
		lines = append(lines, "now: "+c.Now.Format(time.RFC3339))
	}
	lines = append(lines,
		"slack:",
		"  bot_token: "+c.Slack.BotToken.String(),
		"  app_token: "+c.Slack.AppToken.String(),
		"  signing_secret: "+c.Slack.SigningSecret.String(),
		"  api_url: "+c.Slack.APIURL,
		"discord:",
		"  bot_token: "+c.Discord.BotToken.String(),
		"  app_id: "+c.Discord.AppID,
		"  guild_id: "+c.Discord.GuildID,
		"  public_key: "+c.Discord.PublicKey,
		"  shard_id: "+strconv.Itoa(c.Discord.ShardID),
		"  shard_count: "+strconv.Itoa(c.Discord.ShardCount),
	)
	return strings.Join(lines, "\n") + "\n"
}
