package answer

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/talkbot/talkbot/internal/hostile"
)

// TestHostileQuestions: every hostile question gets talks or a clear
// message, and the reply echoes at most MaxQueryLen characters of it, as
// valid UTF-8.
func TestHostileQuestions(t *testing.T) {
	e := defaultEngine(t)
	for _, tc := range hostile.Questions {
		t.Run(tc.Name, func(t *testing.T) {
			r := e.Handle(t.Context(), Parse(tc.Q), Options{})
			if len(r.Talks) == 0 && r.Notice == "" && len(r.Help) == 0 {
				t.Errorf("reply %+v: neither an answer nor a message", r)
			}
			if utf8.RuneCountInString(r.Query) > MaxQueryLen || !utf8.ValidString(r.Query) {
				t.Errorf("query echoed as %d characters, valid UTF-8 %v", utf8.RuneCountInString(r.Query), utf8.ValidString(r.Query))
			}
			if strings.ContainsRune(r.Query, 0) {
				t.Errorf("query echoed with a NUL: %q", r.Query)
			}
		})
	}
}

// BenchmarkHostileQuestions answers the hostile questions in turn and
// reports the slowest (target: 50 ms each).
func BenchmarkHostileQuestions(b *testing.B) {
	e := defaultEngine(b)
	var slowest time.Duration
	for i := 0; b.Loop(); i++ {
		q := hostile.Questions[i%len(hostile.Questions)].Q
		start := time.Now()
		e.Handle(b.Context(), Parse(q), Options{})
		slowest = max(slowest, time.Since(start))
	}
	b.ReportMetric(float64(slowest.Microseconds()), "max-µs")
}
