// Package metrics holds talkbot's Prometheus metrics (all named talkbot_*)
// and an engine wrapper that counts and times every question an adapter
// asks, logging one line per question.
package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/talkbot/talkbot/answer"
	"github.com/talkbot/talkbot/feedback"
)

// Metrics are the bot's collectors, registered in their own registry.
type Metrics struct {
	Registry      *prometheus.Registry
	Questions     *prometheus.CounterVec   // adapter, command, outcome
	AnswerSeconds *prometheus.HistogramVec // adapter
	Talks         prometheus.Gauge
	Bullets       prometheus.Gauge
	Reloads       prometheus.Counter
	ReloadErrors  prometheus.Counter
	Connected     *prometheus.GaugeVec // service
	// ScheduleFetches counts the fetches of schedules named by URL, by
	// result (updated, not_modified, failed, broken).
	ScheduleFetches *prometheus.CounterVec
	// Feedback counts the 👍 and 👎 pressed on answers, by adapter and
	// vote (up, down).
	Feedback *prometheus.CounterVec
	// Gaps, when set, takes the questions nothing answered.
	Gaps *feedback.Recorder
}

// New returns the metrics, with Go runtime and process collectors, and
// build information for version.
func New(version string) *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		Questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "talkbot_questions_total", Help: "Questions answered, by adapter, command and outcome (answered, no_result, error).",
		}, []string{"adapter", "command", "outcome"}),
		AnswerSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "talkbot_answer_duration_seconds", Help: "Time to answer a question, by adapter.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"adapter"}),
		Talks:        prometheus.NewGauge(prometheus.GaugeOpts{Name: "talkbot_talks_indexed", Help: "Talks in the live index."}),
		Bullets:      prometheus.NewGauge(prometheus.GaugeOpts{Name: "talkbot_bullets_indexed", Help: "Note lines in the live index."}),
		Reloads:      prometheus.NewCounter(prometheus.CounterOpts{Name: "talkbot_corpus_reloads_total", Help: "Corpus reloads swapped in."}),
		ReloadErrors: prometheus.NewCounter(prometheus.CounterOpts{Name: "talkbot_corpus_reload_errors_total", Help: "Notes files that failed to load on a reload (their previous content keeps serving)."}),
		Connected: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "talkbot_chat_connection_up", Help: "Whether a chat connection is up (1) or not (0), by service.",
		}, []string{"service"}),
		ScheduleFetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "talkbot_schedule_fetches_total", Help: "Fetches of schedules named by URL, by result (updated, not_modified, failed, broken; the last good schedule stays on failed and broken).",
		}, []string{"result"}),
		Feedback: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "talkbot_feedback_total", Help: "Votes on answers, by adapter and vote (up, down).",
		}, []string{"adapter", "vote"}),
	}
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "talkbot_build_info", Help: "The running build; the value is always 1."}, []string{"version"})
	build.WithLabelValues(version).Set(1)
	m.Registry.MustRegister(m.Questions, m.AnswerSeconds, m.Talks, m.Bullets, m.Reloads, m.ReloadErrors, m.Connected, m.ScheduleFetches, m.Feedback, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// engine is the answer engine as adapters use it.
type engine interface {
	Handle(ctx context.Context, r answer.Request, opts answer.Options) answer.Reply
	Complete(field answer.Field, typed string, limit int) []string
	Overview(ctx context.Context, examples int) answer.Overview
}

// Instrumented counts, times and logs the questions one adapter asks.
type Instrumented struct {
	engine  engine
	adapter string
	m       *Metrics
	log     *slog.Logger
}

// Instrument wraps e for the named adapter.
func (m *Metrics) Instrument(e engine, adapter string, log *slog.Logger) *Instrumented {
	return &Instrumented{engine: e, adapter: adapter, m: m, log: log}
}

// Handle answers and records the question: one log line with adapter,
// command, latency and result count (never the question's text, which
// users may not expect to be logged).
func (in *Instrumented) Handle(ctx context.Context, r answer.Request, opts answer.Options) (reply answer.Reply) {
	start := time.Now()
	outcome := "error"
	defer func() {
		elapsed := time.Since(start)
		in.m.Questions.WithLabelValues(in.adapter, r.Command, outcome).Inc()
		in.m.AnswerSeconds.WithLabelValues(in.adapter).Observe(elapsed.Seconds())
		in.log.LogAttrs(ctx, slog.LevelInfo, "question", slog.String("adapter", in.adapter), slog.String("command", r.Command),
			slog.Duration("latency", elapsed), slog.Int("results", len(reply.Talks)), slog.String("outcome", outcome))
	}()
	reply = in.engine.Handle(ctx, r, opts)
	outcome = "no_result"
	if len(reply.Talks) > 0 || r.Command == "help" {
		outcome = "answered"
	} else if r.Command == "ask" && r.Offset == 0 {
		// A question nothing answered is a gap in the notes.
		if err := in.m.Gaps.Unanswered(feedback.Entry{Adapter: in.adapter, Command: r.Command, Question: r.Arg}); err != nil {
			in.log.Error("feedback log: unanswered question not written", "err", err)
		}
	}
	return reply
}

// Complete passes autocompletion through, uncounted.
func (in *Instrumented) Complete(field answer.Field, typed string, limit int) []string {
	return in.engine.Complete(field, typed, limit)
}

// Overview passes the overview of the notes through, uncounted.
func (in *Instrumented) Overview(ctx context.Context, examples int) answer.Overview {
	return in.engine.Overview(ctx, examples)
}
