package testengine

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/talkbot/talkbot/answer"
)

// Frozen is an engine that answers the canonical requests (answer's
// testdata/replies) from frozen copies of their replies, kept here: the
// adapters' goldens render them, so that a change of ranking moves
// answer's goldens only. It completes names and gives the overview as
// the engine over the embedded notes does. A request it has no reply for
// fails the test.
type Frozen struct {
	tb      testing.TB
	replies map[answer.Request]answer.Reply
	*answer.Engine
}

// NewFrozen loads the frozen replies.
func NewFrozen(tb testing.TB) *Frozen {
	tb.Helper()
	_, here, _, _ := runtime.Caller(0)
	files, err := filepath.Glob(filepath.Join(filepath.Dir(here), "testdata", "replies", "*.json"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no frozen replies: %v", err)
	}
	f := &Frozen{tb: tb, replies: map[answer.Request]answer.Reply{}, Engine: Default(tb)}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		var c struct {
			Request answer.Request `json:"request"`
			Reply   answer.Reply   `json:"reply"`
		}
		if err := json.Unmarshal(data, &c); err != nil {
			tb.Fatalf("%s: %v", file, err)
		}
		f.replies[c.Request] = c.Reply
	}
	return f
}

// Handle answers from the frozen replies.
func (f *Frozen) Handle(_ context.Context, r answer.Request, _ answer.Options) answer.Reply {
	reply, ok := f.replies[r]
	if !ok {
		f.tb.Errorf("no frozen reply to %+v: add it to answer's canonical requests and copy its reply here", r)
	}
	return reply
}
