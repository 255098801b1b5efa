package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// fileConfig is the YAML file's shape; absent keys leave settings as they are.
type fileConfig struct {
	Corpus        *string  `yaml:"corpus"`
	Cache         *string  `yaml:"cache"`
	Addr          *string  `yaml:"addr"`
	Limit         *int     `yaml:"limit"`
	LogFormat     *string  `yaml:"log_format"`
	DrainTimeout  *string  `yaml:"drain_timeout"`
	Now           *string  `yaml:"now"`
	SchedulePoll  *string  `yaml:"schedule_poll"`
	Threads       *int     `yaml:"threads"`
	ThreadTTL     *string  `yaml:"thread_ttl"`
	FeedbackLog   *string  `yaml:"feedback_log"`
	FeedbackUsers *bool    `yaml:"feedback_users"`
	Admins        []string `yaml:"admins"`
	Web           struct {
		Enabled *bool   `yaml:"enabled"`
		Token   *string `yaml:"token"`
		Rate    *int    `yaml:"rate"`
	} `yaml:"web"`
	Slack struct {
		BotToken      *string `yaml:"bot_token"`
		AppToken      *string `yaml:"app_token"`
		SigningSecret *string `yaml:"signing_secret"`
		APIURL        *string `yaml:"api_url"`
	} `yaml:"slack"`
	Discord struct {
		BotToken   *string `yaml:"bot_token"`
		AppID      *string `yaml:"app_id"`
		GuildID    *string `yaml:"guild_id"`
		PublicKey  *string `yaml:"public_key"`
		ShardID    *int    `yaml:"shard_id"`
		ShardCount *int    `yaml:"shard_count"`
	} `yaml:"discord"`
}

func (c *Config) applyFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	var f fileConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("config file %s: %w", path, err)
	}
	set(&c.Corpus, f.Corpus)
	set(&c.Cache, f.Cache)
	set(&c.Addr, f.Addr)
	set(&c.Limit, f.Limit)
	set(&c.LogFormat, f.LogFormat)
	if f.DrainTimeout != nil {
		c.setDuration("drain_timeout", *f.DrainTimeout)
	}
	if f.Now != nil {
		c.SetNow("now", *f.Now)
	}
	if f.SchedulePoll != nil {
		c.SchedulePoll = c.duration("schedule_poll", *f.SchedulePoll, c.SchedulePoll)
	}
	set(&c.Threads, f.Threads)
	set(&c.FeedbackLog, f.FeedbackLog)
	set(&c.FeedbackUsers, f.FeedbackUsers)
	if f.Admins != nil {
		c.Admins = f.Admins
	}
	set(&c.Web.Enabled, f.Web.Enabled)
	setSecret(&c.Web.Token, f.Web.Token)
	set(&c.Web.Rate, f.Web.Rate)
	if f.ThreadTTL != nil {
		c.ThreadTTL = c.duration("thread_ttl", *f.ThreadTTL, c.ThreadTTL)
	}
	setSecret(&c.Slack.BotToken, f.Slack.BotToken)
	setSecret(&c.Slack.AppToken, f.Slack.AppToken)
	setSecret(&c.Slack.SigningSecret, f.Slack.SigningSecret)
	set(&c.Slack.APIURL, f.Slack.APIURL)
	setSecret(&c.Discord.BotToken, f.Discord.BotToken)
	set(&c.Discord.AppID, f.Discord.AppID)
	set(&c.Discord.GuildID, f.Discord.GuildID)
	set(&c.Discord.PublicKey, f.Discord.PublicKey)
	set(&c.Discord.ShardID, f.Discord.ShardID)
	set(&c.Discord.ShardCount, f.Discord.ShardCount)
	return nil
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func setSecret(dst *Secret, v *string) {
	if v != nil {
		*dst = Secret(strings.TrimSpace(*v))
	}
}
