package config

import (
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fromEnv is Load without a file.
func fromEnv(getenv func(string) string) Config {
	c, _ := Load("", getenv)
	return c
}

func TestEnvironment(t *testing.T) {
	env := map[string]string{"TALKBOT_CORPUS": t.TempDir()}
	c := fromEnv(func(k string) string { return env[k] })
	if c.Corpus != env["TALKBOT_CORPUS"] || c.Limit != 5 {
		t.Errorf("Load = %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate() = %v", err)
	}
}

// TestValidateListsEveryProblem: all problems show at once.
func TestValidateListsEveryProblem(t *testing.T) {
	c := Config{Corpus: "/no/such/folder", Limit: 0}
	err := c.Validate()
	if err == nil {
		t.Fatal("Validate() = nil; want errors")
	}
	for _, want := range []string{"/no/such/folder", "limit 0"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %q; want it to mention %q", err, want)
		}
	}
}

func TestSlackSettings(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string // in the error; none for a valid configuration
	}{
		{"socket mode", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, nil},
		{"http mode", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}, nil},
		{"user token", map[string]string{"SLACK_BOT_TOKEN": "xoxp-1", "SLACK_SIGNING_SECRET": "s"}, []string{"SLACK_BOT_TOKEN", "xoxb-"}},
		{"no secret", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1"}, []string{"SLACK_SIGNING_SECRET"}},
		{"no bot token", map[string]string{"SLACK_APP_TOKEN": "xapp-1"}, []string{"SLACK_BOT_TOKEN is missing"}},
		{"bad app token", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, []string{"SLACK_APP_TOKEN"}},
		{"bad api url", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_API_URL": "ftp://x"}, []string{"SLACK_API_URL"}},
	}
	for _, tt := range tests {
		c := fromEnv(func(k string) string { return tt.env[k] })
		err := c.Validate()
		if len(tt.want) == 0 {
			if err != nil {
				t.Errorf("%s: Validate() = %v; want nil", tt.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: Validate() = nil; want an error naming %v", tt.name, tt.want)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: Validate() = %q; want it to mention %q", tt.name, err, w)
			}
		}
	}
}

func TestSecretsRedact(t *testing.T) {
	s := Secret("xoxb-very-secret")
	var buf strings.Builder
	slog.New(slog.NewTextHandler(&buf, nil)).Info("config", "token", s, "all", Slack{BotToken: s})
	if strings.Contains(buf.String(), "very-secret") || strings.Contains(fmt.Sprint(s), "very-secret") {
		t.Errorf("secret printed: %s", buf.String())
	}
	if s.Reveal() != "xoxb-very-secret" {
		t.Error("Reveal lost the secret")
	}
}

func TestDiscordSettings(t *testing.T) {
	key := strings.Repeat("ab", 32)
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"gateway", map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_APP_ID": "42", "DISCORD_GUILD_ID": "7"}, nil},
		{"http only", map[string]string{"DISCORD_PUBLIC_KEY": key}, nil},
		{"sharded", map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_SHARD_ID": "1", "DISCORD_SHARD_COUNT": "2"}, nil},
		{"bad key", map[string]string{"DISCORD_PUBLIC_KEY": "xyz"}, []string{"DISCORD_PUBLIC_KEY"}},
		{"no token", map[string]string{"DISCORD_APP_ID": "42"}, []string{"DISCORD_BOT_TOKEN"}},
		{"bad app", map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_APP_ID": "app"}, []string{"DISCORD_APP_ID"}},
		{"bad shard", map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_SHARD_ID": "2", "DISCORD_SHARD_COUNT": "2"}, []string{"DISCORD_SHARD_ID"}},
		{"shard nan", map[string]string{"DISCORD_BOT_TOKEN": "t", "DISCORD_SHARD_COUNT": "two"}, []string{"DISCORD_SHARD_COUNT"}},
	}
	for _, tt := range tests {
		c := fromEnv(func(k string) string { return tt.env[k] })
		err := c.Validate()
		if len(tt.want) == 0 {
			if err != nil {
				t.Errorf("%s: Validate() = %v", tt.name, err)
			}
			continue
		}
		for _, w := range tt.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s: Validate() = %v; want it to name %s", tt.name, err, w)
			}
		}
	}
}

// TestPrecedence: defaults < file < environment (flags come last, applied by
// the command).
func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/talkbot.yaml"
	secret := dir + "/token"
	if err := os.WriteFile(file, []byte("corpus: /from/file\nlimit: 7\naddr: ':9000'\nlog_format: json\nnow: 2026-01-31T10:40:00+01:00\nthreads: 50\nthread_ttl: 2h\nfeedback_log: /var/log/talkbot.jsonl\nfeedback_users: true\nadmins: [U1, U2]\nslack:\n  bot_token: xoxb-file\n  app_token: xapp-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(secret, []byte("xoxb-from-secret-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"TALKBOT_CORPUS": "/from/env", "SLACK_BOT_TOKEN_FILE": secret, "TALKBOT_DRAIN_TIMEOUT": "3s", "TALKBOT_THREAD_TTL": "30m", "TALKBOT_ADMINS": "U3, W4"}
	c, err := Load(file, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"corpus": c.Corpus, "limit": strconv.Itoa(c.Limit), "addr": c.Addr, "log": c.LogFormat,
		"token": c.Slack.BotToken.Reveal(), "app": c.Slack.AppToken.Reveal(), "drain": c.DrainTimeout.String(),
		"now": c.Now.Format(time.RFC3339), "threads": strconv.Itoa(c.Threads), "thread_ttl": c.ThreadTTL.String(),
		"feedback": c.FeedbackLog + " " + strconv.FormatBool(c.FeedbackUsers), "admins": strings.Join(c.Admins, ","),
	}
	got := map[string]string{"corpus": "/from/env", "limit": "7", "addr": ":9000", "log": "json", "token": "xoxb-from-secret-file", "app": "xapp-file", "drain": "3s", "now": "2026-01-31T10:40:00+01:00", "threads": "50", "thread_ttl": "30m0s", "feedback": "/var/log/talkbot.jsonl true", "admins": "U3,W4"}
	for k := range got {
		if want[k] != got[k] {
			t.Errorf("%s = %q; want %q", k, want[k], got[k])
		}
	}
	if d := c.Describe(); strings.Contains(d, "xoxb") || strings.Contains(d, "xapp") || !strings.Contains(d, "bot_token: [redacted]") {
		t.Errorf("Describe shows secrets or hides settings:\n%s", d)
	}
}

func TestSettingsProblems(t *testing.T) {
	dir := t.TempDir()
	bad := dir + "/bad.yaml"
	os.WriteFile(bad, []byte("limit: many\n"), 0o600)
	if _, err := Load(bad, func(string) string { return "" }); err == nil {
		t.Error("a config file with a bad value loaded")
	}
	unknown := dir + "/unknown.yaml"
	os.WriteFile(unknown, []byte("limmit: 3\n"), 0o600)
	if _, err := Load(unknown, func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "limmit") {
		t.Errorf("unknown key: %v", err)
	}
	if _, err := Load(dir+"/missing.yaml", func(string) string { return "" }); err == nil {
		t.Error("a missing config file loaded")
	}
	env := map[string]string{
		"TALKBOT_LIMIT": "lots", "TALKBOT_LOG_FORMAT": "xml", "TALKBOT_THREADS": "-1", "TALKBOT_THREAD_TTL": "forever", "TALKBOT_FEEDBACK_USERS": "maybe", "TALKBOT_FEEDBACK_LOG": "/no/such/folder/f.jsonl", "TALKBOT_DRAIN_TIMEOUT": "soon", "TALKBOT_NOW": "tomorrow",
		"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_BOT_TOKEN_FILE": dir + "/t", "SLACK_SIGNING_SECRET_FILE": dir + "/nope",
	}
	c, err := Load("", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	err = c.Validate()
	for _, want := range []string{"TALKBOT_LIMIT", "log format", "TALKBOT_DRAIN_TIMEOUT", "TALKBOT_NOW", "threads -1", "TALKBOT_THREAD_TTL", "TALKBOT_FEEDBACK_USERS", "feedback log", "SLACK_BOT_TOKEN_FILE are both set", "SLACK_SIGNING_SECRET_FILE"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v; want it to name %q", err, want)
		}
	}
}

func TestCacheFolder(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/talkbot.yaml"
	os.WriteFile(file, []byte("cache: /from/file\n"), 0o600)
	for _, tt := range []struct {
		name string
		file string
		env  map[string]string
		want string
	}{
		{"nothing to go by", "", nil, ""},
		{"home", "", map[string]string{"HOME": "/home/ada"}, "/home/ada/.cache/talkbot"},
		{"XDG first", "", map[string]string{"HOME": "/home/ada", "XDG_CACHE_HOME": "/xdg"}, "/xdg/talkbot"},
		{"relative XDG is ignored", "", map[string]string{"HOME": "/home/ada", "XDG_CACHE_HOME": "xdg"}, "/home/ada/.cache/talkbot"},
		{"set", "", map[string]string{"HOME": "/home/ada", "TALKBOT_CACHE": "/var/cache/talkbot"}, "/var/cache/talkbot"},
		{"off", "", map[string]string{"HOME": "/home/ada", "TALKBOT_CACHE": "off"}, ""},
		{"file", file, map[string]string{"HOME": "/home/ada"}, "/from/file"},
		{"environment over file", file, map[string]string{"TALKBOT_CACHE": "off"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.file, func(k string) string { return tt.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if c.Cache != tt.want {
				t.Errorf("Cache = %q; want %q", c.Cache, tt.want)
			}
		})
	}
}
