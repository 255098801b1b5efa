// Package feedback keeps what users think of the answers: the 👍 and 👎
// pressed on them and the questions nothing answered, one JSON object a
// line in an append-only log, so that the people keeping the notes can see
// what is missing (Gaps).
package feedback

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/talkbot/talkbot/answer"
)

// Kinds of entries.
const (
	KindVote       = "vote"       // a 👍 or 👎 on an answer
	KindUnanswered = "unanswered" // a question nothing answered
)

// Votes.
const (
	Up   = "up"
	Down = "down"
)

// Entry is one line of the log.
type Entry struct {
	Time      time.Time `json:"time"`
	Kind      string    `json:"kind"`           // KindVote or KindUnanswered
	Adapter   string    `json:"adapter"`        // slack, discord, console
	Vote      string    `json:"vote,omitempty"` // Up or Down, for a vote
	Command   string    `json:"command"`
	Question  string    `json:"question"`
	Citations []string  `json:"citations"`      // "file:line" of the lines the answer showed
	User      string    `json:"user,omitempty"` // only when the log is set to keep users
}

// Citations lists the lines an answer showed, as "file:line".
func Citations(r answer.Reply) []string {
	out := []string{}
	for _, t := range r.Talks {
		for _, s := range t.Snippets {
			out = append(out, fmt.Sprintf("%s:%d", s.Citation.File, s.Citation.Line))
		}
	}
	return out
}

// Log appends entries to a file. It is safe for concurrent use.
type Log struct {
	mu        sync.Mutex
	f         *os.File
	keepUsers bool
}

// Open opens (creating it when missing) the log at path for appending.
// keepUsers keeps the user IDs of votes; otherwise they are never written.
func Open(path string, keepUsers bool) (*Log, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("feedback log: %w", err)
	}
	return &Log{f: f, keepUsers: keepUsers}, nil
}

// Close closes the log's file.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.f.Close()
}

// add appends e as one line.
func (l *Log) add(e Entry) error {
	if !l.keepUsers {
		e.User = ""
	}
	if e.Citations == nil {
		e.Citations = []string{}
	}
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("feedback log: %w", err)
	}
	return nil
}

// Recorder takes the votes and the unanswered questions of every adapter:
// it counts votes (Counted) and writes both to the log, when there is one.
// A retried delivery of the same press is taken once. A nil *Recorder
// takes nothing. It is safe for concurrent use.
type Recorder struct {
	// Counted, when set, hears each vote taken: to count it in metrics.
	Counted func(adapter, vote string)

	log  *Log // nil: no file is written
	now  func() time.Time
	mu   sync.Mutex
	seen map[string]time.Time // delivery IDs taken, for retries
}

// NewRecorder returns a recorder writing to log (nil for none).
func NewRecorder(log *Log) *Recorder {
	return &Recorder{log: log, now: time.Now, seen: map[string]time.Time{}}
}

// retryWindow is how long a delivery ID is remembered: chat services
// retry within seconds to minutes.
const retryWindow = time.Hour

// maxSeen bounds the delivery IDs remembered.
const maxSeen = 100_000

// Vote takes a 👍 or 👎 (e.Vote) on an answer, unless a delivery with the
// same ID (the press's or interaction's; empty for none) was taken within
// the hour. It reports whether the vote was taken.
func (r *Recorder) Vote(id string, e Entry) (bool, error) {
	if r == nil {
		return false, nil
	}
	r.mu.Lock()
	now := r.now()
	if id != "" {
		if at, ok := r.seen[id]; ok && now.Sub(at) < retryWindow {
			r.mu.Unlock()
			return false, nil
		}
		if len(r.seen) >= maxSeen {
			for k, at := range r.seen {
				if now.Sub(at) >= retryWindow || len(r.seen) >= maxSeen {
					delete(r.seen, k)
				}
			}
		}
		r.seen[id] = now
	}
	r.mu.Unlock()
	e.Kind, e.Time = KindVote, now.UTC()
	if r.Counted != nil {
		r.Counted(e.Adapter, e.Vote)
	}
	if r.log == nil {
		return true, nil
	}
	return true, r.log.add(e)
}

// Unanswered takes a question nothing answered.
func (r *Recorder) Unanswered(e Entry) error {
	if r == nil || r.log == nil {
		return nil
	}
	e.Kind, e.Time = KindUnanswered, r.now().UTC()
	return r.log.add(e)
}

// ReadEntries reads every entry of the log at path.
func ReadEntries(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("feedback log: %w", err)
	}
	defer f.Close()
	var out []Entry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), maxLogLine)
	for sc.Scan() {
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return out, fmt.Errorf("feedback log %s: %w", path, err)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}
