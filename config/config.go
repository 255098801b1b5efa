package config

import (
	"errors"
	"fmt"
	"os"
)

// Config is every setting of the bot.
type Config struct {
	// Corpus is a folder of talk notes; empty means the embedded corpus.
	Corpus string
	// Limit is the number of talks an answer shows.
	Limit int
}

// Default returns the settings used when nothing is set.
func Default() Config { return Config{Limit: 5} }

// FromEnv returns the defaults overridden by the environment
// (TALKBOT_CORPUS).
func FromEnv(getenv func(string) string) Config {
	c := Default()
	if v := getenv("TALKBOT_CORPUS"); v != "" {
		c.Corpus = v
	}
	return c
}

// Validate reports every problem of the settings at once.
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
	return errors.Join(errs...)
}
