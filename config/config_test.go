package config

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestFromEnv(t *testing.T) {
	env := map[string]string{"TALKBOT_CORPUS": t.TempDir()}
	c := FromEnv(func(k string) string { return env[k] })
	if c.Corpus != env["TALKBOT_CORPUS"] || c.Limit != 5 {
		t.Errorf("FromEnv = %+v", c)
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
		c := FromEnv(func(k string) string { return tt.env[k] })
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
		c := FromEnv(func(k string) string { return tt.env[k] })
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
