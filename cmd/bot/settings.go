package main

import (
	"errors"
	"flag"
	"time"

	"github.com/talkbot/talkbot/config"
)

// settings are a subcommand's flags; they override the configuration file
// and the environment (see config.Load).
type settings struct {
	fset       *flag.FlagSet
	configPath string
	corpus     string
	addr       string
	logFormat  string
	limit      int
	drain      time.Duration
	now        string
}

// newSettings returns the flags every subcommand has: --config, --corpus.
func newSettings(e *env, name string) *settings {
	s := &settings{fset: flag.NewFlagSet("bot "+name, flag.ContinueOnError)}
	s.fset.SetOutput(e.stderr)
	s.fset.StringVar(&s.configPath, "config", "", "YAML settings file (env TALKBOT_CONFIG)")
	s.fset.StringVar(&s.corpus, "corpus", "", "folder of talk notes (default: the embedded corpus; env TALKBOT_CORPUS)")
	s.fset.StringVar(&s.now, "now", "", "start the clock of now/next at this time, e.g. 2026-01-31T10:40:00+01:00 (env TALKBOT_NOW)")
	return s
}

// server adds the flags of the server: --addr, --log-format, --drain-timeout.
func (s *settings) server() *settings {
	s.fset.StringVar(&s.addr, "addr", "", "address of the HTTP server (default :8080; env PORT)")
	s.fset.StringVar(&s.logFormat, "log-format", "", "log format: text or json (env TALKBOT_LOG_FORMAT)")
	s.fset.DurationVar(&s.drain, "drain-timeout", 0, "how long a stop lets requests finish (default 10s; env TALKBOT_DRAIN_TIMEOUT)")
	return s
}

// withLimit adds --limit.
func (s *settings) withLimit(usage string) *settings {
	s.fset.IntVar(&s.limit, "limit", 0, usage)
	return s
}

func (s *settings) parse(args []string) error {
	if err := s.fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

// load returns the settings: defaults, file, environment, then the flags
// given on the command line.
func (s *settings) load(e *env) (config.Config, error) {
	path := s.configPath
	if path == "" {
		path = e.getenv("TALKBOT_CONFIG")
	}
	cfg, err := config.Load(path, e.getenv)
	if err != nil {
		return cfg, err
	}
	s.fset.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "corpus":
			cfg.Corpus = s.corpus
		case "addr":
			cfg.Addr = s.addr
		case "log-format":
			cfg.LogFormat = s.logFormat
		case "drain-timeout":
			cfg.DrainTimeout = s.drain
		case "limit":
			cfg.Limit = s.limit
		case "now":
			cfg.SetNow("--now", s.now)
		}
	})
	return cfg, nil
}
